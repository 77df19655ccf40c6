package io.warden.bench.workload;

import java.util.Arrays;

/**
 * The parameters every workload reads: client count, durations, open-loop rate, watcher counts, TTL, value size.
 * Fluent setters and accessors, like an Aeron {@code Context}; not thread-safe (set up once, then read).
 */
public final class WorkloadSettings
{
    private int clients = 32;
    private long durationMs = 10_000;
    private long warmupMs = 3_000;
    private double rateOpsPerSec = 0;
    private int[] watcherCounts = {1_000, 10_000};
    private int watchersPerConnection = 1_000;
    private int minWatchConnections = 8;
    private int watchUpdates = 100;
    private double watchUpdateRateHz = 10;
    private long ttlMs = 2_000;
    private int expiryTrials = 5;
    private long failoverDurationMs = 12_000;
    private int valueLength = 64;
    private long lockWaitTimeoutMs = 30_000;

    /**
     * The settings of a {@code --quick} run: a few seconds per workload, fewer repetitions.
     *
     * @return quick settings.
     */
    public static WorkloadSettings quick()
    {
        return new WorkloadSettings()
            .clients(8)
            .durationMs(3_000)
            .warmupMs(1_000)
            .watchUpdates(20)
            .expiryTrials(2)
            .failoverDurationMs(8_000);
    }

    /**
     * Number of client threads, each with its own connection and session.
     *
     * @return client count.
     */
    public int clients()
    {
        return clients;
    }

