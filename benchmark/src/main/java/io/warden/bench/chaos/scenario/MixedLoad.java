package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.workload.KvWorkload;
import io.warden.bench.chaos.workload.LockWorkload;
import io.warden.bench.chaos.workload.RecordedWatcher;
import io.warden.bench.chaos.workload.RequestLoop;
import io.warden.client.WardenClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The mixed load most scenarios run under their fault: register operations on a few keys (linearizability), a lock
 * storm writing to fenced resources (lock safety), and prefix watchers over the registers (watch delivery), all
 * through harness clients, in bounded loops that stop by themselves. Registers its workloads with the context so
 * the end-of-run checks cover them.
 */
final class MixedLoad
{
    private final ScenarioContext ctx;
    private final KvWorkload kv;
    private final LockWorkload locks;
    private final List<WardenClient> kvClients = new ArrayList<>();
    private final List<WardenClient> lockClients = new ArrayList<>();
    private final List<RecordedWatcher> watchers = new ArrayList<>();
    private RequestLoop kvLoop;
    private RequestLoop lockLoop;
    private int kvProcesses;

    /**
     * Shape of the load.
     *
     * @param kvClients     clients running register operations (two processes each).
     * @param lockClients   clients in the lock storm (one session each).
     * @param lockCount     locks they contend for.
     * @param watcherCount  prefix watchers over the registers.
     * @param keyCount      registers.
     * @param lockWaitMs    how long an acquire waits in the queue.
     */
    record Shape(int kvClients, int lockClients, int lockCount, int watcherCount, int keyCount, long lockWaitMs)
    {
    }

    MixedLoad(final ScenarioContext ctx, final String prefix)
    {
        this.ctx = ctx;
        final List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            keys.add("/chaos/" + prefix + "/reg/k" + i);
        }
        this.kv = new KvWorkload(ctx.history(), keys, ctx.seed());
        final List<String> lockNames = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            lockNames.add("/chaos/" + prefix + "/lock/l" + i);
        }
        this.locks = new LockWorkload(ctx.history(), lockNames, true, ctx.seed(), 3_000, 20);
        ctx.checkKv(kv);
        ctx.checkLocks(locks);
    }

    /**
     * Connect the clients and start the watchers (from revision 1), then the loops.
     *
     * @param shape      the load's shape.
     * @param endpoints  gateway endpoints of every client.
     * @param ttlMs      session TTL.
     * @param durationMs how long the loops run.
     */
    void start(final Shape shape, final List<String> endpoints, final long ttlMs, final long durationMs)
    {
        for (int i = 0; i < shape.kvClients(); i++)
        {
            kvClients.add(ctx.client("kv-" + i, endpoints, ttlMs));
        }
        for (int i = 0; i < shape.lockClients(); i++)
        {
            lockClients.add(ctx.client("lock-" + i, endpoints, ttlMs));
        }
        for (int i = 0; i < shape.watcherCount(); i++)
        {
            final WardenClient client = kvClients.get(i % kvClients.size());
            final String prefix = kv.keys().get(0).substring(0, kv.keys().get(0).lastIndexOf('/') + 1);
            final RecordedWatcher watcher = new RecordedWatcher("watch-" + i, client,
                i % 2 == 0 ? prefix : kv.keys().get(i % kv.keys().size()), i % 2 == 0, i % 3 == 0, 1);
            watcher.registered().join();
            watchers.add(watcher);
            ctx.checkWatcher(watcher);
        }
        kvProcesses = shape.kvClients() * 2;
        kvLoop = new RequestLoop("kv", durationMs, Long.MAX_VALUE, 5)
            .start(kvProcesses, p -> step(p));
        lockLoop = new RequestLoop("lock", durationMs, Long.MAX_VALUE, 5)
            .start(lockClients.size(), p -> lockStep(p));
    }

    private boolean step(final int process)
    {
        kv.step(process, kvClients.get(process / 2));
        return true;
    }

    private boolean lockStep(final int process)
    {
        locks.step(1_000 + process, lockClients.get(process));
        return true;
    }

    /**
     * Wait for the loops to end by themselves, then read every register once and make every watcher catch up.
     */
    void awaitAndDrain()
    {
        for (final Throwable failure : kvLoop.join(60_000))
        {
            ctx.violation("workload", "kv worker failed: " + failure);
        }
        for (final Throwable failure : lockLoop.join(60_000))
        {
            ctx.violation("workload", "lock worker failed: " + failure);
        }
        kv.readAll(kvProcesses, kvClients.get(0));
        long caughtUp = Long.MAX_VALUE;
        for (final WardenClient client : kvClients)
        {
            try
            {
                caughtUp = Math.min(caughtUp, client.await(client.progress()));
            }
            catch (final RuntimeException ex)
            {
                ctx.violation("liveness", "progress after the run failed: " + ex);
            }
        }
        ctx.watchCaughtUpRevision(caughtUp == Long.MAX_VALUE ? 0 : caughtUp);
    }

    /**
     * Stop the loops early.
     */
    void stop()
    {
        kvLoop.stop();
        lockLoop.stop();
    }

    /**
     * A client of the register workload (to measure recovery with).
     *
     * @return the first client.
     */
    WardenClient anyClient()
    {
        return kvClients.get(0);
    }

    /**
     * Every client of the load (each with its own session).
     *
     * @return the clients.
     */
    List<WardenClient> clients()
    {
        final List<WardenClient> all = new ArrayList<>(kvClients);
        all.addAll(lockClients);
        return all;
    }

    /**
     * The lock workload.
     *
     * @return the workload.
     */
    LockWorkload locks()
    {
        return locks;
    }
}
