package io.warden.node.backup;

import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterBackup;
import io.aeron.cluster.ClusterBackupEventsListener;
import io.aeron.cluster.ClusterBackupMediaDriver;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.RecordingLog;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.node.maintenance.ArchivePurger;
import io.warden.node.maintenance.RetentionPlan;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An online backup of a running cell: Aeron's {@link ClusterBackup} in this process, with a media driver and an
 * archive of its own. It proves the cell's operator secret (so only an operator's backup is answered), copies the
 * latest snapshots from a member's archive, records the live log from there on, and asks again for newer snapshots
 * every {@code warden.backup.interval}. Its directory then holds what {@link Restore} seeds a new cell from: a
 * {@code cluster/recording.log} and an {@code archive/}. Like a node, it keeps the newest {@code warden.backup.keep}
 * snapshots and the log from the oldest of them on, and purges the rest, so that its disk stays bounded. It never
 * votes and is not a member.
 * <pre>{@code
 * try (CellBackup backup = CellBackup.launch(BackupConfig.load(files, backupFile, System.getProperties()), System.out))
 * {
 *     ... until the process is signalled ...
 * }
 * }</pre>
 */
public final class CellBackup implements AutoCloseable
{
    private static final long PROGRESS_LINE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(30);

    private static final long PURGE_ROUND_MS = 5_000;

    private final ClusterBackupMediaDriver driver;
    private final BackupConfig config;
    private final PrintStream out;
    private final Thread purging;
    private volatile boolean isClosed;

    private CellBackup(final ClusterBackupMediaDriver driver, final BackupConfig config, final PrintStream out)
    {
        this.driver = driver;
        this.config = config;
        this.out = out;
        this.purging = new Thread(this::purgeLoop, "warden-backup-purge");
        this.purging.setDaemon(true);
        if (config.keep() > 0)
        {
            purging.start();
        }
    }

    /**
     * Start following the cell.
     *
     * @param config          the backup's configuration.
     * @param out             where it says what it holds.
     * @param terminationHook run if the backup stops by itself (a fatal error).
     * @return the running backup; close it to stop.
     */
    public static CellBackup launch(final BackupConfig config, final PrintStream out, final Runnable terminationHook)
    {
        final String host = config.host();
        final String anyPort = "aeron:udp?endpoint=" + host + ":0";
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(config.aeronDir())
            .threadingMode(ThreadingMode.SHARED)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(config.aeronDir())
            .archiveDir(config.archiveDir())
            .controlChannelEnabled(false)
            .localControlChannel(CommonContext.IPC_CHANNEL)
            .replicationChannel(anyPort)
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel(anyPort))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .segmentFileLength(config.cell().segmentLength())
            .fileSyncLevel(config.cell().fileSyncLevel())
            .catalogFileSyncLevel(config.cell().fileSyncLevel())
            .deleteArchiveOnStart(false);
        final ClusterBackup.Context backupContext = new ClusterBackup.Context()
            .aeronDirectoryName(config.aeronDir())
            .clusterId(config.cell().clusterId())
            .clusterDir(config.clusterDir())
            .deleteDirOnStart(false)
            .clusterConsensusEndpoints(config.consensusEndpoints())
            .consensusChannel("aeron:udp?endpoint=" + host + ":" + config.port())
            .catchupEndpoint(host + ":" + (config.port() + 1))
            .clusterBackupIntervalNs(config.intervalNs())
            .sourceType(config.source())
            .archiveContext(new AeronArchive.Context()
                .controlRequestChannel(CommonContext.IPC_CHANNEL)
                .controlRequestStreamId(AeronArchive.Configuration.localControlStreamId())
                .controlResponseChannel(CommonContext.IPC_CHANNEL))
            .clusterArchiveContext(new AeronArchive.Context()
                .controlRequestChannel("aeron:udp")
                .controlResponseChannel(anyPort))
            .credentialsSupplier(new CellCredentials(
                Path.of(config.cell().cellSecretFile()), CellSecrets.OPERATOR, "backup-" + host))
            .eventsListener(new Reporter(out))
            .errorHandler(ex -> report(out, "error: " + ex))
            .terminationHook(terminationHook);

