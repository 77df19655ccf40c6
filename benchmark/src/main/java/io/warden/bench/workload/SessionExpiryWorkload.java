package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code session-expiry}: a lock holder in its own JVM ({@link HolderProcess}) is killed with SIGKILL while a
 * waiter in the rig queues for the lock; {@code takeover} is the time from the kill to the waiter's grant. The TTL
 * of both sessions is {@link WorkloadSettings#ttlMs()}; the takeover can never be shorter than what is left of the
 * holder's TTL, and is usually TTL plus the target's detection granularity. Repeated
 * {@link WorkloadSettings#expiryTrials()} times, one lock per trial. A grant to the waiter while the holder was
 * still alive, or a token not above the holder's, is a safety violation.
 */
public final class SessionExpiryWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "session-expiry";
    /** How long the waiter lets its acquire reach the target's queue before the holder is killed. */
    public static final long QUEUE_SETTLE_MS = 300;
    /** How long a holder JVM may take to start and take the lock. */
    public static final long HOLDER_START_TIMEOUT_MS = 60_000;

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
        return Set.of(Capability.EXCLUSIVE_LOCK, Capability.SESSION_TTL);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final long ttlMs = settings.ttlMs();
        final Latencies latencies = new Latencies();
        latencies.declare("takeover");
        long violations = 0;
        long tokenViolations = 0;
        long errors = 0;
        long minNs = Long.MAX_VALUE;
        long maxNs = 0;
        long sumNs = 0;
        int completed = 0;
        final WorkloadResult result = context.newResult(NAME, null, 2)
            .parameter("ttlMs", ttlMs)
            .parameter("trials", settings.expiryTrials())
            .parameter("warmupMs", 0)
            .parameter("mode", "holder process killed (SIGKILL)");

        // Every waiter call runs on one thread: some lock recipes (Curator's) tie a grant to the acquiring thread.
        final ExecutorService waiterThread = Executors.newSingleThreadExecutor();
        try (BenchClient waiter = context.target().newClient(new ClientOptions("expiry-waiter", ttlMs)))
        {
            for (int trial = 0; trial < settings.expiryTrials(); trial++)
            {
                context.progress().phase("trial " + (trial + 1) + "/" + settings.expiryTrials(), 0);
                final String lockName = context.lockName(NAME, Integer.toString(trial));
                try (HolderProcess holder = HolderProcess.start(context.environment(), context.target(), lockName, ttlMs))
                {
                    final long holderToken = holder.awaitHeld(HOLDER_START_TIMEOUT_MS);
                    final Future<long[]> grant = waiterThread.submit(() ->
                    {
                        final long token = waiter.acquire(lockName, ttlMs * 10 + settings.lockWaitTimeoutMs());
                        return new long[]{token, System.nanoTime()};
                    });
                    Thread.sleep(QUEUE_SETTLE_MS);
                    if (grant.isDone())
                    {
                        violations++;
                        result.note("trial " + trial + ": waiter granted while the holder was alive");
                    }

                    final long killNs = System.nanoTime();
                    holder.kill();
                    final long[] granted;
                    try
                    {
                        granted = grant.get(ttlMs * 10 + settings.lockWaitTimeoutMs() + 5_000, TimeUnit.MILLISECONDS);
                    }
                    catch (final Exception ex)
                    {
                        errors++;
                        context.progress().errors().increment();
                        result.note("trial " + trial + ": waiter not granted: " + ex);
                        continue;
                    }

                    final long takeoverNs = granted[1] - killNs;
                    latencies.record("takeover", takeoverNs);
                    context.progress().ops().increment();
                    minNs = Math.min(minNs, takeoverNs);
                    maxNs = Math.max(maxNs, takeoverNs);
                    sumNs += takeoverNs;
                    completed++;
                    if (granted[0] <= holderToken)
                    {
                        tokenViolations++;
                    }
                    context.progress().note(String.format(java.util.Locale.ROOT,
                        "trial %d: takeover %.0f ms (TTL %d ms)", trial + 1, takeoverNs / 1e6, ttlMs));
                    waiterThread.submit(() ->
                    {
                        waiter.release(lockName, granted[0]);
                        return null;
                    }).get(settings.lockWaitTimeoutMs(), TimeUnit.MILLISECONDS);
                }
            }
        }
        finally
        {
            waiterThread.shutdownNow();
        }

        result.primaryOp("takeover")
            .histograms(latencies.histograms())
            .ops(completed)
            .throughput(0, "n/a")
            .addErrors(errors)
            .metric("ttlMs", ttlMs)
            .metric("takeoverMinMs", completed > 0 ? minNs / 1e6 : Double.NaN)
            .metric("takeoverMeanMs", completed > 0 ? sumNs / 1e6 / completed : Double.NaN)
            .metric("takeoverMaxMs", completed > 0 ? maxNs / 1e6 : Double.NaN)
            .metric("exclusionViolations", violations)
            .metric("tokenViolations", tokenViolations);
        return List.of(result);
    }
}
