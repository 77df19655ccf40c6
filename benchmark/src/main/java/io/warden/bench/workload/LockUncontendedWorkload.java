package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lock-uncontended}: each client acquires and releases a lock of its own, over and over. The primary operation
 * is the {@code cycle} (acquire + release); {@code acquire} and {@code release} are recorded separately.
 */
public final class LockUncontendedWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "lock-uncontended";

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
        return Set.of(Capability.LOCK_CYCLE);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final int clientCount = settings.clients();
        final List<BenchClient> clients = context.openClients(clientCount, "lock-u");
        try
        {
            final List<String> lockNames = new ArrayList<>(clientCount);
            for (int i = 0; i < clientCount; i++)
            {
                lockNames.add(context.lockName(NAME, Integer.toString(i)));
            }

            final Latencies latencies = new Latencies();
            final long waitTimeoutMs = settings.lockWaitTimeoutMs();
            final LoadLoop.Outcome outcome = Phases.run(context, "cycle", clientCount, latencies,
                settings.warmupMs(), settings.durationMs(), settings.rateOpsPerSec(),
                (client, sequence, op) ->
                {
                    final BenchClient benchClient = clients.get(client);
                    final String lockName = lockNames.get(client);
                    final long startNs = System.nanoTime();
                    final long token = benchClient.acquire(lockName, waitTimeoutMs);
                    final long grantedNs = System.nanoTime();
                    benchClient.release(lockName, token);
                    final long releasedNs = System.nanoTime();
                    op.record("acquire", grantedNs - startNs);
                    op.record("release", releasedNs - grantedNs);
                });

            final WorkloadResult result = context.newResult(NAME, null, clientCount)
                .primaryOp("cycle")
                .histograms(latencies.histograms())
                .ops(outcome.completedOps())
                .throughput(outcome.throughputOpsPerSec(), "cycles/s")
                .addErrors(outcome.errors());
            Phases.addErrorNotes(result, outcome);
            return List.of(result);
        }
        finally
        {
            WorkloadContext.closeAll(clients);
        }
    }
}
