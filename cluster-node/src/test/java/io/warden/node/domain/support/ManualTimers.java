package io.warden.node.domain.support;

import io.warden.node.domain.TimerIds;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.port.Timers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;

/**
 * A deterministic {@link Timers} port: a set of scheduled timers ordered by (deadline, id), fired only when a test
 * says so. Scheduling an id that is already scheduled moves it; cancelling removes it.
 */
public final class ManualTimers implements Timers
{
    /**
     * Guards against a domain that keeps re-arming a timer that is already due.
     */
    private static final int MAX_FIRES_PER_CALL = 1_000_000;

    /**
     * A scheduled timer.
     */
    public record Scheduled(long timerId, long deadlineMs) implements Comparable<Scheduled>
    {
        public int compareTo(final Scheduled other)
        {
            final int byDeadline = Long.compare(deadlineMs, other.deadlineMs);
            return byDeadline != 0 ? byDeadline : Long.compare(timerId, other.timerId);
        }

        public int kind()
        {
            return TimerIds.kindOf(timerId);
        }

        public long id()
        {
            return TimerIds.idOf(timerId);
        }
    }

    /**
     * A timer that fired, and the cluster time it was delivered at.
     */
    public record Fired(long timerId, long deadlineMs, long firedAtMs)
    {
    }

    private final TreeSet<Scheduled> queue = new TreeSet<>();
    private final HashMap<Long, Scheduled> byId = new HashMap<>();
    private final ArrayList<Fired> fired = new ArrayList<>();
    private long scheduleCount;
    private long cancelCount;

    public void schedule(final long timerId, final long deadlineMs)
    {
        final Scheduled previous = byId.remove(timerId);
        if (previous != null)
        {
            queue.remove(previous);
        }
        final Scheduled scheduled = new Scheduled(timerId, deadlineMs);
        queue.add(scheduled);
        byId.put(timerId, scheduled);
        scheduleCount++;
    }

    public void cancel(final long timerId)
    {
        final Scheduled previous = byId.remove(timerId);
        if (previous != null)
        {
            queue.remove(previous);
        }
        cancelCount++;
    }

    /**
     * Fire every timer due at {@code nowMs}, all delivered late at {@code nowMs} (as when the log timestamp has
     * jumped past their deadlines).
     *
     * @return how many fired.
     */
    public int fireDue(final long nowMs, final WardenStateMachine machine)
    {
        return fireDue(nowMs, nowMs, machine);
    }

    /**
     * Fire every timer due by {@code toMs} in (deadline, id) order, each delivered at its own deadline but never
     * before {@code fromMs} nor before the previous one (time moves forward through the interval). Timers scheduled
     * while firing fire too if they are due by {@code toMs}.
     *
     * @return how many fired.
     */
    public int fireDue(final long fromMs, final long toMs, final WardenStateMachine machine)
    {
        long atMs = fromMs;
        int count = 0;
        while (!queue.isEmpty() && queue.first().deadlineMs() <= toMs)
        {
            final Scheduled next = queue.pollFirst();
            byId.remove(next.timerId());
            atMs = Math.max(atMs, next.deadlineMs());
            fired.add(new Fired(next.timerId(), next.deadlineMs(), atMs));
            machine.time(atMs);
            machine.onTimer(next.timerId());
            if (++count > MAX_FIRES_PER_CALL)
            {
                throw new IllegalStateException("timers keep firing: " + next);
            }
        }
        return count;
    }

    public boolean isScheduled(final long timerId)
    {
        return byId.containsKey(timerId);
    }

    public boolean isScheduled(final int kind, final long id)
    {
        return isScheduled(TimerIds.timerId(kind, id));
    }

    /**
     * Deadline of a scheduled timer, or -1 if it is not scheduled.
     */
    public long deadlineOf(final long timerId)
    {
        final Scheduled scheduled = byId.get(timerId);
        return scheduled == null ? -1 : scheduled.deadlineMs();
    }

    public long deadlineOf(final int kind, final long id)
    {
        return deadlineOf(TimerIds.timerId(kind, id));
    }

    /**
     * Earliest deadline, or -1 if nothing is scheduled.
     */
    public long nextDeadlineMs()
    {
        return queue.isEmpty() ? -1 : queue.first().deadlineMs();
    }

    /**
     * Number of scheduled timers.
     */
    public int size()
    {
        return queue.size();
    }

    /**
     * Number of scheduled timers of one kind ({@link TimerIds}).
     */
    public int size(final int kind)
    {
        int n = 0;
        for (final Scheduled scheduled : queue)
        {
            if (scheduled.kind() == kind)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * The scheduled timers in firing order.
     */
    public List<Scheduled> scheduled()
    {
        return List.copyOf(queue);
    }

    /**
     * Every timer fired so far, in firing order.
     */
    public List<Fired> fired()
    {
        return Collections.unmodifiableList(fired);
    }

    /**
     * Calls to {@link #schedule} so far (including moves).
     */
    public long scheduleCount()
    {
        return scheduleCount;
    }

    /**
     * Calls to {@link #cancel} so far (including ones for timers not scheduled).
     */
    public long cancelCount()
    {
        return cancelCount;
    }
}
