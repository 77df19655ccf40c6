package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code watch-fanout}: W watchers of one key, spread over {@link WorkloadSettings#watchConnections(int)}
 * connections; one writer updates the key {@link WorkloadSettings#watchUpdates()} times at
 * {@link WorkloadSettings#watchUpdateRateHz()}. Each value carries its sequence number and the writer's send time, so
 * the {@code notify} latency is write start → a watcher sees that value. {@code write} is the writer's own put (commit
 * and answer), for comparison: a watcher can hear of a change no sooner than about that. A watcher that never sees an
 * update's value (after a {@value #DRAIN_TIMEOUT_MS} ms drain) has missed it: {@code missedUpdates} over all watchers.
 * One result per watcher count.
 * <p>
 * Before the measured updates, a barrier value (sequence 0, written again every {@value #BARRIER_RETRY_MS} ms for
 * watches that register asynchronously) must reach every watcher: that proves every watch is registered, and the
 * time from the first registration to then is reported as {@code registrationMs}.
 */
public final class WatchFanoutWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "watch-fanout";
    /** How long to wait for the last deliveries after the last write. */
    public static final long DRAIN_TIMEOUT_MS = 10_000;
    /** How long to wait for every watcher to see the barrier value. */
    public static final long BARRIER_TIMEOUT_MS = 60_000;
    /** How often the barrier value is written again until every watcher has seen it. */
    public static final long BARRIER_RETRY_MS = 500;

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public Set<Capability> requires()
    {
        return Set.of(Capability.KV, Capability.WATCH);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final List<WorkloadResult> results = new ArrayList<>();
        boolean isFirst = true;
        for (final int watchers : context.settings().watcherCounts())
        {
            if (!isFirst)
            {
                context.progress().begin(context.target().name(), NAME + "-" + watchers);
            }
            isFirst = false;
            results.add(runOnce(context, watchers));
        }
        return results;
    }

    private static final class Watcher
    {
        private final BitSet seen = new BitSet();
        private long duplicates;
    }

    private WorkloadResult runOnce(final WorkloadContext context, final int watcherCount) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final int connections = settings.watchConnections(watcherCount);
        final int updates = settings.watchUpdates();
        final Progress progress = context.progress();
        final String key = context.key(NAME, "k" + watcherCount);
        final Latencies latencies = new Latencies();
        latencies.declare("notify");
        latencies.declare("write");

        final List<BenchClient> clients = context.openClients(connections + 1, "watch-" + watcherCount);
        try
        {
            final BenchClient writer = clients.get(connections);
            writer.put(key, context.value(-1, System.nanoTime()));

            final AtomicLong barrierSeen = new AtomicLong();
            final AtomicLong delivered = new AtomicLong();
            final AtomicLong lastDeliveryNs = new AtomicLong();
            final Watcher[] watchers = new Watcher[watcherCount];
            progress.phase("register", 0);
            final long registerStartNs = System.nanoTime();
            for (int w = 0; w < watcherCount; w++)
            {
                final Watcher watcher = new Watcher();
                watchers[w] = watcher;
                clients.get(w % connections).watch(key, (watchedKey, value) ->
                {
                    final long nowNs = System.nanoTime();
                    final long sequence = WorkloadContext.sequenceOf(value);
                    if (sequence < 0 || sequence > updates)
                    {
                        return;
                    }
                    final boolean isNew;
                    synchronized (watcher)
                    {
                        isNew = !watcher.seen.get((int)sequence);
                        if (isNew)
                        {
                            watcher.seen.set((int)sequence);
                        }
                        else if (sequence > 0)
                        {
                            watcher.duplicates++;
                        }
                    }
                    if (!isNew)
                    {
                        return;
                    }
                    if (0 == sequence)
                    {
                        barrierSeen.incrementAndGet();
                    }
                    else
                    {
                        latencies.record("notify", nowNs - WorkloadContext.sendNsOf(value));
                        delivered.incrementAndGet();
                        lastDeliveryNs.accumulateAndGet(nowNs, Math::max);
                        progress.ops().increment();
                    }
                });
            }

            boolean isRegistered = false;
            final long barrierDeadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BARRIER_TIMEOUT_MS);
            while (!isRegistered && System.nanoTime() - barrierDeadlineNs < 0)
            {
                writer.put(key, context.value(0, System.nanoTime()));
                isRegistered = awaitCount(barrierSeen, watcherCount, BARRIER_RETRY_MS);
            }
            final long registrationNs = System.nanoTime() - registerStartNs;

            progress.phase("measure", (long)(updates * 1000 / settings.watchUpdateRateHz()));
            long writeErrors = 0;
            final long intervalNs = (long)(TimeUnit.SECONDS.toNanos(1) / settings.watchUpdateRateHz());
            final long firstWriteNs = System.nanoTime();
            for (int u = 1; u <= updates; u++)
            {
                final long intendedNs = firstWriteNs + (u - 1) * intervalNs;
                long waitNs;
                while ((waitNs = intendedNs - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(waitNs);
                }
                try
                {
                    final long writeStartNs = System.nanoTime();
                    writer.put(key, context.value(u, writeStartNs));
                    latencies.record("write", System.nanoTime() - writeStartNs);
                }
                catch (final Exception ex)
                {
                    writeErrors++;
                    progress.errors().increment();
                }
            }

            final long expected = (long)watcherCount * (updates - writeErrors);
            progress.phase("drain", DRAIN_TIMEOUT_MS);
            awaitCount(delivered, expected, DRAIN_TIMEOUT_MS);

            long missed = 0;
            long duplicates = 0;
            for (final Watcher watcher : watchers)
            {
                synchronized (watcher)
                {
                    missed += updates - (watcher.seen.cardinality() - (watcher.seen.get(0) ? 1 : 0));
                    duplicates += watcher.duplicates;
                }
            }

            final long spanNs = Math.max(1, lastDeliveryNs.get() - firstWriteNs);
            final WorkloadResult result = context.newResult(NAME, Integer.toString(watcherCount), connections)
                .parameter("watchers", watcherCount)
                .parameter("connections", connections)
                .parameter("updates", updates)
                .parameter("updateRateHz", settings.watchUpdateRateHz())
                .parameter("durationMs", (long)(updates * 1000 / settings.watchUpdateRateHz()))
                .parameter("warmupMs", 0)
                .parameter("mode", "writer at fixed rate")
                .primaryOp("notify")
                .histograms(latencies.histograms())
                .ops(delivered.get())
                .throughput(delivered.get() * 1e9 / spanNs, "deliveries/s")
                .addErrors(writeErrors)
                .metric("expectedDeliveries", (long)watcherCount * updates)
                .metric("missedUpdates", missed)
                .metric("duplicateDeliveries", duplicates)
                .metric("registrationMs", registrationNs / 1_000_000.0);
            if (!isRegistered)
            {
                result.note("only " + barrierSeen.get() + " of " + watcherCount + " watchers saw the barrier value " +
                    "within " + BARRIER_TIMEOUT_MS + " ms");
            }
            return result;
        }
        finally
        {
            WorkloadContext.closeAll(clients);
        }
    }

    private static boolean awaitCount(final AtomicLong counter, final long expected, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (counter.get() < expected)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }
}
