package io.warden.node.backup;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.Subscription;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.RecordingLog;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.node.audit.LogReplay;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds a node's empty directories from a backup made by {@link CellBackup}: its archive (snapshot and log
 * recordings) and its {@code recording.log}, which is all a consensus module needs to recover. Every member of a new
 * cell is seeded from the same backup, so they start with one log and agree at once; a member whose disk died is
 * seeded the same way and catches up from the others.
 * <p>
 * With a position, the restore is point-in-time: the log is cut at the last message that ends at or before it, the
 * snapshots after it are dropped from {@code recording.log}, and the node recovers the state the cell had there
 * (within what the backup holds: from its oldest snapshot, or from the start of its log, on). With a revision, the
 * position is where the first command that made a later revision begins, found by replaying the backup's log.
 * <pre>{@code
 * Restore.Seeded seeded = Restore.seed(new File("/backup/warden"), clusterDir, archiveDir, Restore.ALL, System.out);
 * Restore.seedToRevision(new File("/backup/warden"), clusterDir, archiveDir, 1_234, System.out);
 * }</pre>
 */
public final class Restore
{
    /** Restore everything the backup holds. */
    public static final long ALL = -1;

    private static final String ARCHIVE_MARK_FILE = "archive-mark.dat";

    private Restore()
    {
    }

    /**
     * What a restore put in place.
     *
     * @param logPosition         where the node's log ends (what it recovers to).
     * @param snapshotPosition    the snapshot it starts from, 0 if none.
     */
    public record Seeded(long logPosition, long snapshotPosition)
    {
    }

    /**
     * Seed a node's directories from a backup.
     *
     * @param backupDir  the backup's directory ({@code warden.backup.dir}).
     * @param clusterDir the node's cluster directory; must not hold a {@code recording.log}.
     * @param archiveDir the node's archive directory; must not hold an archive.
     * @param toPosition {@link #ALL}, or the log position to restore to.
     * @param out        where to say what was done.
     * @return what was restored.
     * @throws IllegalStateException if the backup is incomplete, the node's directories are not empty, or the position
     *                               is outside what the backup holds.
     */
    public static Seeded seed(
        final File backupDir,
        final File clusterDir,
        final File archiveDir,
        final long toPosition,
        final PrintStream out)
    {
        return seed(backupDir, clusterDir, archiveDir, out, () -> toPosition);
    }

    /**
     * Seed a node's directories from a backup, point-in-time at a revision: the node recovers the state the cell had
     * when that revision was the latest (every change up to it, none after), found by replaying the backup's log
     * ({@link LogReplay}).
     *
     * @param backupDir  the backup's directory ({@code warden.backup.dir}).
     * @param clusterDir the node's cluster directory; must not hold a {@code recording.log}.
     * @param archiveDir the node's archive directory; must not hold an archive.
     * @param revision   the revision to restore to.
     * @param out        where to say what was done.
     * @return what was restored.
     * @throws IllegalStateException if the backup is incomplete, the node's directories are not empty, or the
     *                               revision is outside what the backup holds.
     */
    public static Seeded seedToRevision(
        final File backupDir,
        final File clusterDir,
        final File archiveDir,
        final long revision,
        final PrintStream out)
    {
        return seed(backupDir, clusterDir, archiveDir, out, () ->
        {
            final LogReplay.Result replayed = LogReplay.replayNode(clusterDir.toPath(), archiveDir.toPath(), false);
            if (revision < replayed.startRevision())
            {
                throw new IllegalStateException("revision " + revision + " is older than the oldest state the " +
                    "backup can rebuild (revision " + replayed.startRevision() + ", its snapshot at log position " +
                    replayed.startPosition() + ")");
            }
            if (revision > replayed.finalRevision())
            {
                throw new IllegalStateException("revision " + revision + " is past the end of the backup's log " +
                    "(its last revision is " + replayed.finalRevision() + ")");
            }
            final long cut = replayed.startOfCommandAfter(revision);
            out.println("revision " + revision + (cut < 0 ? " is the backup's last: restoring all of it" :
                " ends where the log reaches position " + cut));
            return cut < 0 ? ALL : cut;
        });
    }

    /** Where to cut a seeded node's log, decided once its directories hold the backup's copy. */
    @FunctionalInterface
    private interface Cut
    {
        long position();
    }

