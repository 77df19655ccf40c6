package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code mixed}: 80% linearizable reads, 20% writes done under a lock (acquire, put, release) over 100 keys guarded
 * by 16 locks, so writers of different keys sometimes contend. Operations {@code get} and {@code write} (the locked
 * write cycle) are recorded separately; the primary operation {@code op} is either.
 */
public final class MixedWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "mixed";
    /** Keys. */
    public static final int KEY_COUNT = 100;
    /** Locks guarding the keys (key k by lock k % LOCK_COUNT). */
    public static final int LOCK_COUNT = 16;
    /** Share of reads. */
    public static final double READ_SHARE = 0.8;

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
        return Set.of(Capability.KV, Capability.LOCK_CYCLE);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final int clientCount = settings.clients();
        final List<BenchClient> clients = context.openClients(clientCount, "mixed");
        try
        {
            final String[] keys = new String[KEY_COUNT];
            final String[] locks = new String[LOCK_COUNT];
            for (int k = 0; k < KEY_COUNT; k++)
            {
                keys[k] = context.key(NAME, Integer.toString(k));
                clients.get(0).put(keys[k], context.value(0, System.nanoTime()));
            }
            for (int l = 0; l < LOCK_COUNT; l++)
            {
                locks[l] = context.lockName(NAME, Integer.toString(l));
            }

            final long waitTimeoutMs = settings.lockWaitTimeoutMs();
            final Latencies latencies = new Latencies();
            latencies.declare("get");
            latencies.declare("write");
            final LoadLoop.Outcome outcome = Phases.run(context, "op", clientCount, latencies,
                settings.warmupMs(), settings.durationMs(), settings.rateOpsPerSec(),
                (client, sequence, op) ->
                {
                    final BenchClient benchClient = clients.get(client);
                    final ThreadLocalRandom random = ThreadLocalRandom.current();
                    final int k = random.nextInt(KEY_COUNT);
                    final long startNs = System.nanoTime();
                    if (random.nextDouble() < READ_SHARE)
                    {
                        benchClient.get(keys[k]);
                        op.record("get", System.nanoTime() - startNs);
                    }
                    else
                    {
                        final String lock = locks[k % LOCK_COUNT];
                        final long token = benchClient.acquire(lock, waitTimeoutMs);
                        try
                        {
                            benchClient.put(keys[k], context.value(sequence, startNs));
                        }
                        finally
                        {
                            benchClient.release(lock, token);
                        }
                        op.record("write", System.nanoTime() - startNs);
                    }
                });

            final WorkloadResult result = context.newResult(NAME, null, clientCount)
                .parameter("readShare", READ_SHARE)
                .parameter("keys", KEY_COUNT)
                .parameter("locks", LOCK_COUNT)
                .primaryOp("op")
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
