package io.warden.schema;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The idle strategies of Warden's gateway and client threads (agents and embedded media drivers), by name.
 * <p>
 * The default, {@code backoff}, spins a little, yields a little, then parks for 1 µs doubling up to
 * {@link #DEFAULT_MAX_PARK_NS} (100 µs). Agrona's own default parks up to 1 ms, and a request that crosses ten idle
 * threads (client agent and driver, gateway driver and agent, both ways) then waits up to ten milliseconds at low load
 * (measured: 7.6 ms p50 for one client's puts, 0.9 ms with a 100 µs cap). A 100 µs cap costs each idle thread about
 * 10,000 wake-ups per second, a few percent of a core. Busy-spinning is refused: it starves every other thread on a
 * small machine.
 * <pre>
 * IdleStrategy idle = IdleStrategies.of("backoff");           // 1 µs .. 100 µs parks
 * IdleStrategy lazy = IdleStrategies.of("backoff:1ms");       // Agrona's default cap: least CPU, more latency
 * IdleStrategy sleepy = IdleStrategies.of("sleep-ms");        // 1 ms sleeps
 * </pre>
 */
public final class IdleStrategies
{
    /** The default park cap of {@code backoff}. */
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final int MAX_SPINS = 10;
    private static final int MAX_YIELDS = 20;
    private static final long MIN_PARK_NS = 1_000;

    private IdleStrategies()
    {
    }

    /**
     * The default: {@code backoff} with a 100 µs park cap.
     *
     * @return a new strategy (strategies hold state: one per thread).
     */
    public static IdleStrategy backoff()
    {
        return new BackoffIdleStrategy(MAX_SPINS, MAX_YIELDS, MIN_PARK_NS, DEFAULT_MAX_PARK_NS);
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
        if (name.startsWith("backoff:"))
        {
            final long maxParkNs = parseDurationNs(name.substring("backoff:".length()));
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
        final String value = text.trim();
        try
        {
            if (value.endsWith("us"))
            {
                return TimeUnit.MICROSECONDS.toNanos(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("ms"))
            {
                return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("ns"))
            {
                return Long.parseLong(value.substring(0, value.length() - 2));
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad duration " + text + " (use e.g. 100us or 1ms)", ex);
        }
        throw new IllegalArgumentException("bad duration " + text + " (use e.g. 100us or 1ms)");
    }
}
