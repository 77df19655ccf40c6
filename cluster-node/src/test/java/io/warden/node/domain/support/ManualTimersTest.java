package io.warden.node.domain.support;

import io.warden.node.domain.TimerIds;
import io.warden.node.domain.WardenStateMachine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ManualTimersTest
{
    /**
     * A kind the state machine ignores, so firing only shows up in the timer log.
     */
    private static final int IGNORED_KIND = 100;

    private final ManualTimers timers = new ManualTimers();
    private final WardenStateMachine machine = new WardenStateMachine(
        new RecordingReplies(), new RecordingEvents(), timers);

    private static long id(final long n)
    {
        return TimerIds.timerId(IGNORED_KIND, n);
    }

    @Test
    void firesDueTimersInDeadlineThenIdOrderAtTheirDeadlines()
    {
        timers.schedule(id(3), 200);
        timers.schedule(id(2), 100);
        timers.schedule(id(1), 200);
        timers.schedule(id(4), 301);

        assertEquals(3, timers.fireDue(50, 300, machine));

        assertEquals(
            List.of(
                new ManualTimers.Fired(id(2), 100, 100),
                new ManualTimers.Fired(id(1), 200, 200),
                new ManualTimers.Fired(id(3), 200, 200)),
            timers.fired());
        assertEquals(List.of(new ManualTimers.Scheduled(id(4), 301)), timers.scheduled());
    }

    @Test
    void lateTimersFireAtNow()
    {
        timers.schedule(id(1), 100);
        timers.schedule(id(2), 150);

        assertEquals(2, timers.fireDue(500, machine));

        assertEquals(List.of(500L, 500L), timers.fired().stream().map(ManualTimers.Fired::firedAtMs).toList());
        assertEquals(0, timers.size());
    }

    @Test
    void schedulingAnIdAgainMovesItAndCancelRemovesIt()
    {
        timers.schedule(id(1), 100);
        timers.schedule(id(1), 400);
        timers.schedule(id(2), 100);
        timers.cancel(id(2));
        timers.cancel(id(9));

        assertEquals(1, timers.size());
        assertEquals(400, timers.deadlineOf(id(1)));
        assertEquals(-1, timers.deadlineOf(id(2)));
        assertFalse(timers.isScheduled(id(2)));
        assertTrue(timers.isScheduled(IGNORED_KIND, 1));
        assertEquals(1, timers.size(IGNORED_KIND));
        assertEquals(0, timers.fireDue(399, machine));
        assertEquals(400, timers.nextDeadlineMs());
        assertEquals(3, timers.scheduleCount());
        assertEquals(2, timers.cancelCount());
    }
}