    /**
     * Number of client threads.
     *
     * @param clients at least 1.
     * @return this.
     */
    public WorkloadSettings clients(final int clients)
    {
        if (clients < 1)
        {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        this.clients = clients;
        return this;
    }

    /**
     * Measured duration of a load phase.
     *
     * @return milliseconds.
     */
    public long durationMs()
    {
        return durationMs;
    }

    /**
     * Measured duration of a load phase.
     *
     * @param durationMs positive.
     * @return this.
     */
    public WorkloadSettings durationMs(final long durationMs)
    {
        if (durationMs <= 0)
        {
            throw new IllegalArgumentException("durationMs must be positive: " + durationMs);
        }
        this.durationMs = durationMs;
        return this;
    }

    /**
     * Unmeasured warm-up before each load phase.
     *
     * @return milliseconds.
     */
    public long warmupMs()
    {
        return warmupMs;
    }

    /**
     * Unmeasured warm-up before each load phase.
     *
     * @param warmupMs zero or more.
     * @return this.
     */
    public WorkloadSettings warmupMs(final long warmupMs)
    {
        if (warmupMs < 0)
        {
            throw new IllegalArgumentException("warmupMs must not be negative: " + warmupMs);
        }
        this.warmupMs = warmupMs;
        return this;
    }

    /**
     * Open-loop target rate over all clients; 0 means closed loop (each client sends its next request when the
     * last is answered).
     *
     * @return operations per second, or 0.
     */
    public double rateOpsPerSec()
    {
        return rateOpsPerSec;
    }

    /**
     * Open-loop target rate over all clients; 0 for closed loop.
     *
     * @param rateOpsPerSec zero or more.
     * @return this.
     */
    public WorkloadSettings rateOpsPerSec(final double rateOpsPerSec)
    {
        if (rateOpsPerSec < 0 || Double.isNaN(rateOpsPerSec))
        {
            throw new IllegalArgumentException("rate must not be negative: " + rateOpsPerSec);
        }
        this.rateOpsPerSec = rateOpsPerSec;
        return this;
    }

    /**
     * Whether load phases run open loop at {@link #rateOpsPerSec()}.
     *
     * @return true for open loop.
     */
    public boolean isOpenLoop()
    {
        return rateOpsPerSec > 0;
    }

    /**
     * Watcher counts of the watch-fanout workload, one result each.
     *
     * @return a copy of the counts.
     */
    public int[] watcherCounts()
    {
        return watcherCounts.clone();
    }

    /**
     * Watcher counts of the watch-fanout workload.
     *
     * @param watcherCounts each at least 1.
     * @return this.
     */
    public WorkloadSettings watcherCounts(final int... watcherCounts)
    {
        if (0 == watcherCounts.length || Arrays.stream(watcherCounts).anyMatch(count -> count < 1))
        {
            throw new IllegalArgumentException("watcher counts must be at least 1: " + Arrays.toString(watcherCounts));
        }
        this.watcherCounts = watcherCounts.clone();
        return this;
    }

    /**
     * Watchers per connection at most (Warden allows 1,000 watches per client connection).
     *
     * @return watchers per connection.
     */
    public int watchersPerConnection()
    {
        return watchersPerConnection;
    }

    /**
     * Connections the watchers of a watch-fanout run are spread over: at least {@code minWatchConnections}, more if
     * the watchers per connection would exceed {@link #watchersPerConnection()}.
     *
     * @param watchers number of watchers.
     * @return connection count, never more than watchers.
     */
    public int watchConnections(final int watchers)
    {
        final int needed = (watchers + watchersPerConnection - 1) / watchersPerConnection;
        return Math.min(watchers, Math.max(minWatchConnections, needed));
    }

    /**
     * Fewest connections the watchers are spread over.
     *
     * @param minWatchConnections at least 1.
     * @return this.
     */
    public WorkloadSettings minWatchConnections(final int minWatchConnections)
    {
        if (minWatchConnections < 1)
        {
            throw new IllegalArgumentException("minWatchConnections must be at least 1: " + minWatchConnections);
        }
        this.minWatchConnections = minWatchConnections;
        return this;
    }

    /**
     * Number of updates the watch-fanout writer makes.
     *
     * @return updates.
     */
    public int watchUpdates()
    {
        return watchUpdates;
    }

    /**
     * Number of updates the watch-fanout writer makes.
     *
     * @param watchUpdates at least 1.
     * @return this.
     */
    public WorkloadSettings watchUpdates(final int watchUpdates)
    {
        if (watchUpdates < 1)
        {
            throw new IllegalArgumentException("watchUpdates must be at least 1: " + watchUpdates);
        }
        this.watchUpdates = watchUpdates;
        return this;
    }

    /**
     * Rate of the watch-fanout writer.
     *
     * @return updates per second.
     */
    public double watchUpdateRateHz()
    {
        return watchUpdateRateHz;
    }

    /**
     * Rate of the watch-fanout writer.
     *
     * @param watchUpdateRateHz positive.
     * @return this.
     */
    public WorkloadSettings watchUpdateRateHz(final double watchUpdateRateHz)
    {
        if (!(watchUpdateRateHz > 0))
        {
            throw new IllegalArgumentException("watchUpdateRateHz must be positive: " + watchUpdateRateHz);
        }
        this.watchUpdateRateHz = watchUpdateRateHz;
        return this;
    }

    /**
     * Session TTL (or lease, or ZooKeeper session timeout) of every client.
     *
     * @return milliseconds.
     */
    public long ttlMs()
    {
        return ttlMs;
    }

    /**
     * Session TTL of every client.
     *
     * @param ttlMs positive.
     * @return this.
     */
    public WorkloadSettings ttlMs(final long ttlMs)
    {
        if (ttlMs <= 0)
        {
            throw new IllegalArgumentException("ttlMs must be positive: " + ttlMs);
        }
        this.ttlMs = ttlMs;
        return this;
    }

    /**
     * Number of holder kills in the session-expiry workload.
     *
     * @return trials.
     */
    public int expiryTrials()
    {
        return expiryTrials;
    }

    /**
     * Number of holder kills in the session-expiry workload.
     *
     * @param expiryTrials at least 1.
     * @return this.
     */
    public WorkloadSettings expiryTrials(final int expiryTrials)
    {
        if (expiryTrials < 1)
        {
            throw new IllegalArgumentException("expiryTrials must be at least 1: " + expiryTrials);
        }
        this.expiryTrials = expiryTrials;
        return this;
    }

    /**
     * Measured duration of the failover workload (the leader dies a third of the way in).
     *
     * @return milliseconds.
     */
    public long failoverDurationMs()
    {
        return failoverDurationMs;
    }

    /**
     * Measured duration of the failover workload.
     *
     * @param failoverDurationMs positive.
     * @return this.
     */
    public WorkloadSettings failoverDurationMs(final long failoverDurationMs)
    {
        if (failoverDurationMs <= 0)
        {
            throw new IllegalArgumentException("failoverDurationMs must be positive: " + failoverDurationMs);
        }
        this.failoverDurationMs = failoverDurationMs;
        return this;
    }

    /**
     * Size of written values.
     *
     * @return bytes.
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * Size of written values.
     *
     * @param valueLength at least 16 (values carry a sequence number and a timestamp).
     * @return this.
     */
    public WorkloadSettings valueLength(final int valueLength)
    {
        if (valueLength < 16)
        {
            throw new IllegalArgumentException("valueLength must be at least 16: " + valueLength);
        }
        this.valueLength = valueLength;
        return this;
    }

    /**
     * How long a lock acquire waits before it counts as an error.
     *
     * @return milliseconds.
     */
    public long lockWaitTimeoutMs()
    {
        return lockWaitTimeoutMs;
    }

    /**
     * How long a lock acquire waits before it counts as an error.
     *
     * @param lockWaitTimeoutMs positive.
     * @return this.
     */
    public WorkloadSettings lockWaitTimeoutMs(final long lockWaitTimeoutMs)
    {
        if (lockWaitTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("lockWaitTimeoutMs must be positive: " + lockWaitTimeoutMs);
        }
        this.lockWaitTimeoutMs = lockWaitTimeoutMs;
        return this;
    }

    /**
     * The load mode, for reports: {@code closed} or {@code open@<rate>/s}.
     *
     * @return the mode.
     */
    public String mode()
    {
        return isOpenLoop() ? "open@" + formatRate(rateOpsPerSec) + "/s" : "closed";
    }

    private static String formatRate(final double rate)
    {
        return rate == Math.rint(rate) ? Long.toString((long)rate) : Double.toString(rate);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "WorkloadSettings{clients=" + clients + ", durationMs=" + durationMs + ", warmupMs=" + warmupMs +
            ", mode=" + mode() + ", watcherCounts=" + Arrays.toString(watcherCounts) + ", watchUpdates=" +
            watchUpdates + "@" + watchUpdateRateHz + "Hz, ttlMs=" + ttlMs + ", expiryTrials=" + expiryTrials +
            ", failoverDurationMs=" + failoverDurationMs + ", valueLength=" + valueLength + "}";
    }
}
