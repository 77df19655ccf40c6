package io.warden.node.launcher;

import io.aeron.cluster.service.ClusterClock;
import io.warden.schema.MonotonicEpochClock;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The node's default clock: milliseconds since the epoch, anchored once to the wall clock when the node starts and
 * advanced by {@code System.nanoTime()} from then on ({@link MonotonicEpochClock}), so that a step of the wall clock
 * after the start changes no deadline.
 * <p>
 * Aeron stamps every log entry with the leader's cluster clock, and Warden's TTLs, lock waits and lock-delays are
 * differences of those stamps; the consensus module also times leader heartbeats, elections, client sessions and
 * timers with it. On the wall clock (Aeron's default, {@code warden.cluster.clock=wall}) a 60 s step back on every
 * node stopped the whole cell and a 5 min step forward on the leader forced an election. The same instance is the
 * epoch clock of the node's media driver, archive, consensus module and service container (and so of their Aeron
 * clients): their liveness checks compare its readings across components, so they must share it.
 * <pre>{@code
 * MonotonicClusterClock clock = new MonotonicClusterClock(SystemEpochClock.INSTANCE);
 * ConsensusModule.Context cm = new ConsensusModule.Context().clusterClock(clock).epochClock(clock);
 * MediaDriver.Context driver = new MediaDriver.Context().epochClock(clock);
 * }</pre>
 * What it cannot hide: the anchor itself. A node started after a step reads the stepped wall clock, so across a
 * leader change the log's time jumps by the difference between the two nodes' anchors (the state machine's own time
 * must absorb that), and a node keeps a step it missed until it restarts. Immutable; safe from any thread.
 */
public final class MonotonicClusterClock implements ClusterClock, EpochClock
{
    private final MonotonicEpochClock clock;

    /**
     * A clock anchored now to {@code wallClock}, advanced by {@code System.nanoTime()}.
     *
     * @param wallClock read once, now (the system's, or a fault test's {@link OffsetFileWallClock}).
     */
    public MonotonicClusterClock(final EpochClock wallClock)
    {
        this(wallClock, SystemNanoClock.INSTANCE);
    }

    /**
     * A clock anchored now to {@code wallClock}, advanced by {@code nanoClock} (tests pass manual clocks).
     *
     * @param wallClock read once, now.
     * @param nanoClock the monotonic clock.
     */
    public MonotonicClusterClock(final EpochClock wallClock, final NanoClock nanoClock)
    {
        this.clock = new MonotonicEpochClock(wallClock, nanoClock);
    }

    /**
     * Milliseconds, as Aeron's default clock, the log's time unit and the state machine expect.
     *
     * @return {@link TimeUnit#MILLISECONDS}.
     */
    public TimeUnit timeUnit()
    {
        return TimeUnit.MILLISECONDS;
    }

    /**
     * The anchor plus the monotonic time elapsed since.
     *
     * @return milliseconds since the epoch, never decreasing.
     */
    public long time()
    {
        return clock.time();
    }

    /**
     * The wall clock at the anchor.
     *
     * @return milliseconds since the epoch.
     */
    public long anchorMs()
    {
        return clock.anchorMs();
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "MonotonicClusterClock{anchorMs=" + clock.anchorMs() + '}';
    }
}
