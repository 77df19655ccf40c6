package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code lock-contended}: every client acquires the same lock and releases it at once (hold time 0), closed loop.
 * Reports grants/s, the wait ({@code acquire}) latency, fairness over the clients (Jain's index of grants per
 * client: 1.0 when every client got the same share; and the max/min ratio), and safety counters: a grant seen while
 * another client held the lock ({@code exclusionViolations}) and a fencing token not above the previous grant's
 * ({@code tokenViolations}). Ignores {@code --rate}: a contended lock serialises its clients anyway.
 */
public final class LockContendedWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "lock-contended";

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
        return Set.of(Capability.EXCLUSIVE_LOCK);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final int clientCount = settings.clients();
        final List<BenchClient> clients = context.openClients(clientCount, "lock-c");
        try
        {
            final String lockName = context.lockName(NAME, "one");
            final AtomicInteger holders = new AtomicInteger();
            final AtomicLong lastToken = new AtomicLong(Long.MIN_VALUE);
            final AtomicLong exclusionViolations = new AtomicLong();
            final AtomicLong tokenViolations = new AtomicLong();
            final long waitTimeoutMs = settings.lockWaitTimeoutMs();
            final Latencies latencies = new Latencies();
            latencies.declare("acquire");

            final LoadLoop.Outcome outcome = Phases.run(context, "cycle", clientCount, latencies,
                settings.warmupMs(), settings.durationMs(), 0,
                (client, sequence, op) ->
                {
                    final BenchClient benchClient = clients.get(client);
                    final long startNs = System.nanoTime();
                    final long token = benchClient.acquire(lockName, waitTimeoutMs);
                    final long grantedNs = System.nanoTime();
                    if (holders.incrementAndGet() != 1)
                    {
                        exclusionViolations.incrementAndGet();
                    }
                    final long previous = lastToken.getAndAccumulate(token, Math::max);
                    if (token <= previous)
                    {
                        tokenViolations.incrementAndGet();
                    }
                    holders.decrementAndGet();
                    benchClient.release(lockName, token);
                    op.record("acquire", grantedNs - startNs);
                    op.record("release", System.nanoTime() - grantedNs);
                });

            final long[] grants = outcome.opsPerClient();
            final WorkloadResult result = context.newResult(NAME, null, clientCount)
                .parameter("holdMs", 0)
                .parameter("mode", "closed")
                .primaryOp("acquire")
                .histograms(latencies.histograms())
                .ops(outcome.completedOps())
                .throughput(outcome.throughputOpsPerSec(), "grants/s")
                .addErrors(outcome.errors())
                .metric("grantsPerSec", outcome.throughputOpsPerSec())
                .metric("fairnessJain", jainIndex(grants))
                .metric("grantsMinPerClient", min(grants))
                .metric("grantsMaxPerClient", max(grants))
                .metric("exclusionViolations", exclusionViolations.get())
                .metric("tokenViolations", tokenViolations.get());
            if (settings.isOpenLoop())
            {
                result.note("--rate ignored: lock-contended always runs closed loop");
            }
            Phases.addErrorNotes(result, outcome);
            return List.of(result);
        }
        finally
        {
            WorkloadContext.closeAll(clients);
        }
    }

    /**
     * Jain's fairness index of a share vector: {@code (sum x)^2 / (n * sum x^2)}, 1.0 when all are equal, {@code 1/n}
     * when one client gets everything.
     *
     * @param shares per-client counts.
     * @return the index, or 1.0 for no grants at all.
     */
    public static double jainIndex(final long[] shares)
    {
        double sum = 0;
        double sumOfSquares = 0;
        for (final long share : shares)
        {
            sum += share;
            sumOfSquares += (double)share * share;
        }
        return sumOfSquares == 0 ? 1.0 : (sum * sum) / (shares.length * sumOfSquares);
    }

    private static long min(final long[] values)
    {
        long min = Long.MAX_VALUE;
        for (final long value : values)
        {
            min = Math.min(min, value);
        }
        return values.length == 0 ? 0 : min;
    }

    private static long max(final long[] values)
    {
        long max = 0;
        for (final long value : values)
        {
            max = Math.max(max, value);
        }
        return max;
    }
}
