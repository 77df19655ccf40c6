package io.warden.schema;

import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The idle strategies of Warden's gateway and client threads (agents and embedded media drivers), by name.
 * <p>
 * The default, {@code backoff}, spins a little, yields a little, then parks for 1 µs doubling up to
 * {@link #DEFAULT_MAX_PARK_NS} (100 µs) while the thread was busy recently, and up to {@link #COLD_MAX_PARK_NS}
 * (1 ms) once it has been idle for {@link #WARM_NS} (20 ms). Agrona's own default parks up to 1 ms at once, and a
 * request that crosses ten idle threads (client agent and driver, gateway driver and agent, both ways) then waits up to
 * ten milliseconds (measured: 7.6 ms p50 for one client's puts, 0.8 ms with the 100 µs cap). Parking 100 µs for ever
 * would cost each idle thread 10,000 wake-ups per second; dropping to 1 ms after 20 ms of idleness keeps an idle
 * client or gateway as cheap as Agrona's default. Busy-spinning is refused: it starves every other thread on a small
 * machine.
 * <pre>
 * IdleStrategy idle = IdleStrategies.of("backoff");           // 1 µs .. 100 µs parks
 * IdleStrategy lazy = IdleStrategies.of("backoff:1ms");       // Agrona's default cap: least CPU, more latency
 * IdleStrategy sleepy = IdleStrategies.of("sleep-ms");        // 1 ms sleeps
 * </pre>
 */
public final class IdleStrategies
{
    /** The park cap of {@code backoff} while the thread was busy in the last {@link #WARM_NS}. */
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);
    /** The park cap of {@code backoff} after {@link #WARM_NS} without work. */
    public static final long COLD_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a thread stays on the short park cap after its last work. */
    public static final long WARM_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final String BACKOFF_WITH_CAP = "backoff:";
    private static final int MAX_SPINS = 10;
    private static final int MAX_YIELDS = 20;
    private static final long MIN_PARK_NS = 1_000;

    private IdleStrategies()
    {
    }

    /**
     * The default: {@code backoff} with a 100 µs park cap while warm, 1 ms once idle for 20 ms.
     *
     * @return a new strategy (strategies hold state: one per thread).
     */
    public static IdleStrategy backoff()
    {
        return new TieredBackoff(DEFAULT_MAX_PARK_NS, COLD_MAX_PARK_NS, WARM_NS);
    }

    /**
     * A strategy by name: {@code backoff}, {@code backoff:<max park>} (such as {@code backoff:1ms},
     * {@code backoff:50us}), {@code yield} or {@code sleep-ms}.
     *
     * @param spec the name.
     * @return a new strategy.
     * @throws IllegalArgumentException for an unknown name, a busy-spinning one or a bad park cap.
     */
    public static IdleStrategy of(final String spec)
    {
        final String name = spec.trim();
        if (name.equals("backoff"))
        {
            return backoff();
        }
        if (name.startsWith(BACKOFF_WITH_CAP))
        {
            final long maxParkNs = parseDurationNs(name.substring(BACKOFF_WITH_CAP.length()));
            if (maxParkNs < MIN_PARK_NS || maxParkNs > TimeUnit.SECONDS.toNanos(1))
            {
                throw new IllegalArgumentException("backoff park cap must be between 1us and 1s: " + spec);
            }
            return new BackoffIdleStrategy(MAX_SPINS, MAX_YIELDS, MIN_PARK_NS, maxParkNs);
        }
        return switch (name)
        {
            case "yield" -> new YieldingIdleStrategy();
            case "sleep-ms" -> new SleepingMillisIdleStrategy(1);
            case "spin", "noop" -> throw new IllegalArgumentException(
                "busy-spinning idle strategies starve other threads on small machines: use backoff, yield or sleep-ms");
            default -> throw new IllegalArgumentException(
                "unknown idle strategy " + spec + ": use backoff, backoff:<max park>, yield or sleep-ms");
        };
    }

    private static long parseDurationNs(final String text)
    {
        try
        {
            return SystemUtil.parseDuration("backoff park cap", text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad duration " + text + " (use e.g. 100us or 1ms)", ex);
        }
    }

    /**
     * Spin, yield, then park doubling from 1 µs up to a short cap while the thread did work in the last
     * {@code warmNs}, and up to a longer cap after that. Parked time counts as idle time (no clock is read).
     */
    static final class TieredBackoff implements IdleStrategy
    {
        private final long warmCapNs;
        private final long coldCapNs;
        private final long warmNs;
        private int spins;
        private int yields;
        private long parkNs = MIN_PARK_NS;
        private long parkedNs;

        TieredBackoff(final long warmCapNs, final long coldCapNs, final long warmNs)
        {
            this.warmCapNs = warmCapNs;
            this.coldCapNs = coldCapNs;
            this.warmNs = warmNs;
        }

        public void idle(final int workCount)
        {
            if (workCount > 0)
            {
                reset();
            }
            else
            {
                idle();
            }
        }

        public void idle()
        {
            if (spins < MAX_SPINS)
            {
                spins++;
                Thread.onSpinWait();
            }
            else if (yields < MAX_YIELDS)
            {
                yields++;
                Thread.yield();
            }
            else
            {
                java.util.concurrent.locks.LockSupport.parkNanos(parkNs);
                parkedNs += parkNs;
                parkNs = Math.min(parkNs << 1, parkedNs < warmNs ? warmCapNs : coldCapNs);
            }
        }

        public void reset()
        {
            spins = 0;
            yields = 0;
            parkNs = MIN_PARK_NS;
            parkedNs = 0;
        }

        /**
         * The park period the next idle park will use (tests).
         */
        long nextParkNs()
        {
            return parkNs;
        }

        public String toString()
        {
            return "TieredBackoff{warmCapNs=" + warmCapNs + ", coldCapNs=" + coldCapNs + ", warmNs=" + warmNs + "}";
        }
    }
}
