package io.warden.schema;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * Milliseconds since the epoch that never jump: the wall clock read once, when the clock is made (its anchor), then
 * advanced by a monotonic nano clock ({@code System.nanoTime()}, {@code CLOCK_MONOTONIC} on Linux). A step of the
 * wall clock after the anchor (an NTP step, an operator's {@code date -s}) is invisible to it; the slow rate
 * corrections NTP makes reach it through the monotonic clock, which they slew too.
 * <p>
 * Aeron times more than its messages with an {@link EpochClock}: the media driver decides that a client is dead, and
 * a client that its driver is, by comparing wall-clock heartbeats with a 10 s timeout, and the archive times its
 * control sessions the same way. On the plain wall clock a forward step of more than 10 s on a machine can make its
 * driver time its own clients out (Aeron issue #1758). Every Warden process with an embedded media driver gives
 * this clock to the driver and to its own Aeron clients; they must share one instance (or one anchor), so they agree.
 * A process that attaches to such a driver with its own wall clock disagrees with it by every step taken since the
 * anchor.
 * <pre>{@code
 * EpochClock clock = MonotonicEpochClock.process();
 * MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().epochClock(clock));
 * Aeron aeron = Aeron.connect(new Aeron.Context().epochClock(clock));
 * }</pre>
 * Immutable; safe from any thread.
 */
public final class MonotonicEpochClock implements EpochClock
{
    private static final class Process
    {
        static final MonotonicEpochClock INSTANCE =
            new MonotonicEpochClock(SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
    }

    private final NanoClock nanoClock;
    private final long anchorNs;
    private final long anchorMs;

    /**
     * A clock anchored now.
     *
     * @param wallClock read once, now, for the anchor.
     * @param nanoClock the monotonic clock that advances it.
     */
    public MonotonicEpochClock(final EpochClock wallClock, final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        this.anchorNs = nanoClock.nanoTime();
        this.anchorMs = wallClock.time();
    }

    /**
     * This process's clock, anchored to the system wall clock at its first use: the one clock that every embedded
     * media driver and Aeron client of the process shares.
     *
     * @return the process's clock.
     */
    public static MonotonicEpochClock process()
    {
        return Process.INSTANCE;
    }

    /**
     * The anchor plus the monotonic time elapsed since it.
     *
     * @return milliseconds since the epoch, never decreasing.
     */
    public long time()
    {
        return anchorMs + TimeUnit.NANOSECONDS.toMillis(nanoClock.nanoTime() - anchorNs);
    }

    /**
     * The wall clock when this clock was made.
     *
     * @return milliseconds since the epoch.
     */
    public long anchorMs()
    {
        return anchorMs;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "MonotonicEpochClock{anchorMs=" + anchorMs + '}';
    }
}
