package io.warden.bench.chaos.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class HistoryRecorderTest
{
    @Test
    void manyThreadsRecordEveryCallOnce() throws InterruptedException
    {
        final HistoryRecorder recorder = new HistoryRecorder();
        final int threads = 4;
        final int callsPerThread = 2_000;
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int process = t;
            workers.add(new Thread(() ->
            {
                for (int i = 0; i < callsPerThread; i++)
                {
                    final HistoryRecorder.Call call = recorder.invoke(process, "put", "k" + (i % 3), "v" + process + "-" + i);
                    switch (i % 3)
                    {
                        case 0 -> call.ok(Long.toString(i));
                        case 1 -> call.fail();
                        default -> call.unknown();
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        for (final Thread w : workers)
        {
            w.join();
        }

        final List<Op> history = recorder.history();
        assertEquals(threads * callsPerThread, history.size());
        final Set<Long> ids = new HashSet<>();
        long unknown = 0;
        for (final Op op : history)
        {
            assertTrue(ids.add(op.id()), "ids are unique");
            assertTrue(op.completeNs() >= op.invokeNs());
            if (op.outcome() == Outcome.UNKNOWN)
            {
                unknown++;
                assertEquals(Op.NEVER, op.completeNs());
            }
        }
        assertEquals(threads * (callsPerThread / 3), unknown, "every third call per thread, from i = 2");
        assertEquals(0, recorder.openCalls());
    }

    @Test
    void openCallsAppearAsUnknownAndCompleteOnlyOnce()
    {
        final AtomicLong clock = new AtomicLong();
        final HistoryRecorder recorder = new HistoryRecorder(clock::incrementAndGet);
        final HistoryRecorder.Call done = recorder.invoke(1, "write", null, "1");
        final HistoryRecorder.Call open = recorder.invoke(2, "write", null, "2");
        done.ok();

        final List<Op> history = recorder.history();
        assertEquals(2, history.size());
        assertEquals(new Op(done.id(), 1, "write", null, Op.values("1"), Op.values(), Outcome.OK, 1, 3), history.get(0));
        assertEquals(Op.unknown(open.id(), 2, "write", null, Op.values("2"), 2), history.get(1));
        assertThrows(IllegalStateException.class, done::unknown);
        assertEquals(1, recorder.openCalls());
    }

    @Test
    void jsonLinesRoundTrip(@TempDir final Path dir) throws IOException
    {
        final List<Op> ops = List.of(
            Op.ok(0, 3, "cas", "k1", Op.values("1", "2"), Op.values("true"), 100, 250),
            Op.ok(1, 4, "read", null, Op.values(), Op.values((String)null), 120, 130),
            new Op(2, 5, "write", "k\"\\\n\t\u0001é", Op.values("x"), null, Outcome.FAIL, 140, 150),
            Op.unknown(3, 6, "put", "/a/b", Op.values("v \"quoted\""), 160),
            Op.ok(4, -1, "get", "", Op.values(), Op.values("", "0"), Long.MIN_VALUE + 1, Long.MAX_VALUE - 1));
        final Path file = dir.resolve("sub/history.jsonl");
        JsonlHistory.write(file, ops);
        assertEquals(ops, JsonlHistory.read(file));

        final StringBuilder sb = new StringBuilder();
        JsonlHistory.toJson(sb, ops.get(3));
        assertEquals("{\"id\":3,\"process\":6,\"kind\":\"put\",\"key\":\"/a/b\",\"input\":[\"v \\\"quoted\\\"\"]," +
            "\"output\":[],\"outcome\":\"UNKNOWN\",\"invokeNs\":160,\"completeNs\":null}", sb.toString());
    }

    @Test
    void recorderWritesJsonLines(@TempDir final Path dir) throws IOException
    {
        final HistoryRecorder recorder = new HistoryRecorder();
        recorder.invoke(0, "get", "k").ok("v", "7");
        recorder.invoke(1, "put", "k", "w").unknown();
        final Path file = dir.resolve("h.jsonl");
        recorder.writeJsonl(file);
        assertEquals(recorder.history(), JsonlHistory.read(file));
    }

    @Test
    void malformedLineIsReportedWithItsNumber()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> JsonlHistory.fromJson("{\"id\":1,\"process\":0,\"kind\":\"get\",\"outcome\":\"MAYBE\",\"invokeNs\":1}"));
        assertTrue(ex.getMessage().contains("MAYBE"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonlHistory.fromJson("{\"id\":1,"));
        assertThrows(IllegalArgumentException.class, () -> JsonlHistory.fromJson("[1]"));
    }

    @Test
    void opRejectsACompletionBeforeItsInvocation()
    {
        assertThrows(IllegalArgumentException.class, () -> Op.ok(0, 0, "get", "k", null, null, 10, 9));
    }
}
