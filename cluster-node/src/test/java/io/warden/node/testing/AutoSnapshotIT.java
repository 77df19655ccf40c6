package io.warden.node.testing;

import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.RecordingLog;
import io.warden.node.audit.LogReplay;
import io.warden.node.audit.RecordingFiles;
import io.warden.node.launcher.NodeConfig;
import io.warden.schema.protocol.PutResponseDecoder;
import io.warden.schema.protocol.RangeResponseDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.SessionResponseDecoder;
import io.warden.schema.protocol.StatusResponseDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 4: a cell that snapshots and purges by itself. With a 1 MiB log-growth trigger and 1 MiB segments, a few MiB
 * of writes make the leader ask for snapshots nobody requested; every node then keeps the two newest snapshots and
 * the log from the older of them on, and nothing before; a whole-cell restart from what is left loses nothing.
 */
final class AutoSnapshotIT
{
    private static final int MIB = 1024 * 1024;
    private static final int VALUE_LENGTH = 4 * 1024;
    private static final int KEYS = 200;

    private TestCluster cluster;
    private WardenTestClient client;

    @AfterEach
    void tearDown()
    {
        TestCluster.tearDown(cluster, Collections.singletonList(client));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void logGrowthSnapshotsAndPurgesOnEveryNodeAndARestartLosesNothing()
    {
        cluster = TestCluster.start(3, config -> config
            .logTermLength(MIB)
            .segmentLength(MIB)
            .snapshotLogBytes(MIB)
            .snapshotIntervalNs(0)
            .snapshotKeep(2));
        cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);

        final SessionResponseDecoder opened = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, 30_000, 7, "auto-snapshot"), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, opened.code());
        final long session = opened.sessionId();

        // at least 6 MiB of log, and on until every node took three snapshots nobody asked for (the trigger is looked
        // at once a second, so a fast run may need more writes); every value rewritten several times
        final byte[] value = new byte[VALUE_LENGTH];
        long seq = 0;
        int rounds = 0;
        for (int round = 0; round < 1_500 || (!allRunningHaveSnapshots(3) && round < 20_000); round++)
        {
            rounds = round + 1;
            final int key = round % KEYS;
            Arrays.fill(value, (byte)('a' + round % 26));
            final long requestSeq = ++seq;
            final PutResponseDecoder put = client.call(session, requestSeq, requestSeq - 1,
                (w, b) -> w.put(b, 0, false, ("/auto/" + key).getBytes(StandardCharsets.UTF_8), value, 0,
                value.length), new PutResponseDecoder());
            assertEquals(ResultCode.OK, put.code());
        }

        cluster.await(() -> allRunningHaveSnapshots(3), 60_000, "three automatic snapshots on every node");
        cluster.await(this::everyNodeKeptOnlyWhatItNeeds, 30_000, "every node to purge its log and old snapshots");

        final long revisionBefore = status().revision();
        final long latestSnapshot = cluster.snapshotPosition(0);
        final long latestDigest = cluster.snapshotDigest(0);
        client.close();
        client = null;
        cluster.stopAll();

        // what an offline tool (the audit, a restore by revision) reads from what purging left: the older kept
        // snapshot, then the log after it, through the newer snapshot, whose digest the replay must agree with
        final NodeConfig first = cluster.config(0);
        final LogReplay.Result replayed =
            LogReplay.replayNode(Path.of(first.clusterDir()), Path.of(first.archiveDir()), true);
        assertEquals(List.of(), replayed.errors());
        assertTrue(replayed.startPosition() > 0 && replayed.startPosition() < latestSnapshot,
            "replayed from the older kept snapshot at " + replayed.startPosition() + ", before " + latestSnapshot);
        assertEquals(latestDigest, replayed.snapshotDigests().get(latestSnapshot), "digest at the newer snapshot");
        assertEquals(revisionBefore, replayed.finalRevision());
        assertTrue(replayed.changes().size() > 0 && replayed.changes().stream()
            .allMatch(change -> change.revision() > replayed.startRevision() && change.key().startsWith("/auto/")),
            "only the changes after the snapshot, as key changes: " + replayed.changes().size());

        cluster.startAll();
        cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);

        assertEquals(revisionBefore, status().revision(), "the restart replayed from a kept snapshot");
        int count = 0;
        String after = "";
        while (true)
        {
            final String startAfter = after;
            final RangeResponseDecoder range = client.call(0, 0, 0,
                (w, b) -> w.range(b, 0, "/auto/", startAfter, 0, 0), new RangeResponseDecoder());
            int inPage = 0;
            for (final RangeResponseDecoder.EntriesDecoder entry : range.entries())
            {
                final String name = entry.key();
                final int key = Integer.parseInt(name.substring("/auto/".length()));
                final int lastRound = key + KEYS * ((rounds - 1 - key) / KEYS);
                final byte[] read = new byte[entry.valueLength()];
                entry.getValue(read, 0, read.length);
                assertEquals(VALUE_LENGTH, read.length);
                assertEquals('a' + lastRound % 26, read[0], "the last value written to " + name);
                after = name;
                inPage++;
            }
            if (0 == inPage)
            {
                break;
            }
            count += inPage;
        }
        assertEquals(KEYS, count);

        cluster.takeSnapshot();
        final long digest = cluster.snapshotDigest(cluster.awaitLeader());
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            assertEquals(digest, cluster.snapshotDigest(id), "digest of node " + id);
        }
    }

    private StatusResponseDecoder status()
    {
        return client.call(0, 0, 0, (w, b) -> w.status(b, 0), new StatusResponseDecoder());
    }

    private boolean allRunningHaveSnapshots(final int count)
    {
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            if (cluster.snapshotCount(id) < count)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * On every node: no snapshot recording older than the two newest valid ones is left in the archive, and the log
     * recording has no segment wholly below the older of the two.
     */
    private boolean everyNodeKeptOnlyWhatItNeeds()
    {
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            final File clusterDir = new File(cluster.config(id).clusterDir());
            final File archiveDir = new File(cluster.config(id).archiveDir());
            final List<RecordingLog.Entry> entries;
            try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
            {
                entries = recordingLog.entries();
            }

            final TreeSet<Long> positions = new TreeSet<>();
            long logRecordingId = -1;
            for (final RecordingLog.Entry entry : entries)
            {
                if (RecordingLog.ENTRY_TYPE_TERM == entry.type)
                {
                    logRecordingId = entry.recordingId;
                }
                else if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.isValid)
                {
                    positions.add(entry.logPosition);
                }
            }
            if (positions.size() < 3)
            {
                return false;
            }
            final long oldestKept = positions.descendingSet().stream().skip(1).findFirst().orElseThrow();

            for (final RecordingLog.Entry entry : entries)
            {
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT != entry.type)
                {
                    continue;
                }
                final boolean hasFiles = RecordingFiles.segmentBases(archiveDir, entry.recordingId).length > 0;
                if (entry.logPosition < oldestKept && hasFiles)
                {
                    return false;
                }
                if (entry.logPosition >= oldestKept)
                {
                    assertTrue(hasFiles, "node " + id + " deleted the kept snapshot recording " + entry.recordingId);
                }
            }

            final long[] logSegments = RecordingFiles.segmentBases(archiveDir, logRecordingId);
            assertFalse(logSegments.length == 0, "node " + id + " has no log left");
            final long lowest = logSegments[0];
            assertTrue(lowest <= oldestKept, "node " + id + " purged log it needs: starts at " + lowest +
                ", oldest kept snapshot at " + oldestKept);
            if (AeronArchive.segmentFileBasePosition(0, oldestKept, MIB, MIB) > lowest)
            {
                return false;
            }
        }
        return true;
    }
}
