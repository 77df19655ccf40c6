package io.warden.node.domain.port;

/**
 * Timers that come back through the log as {@code onTimer(timerId)}. Ids come from {@code TimerIds}; scheduling an id
 * that is already scheduled moves it.
 */
public interface Timers
{
    void schedule(long timerId, long deadlineMs);

    void cancel(long timerId);
}
