package io.warden.node.maintenance;

import io.aeron.Aeron;
import io.aeron.cluster.RecordingLog;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a node keeps after a snapshot: the newest {@code keep} valid snapshots (a snapshot is one recording per
 * service and one for the consensus module, all at one log position) and the log from the oldest of them on, so that
 * a snapshot that cannot be read can be invalidated and the one before it used. Everything older is obsolete: log
 * segments below that position, and the recordings of older or invalidated snapshots.
 * <pre>{@code
 * try (RecordingLog log = new RecordingLog(clusterDir, false))
 * {
 *     RetentionPlan plan = RetentionPlan.of(log.entries(), 2);
 *     if (plan.keepsLogFrom() > 0) { ... purge the log recording below it ... }
 * }
 * }</pre>
 *
 * @param logRecordingId        the recording of the current log, {@link Aeron#NULL_VALUE} if there is none.
 * @param keepsLogFrom          the log position from which the log must be kept, 0 if all of it must.
 * @param keptPositions         log positions of the snapshots kept, newest first.
 * @param obsoleteSnapshotIds   recordings of snapshots older than the oldest kept one (valid or not).
 */
public record RetentionPlan(
    long logRecordingId, long keepsLogFrom, List<Long> keptPositions, List<Long> obsoleteSnapshotIds)
{
    /**
     * Plan from a node's recording log.
     *
     * @param entries the entries of its {@code recording.log}, in order.
     * @param keep    how many snapshots to keep, at least 1.
     * @return the plan.
     */
    public static RetentionPlan of(final List<RecordingLog.Entry> entries, final int keep)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("keep must be at least 1: " + keep);
        }

        long logRecordingId = Aeron.NULL_VALUE;
        final TreeSet<Long> validPositions = new TreeSet<>();
        for (final RecordingLog.Entry entry : entries)
        {
            if (RecordingLog.ENTRY_TYPE_TERM == entry.type)
            {
                logRecordingId = entry.recordingId;
            }
            else if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.isValid)
            {
                validPositions.add(entry.logPosition);
            }
        }

        final List<Long> kept = new ArrayList<>(validPositions.descendingSet()).subList(
            0, Math.min(keep, validPositions.size()));
        if (kept.size() < keep)
        {
            return new RetentionPlan(logRecordingId, 0, List.copyOf(kept), List.of());
        }

        final long oldestKept = kept.get(kept.size() - 1);
        final List<Long> obsolete = new ArrayList<>();
        for (final RecordingLog.Entry entry : entries)
        {
            if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.logPosition < oldestKept &&
                !obsolete.contains(entry.recordingId))
            {
                obsolete.add(entry.recordingId);
            }
        }

        return new RetentionPlan(logRecordingId, oldestKept, List.copyOf(kept), List.copyOf(obsolete));
    }
}
