package io.warden.node.service;

import io.aeron.cluster.service.Cluster;
import io.warden.node.domain.port.Timers;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Domain timers as Aeron Cluster timers: they fire through the log as {@code onTimerEvent}, on every node, in order.
 * Scheduling and cancelling are retried on back-pressure, as Aeron requires.
 */
public final class ClusterTimers implements Timers
{
    private final Cluster cluster;
    private final IdleStrategy idleStrategy;

    public ClusterTimers(final Cluster cluster)
    {
        this.cluster = cluster;
        this.idleStrategy = cluster.idleStrategy();
    }

    /**
     * The cluster's time unit. Aeron sets it when a snapshot is loaded or the first leadership term begins; before that
     * (a fresh cluster's {@code onStart}) it is null and Aeron's default clock, milliseconds, applies.
     */
    static TimeUnit unitOf(final Cluster cluster)
    {
        final TimeUnit unit = cluster.timeUnit();
        return unit != null ? unit : TimeUnit.MILLISECONDS;
    }

    public void schedule(final long timerId, final long deadlineMs)
    {
        final long deadline = unitOf(cluster).convert(deadlineMs, TimeUnit.MILLISECONDS);
        idleStrategy.reset();
        while (!cluster.scheduleTimer(timerId, deadline))
        {
            idleStrategy.idle();
        }
    }

    public void cancel(final long timerId)
    {
        idleStrategy.reset();
        while (!cluster.cancelTimer(timerId))
        {
            idleStrategy.idle();
        }
    }
}
