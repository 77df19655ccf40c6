package io.warden.node.testing;

import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.Cluster;
import io.warden.node.audit.RecordingFiles;
import io.warden.node.backup.BackupConfig;
import io.warden.node.backup.CellBackup;
import io.warden.node.backup.Restore;
import io.warden.node.launcher.NodeConfig;
import io.warden.schema.protocol.KeepAliveResponseDecoder;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.LockResponseDecoder;
import io.warden.schema.protocol.PutResponseDecoder;
import io.warden.schema.protocol.RangeResponseDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.SessionResponseDecoder;
import io.warden.schema.protocol.StatusResponseDecoder;
import io.warden.schema.protocol.WatchResponseDecoder;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 4: an online backup (Aeron's ClusterBackup, following the cell as an operator) and restores from it. Keys, a
 * session and a held lock are written, a snapshot is taken, more is written; once the backup holds the snapshot and
 * the log after it, every node's data is destroyed and the cell is seeded from the backup. Every node then loads
 * the snapshot with the digest the cell wrote, and every key, revision, the session and the lock's holder and token
 * are as before. A point-in-time restore to a log position between two writes brings back the first and not the
 * second.
 */
final class BackupRestoreIT
{
    private static final int KEYS_BEFORE_SNAPSHOT = 30;
    private static final int KEYS_AFTER_SNAPSHOT = 10;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestCluster cluster;
    private WardenTestClient client;

    @AfterEach
    void tearDown()
    {
        closeables.add(client);
        TestCluster.tearDown(cluster, closeables);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aDestroyedCellComesBackFromItsBackupWholeAndToAPointInTime()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);

        final SessionResponseDecoder opened = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, 120_000, 9, "backed-up"), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, opened.code());
        final long session = opened.sessionId();
        long seq = 0;
        for (int i = 0; i < KEYS_BEFORE_SNAPSHOT; i++)
        {
            seq = put(session, seq, "/b/before/" + i);
        }
        final long lockSeq = ++seq;
        final LockResponseDecoder lock = client.call(session, lockSeq, lockSeq - 1,
            (w, b) -> w.acquire(b, 0, "backup-lock", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder());
        assertEquals(ResultCode.OK, lock.code());
        final long token = lock.token();
        final WatchResponseDecoder watching = client.call(session, 0, 0,
            (w, b) -> w.watch(b, 0, 5, "/b/", true, false, 0), new WatchResponseDecoder());
        assertEquals(ResultCode.OK, watching.code());
        // a watch belongs to its gateway's connection, which a restore does not bring back (gateways watch again
        // when they reconnect): it is in the snapshot, and so in the digest every restored node must load
        assertEquals(1, status().watches());

        cluster.takeSnapshot();
        final int leader = cluster.awaitLeader();
        final long snapshotDigest = cluster.snapshotDigest(leader);
        final long snapshotPosition = cluster.snapshotPosition(leader);

        final File backupDir = new File(cluster.dataBaseDir(), "backup");
        final CellBackup backup = CellBackup.launch(
            BackupConfig.forCell(cluster.config(0), backupSettings(backupDir, "600s")), System.out, () -> {});
        closeables.add(backup);

        long pointInTime = -1;
        long revisionOfSixth = -1;
        for (int i = 0; i < KEYS_AFTER_SNAPSHOT; i++)
        {
            seq = put(session, seq, "/b/after/" + i);
            if (4 == i)
            {
                // after /b/after/4 was acknowledged and before /b/after/5 is sent
                pointInTime = cluster.commitPosition(cluster.awaitLeader());
            }
            if (6 == i)
            {
                revisionOfSixth = lastPutRevision;
            }
        }
        final long revisionBefore = status().revision();
        final TreeMap<String, String> keysBefore = keys();
        final long end = cluster.commitPosition(cluster.awaitLeader());

        cluster.await(() -> backup.snapshotPositions().contains(snapshotPosition) && backup.liveLogPosition() >= end,
            60_000, "the backup to hold the snapshot at " + snapshotPosition + " and the log to " + end +
            " (it holds " + backup.snapshotPositions() + ", live log at " + backup.liveLogPosition() + ")");

        client.close();
        client = null;
        CloseHelper.close(backup);
        closeables.remove(backup);

        restoreEveryNode(backupDir, Restore.ALL);
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            assertEquals(snapshotDigest, cluster.snapshotDigest(id), "node " + id + " loaded the cell's snapshot");
            assertEquals(snapshotPosition, cluster.snapshotPosition(id));
        }
        assertEquals(revisionBefore, status().revision());
        assertEquals(keysBefore, keys(), "every key, with its value and revisions");
        final KeepAliveResponseDecoder keepAlive = client.call(0, 0, 0,
            (w, b) -> w.keepAliveBatch(b, 0, new long[]{ session }, 1), new KeepAliveResponseDecoder());
        assertEquals(0, keepAlive.failures().count(), "the session came back");
        final LockResponseDecoder held = client.call(session, 0, 0,
            (w, b) -> w.lockStatus(b, 0, "backup-lock"), new LockResponseDecoder());
        assertEquals(ResultCode.OK, held.code());
        assertEquals(token, held.token(), "the lock is held with its token");
        final long next = seq + 1;
        final PutResponseDecoder after = client.call(session, next, seq,
            (w, b) -> w.put(b, 0, false, "/b/restored", "x".getBytes(StandardCharsets.UTF_8)),
            new PutResponseDecoder());
        assertEquals(revisionBefore + 1, after.revision(), "revisions go on from the backup's, never reused");

        client.close();
        client = null;
        cluster.stopAll();
        cluster.wipeNode(0);
        final NodeConfig first = cluster.config(0);
        final File firstClusterDir = new File(first.clusterDir());
        final File firstArchiveDir = new File(first.archiveDir());
        final IllegalStateException pastTheEnd = assertThrows(
            IllegalStateException.class,
            () -> Restore.seed(backupDir, firstClusterDir, firstArchiveDir, Long.MAX_VALUE / 2, System.out));
        assertTrue(pastTheEnd.getMessage().contains("past the end"), pastTheEnd.getMessage());
        assertFalse(new File(firstClusterDir, "recording.log").exists(), "a failed restore leaves the node empty");
        restoreEveryNode(backupDir, pointInTime);
        final TreeMap<String, String> keysThen = keys();
        assertTrue(keysThen.containsKey("/b/after/4"), "written before the point in time: " + keysThen.keySet());
        assertFalse(keysThen.containsKey("/b/after/5"), "written after it: " + keysThen.keySet());
        assertFalse(keysThen.containsKey("/b/restored"));
        assertEquals(KEYS_BEFORE_SNAPSHOT + 5, keysThen.size());

        // and by revision: the state when /b/after/6's put was the latest change
        final long toRevision = revisionOfSixth;
        restoreEveryNode(id -> Restore.seedToRevision(backupDir, new File(cluster.config(id).clusterDir()),
            new File(cluster.config(id).archiveDir()), toRevision, System.out));
        assertEquals(toRevision, status().revision(), "the cell is at the revision asked for");
        final TreeMap<String, String> keysAtRevision = keys();
        assertEquals(keysBefore.get("/b/after/6"), keysAtRevision.get("/b/after/6"));
        assertFalse(keysAtRevision.containsKey("/b/after/7"), "written after it: " + keysAtRevision.keySet());
        assertEquals(KEYS_BEFORE_SNAPSHOT + 7, keysAtRevision.size());
        client.close();
        client = null;
        cluster.stopAll();
        cluster.wipeNode(0);
        final IllegalStateException future = assertThrows(IllegalStateException.class,
            () -> Restore.seedToRevision(backupDir, firstClusterDir, firstArchiveDir, revisionBefore + 1, System.out));
        assertTrue(future.getMessage().contains("past the end of the backup's log"), future.getMessage());
        assertFalse(new File(firstClusterDir, "recording.log").exists(), "a failed restore leaves the node empty");
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aWipedMemberRejoinsACellThatPurgedItsLogOnceSeededFromTheBackup()
    {
        final int mib = 1024 * 1024;
        cluster = TestCluster.start(3, config -> config
            .logTermLength(mib)
            .segmentLength(mib)
            .snapshotLogBytes(mib)
            .snapshotIntervalNs(0));
        cluster.awaitLeader();
        final File backupDir = new File(cluster.dataBaseDir(), "backup");
        final CellBackup backup = CellBackup.launch(
            BackupConfig.forCell(cluster.config(0), backupSettings(backupDir, "2s")), System.out, () -> {});
        closeables.add(backup);
        client = WardenTestClient.connect(cluster);
        final SessionResponseDecoder opened = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, 120_000, 11, "replaced"), new SessionResponseDecoder());
        final long session = opened.sessionId();

        // about 5 MiB of log: several automatic snapshots, after each of which every node purges its older log
        final byte[] value = new byte[4 * 1024];
        long seq = 0;
        for (int i = 0; i < 1_200; i++)
        {
            final String key = "/b/big/" + (i % 100);
            final long next = seq + 1;
            assertEquals(ResultCode.OK, client.call(session, next, seq,
                (w, b) -> w.put(b, 0, false, key.getBytes(StandardCharsets.UTF_8), value, 0, value.length),
                new PutResponseDecoder()).code());
            seq = next;
        }
        final int leader = cluster.awaitLeader();
        final int replaced = (leader + 1) % cluster.memberCount();
        cluster.await(() -> logStart(replaced) > 0, 30_000, "node " + replaced + " to purge its log");
        final long end = cluster.commitPosition(leader);
        cluster.await(() -> backup.liveLogPosition() >= end, 30_000, "the backup to record the log to " + end);
        cluster.await(() -> logStart(new File(backupDir, "cluster"), new File(backupDir, "archive")) > 0, 30_000,
            "the backup to purge its own older log (it holds " + backup.snapshotPositions() + ")");

        cluster.stopNode(replaced);
        cluster.wipeNode(replaced);
        final NodeConfig config = cluster.config(replaced);
        final long seeding = System.nanoTime();
        Restore.seed(backupDir, new File(config.clusterDir()), new File(config.archiveDir()), Restore.ALL, System.out);
        cluster.startNode(replaced);
        cluster.awaitRole(replaced, Cluster.Role.FOLLOWER, TestCluster.DEFAULT_TIMEOUT_MS);
        System.out.println("[BackupRestoreIT] node " + replaced + " seeded and a follower again after " +
            (System.nanoTime() - seeding) / 1_000_000 + " ms");

        seq = put(session, seq, "/b/after-replacement");
        cluster.takeSnapshot();
        final long digest = cluster.snapshotDigest(cluster.awaitLeader());
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            assertEquals(digest, cluster.snapshotDigest(id), "digest of node " + id);
        }
    }

    /**
     * Where node {@code id}'s log recording starts now: above 0 once it has purged.
     */
    private long logStart(final int id)
    {
        return logStart(new File(cluster.config(id).clusterDir()), new File(cluster.config(id).archiveDir()));
    }

    /**
     * Where the log recording named by a cluster directory's recording.log starts in its archive directory.
     */
    private static long logStart(final File clusterDir, final File archiveDir)
    {
        final long logRecordingId;
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            logRecordingId = log.findLastTermRecordingId();
        }
        final long[] bases = RecordingFiles.segmentBases(archiveDir, logRecordingId);
        return 0 == bases.length ? 0 : bases[0];
    }

    private Properties backupSettings(final File backupDir, final String interval)
    {
        final Properties own = new Properties();
        own.setProperty(BackupConfig.DIR_PROP_NAME, backupDir.getPath());
        own.setProperty(BackupConfig.HOST_PROP_NAME, "127.0.0.1");
        own.setProperty(BackupConfig.PORT_PROP_NAME, Integer.toString(cluster.portBase() + 950));
        own.setProperty(BackupConfig.AERON_DIR_PROP_NAME, new File(cluster.shmBaseDir(), "backup").getPath());
        own.setProperty(BackupConfig.SOURCE_PROP_NAME, "any");
        own.setProperty(BackupConfig.INTERVAL_PROP_NAME, interval);
        return own;
    }

    private void restoreEveryNode(final File backupDir, final long toPosition)
    {
        restoreEveryNode(id -> Restore.seed(backupDir, new File(cluster.config(id).clusterDir()),
            new File(cluster.config(id).archiveDir()), toPosition, System.out));
    }

    private void restoreEveryNode(final IntConsumer restore)
    {
        if (null != client)
        {
            client.close();
            client = null;
        }
        cluster.stopAll();
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            cluster.wipeNode(id);
            restore.accept(id);
        }
        cluster.startAll();
        cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);
    }

    private long lastPutRevision;

    private long put(final long session, final long seq, final String key)
    {
        final long next = seq + 1;
        final PutResponseDecoder put = client.call(session, next, seq,
            (w, b) -> w.put(b, 0, false, key, ("value of " + key).getBytes(StandardCharsets.UTF_8)),
            new PutResponseDecoder());
        assertEquals(ResultCode.OK, put.code(), key);
        lastPutRevision = put.revision();
        return next;
    }

    private StatusResponseDecoder status()
    {
        return client.call(0, 0, 0, (w, b) -> w.status(b, 0), new StatusResponseDecoder());
    }

    /**
     * Every key under /b/ with its value and revisions, paging through the range.
     */
    private TreeMap<String, String> keys()
    {
        final TreeMap<String, String> keys = new TreeMap<>();
        String after = "";
        while (true)
        {
            final String startAfter = after;
            final RangeResponseDecoder range = client.call(0, 0, 0,
                (w, b) -> w.range(b, 0, "/b/", startAfter, 0, 0), new RangeResponseDecoder());
            int inPage = 0;
            for (final RangeResponseDecoder.EntriesDecoder entry : range.entries())
            {
                final long createRevision = entry.createRevision();
                final long modRevision = entry.modRevision();
                final long version = entry.version();
                final String key = entry.key();
                final byte[] value = new byte[entry.valueLength()];
                entry.getValue(value, 0, value.length);
                keys.put(key, new String(value, StandardCharsets.UTF_8) + " c" + createRevision + " m" +
                    modRevision + " v" + version);
                after = key;
                inPage++;
            }
            if (0 == inPage)
            {
                return keys;
            }
        }
    }
}
