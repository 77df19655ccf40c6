package io.warden.node.maintenance;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SnapshotScheduleTest
{
    private static final long MIB = 1024 * 1024;
    private static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);

    @Test
    void logGrowthMakesASnapshotDueCountedFromTheLatestOne()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(64 * MIB, 0, 0, 10 * MIB);
        assertNull(schedule.due(1, 10 * MIB + 64 * MIB - 1));
        final String reason = schedule.due(1, 10 * MIB + 64 * MIB);
        assertNotNull(reason);
        assertTrue(reason.contains("bytes of log"), reason);

        schedule.onSnapshot(2, 74 * MIB);
        assertNull(schedule.due(3, 74 * MIB + 1), "counted again from the new snapshot");
        assertEquals(74 * MIB, schedule.lastPosition());
    }

    @Test
    void timeMakesASnapshotDueOnlyIfTheLogMoved()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(0, HOUR_NS, 0, 500);
        assertNull(schedule.due(HOUR_NS - 1, 600), "not yet");
        assertNull(schedule.due(2 * HOUR_NS, 500), "an idle cell is not snapshotted again");
        assertNotNull(schedule.due(HOUR_NS, 501));
    }

    @Test
    void zeroTurnsATriggerOff()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(0, 0, 0, 0);
        assertNull(schedule.due(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));
    }

    @Test
    void anOlderSnapshotNeverMovesTheCountBack()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(100, 0, 0, 0);
        schedule.onSnapshot(1, 1_000);
        schedule.onSnapshot(2, 900);
        assertEquals(1_000, schedule.lastPosition());
        assertNull(schedule.due(3, 1_099));
        assertNotNull(schedule.due(3, 1_100));
    }
}
