package io.warden.node.domain;

import io.warden.node.domain.port.Timers;

/**
 * The state machine's time: the log's timestamps, made continuous across leaders. Every lease, lock wait and
 * lock-delay runs on it.
 * <p>
 * Within a leadership term the log's timestamps come from one leader's (monotonic) cluster clock. At a new term they
 * come from another machine, whose clock may be ahead or behind. So lease time is the log time plus an offset, and a
 * new term resets the offset so that lease time carries on from where the last term left it: a leader change moves
 * no deadline, whatever the clocks of the two leaders say. The time the cell spends without a leader is not counted,
 * which only ever lengthens a wait or a lock-delay, never shortens one (and every session gets a full TTL at a new
 * term anyway). Within a term, lease time never goes backwards either.
 * <p>
 * Timers are asked for in lease time and scheduled in log time (the offset taken off). When a new term raises the
 * offset, timers already scheduled would fire late, so the state machine re-arms them all ({@link #onNewTerm}
 * returns true); when it lowers it they fire early, and every timer handler re-checks its deadline and re-arms.
 * <pre>{@code
 * LeaseClock clock = new LeaseClock(clusterTimers);
 * long nowMs = clock.onLogTime(logTimestampMs);
 * }</pre>
 */
public final class LeaseClock implements Timers
{
    private final Timers logTimers;
    private long offsetMs;
    private long nowMs;

    public LeaseClock(final Timers logTimers)
    {
        this.logTimers = logTimers;
    }

    /**
     * The log timestamp of the command about to be applied.
     *
     * @return lease time now.
     */
    public long onLogTime(final long logMs)
    {
        nowMs = Math.max(nowMs, logMs + offsetMs);
        return nowMs;
    }

    /**
     * A new leadership term began at this log timestamp: lease time carries on unchanged.
     *
     * @return true if the offset grew, so timers scheduled before would fire late and must be re-armed.
     */
    public boolean onNewTerm(final long termLogMs)
    {
        if (nowMs == 0)
        {
            nowMs = termLogMs;
            return false;
        }
        final long newOffsetMs = nowMs - termLogMs;
        final boolean grew = newOffsetMs > offsetMs;
        offsetMs = newOffsetMs;
        return grew;
    }

    /**
     * Lease time of the command being applied.
     */
    public long nowMs()
    {
        return nowMs;
    }

    /**
     * Lease time minus log time.
     */
    public long offsetMs()
    {
        return offsetMs;
    }

    /**
     * Restore from a snapshot.
     */
    public void restore(final long offsetMs, final long nowMs)
    {
        this.offsetMs = offsetMs;
        this.nowMs = nowMs;
    }

    /**
     * Schedule a timer at a deadline in lease time.
     */
    public void schedule(final long timerId, final long deadlineMs)
    {
        logTimers.schedule(timerId, deadlineMs - offsetMs);
    }

    public void cancel(final long timerId)
    {
        logTimers.cancel(timerId);
    }
}
