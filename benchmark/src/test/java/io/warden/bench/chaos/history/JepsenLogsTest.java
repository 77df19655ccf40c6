package io.warden.bench.chaos.history;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class JepsenLogsTest
{
    @Test
    void etcdLogPairsCompletionsWithTheProcesssLatestInvocation()
    {
        final List<Op> ops = JepsenLogs.parseEtcd(List.of(
            "INFO  jepsen.core - Worker 0 starting",
            "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
            "INFO  jepsen.util - 1   :invoke :write  3",           // spaces instead of tabs, as some lines have
            "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 4]",
            "INFO  jepsen.util - 0\t:ok\t:read\tnil",
            "INFO  jepsen.util - 1\t:info\t:write\t:timed-out",
            "INFO  jepsen.util - 2\t:fail\t:cas\t[3 4]",
            "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
            "INFO  jepsen.util - 0\t:fail\t:read\t:timed-out",
            "INFO  jepsen.util - 2\t:invoke\t:cas\t[1 2]",
            "INFO  jepsen.util - 2\t:ok\t:cas\t[1 2]",
            "INFO  jepsen.util - 3\t:invoke\t:read\tnil",
            "INFO  jepsen.util - 3\t:ok\t:read\t4",
            "INFO  jepsen.util - 4\t:invoke\t:write\t0",
            "INFO  jepsen.nemesis - partition"));

        assertEquals(List.of(
            new Op(0, 0, "read", null, Op.values(), Op.values((String)null), Outcome.OK, 1, 4),
            Op.unknown(1, 1, "write", null, Op.values("3"), 2),
            new Op(2, 2, "cas", null, Op.values("3", "4"), Op.values("false"), Outcome.OK, 3, 6),
            new Op(3, 0, "read", null, Op.values(), null, Outcome.FAIL, 7, 8),
            new Op(4, 2, "cas", null, Op.values("1", "2"), Op.values("true"), Outcome.OK, 9, 10),
            new Op(5, 3, "read", null, Op.values(), Op.values("4"), Outcome.OK, 11, 12),
            Op.unknown(6, 4, "write", null, Op.values("0"), 13)), ops);
    }

    @Test
    void secondInvocationOfAProcessLeavesTheFirstOpen()
    {
        final List<Op> ops = JepsenLogs.parseEtcd(List.of(
            "INFO  jepsen.util - 0\t:invoke\t:write\t1",
            "INFO  jepsen.util - 0\t:invoke\t:write\t2",
            "INFO  jepsen.util - 0\t:ok\t:write\t2"));
        assertEquals(Op.unknown(0, 0, "write", null, Op.values("1"), 1), ops.get(0));
        assertEquals(new Op(1, 0, "write", null, Op.values("2"), Op.values(), Outcome.OK, 2, 3), ops.get(1));
    }

    @Test
    void completionWithoutInvocationIsAnError()
    {
        assertThrows(IllegalArgumentException.class,
            () -> JepsenLogs.parseEtcd(List.of("INFO  jepsen.util - 0\t:ok\t:read\t1")));
    }

    @Test
    void kvLogCarriesKeysAndStrings()
    {
        final List<Op> ops = JepsenLogs.parseKv(List.of(
            "{:process 0, :type :invoke, :f :append, :key \"0\", :value \"x 0 0 y\"}",
            "{:process 1, :type :invoke, :f :get, :key \"0\", :value nil}",
            "{:process 0, :type :ok, :f :append, :key \"0\", :value \"x 0 0 y\"}",
            "{:process 1, :type :ok, :f :get, :key \"0\", :value \"\"}",
            "{:process 2, :type :invoke, :f :put, :key \"7\", :value \"x 2 0 y\"}"));
        assertEquals(List.of(
            new Op(0, 0, "append", "0", Op.values("x 0 0 y"), Op.values(), Outcome.OK, 1, 3),
            new Op(1, 1, "get", "0", Op.values(), Op.values(""), Outcome.OK, 2, 4),
            Op.unknown(2, 2, "put", "7", Op.values("x 2 0 y"), 5)), ops);
    }
}
