package io.warden.node.maintenance;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Carries out a {@link RetentionPlan} on the node's own archive: purges the log recording's segments below the
 * oldest kept snapshot (whole segments only, so a little more than the plan needs is kept) and the recordings of
 * obsolete snapshots. Connects for each purge and closes again, so an idle node holds no archive session.
 * <pre>{@code
 * ArchivePurger purger = new ArchivePurger(config::newMaintenanceArchiveContext);
 * ArchivePurger.Purged purged = purger.purge(plan);
 * }</pre>
 */
public final class ArchivePurger
{
    private final Supplier<AeronArchive.Context> archiveContext;
    private final Set<Long> purgedSnapshots = new HashSet<>();

    /**
     * @param archiveContext a new client context for the node's archive, each time it is asked.
     */
    public ArchivePurger(final Supplier<AeronArchive.Context> archiveContext)
    {
        this.archiveContext = archiveContext;
    }

    /**
     * Purge what the plan no longer needs.
     *
     * @param plan the plan.
     * @return what was removed.
     */
    public Purged purge(final RetentionPlan plan)
    {
        if (plan.keepsLogFrom() <= 0)
        {
            return new Purged(0, 0, 0);
        }

        try (AeronArchive archive = AeronArchive.connect(archiveContext.get()))
        {
            long segments = 0;
            long logStart = 0;
            if (Aeron.NULL_VALUE != plan.logRecordingId())
            {
                final Extent log = extent(archive, plan.logRecordingId());
                if (null != log)
                {
                    logStart = log.startPosition;
                    final long newStart = AeronArchive.segmentFileBasePosition(
                        log.startPosition, plan.keepsLogFrom(), log.termLength, log.segmentLength);
                    if (newStart > log.startPosition)
                    {
                        segments = archive.purgeSegments(plan.logRecordingId(), newStart);
                        logStart = newStart;
                    }
                }
            }

            int snapshots = 0;
            for (final long recordingId : plan.obsoleteSnapshotIds())
            {
                if (purgedSnapshots.contains(recordingId))
                {
                    continue;
                }
                if (null != extent(archive, recordingId))
                {
                    archive.purgeRecording(recordingId);
                    snapshots++;
                }
                purgedSnapshots.add(recordingId);
            }

            return new Purged(segments, snapshots, logStart);
        }
    }

    private static Extent extent(final AeronArchive archive, final long recordingId)
    {
        final Extent[] found = new Extent[1];
        archive.listRecording(recordingId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) ->
            found[0] = new Extent(startPosition, termBufferLength, segmentFileLength));
        return found[0];
    }

    /**
     * What one purge removed.
     *
     * @param logSegments      log segment files deleted.
     * @param snapshots        snapshot recordings deleted.
     * @param logStartPosition where the log recording now starts.
     */
    public record Purged(long logSegments, int snapshots, long logStartPosition)
    {
        public boolean removedAnything()
        {
            return logSegments > 0 || snapshots > 0;
        }
    }

    private record Extent(long startPosition, int termLength, int segmentLength)
    {
    }
}
