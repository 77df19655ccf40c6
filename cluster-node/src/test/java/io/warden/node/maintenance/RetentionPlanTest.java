package io.warden.node.maintenance;

import io.aeron.Aeron;
import io.aeron.cluster.RecordingLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class RetentionPlanTest
{
    private static final int CM = -1;
    private static final long LOG_RECORDING = 0;

    private final List<RecordingLog.Entry> entries = new ArrayList<>();

    private void term(final long recordingId, final long termId, final long basePosition)
    {
        entries.add(new RecordingLog.Entry(recordingId, termId, basePosition, Aeron.NULL_VALUE, 0, Aeron.NULL_VALUE,
            RecordingLog.ENTRY_TYPE_TERM, null, true, Aeron.NULL_VALUE, entries.size()));
    }

    /** A snapshot as Aeron writes it: the service's recording, then the consensus module's, at one position. */
    private void snapshot(final long serviceRecordingId, final long position, final boolean isValid)
    {
        entries.add(new RecordingLog.Entry(serviceRecordingId, 0, 0, position, 0, 0,
            RecordingLog.ENTRY_TYPE_SNAPSHOT, null, isValid, Aeron.NULL_VALUE, entries.size()));
        entries.add(new RecordingLog.Entry(serviceRecordingId + 1, 0, 0, position, 0, CM,
            RecordingLog.ENTRY_TYPE_SNAPSHOT, null, isValid, Aeron.NULL_VALUE, entries.size()));
    }

    @Test
    void fewerSnapshotsThanKeptMeansTheWholeLogStays()
    {
        term(LOG_RECORDING, 0, 0);
        snapshot(1, 1_000, true);
        final RetentionPlan plan = RetentionPlan.of(entries, 2);
        assertEquals(0, plan.keepsLogFrom());
        assertEquals(List.of(1_000L), plan.keptPositions());
        assertEquals(List.of(), plan.obsoleteSnapshotIds());
    }

    @Test
    void theLogIsKeptFromTheOldestKeptSnapshotAndOlderSnapshotsAreObsolete()
    {
        term(LOG_RECORDING, 0, 0);
        snapshot(1, 1_000, true);
        snapshot(3, 2_000, true);
        term(LOG_RECORDING, 1, 2_500);
        snapshot(5, 3_000, true);
        snapshot(7, 4_000, true);

        final RetentionPlan plan = RetentionPlan.of(entries, 2);
        assertEquals(LOG_RECORDING, plan.logRecordingId());
        assertEquals(3_000, plan.keepsLogFrom());
        assertEquals(List.of(4_000L, 3_000L), plan.keptPositions());
        assertEquals(List.of(1L, 2L, 3L, 4L), plan.obsoleteSnapshotIds());
    }

    @Test
    void anInvalidatedSnapshotIsNotCountedAsKept()
    {
        term(LOG_RECORDING, 0, 0);
        snapshot(1, 1_000, true);
        snapshot(3, 2_000, true);
        snapshot(5, 3_000, false);

        final RetentionPlan plan = RetentionPlan.of(entries, 2);
        assertEquals(1_000, plan.keepsLogFrom(), "the invalidated one is no fallback, so the one before stays");
        assertEquals(List.of(2_000L, 1_000L), plan.keptPositions());
        assertEquals(List.of(), plan.obsoleteSnapshotIds());
    }

    @Test
    void anInvalidatedOlderSnapshotIsObsoleteToo()
    {
        term(LOG_RECORDING, 0, 0);
        snapshot(1, 1_000, false);
        snapshot(3, 2_000, true);

        final RetentionPlan plan = RetentionPlan.of(entries, 1);
        assertEquals(2_000, plan.keepsLogFrom());
        assertEquals(List.of(1L, 2L), plan.obsoleteSnapshotIds());
    }

    @Test
    void noTermMeansNoLogRecording()
    {
        assertEquals(Aeron.NULL_VALUE, RetentionPlan.of(entries, 2).logRecordingId());
        assertThrows(IllegalArgumentException.class, () -> RetentionPlan.of(entries, 0));
    }
}
