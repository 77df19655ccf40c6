package io.warden.node.domain;

import io.warden.node.domain.support.Bytes;
import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state machine reuses what history evicts (events, value arrays), what sessions acknowledge (answers) and what
 * locks let go of (claims, idle locks). None of that may show: every read, watch event and lock answer stays what it
 * would be with fresh objects.
 */
final class ReuseTest
{
    private static final long ROUTE = Harness.DEFAULT_ROUTE;
    private static final int HISTORY_EVENTS = 8;

    private final Harness h = new Harness();
    private final long s = h.openSession(100_000);

    @Test
    void reusedValueArraysNeverChangeWhatReadsAndWatchesSee()
    {
        assertEquals(ResultCode.OK, h.configureLimits(0, HISTORY_EVENTS, 0).code());
        assertEquals(ResultCode.OK, h.watch(1, "/r/", true, true, 0).code());
        final TreeMap<Long, Map<String, String>> stateAt = new TreeMap<>();
        final Map<String, String> model = new HashMap<>();
        final List<String[]> expectedChanges = new ArrayList<>();
        for (int i = 1; i <= 300; i++)
        {
            final String key = "/r/k" + (i % 3);
            final String value = String.format("%04d", i);
            final String previous = model.put(key, value);
            final long revision = h.put(s, key, value).as(Reply.Put.class).revision();
            stateAt.put(revision, Map.copyOf(model));
            expectedChanges.add(new String[] { key, value, previous == null ? "" : previous });

            assertEquals(value, h.get(key).as(Reply.Get.class).entry().value().utf8());
            for (long back = 1; back <= HISTORY_EVENTS && revision - back > stateAt.firstKey(); back++)
            {
                final long at = revision - back;
                final Reply.Range past = h.range("/r/", "", 0, at).as(Reply.Range.class);
                if (past.code() == ResultCode.COMPACTED)
                {
                    continue;
                }
                assertEquals(ResultCode.OK, past.code());
                final Map<String, String> seen = new HashMap<>();
                past.entries().forEach(e -> seen.put(e.key(), e.value().utf8()));
                assertEquals(stateAt.floorEntry(at).getValue(), seen, "the keys as they were at revision " + at);
            }
        }
        final List<Change> changes = h.events().changes(ROUTE, 1);
        assertEquals(expectedChanges.size(), changes.size());
        for (int i = 0; i < changes.size(); i++)
        {
            assertEquals(expectedChanges.get(i)[0], changes.get(i).key());
            assertEquals(Bytes.of(expectedChanges.get(i)[1]), changes.get(i).value());
            assertEquals(Bytes.of(expectedChanges.get(i)[2]), changes.get(i).prevValue(), "prevValue of change " + i);
        }
    }

    @Test
    void aReleasedLockIsGoneAndTakingItAgainIsLikeTakingANewOne()
    {
        final long first = h.acquire(s, "/l/a", 0).as(Reply.Lock.class).token();
        assertEquals(ResultCode.OK, h.release(s, "/l/a", first).code());

        assertEquals(ResultCode.NOT_FOUND, h.describeLock("/l/a").code());
        assertEquals(0, h.status().as(Reply.Status.class).counters().locks());
        assertEquals(ResultCode.STALE_FENCE, h.checkFence("/l/a", first).code());
        assertEquals(ResultCode.NOT_HOLDER, h.release(s, "/l/a", first).code());

        final long second = h.acquire(s, "/l/a", 0).as(Reply.Lock.class).token();
        assertTrue(second > first);
        assertEquals(1, h.status().as(Reply.Status.class).counters().locks());
        assertEquals(ResultCode.OK, h.checkFence("/l/a", second).code());
        assertEquals(ResultCode.STALE_FENCE, h.checkFence("/l/a", first).code());
    }

    @Test
    void reusedClaimsCarryTheirOwnSessionAndSequenceIntoGrants()
    {
        final long s2 = h.openSession(100_000);
        final long s3 = h.openSession(100_000);
        final long s4 = h.openSession(100_000);
        final long held = h.acquire(s, "/l/q", 0).as(Reply.Lock.class).token();
        assertEquals(ResultCode.QUEUED, h.acquire(s2, "/l/q", 1_000).code());
        assertEquals(ResultCode.QUEUED, h.acquire(s3, "/l/q", -1).code());
        h.advance(1_001);
        h.fireDueTimers();
        assertEquals(ResultCode.QUEUED, h.acquire(s4, "/l/q", -1).code(), "may reuse the timed-out claim");
        final long s4Seq = h.lastSeq(s4);

        assertEquals(ResultCode.OK, h.release(s, "/l/q", held).code());
        final Reply.LockDescription description = h.describeLock("/l/q").as(Reply.LockDescription.class);
        assertEquals(s3, description.holders().get(0).sessionId());
        assertEquals(List.of(s4), description.waiterSessionIds());

        final long s3Token = description.holders().get(0).token();
        assertEquals(ResultCode.OK, h.release(s3, "/l/q", s3Token).code());
        final Event.LockEnded granted = h.events().lockEnded().get(h.events().lockEnded().size() - 1);
        assertEquals(s4, granted.sessionId());
        assertEquals(s4Seq, granted.requestSeq());
        assertEquals(ResultCode.OK, granted.code());
    }
}
