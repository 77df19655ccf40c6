package io.warden.node.domain;

import io.warden.node.domain.support.Bytes;
import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.warden.node.domain.support.TxnBuilder.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WatchTest
{
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();
    private final long s = h.openSession(100_000);

    private static List<String> keys(final List<Change> changes)
    {
        return changes.stream().map(Change::key).toList();
    }

    private static List<Long> revisions(final List<Change> changes)
    {
        return changes.stream().map(Change::revision).toList();
    }

    /**
     * Which watches (by id) got a batch, in order.
     */
    private List<Long> notified()
    {
        final List<Long> ids = h.events().watchBatches().stream().map(Event.WatchEvents::watchId).toList();
        h.events().clear();
        return ids;
    }

    @Test
    void keyWatchesMatchOneKeyAndPrefixWatchesEveryKeyUnderThem()
    {
        h.watch(1, "/a", false, false, 0);
        h.watch(2, "/a", true, false, 0);
        h.watch(3, "/a/", true, false, 0);
        h.watch(4, "", true, false, 0);

        h.put(s, "/a", "1");
        assertEquals(List.of(1L, 4L, 2L), notified());
        h.put(s, "/a/x", "1");
        assertEquals(List.of(4L, 2L, 3L), notified());
        h.put(s, "/ab", "1");
        assertEquals(List.of(4L, 2L), notified());
        h.put(s, "/b", "1");
        assertEquals(List.of(4L), notified());
        h.delete(s, "/a");
        assertEquals(List.of(1L, 4L, 2L), notified());
    }

    @Test
    void aLiveEventCarriesTheChangeAndWhatItReplaced()
    {
        h.put(s, "/k", "old");
        final Reply registered = h.route(6).watch(9, "/k", false, true, 0);
        assertEquals(new Reply.Watch(6, registered.correlationId(), ResultCode.OK, 9, 1, 0), registered);

        h.route(ROUTE).putEphemeral(s, "/k", "new");
        h.delete(s, "/k");

        final List<Event.WatchEvents> batches = h.events().watchBatches();
        assertEquals(2, batches.size());
        assertEquals(6, batches.get(0).route());
        assertTrue(batches.get(0).withPrevValue());
        assertEquals(
            new Change(EventType.PUT, 2, "/k", Bytes.of("new"), 1, 2, 2, s, Bytes.of("old"), 1, 1, 1, 0),
            batches.get(0).changes().get(0));
        assertEquals(
            new Change(EventType.DELETE, 3, "/k", Bytes.empty(), 0, 3, 0, 0, Bytes.of("new"), 1, 2, 2, s),
            batches.get(1).changes().get(0));
    }

    @Test
    void thePrevValueFlagTravelsWithEachBatch()
    {
        h.watch(1, "/k", false, true, 0);
        h.watch(2, "/k", false, false, 0);

        h.put(s, "/k", "v");

        assertEquals(List.of(true, false),
            h.events().watchBatches().stream().map(Event.WatchEvents::withPrevValue).toList());
    }

    @Test
    void startRevisionZeroMeansFromNow()
    {
        h.put(s, "/w/1", "x");
        h.put(s, "/w/2", "x");

        final Reply reply = h.watch(1, "/w/", true, false, 0);

        assertEquals(new Reply.Watch(ROUTE, reply.correlationId(), ResultCode.OK, 1, 2, 0), reply);
        assertTrue(h.events().isEmpty());
        h.put(s, "/w/3", "x");
        assertEquals(List.of(3L), revisions(h.events().changes(ROUTE, 1)));
    }

    @Test
    void anOldStartRevisionReplaysTheHistoryInOneBatch()
    {
        for (int i = 1; i <= 5; i++)
        {
            h.put(s, "/w/" + i, "x");
            h.put(s, "/other/" + i, "x");
        }

        h.watch(1, "/w/", true, false, 4);

        final List<Event.WatchEvents> batches = h.events().watchBatches();
        assertEquals(1, batches.size());
        assertEquals(List.of("/w/3", "/w/4", "/w/5"), keys(batches.get(0).changes()));
        assertEquals(List.of(5L, 7L, 9L), revisions(batches.get(0).changes()));

        h.put(s, "/w/6", "x");
        assertEquals(List.of(5L, 7L, 9L, 11L), revisions(h.events().changes(ROUTE, 1)));
    }

    @Test
    void aStartRevisionAheadOfNowWaitsForIt()
    {
        h.put(s, "/k", "1");

        h.watch(1, "/k", false, false, 3);

        h.put(s, "/k", "2");
        assertTrue(h.events().isEmpty());
        h.put(s, "/k", "3");
        assertEquals(List.of(3L), revisions(h.events().changes(ROUTE, 1)));
    }

    @Test
    void reRegisteringAWatchIdReplacesIt()
    {
        h.watch(7, "/a", false, false, 0);
        h.put(s, "/b", "1");

        h.watch(7, "/b", false, false, 0);
        h.put(s, "/a", "2");
        h.put(s, "/b", "3");

        assertEquals(List.of("/b"), keys(h.events().changes(ROUTE, 7)));
        assertEquals(1, h.status().as(Reply.Status.class).counters().watches());
    }

    @Test
    void resumingFromTheLastDeliveredRevisionSkipsAndRepeatsNothing()
    {
        h.watch(1, "/r/", true, false, 0);
        h.put(s, "/r/a", "1");
        h.put(s, "/r/b", "2");
        final long lastDelivered = h.events().changes(ROUTE, 1).get(1).revision();
        h.events().clear();
        h.put(s, "/r/c", "3");
        h.put(s, "/r/a", "4");
        h.events().clear();

        h.watch(1, "/r/", true, false, lastDelivered + 1);

        assertEquals(List.of("/r/c", "/r/a"), keys(h.events().changes(ROUTE, 1)));
        assertEquals(1, h.events().watchBatches().size());
        assertEquals(1, h.status().as(Reply.Status.class).counters().watches());
    }

    @Test
    void aStartRevisionOlderThanTheHistoryIsCompacted()
    {
        h.configureLimits(0, 3, 0);
        for (int i = 1; i <= 6; i++)
        {
            h.put(s, "/k", "v" + i);
        }
        final long digest = h.digest();

        final Reply compacted = h.watch(1, "/k", false, false, 3);

        assertEquals(new Reply.Watch(ROUTE, compacted.correlationId(), ResultCode.COMPACTED, 1, 6, 3), compacted);
        assertEquals(digest, h.digest());
        assertTrue(h.events().isEmpty());

        final Reply resumed = h.watch(1, "/k", false, false, 4);
        assertEquals(new Reply.Watch(ROUTE, resumed.correlationId(), ResultCode.OK, 1, 6, 3), resumed);
        assertEquals(List.of(4L, 5L, 6L), revisions(h.events().changes(ROUTE, 1)));
    }

    @Test
    void historyIsAlsoBoundedByBytes()
    {
        h.configureLimits(0, 0, 3_000);
        for (int i = 1; i <= 10; i++)
        {
            h.put(s, Key.of("/k"), new byte[1_000], false);
        }

        final Reply.Counters counters = h.status().as(Reply.Status.class).counters();
        assertTrue(counters.historyBytes() <= 3_000);
        assertEquals(10 - counters.historyEvents(), counters.compactRevision());
        assertEquals(ResultCode.COMPACTED, h.watch(1, "/k", false, false, counters.compactRevision()).code());
        assertEquals(ResultCode.OK, h.watch(1, "/k", false, false, counters.compactRevision() + 1).code());
    }

    @Test
    void historyKeepsEveryRecentRevisionThroughWrapAndGrowth()
    {
        h.configureLimits(0, 1_000, 0);
        for (int i = 1; i <= 2_500; i++)
        {
            h.put(s, "/k/" + (i % 7), "v" + i);
        }
        h.configureLimits(0, 5_000, 0);
        for (int i = 2_501; i <= 7_000; i++)
        {
            h.put(s, "/k/" + (i % 7), "v" + i);
        }
        final Reply.Counters counters = h.status().as(Reply.Status.class).counters();
        assertEquals(5_000, counters.historyEvents());
        assertEquals(2_000, counters.compactRevision());

        h.watch(1, "/k/", true, false, 2_001);

        final List<Change> replayed = h.events().changes(ROUTE, 1);
        assertEquals(5_000, replayed.size());
        for (int i = 0; i < replayed.size(); i++)
        {
            final long revision = 2_001 + i;
            assertEquals(revision, replayed.get(i).revision());
            assertEquals("/k/" + (revision % 7), replayed.get(i).key());
            assertEquals(Bytes.of("v" + revision), replayed.get(i).value());
        }
        assertEquals(ResultCode.COMPACTED, h.range("/k/", "", 0, 1_999).code());
        final Reply.Range asOf = h.range("/k/", "", 0, 2_000).as(Reply.Range.class);
        assertEquals(List.of("/k/0", "/k/1", "/k/2", "/k/3", "/k/4", "/k/5", "/k/6"), asOf.keys());
        assertEquals("v1995", asOf.entries().get(0).text());
        assertEquals("v2000", asOf.entries().get(5).text());
    }

    @Test
    void oneBatchPerWatchPerCommand()
    {
        h.put(s, "/t/x", "old");
        h.watch(1, "/t/", true, false, 0);
        h.watch(2, "/t/y", false, false, 0);

        h.txn(s, txn().thenPut("/t/x", "1").thenPut("/t/y", "2").thenPut("/t/z", "3").thenPut("/u", "4"));

        final List<Event.WatchEvents> batches = h.events().watchBatches();
        assertEquals(2, batches.size());
        assertEquals(1, batches.get(0).watchId());
        assertEquals(List.of("/t/x", "/t/y", "/t/z"), keys(batches.get(0).changes()));
        assertEquals(List.of(2L, 2L, 2L), revisions(batches.get(0).changes()));
        assertEquals(2, batches.get(1).watchId());
        assertEquals(List.of("/t/y"), keys(batches.get(1).changes()));

        h.events().clear();
        h.deletePrefix(s, "/t/");
        assertEquals(List.of(1L, 2L), notified());
    }

    @Test
    void cancelStopsDeliveryAndOnlyTheOwningRouteCanCancel()
    {
        h.watch(1, "/k", false, false, 0);

        final Reply elsewhere = h.route(2).cancelWatch(1);
        assertEquals(ResultCode.NOT_FOUND, elsewhere.code());
        final Reply cancelled = h.route(ROUTE).cancelWatch(1);
        assertEquals(new Reply.Watch(ROUTE, cancelled.correlationId(), ResultCode.OK, 1, 0, 0), cancelled);
        h.put(s, "/k", "v");

        assertTrue(h.events().isEmpty());
        assertEquals(ResultCode.NOT_FOUND, h.cancelWatch(1).code());
        assertEquals(0, h.status().as(Reply.Status.class).counters().watches());
    }

    @Test
    void aClosedRouteLosesItsWatchesOnly()
    {
        h.route(5).watch(1, "/k", false, false, 0);
        h.watch(2, "/", true, false, 0);
        h.route(6).watch(1, "/k", false, false, 0);

        h.routeClosed(5);
        h.put(s, "/k", "v");

        assertEquals(List.of(6L), h.events().watchBatches().stream().map(Event.WatchEvents::route).toList());
        assertEquals(1, h.status().as(Reply.Status.class).counters().watches());
        assertEquals(ResultCode.NOT_FOUND, h.route(5).cancelWatch(2).code());
    }

    @Test
    void aRouteClosingDoesNotEndTheSessionsItCarried()
    {
        final long carried = h.route(5).openSession(10_000);

        h.routeClosed(5);

        // the gateway's next connection keeps it alive
        assertEquals(List.of(), h.route(6).keepAlive(carried).as(Reply.KeepAlive.class).failedSessionIds());
        assertTrue(h.events().isEmpty());
    }

    @Test
    void watchesPerConnectionAreLimited()
    {
        for (int i = 0; i < WardenLimits.MAX_WATCHES_PER_CONNECTION; i++)
        {
            h.watch(i, "/k/" + i, false, false, 0);
        }
        final long digest = h.digest();

        final Reply.Refused refused = h.watch(-1, "/k", false, false, 0).as(Reply.Refused.class);
        assertEquals(ResultCode.QUOTA_EXCEEDED, refused.code());
        assertEquals(WardenLimits.MAX_WATCHES_PER_CONNECTION, refused.limit());
        assertEquals(WardenLimits.MAX_WATCHES_PER_CONNECTION, refused.usage());
        assertEquals(digest, h.digest());
        assertEquals(ResultCode.OK, h.watch(0, "/k/again", false, false, 0).code(), "resuming an existing id");
        assertEquals(ResultCode.OK, h.route(2).watch(-1, "/k", false, false, 0).code(), "another connection");
        h.route(ROUTE).cancelWatch(5);
        assertEquals(ResultCode.OK, h.watch(-1, "/k", false, false, 0).code());
    }

    @Test
    void badWatchArgumentsAreRefused()
    {
        final long digest = h.digest();

        assertEquals(ResultCode.INVALID_KEY, h.watch(1, "", false, false, 0).code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.watch(1, "/" + "k".repeat(1024), true, false, 0).code());
        assertEquals(ResultCode.INVALID_KEY, h.watch(1, Key.copyOf(new byte[]{ (byte)0xED, (byte)0xA0, (byte)0x80 },
            0, 3), true, false, 0).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.watch(1, "/k", false, false, -1).code());
        assertEquals(digest, h.digest());
        assertFalse(h.status().as(Reply.Status.class).counters().watches() > 0);
    }

    @Test
    void progressAnswersTheCurrentRevision()
    {
        h.put(s, "/k", "v");
        h.acquire(s, "/lock", 0);

        final Reply progress = h.progress();
        assertEquals(new Reply.Progress(ROUTE, progress.correlationId(), ResultCode.OK, 2), progress);
    }
}
