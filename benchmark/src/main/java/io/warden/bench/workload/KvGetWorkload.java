package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code kv-get}: every client reads random keys of 100 written beforehand. Two phases, two results: variant
 * {@code linearizable} (Warden: a read through the log; ZooKeeper: {@code sync} then {@code getData}; etcd: the
 * default linearizable range) and, where the target has {@link Capability#CACHED_READ}, variant {@code cached}
 * (ZooKeeper: a plain local {@code getData}; etcd: a serializable range). A missing key counts as an error.
 */
public final class KvGetWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "kv-get";
    /** Keys read. */
    public static final int KEY_COUNT = 100;

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
        final List<BenchClient> clients = context.openClients(clientCount, "get");
        try
        {
            final String[] keys = new String[KEY_COUNT];
            for (int k = 0; k < KEY_COUNT; k++)
            {
                keys[k] = context.key(NAME, Integer.toString(k));
                clients.get(0).put(keys[k], context.value(k, System.nanoTime()));
            }

            final List<WorkloadResult> results = new ArrayList<>();
            results.add(phase(context, clients, keys, "linearizable", "get", false));
            if (context.target().capabilities().contains(Capability.CACHED_READ))
            {
                context.progress().begin(context.target().name(), NAME + "-cached");
                results.add(phase(context, clients, keys, "cached", "get-cached", true));
            }
            return results;
        }
        finally
        {
            WorkloadContext.closeAll(clients);
        }
    }

    private static WorkloadResult phase(
        final WorkloadContext context,
        final List<BenchClient> clients,
        final String[] keys,
        final String variant,
        final String opName,
        final boolean isCached) throws InterruptedException
    {
        final WorkloadSettings settings = context.settings();
        final Latencies latencies = new Latencies();
        final LoadLoop.Outcome outcome = Phases.run(context, opName, clients.size(), latencies,
            settings.warmupMs(), settings.durationMs(), settings.rateOpsPerSec(),
            (client, sequence, op) ->
            {
                final String key = keys[ThreadLocalRandom.current().nextInt(KEY_COUNT)];
                final byte[] value = isCached ? clients.get(client).getCached(key) : clients.get(client).get(key);
                if (null == value)
                {
                    throw new IllegalStateException("missing key " + key);
                }
            });

        final WorkloadResult result = context.newResult(NAME, variant, clients.size())
            .parameter("read", variant)
            .parameter("keys", KEY_COUNT)
            .primaryOp(opName)
            .histograms(latencies.histograms())
            .ops(outcome.completedOps())
            .throughput(outcome.throughputOpsPerSec(), "ops/s")
            .addErrors(outcome.errors());
        Phases.addErrorNotes(result, outcome);
        return result;
    }
}
