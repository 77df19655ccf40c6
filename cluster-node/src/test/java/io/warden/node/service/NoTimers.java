package io.warden.node.service;

import io.warden.node.domain.port.Timers;

import java.util.TreeMap;

/**
 * Timers that are only remembered (id to deadline), never fired: for tests that do not advance time.
 */
public final class NoTimers implements Timers
{
    private final TreeMap<Long, Long> scheduled = new TreeMap<>();

    public void schedule(final long timerId, final long deadlineMs)
    {
        scheduled.put(timerId, deadlineMs);
    }

    public void cancel(final long timerId)
    {
        scheduled.remove(timerId);
    }

    public int size()
    {
        return scheduled.size();
    }
}
