package io.warden.node.testing;

import io.aeron.cluster.service.Cluster;
import io.warden.schema.protocol.GetResponseDecoder;
import io.warden.schema.protocol.PutResponseDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.SessionResponseDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Tier 4: a 5-node cell survives two failed members. The leader and a follower stop together; the three left elect
 * a leader and keep acknowledging writes; both come back as followers, catch up, and every one of the five
 * snapshots the same state.
 */
final class FiveNodeIT
{
    private TestCluster cluster;
    private WardenTestClient client;

    @AfterEach
    void tearDown()
    {
        TestCluster.tearDown(cluster, Collections.singletonList(client));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoFailedMembersLeaveAWorkingMajorityAndBothRejoin()
    {
        cluster = TestCluster.start(5);
        final int firstLeader = cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);
        final SessionResponseDecoder opened = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, 60_000, 5, "five"), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, opened.code());
        final long session = opened.sessionId();
        long seq = 0;
        for (int i = 0; i < 20; i++)
        {
            seq = put(session, seq, "/five/before/" + i);
        }

        final int follower = firstLeader == 4 ? 0 : 4;
        cluster.stopNode(firstLeader);
        cluster.stopNode(follower);
        final int secondLeader = cluster.awaitLeader();
        assertNotEquals(firstLeader, secondLeader);
        assertNotEquals(follower, secondLeader);
        for (int i = 0; i < 20; i++)
        {
            seq = put(session, seq, "/five/during/" + i);
        }

        cluster.startNode(firstLeader);
        cluster.startNode(follower);
        cluster.awaitRole(firstLeader, Cluster.Role.FOLLOWER, TestCluster.DEFAULT_TIMEOUT_MS);
        cluster.awaitRole(follower, Cluster.Role.FOLLOWER, TestCluster.DEFAULT_TIMEOUT_MS);
        seq = put(session, seq, "/five/after");

        final GetResponseDecoder get = client.call(0, 0, 0,
            (w, b) -> w.get(b, 0, "/five/during/19"), new GetResponseDecoder());
        assertEquals(ResultCode.OK, get.code());
        final byte[] value = new byte[get.valueLength()];
        get.getValue(value, 0, value.length);
        assertEquals("/five/during/19", new String(value, StandardCharsets.UTF_8), "written while two were down");

        cluster.takeSnapshot();
        final long digest = cluster.snapshotDigest(cluster.awaitLeader());
        assertNotEquals(0, digest);
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            assertEquals(digest, cluster.snapshotDigest(id), "digest of node " + id);
        }
    }

    private long put(final long session, final long seq, final String key)
    {
        final long next = seq + 1;
        final PutResponseDecoder put = client.call(session, next, seq,
            (w, b) -> w.put(b, 0, false, key, key.getBytes(StandardCharsets.UTF_8)), new PutResponseDecoder());
        assertEquals(ResultCode.OK, put.code(), key);
        return next;
    }
}
