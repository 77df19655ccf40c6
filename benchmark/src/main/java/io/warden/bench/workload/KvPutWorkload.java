package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.List;
import java.util.Set;

/**
 * {@code kv-put}: each client writes values of {@link WorkloadSettings#valueLength()} bytes to 16 keys of its own,
 * round robin.
 */
public final class KvPutWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "kv-put";
    /** Keys per client. */
    public static final int KEYS_PER_CLIENT = 16;

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
        return Set.of(Capability.KV);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final int clientCount = settings.clients();
        final List<BenchClient> clients = context.openClients(clientCount, "put");
        try
        {
            final String[][] keys = new String[clientCount][KEYS_PER_CLIENT];
            for (int c = 0; c < clientCount; c++)
            {
                for (int k = 0; k < KEYS_PER_CLIENT; k++)
                {
                    keys[c][k] = context.key(NAME, c + "/" + k);
                }
            }

            final Latencies latencies = new Latencies();
            final LoadLoop.Outcome outcome = Phases.run(context, "put", clientCount, latencies,
                settings.warmupMs(), settings.durationMs(), settings.rateOpsPerSec(),
                (client, sequence, op) -> clients.get(client).put(
                    keys[client][(int)(sequence % KEYS_PER_CLIENT)], context.value(sequence, System.nanoTime())));

            final WorkloadResult result = context.newResult(NAME, null, clientCount)
                .primaryOp("put")
                .histograms(latencies.histograms())
                .ops(outcome.completedOps())
                .throughput(outcome.throughputOpsPerSec(), "ops/s")
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