        return new CellBackup(
            ClusterBackupMediaDriver.launch(driverContext, archiveContext, backupContext), config, out);
    }

    /**
     * The backup's state (Aeron's: BACKUP_QUERY, SNAPSHOT_RETRIEVE, LIVE_LOG_RECORD, LIVE_LOG_REPLAY,
     * UPDATE_RECORDING_LOG, BACKING_UP, RESET_BACKUP, CLOSED).
     *
     * @return the state, or null before it is known.
     */
    public ClusterBackup.State state()
    {
        final AtomicCounter counter = driver.clusterBackup().context().stateCounter();
        return null == counter || counter.isClosed() ? null : ClusterBackup.State.get(counter);
    }

    /**
     * How far the live log it recorded reaches.
     *
     * @return the log position, or -1 before it records one.
     */
    public long liveLogPosition()
    {
        final AtomicCounter counter = driver.clusterBackup().context().liveLogPositionCounter();
        return null == counter || counter.isClosed() ? -1 : counter.get();
    }

    /**
     * The log positions of the snapshots the backup holds, newest first.
     *
     * @return positions (empty before the first is retrieved).
     */
    public List<Long> snapshotPositions()
    {
        return snapshotPositions(config.clusterDir());
    }

    static List<Long> snapshotPositions(final File clusterDir)
    {
        final List<Long> positions = new ArrayList<>();
        if (!new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME).exists())
        {
            return positions;
        }
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            for (final RecordingLog.Entry entry : log.entries())
            {
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.isValid &&
                    !positions.contains(entry.logPosition))
                {
                    positions.add(0, entry.logPosition);
                }
            }
        }
        return positions;
    }

    /**
     * Stop following and close the driver and archive.
     */
    public void close()
    {
        isClosed = true;
        purging.interrupt();
        try
        {
            purging.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        driver.close();
    }

    /**
     * After every change of the snapshots held, purge what the newest {@code keep} no longer need.
     */
    private void purgeLoop()
    {
        final ArchivePurger purger = new ArchivePurger(() -> new AeronArchive.Context()
            .aeronDirectoryName(config.aeronDir())
            .controlRequestChannel(CommonContext.IPC_CHANNEL)
            .controlRequestStreamId(AeronArchive.Configuration.localControlStreamId())
            .controlResponseChannel(CommonContext.IPC_CHANNEL)
            .controlResponseStreamId(AeronArchive.Configuration.controlResponseStreamId() + 50));
        List<Long> purgedFor = List.of();
        String lastFailure = null;
        while (!isClosed)
        {
            try
            {
                Thread.sleep(PURGE_ROUND_MS);
                final List<Long> held = snapshotPositions();
                if (!held.equals(purgedFor))
                {
                    final RetentionPlan plan;
                    try (RecordingLog log = new RecordingLog(config.clusterDir(), false))
                    {
                        plan = RetentionPlan.of(log.entries(), config.keep());
                    }
                    final ArchivePurger.Purged purged = purger.purge(plan);
                    if (purged.removedAnything())
                    {
                        report(out, "purged " + purged.logSegments() + " log segment(s) and " + purged.snapshots() +
                            " old snapshot(s); its log now starts at " + purged.logStartPosition());
                    }
                    purgedFor = held;
                }
                lastFailure = null;
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final RuntimeException ex)
            {
                if (!String.valueOf(ex).equals(lastFailure) && !isClosed)
                {
                    lastFailure = String.valueOf(ex);
                    report(out, "purge will retry: " + ex);
                }
            }
        }
    }

    private static void report(final PrintStream out, final String what)
    {
        synchronized (out)
        {
            out.println(Instant.now() + " backup " + what);
            out.flush();
        }
    }

    private static final class Reporter implements ClusterBackupEventsListener
    {
        private final PrintStream out;
        private long lastProgressLineNs = System.nanoTime() - PROGRESS_LINE_INTERVAL_NS;

        private Reporter(final PrintStream out)
        {
            this.out = out;
        }

        public void onBackupQuery()
        {
        }

        public void onPossibleFailure(final Exception ex)
        {
            report(out, "will retry: " + ex.getMessage());
        }

        public void onBackupResponse(
            final ClusterMember[] clusterMembers,
            final ClusterMember logSourceMember,
            final List<RecordingLog.Snapshot> snapshotsToRetrieve)
        {
            final List<Long> positions = new ArrayList<>();
            snapshotsToRetrieve.forEach(snapshot -> positions.add(snapshot.logPosition()));
            report(out, "follows member " + logSourceMember.id() + " (archive " + logSourceMember.archiveEndpoint() +
                "); snapshots to copy at log positions " + positions.stream().distinct().toList());
        }

        public void onUpdatedRecordingLog(
            final RecordingLog recordingLog, final List<RecordingLog.Snapshot> snapshotsRetrieved)
        {
            final List<Long> positions = new ArrayList<>();
            snapshotsRetrieved.forEach(snapshot -> positions.add(snapshot.logPosition()));
            report(out, "holds the snapshots at log positions " + positions.stream().distinct().toList() +
                " and records the live log after them");
        }

        public void onLiveLogProgress(final long recordingId, final long recordingPosCounterId, final long logPosition)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - lastProgressLineNs >= PROGRESS_LINE_INTERVAL_NS)
            {
                lastProgressLineNs = nowNs;
                report(out, "live log at position " + logPosition + " (recording " + recordingId + ")");
            }
        }
    }
}
