package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An unmeasured warm-up of a freshly started target before its first workload, so that the first workload does not
 * measure cold JVMs (the target's own and the clients' code paths): every client does puts, linearizable gets and,
 * where the target has locks, lock cycles on its own lock, closed loop, for {@link WorkloadSettings#warmupMs()} times
 * {@value #WARMUP_FACTOR}.
 */
public final class TargetWarmup
{
    /** How many workload warm-ups long the target warm-up is. */
    public static final int WARMUP_FACTOR = 3;

    private TargetWarmup()
    {
    }

    /**
     * Warm the target up; failures are counted, not thrown (the workloads will show them).
     *
     * @param context the started target and settings.
     * @return operations that failed.
     * @throws Exception if the clients cannot connect.
     */
    public static long run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final long durationMs = settings.warmupMs() * WARMUP_FACTOR;
        if (durationMs <= 0)
        {
            return 0;
        }
        final boolean hasLocks = context.target().capabilities().contains(Capability.LOCK_CYCLE);
        final boolean hasKv = context.target().capabilities().contains(Capability.KV);
        final int clientCount = settings.clients();
        final List<BenchClient> clients = context.openClients(clientCount, "warmup");
        try
        {
            context.progress().phase("warmup", durationMs);
            final LoadLoop.Outcome outcome = new LoadLoop("warmup", clientCount, new Latencies(), context.progress())
                .warmupMs(0)
                .durationMs(durationMs)
                .start((client, sequence, op) ->
                {
                    final BenchClient benchClient = clients.get(client);
                    final String key = context.key("warmup", client + "/" + (sequence % 8));
                    final int choice = ThreadLocalRandom.current().nextInt(3);
                    if (hasLocks && (0 == choice || !hasKv))
                    {
                        final String lock = context.lockName("warmup", Integer.toString(client));
                        benchClient.release(lock, benchClient.acquire(lock, settings.lockWaitTimeoutMs()));
                    }
                    else if (hasKv && 1 == choice)
                    {
                        benchClient.put(key, context.value(sequence, System.nanoTime()));
                    }
                    else if (hasKv)
                    {
                        benchClient.get(key);
                    }
                })
                .await();
            return outcome.errors();
        }
        finally
        {
            WorkloadContext.closeAll(clients);
        }
    }
}
