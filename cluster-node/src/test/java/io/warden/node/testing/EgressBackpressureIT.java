package io.warden.node.testing;

import io.warden.node.metrics.MetricCounters;
import io.warden.schema.protocol.PutResponseDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.SessionResponseDecoder;
import io.warden.schema.protocol.StatusResponseDecoder;
import io.warden.schema.protocol.WatchEventsDecoder;
import io.warden.schema.protocol.WatchResponseDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader never waits on a connection that stops reading. A watcher's connection stops polling its egress (as a
 * paused gateway does) while another connection writes under the watched prefix, far past what the watcher's egress
 * term holds. Every write of the other connection is answered meanwhile. A stall within the per-connection backlog
 * bound loses nothing: once the watcher reads again it receives every change, in revision order, with no gap. A
 * stall past the bound cuts the watcher's connection through the log (its watch goes on every node), the writer
 * notices nothing, and the leader counts the cut.
 */
final class EgressBackpressureIT
{
    /** The smallest egress term a node accepts (its largest frame must hold the largest message). */
    private static final int EGRESS_TERM_LENGTH = 1024 * 1024;
    /** The backlog bound with that term: 32 frames of an eighth of the term, 4 MiB. */
    private static final int BACKLOG_LIMIT = EGRESS_TERM_LENGTH / 8 * 32;
    private static final byte[] VALUE = new byte[32 * 1024];
    /** About 2 MiB of events: more than the term and the receiver hold, within the bound. */
    private static final int WITHIN_BOUND = 64;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestCluster cluster;

    @AfterEach
    void tearDown()
    {
        TestCluster.tearDown(cluster, closeables);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStalledWatcherWithinTheBoundGetsEveryChangeAndOnePastItIsCutWhileTheWriterGoesOn()
    {
        cluster = TestCluster.start(3, config -> config.egressTermLength(EGRESS_TERM_LENGTH));
        final int leader = cluster.awaitLeader();
        final WardenTestClient writer = connect();
        final long session = openSession(writer);

        // within the bound
        final WardenTestClient watcher = connect();
        watch(watcher, 1, "/bp/a/");
        final long firstRevision = putMany(writer, session, "/bp/a/", WITHIN_BOUND, 1);
        final long lastRevision = firstRevision + WITHIN_BOUND - 1;
        cluster.await(() -> cluster.serviceCounter(leader, MetricCounters.EGRESS_BACKLOG_BYTES_TYPE_ID) > 0, 10_000,
            "some of the watcher's events to wait in the leader's backlog (its term and receiver are full)");
        final List<Long> revisions = new ArrayList<>();
        watcher.pollUntil(() ->
        {
            status(writer); // the log moves, as it does with every gateway's keepalives: backlogs drain per callback
            for (final UnsafeBuffer event : new ArrayList<>(watcher.events()))
            {
                final WatchEventsDecoder events = watcher.decodeEvent(event, new WatchEventsDecoder());
                for (final WatchEventsDecoder.EventsDecoder e : events.events())
                {
                    revisions.add(e.revision());
                }
                watcher.events().remove(event);
            }
            return revisions.size() >= WITHIN_BOUND;
        });
        final List<Long> expected = new ArrayList<>();
        for (long r = firstRevision; r <= lastRevision; r++)
        {
            expected.add(r);
        }
        assertEquals(expected, revisions, "every change, in order, none lost while the watcher did not read");
        assertEquals(0, cluster.serviceCounter(leader, MetricCounters.EGRESS_CUT_CONNECTIONS_TYPE_ID));

        // past the bound: the stalled connection is cut, the writer is answered throughout
        final WardenTestClient stalled = connect();
        watch(stalled, 2, "/bp/b/");
        final long watchesBefore = status(writer).watches();
        putMany(writer, session, "/bp/b/", 3 * BACKLOG_LIMIT / VALUE.length, WITHIN_BOUND + 1);
        cluster.await(() -> cluster.serviceCounter(leader, MetricCounters.EGRESS_CUT_CONNECTIONS_TYPE_ID) == 1,
            30_000, "the leader to cut the stalled connection");
        cluster.await(() -> status(writer).watches() == watchesBefore - 1, 30_000,
            "the cut connection's watch to go on every node (the close went through the log)");
        assertTrue(cluster.serviceCounter(leader, MetricCounters.EGRESS_BACKLOG_BYTES_TYPE_ID) < BACKLOG_LIMIT);
    }

    private WardenTestClient connect()
    {
        final WardenTestClient client = WardenTestClient.connect(cluster);
        closeables.add(client);
        return client;
    }

    private static long openSession(final WardenTestClient client)
    {
        final SessionResponseDecoder opened = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, 60_000, 77, "writer"), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, opened.code());
        return opened.sessionId();
    }

    private static void watch(final WardenTestClient client, final long watchId, final String prefix)
    {
        final WatchResponseDecoder watching = client.call(0, 0, 0,
            (w, b) -> w.watch(b, 0, watchId, prefix, true, false, 0), new WatchResponseDecoder());
        assertEquals(ResultCode.OK, watching.code());
    }

    /**
     * Put {@code count} keys under a prefix, each answered before the next is sent.
     *
     * @return the revision of the first put.
     */
    private static long putMany(
        final WardenTestClient writer, final long session, final String prefix, final int count, final long firstSeq)
    {
        long first = -1;
        for (int i = 0; i < count; i++)
        {
            final long seq = firstSeq + i;
            final String key = prefix + i;
            final PutResponseDecoder put = writer.call(session, seq, seq - 1,
                (w, b) -> w.put(b, 0, false, key, VALUE), new PutResponseDecoder());
            assertEquals(ResultCode.OK, put.code(), key);
            if (first < 0)
            {
                first = put.revision();
            }
        }
        return first;
    }

    private static StatusResponseDecoder status(final WardenTestClient client)
    {
        return client.call(0, 0, 0, (w, b) -> w.status(b, 0), new StatusResponseDecoder());
    }
}