    private static Seeded seed(
        final File backupDir,
        final File clusterDir,
        final File archiveDir,
        final PrintStream out,
        final Cut cut)
    {
        final File backupCluster = new File(backupDir, "cluster");
        final File backupArchive = new File(backupDir, "archive");
        if (!new File(backupCluster, RecordingLog.RECORDING_LOG_FILE_NAME).exists() ||
            !new File(backupArchive, "archive.catalog").exists())
        {
            throw new IllegalStateException(
                "not a Warden backup (no cluster/recording.log and archive/archive.catalog): " +
                backupDir);
        }
        refuseUnlessEmpty(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME);
        refuseUnlessEmpty(archiveDir, "archive.catalog");

        final Seeded seeded;
        try
        {
            copyDirectory(backupArchive.toPath(), archiveDir.toPath());
            copyFile(new File(backupCluster, RecordingLog.RECORDING_LOG_FILE_NAME), clusterDir);
            final long toPosition = cut.position();
            seeded = ALL == toPosition ?
                wholeBackup(clusterDir, archiveDir) : cutAt(clusterDir, archiveDir, toPosition);
        }
        catch (final RuntimeException ex)
        {
            // leave the node as empty as it was, so that the restore can simply be run again
            IoUtil.delete(new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME), true);
            IoUtil.delete(archiveDir, true);
            throw ex;
        }
        out.println("restored " + clusterDir.getParentFile() + " from " + backupDir + ": snapshot at log position " +
            seeded.snapshotPosition() + ", log to position " + seeded.logPosition());
        out.flush();
        return seeded;
    }

    private static Seeded wholeBackup(final File clusterDir, final File archiveDir)
    {
        final List<Long> snapshots = CellBackup.snapshotPositions(clusterDir);
        try (ArchivingMediaDriver archive = launchArchive(archiveDir);
            AeronArchive client = connect(archive))
        {
            final long logRecordingId = lastTermRecordingId(clusterDir);
            if (snapshots.isEmpty() && client.getStartPosition(logRecordingId) > 0)
            {
                throw new IllegalStateException("the backup holds no snapshot yet and its log starts at " +
                    client.getStartPosition(logRecordingId) + ": let it run until it says it holds one");
            }
            final long stop = client.getStopPosition(logRecordingId);
            final long end = Aeron.NULL_VALUE == stop ? client.getRecordingPosition(logRecordingId) : stop;
            return new Seeded(end, snapshots.isEmpty() ? 0 : snapshots.get(0));
        }
    }

    private static Seeded cutAt(final File clusterDir, final File archiveDir, final long toPosition)
    {
        final List<RecordingLog.Entry> entries;
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            entries = log.entries();
        }

        long snapshotPosition = -1;
        for (final RecordingLog.Entry entry : entries)
        {
            if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.isValid && entry.logPosition <= toPosition)
            {
                snapshotPosition = Math.max(snapshotPosition, entry.logPosition);
            }
        }

        final long logRecordingId = lastTermRecordingId(clusterDir);
        final long cut;
        try (ArchivingMediaDriver archive = launchArchive(archiveDir);
            AeronArchive client = connect(archive))
        {
            final long start = client.getStartPosition(logRecordingId);
            final long from = Math.max(start, Math.max(0, snapshotPosition));
            if (snapshotPosition < 0 && start > 0)
            {
                throw new IllegalStateException(
                    "the backup holds nothing from which to rebuild the state at position " +
                    toPosition + ": its oldest snapshot is later and its log starts at " + start);
            }
            final long stop = client.getStopPosition(logRecordingId);
            if (toPosition > stop)
            {
                throw new IllegalStateException("position " + toPosition + " is past the end of the backup's log (" +
                    stop + ")");
            }
            cut = lastMessageEnd(client, logRecordingId, from, toPosition);
            if (cut < stop)
            {
                client.truncateRecording(logRecordingId, cut);
            }
        }

        rewriteRecordingLog(clusterDir, entries, cut);
        return new Seeded(cut, Math.max(0, snapshotPosition));
    }

    /**
     * The end of the last message of the log that ends at or before {@code toPosition}, replaying from a position at
     * which a message begins (a snapshot's position, or the recording's start).
     */
    private static long lastMessageEnd(
        final AeronArchive client, final long recordingId, final long from, final long toPosition)
    {
        if (toPosition <= from)
        {
            return from;
        }
        // the restore's own driver and archive: no other subscriber can share this stream
        final int streamId = 9_900;
        final long[] end = { from };
        final long replaySessionId = client.startReplay(recordingId, from, toPosition - from, CommonContext.IPC_CHANNEL,
            streamId);
        final String channel = CommonContext.IPC_CHANNEL + "?session-id=" + (int)replaySessionId;
        try (Subscription subscription = client.context().aeron().addSubscription(channel, streamId))
        {
            final IdleStrategy idle = new BackoffIdleStrategy();
            while (subscription.imageCount() == 0)
            {
                idle.idle();
            }
            final io.aeron.Image image = subscription.imageAtIndex(0);
            while (!image.isEndOfStream() && !image.isClosed())
            {
                idle.idle(image.poll((buffer, offset, length, header) ->
                {
                    if (header.position() <= toPosition)
                    {
                        end[0] = header.position();
                    }
                }, 64));
            }
        }
        return end[0];
    }

    private static void rewriteRecordingLog(
        final File clusterDir, final List<RecordingLog.Entry> entries, final long cut)
    {
        final File file = new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME);
        final File original = new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME + ".before-cut");
        if (!file.renameTo(original))
        {
            throw new IllegalStateException("cannot move " + file + " aside");
        }
        try (RecordingLog log = new RecordingLog(clusterDir, true))
        {
            for (final RecordingLog.Entry entry : entries)
            {
                if (!entry.isValid)
                {
                    continue;
                }
                if (RecordingLog.ENTRY_TYPE_TERM == entry.type && entry.termBaseLogPosition <= cut)
                {
                    log.appendTerm(entry.recordingId, entry.leadershipTermId, entry.termBaseLogPosition,
                        entry.timestamp);
                    if (Aeron.NULL_VALUE != entry.logPosition || entry.termBaseLogPosition < cut)
                    {
                        log.commitLogPosition(entry.leadershipTermId,
                            Aeron.NULL_VALUE == entry.logPosition ? cut : Math.min(cut, entry.logPosition));
                    }
                }
                else if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.logPosition <= cut)
                {
                    log.appendSnapshot(entry.recordingId, entry.leadershipTermId, entry.termBaseLogPosition,
                        entry.logPosition, entry.timestamp, entry.serviceId);
                }
            }
        }
        IoUtil.delete(original, true);
    }

    private static long lastTermRecordingId(final File clusterDir)
    {
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            final long id = log.findLastTermRecordingId();
            if (Aeron.NULL_VALUE == id)
            {
                throw new IllegalStateException("the backup's recording.log names no log recording");
            }
            return id;
        }
    }

    private static ArchivingMediaDriver launchArchive(final File archiveDir)
    {
        final String aeronDir =
            CommonContext.getAeronDirectoryName() + "-warden-restore-" + ProcessHandle.current().pid();
        return ArchivingMediaDriver.launch(
            new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true),
            new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveDir(archiveDir)
                .controlChannelEnabled(false)
                .localControlChannel(CommonContext.IPC_CHANNEL)
                .replicationChannel("aeron:udp?endpoint=127.0.0.1:0")
                .archiveClientContext(
                    new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=127.0.0.1:0"))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .deleteArchiveOnStart(false));
    }

    private static AeronArchive connect(final ArchivingMediaDriver archive)
    {
        return AeronArchive.connect(new AeronArchive.Context()
            .aeronDirectoryName(archive.mediaDriver().aeronDirectoryName())
            .controlRequestChannel(CommonContext.IPC_CHANNEL)
            .controlRequestStreamId(AeronArchive.Configuration.localControlStreamId())
            .controlResponseChannel(CommonContext.IPC_CHANNEL));
    }

    private static void refuseUnlessEmpty(final File dir, final String marker)
    {
        if (new File(dir, marker).exists())
        {
            throw new IllegalStateException(dir + " already holds a node's data (" + marker + "); a restore never " +
                "overwrites one: move it away or delete it first");
        }
    }

    private static void copyDirectory(final Path from, final Path to)
    {
        try (Stream<Path> files = Files.list(from))
        {
            Files.createDirectories(to);
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (Files.isRegularFile(file) && !ARCHIVE_MARK_FILE.equals(file.getFileName().toString()))
                {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, ex);
        }
    }

    private static void copyFile(final File file, final File dir)
    {
        try
        {
            Files.createDirectories(dir.toPath());
            Files.copy(file.toPath(), dir.toPath().resolve(file.getName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot copy " + file + " to " + dir, ex);
        }
    }
}
