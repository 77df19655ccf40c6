package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.KilledMember;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code failover}: every client writes its own key in a closed loop (or open loop at {@code --rate}); a third of the
 * way into the measured window the leader's process is killed with SIGKILL. Reports:
 * <ul>
 * <li>{@code recoveryMs}: kill → the first successful write <em>sent after the kill</em>, for the slowest client
 * (and the median client), i.e. how long until requests succeed again. The kill time is when the SIGKILL was
 * sent ({@link KilledMember#killedAtNs()}). A client that has not recovered by the end of the window keeps writing (unmeasured) until
 * one write succeeds, so every client's recovery is known ({@code unrecoveredClients} counts those that never
 * did);</li>
 * <li>{@code errors}: failed writes seen by the clients (the library's own retries are invisible);</li>
 * <li>{@code lostWrites}: clients whose key, read linearizably after the run, holds an older sequence number than
 * the last write acknowledged to them (nothing acknowledged may be lost);</li>
 * <li>{@code put} latencies over the whole window, the failover stall included.</li>
 * </ul>
 * The killed member is restarted afterwards ({@code restartMs}) so that later workloads find a whole cluster.
 */
public final class FailoverWorkload implements Workload
{
    /** Workload name. */
    public static final String NAME = "failover";
    /** How long a client that has not recovered by the end of the window is probed for. */
    public static final long PROBE_TIMEOUT_MS = 60_000;

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
        return Set.of(Capability.KV, Capability.FAILOVER);
    }

    /**
     * {@inheritDoc}
     */
    public List<WorkloadResult> run(final WorkloadContext context) throws Exception
    {
        final WorkloadSettings settings = context.settings();
        final int clientCount = settings.clients();
        final long durationMs = settings.failoverDurationMs();
        final List<BenchClient> clients = context.openClients(clientCount, "failover");
        final String[] keys = new String[clientCount];
        final AtomicLongArray acked = new AtomicLongArray(clientCount);
        final AtomicLongArray attempted = new AtomicLongArray(clientCount);
        final AtomicLongArray firstSuccessAfterKillNs = new AtomicLongArray(clientCount);
        final AtomicLong killNs = new AtomicLong(Long.MAX_VALUE);
        for (int i = 0; i < clientCount; i++)
        {
            keys[i] = context.key(NAME, "c" + i);
            acked.set(i, -1);
            attempted.set(i, -1);
        }

        final WorkloadResult result = context.newResult(NAME, null, clientCount)
            .parameter("durationMs", durationMs)
            .parameter("killAfterMs", durationMs / 3);
        final Latencies latencies = new Latencies();
        final LoadLoop.Outcome outcome;
        int killed = -1;
        int leaderBefore = -1;
        try
        {
            final LoadLoop.Running running = Phases.start(context, "put", clientCount, latencies,
                settings.warmupMs(), durationMs, settings.rateOpsPerSec(),
                (client, sequence, op) ->
                {
                    final long sendNs = System.nanoTime();
                    attempted.set(client, sequence);
                    clients.get(client).put(keys[client], context.value(sequence, sendNs));
                    acked.set(client, sequence);
                    if (sendNs - killNs.get() > 0 && 0 == firstSuccessAfterKillNs.get(client))
                    {
                        firstSuccessAfterKillNs.set(client, System.nanoTime());
                    }
                });

            final long killAtNs = running.measureStartNs() + TimeUnit.MILLISECONDS.toNanos(durationMs / 3);
            sleepUntil(killAtNs);
            leaderBefore = context.target().leader();
            context.progress().note("killing the leader (member " + leaderBefore + ")");
            final KilledMember kill = context.target().killLeader();
            killed = kill.memberId();
            killNs.set(kill.killedAtNs());
            outcome = running.await();
            probeUnrecovered(context, clients, keys, acked, attempted, firstSuccessAfterKillNs, killNs.get());
        }
        finally
        {
            WorkloadContext.closeAll(clients);
        }

        final long[] recoveryNs = new long[clientCount];
        int unrecovered = 0;
        for (int i = 0; i < clientCount; i++)
        {
            final long firstNs = firstSuccessAfterKillNs.get(i);
            if (0 == firstNs)
            {
                unrecovered++;
                recoveryNs[i] = Long.MAX_VALUE;
            }
            else
            {
                recoveryNs[i] = firstNs - killNs.get();
            }
        }
        Arrays.sort(recoveryNs);

        context.progress().phase("check", 0);
        final int leaderAfter = context.target().leader();
        long lostWrites = -1;
        if (!context.target().capabilities().contains(Capability.STATELESS_ECHO))
        {
            lostWrites = countLost(context, keys, acked, attempted, result);
        }
        else
        {
            result.note("lostWrites not checked: the echo target stores nothing");
        }

        context.progress().phase("restart", 0);
        final long restartStartNs = System.nanoTime();
        context.target().restartMember(killed);
        final long restartNs = System.nanoTime() - restartStartNs;

        result.primaryOp("put")
            .histograms(latencies.histograms())
            .ops(outcome.completedOps())
            .throughput(outcome.throughputOpsPerSec(), "ops/s")
            .addErrors(outcome.errors())
            .metric("killedMember", killed)
            .metric("leaderBefore", leaderBefore)
            .metric("leaderAfter", leaderAfter)
            .metric("recoveryMs", unrecovered > 0 ? Double.NaN : recoveryNs[clientCount - 1] / 1e6)
            .metric("recoveryMedianMs", recoveryNs[clientCount / 2] == Long.MAX_VALUE ?
                Double.NaN : recoveryNs[clientCount / 2] / 1e6)
            .metric("unrecoveredClients", unrecovered)
            .metric("lostWrites", lostWrites < 0 ? (Number)Double.NaN : (Number)lostWrites)
            .metric("restartMs", restartNs / 1e6);
        Phases.addErrorNotes(result, outcome);
        return List.of(result);
    }

    /**
     * A client whose every write after the kill failed or was still in flight when the window closed has not
     * recovered yet: keep writing with it (outside the measured window) until one write sent after the kill
     * succeeds, so its recovery time is known too.
     */
    private static void probeUnrecovered(
        final WorkloadContext context,
        final List<BenchClient> clients,
        final String[] keys,
        final AtomicLongArray acked,
        final AtomicLongArray attempted,
        final AtomicLongArray firstSuccessAfterKillNs,
        final long killNs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_TIMEOUT_MS);
        for (int i = 0; i < clients.size(); i++)
        {
            if (0 != firstSuccessAfterKillNs.get(i))
            {
                continue;
            }
            context.progress().note("client " + i + " has not recovered in the window; probing");
            long sequence = attempted.get(i) + 1;
            while (0 == firstSuccessAfterKillNs.get(i) && System.nanoTime() - deadlineNs < 0)
            {
                final long sendNs = System.nanoTime();
                try
                {
                    attempted.set(i, sequence);
                    clients.get(i).put(keys[i], context.value(sequence, sendNs));
                    acked.set(i, sequence);
                    if (sendNs - killNs > 0)
                    {
                        firstSuccessAfterKillNs.set(i, System.nanoTime());
                    }
                }
                catch (final Exception ex)
                {
                    Thread.sleep(LoadLoop.ERROR_PAUSE_MS);
                }
                sequence++;
            }
        }
    }

    private static long countLost(
        final WorkloadContext context,
        final String[] keys,
        final AtomicLongArray acked,
        final AtomicLongArray attempted,
        final WorkloadResult result) throws Exception
    {
        long lost = 0;
        try (BenchClient checker = context.target().newClient(
            new ClientOptions("failover-check", context.settings().ttlMs())))
        {
            for (int i = 0; i < keys.length; i++)
            {
                final long stored = WorkloadContext.sequenceOf(checker.get(keys[i]));
                if (stored < acked.get(i))
                {
                    lost++;
                    result.note("client " + i + ": acknowledged write " + acked.get(i) + " lost (key holds " +
                        stored + ")");
                }
                else if (stored > attempted.get(i))
                {
                    result.note("client " + i + ": key holds " + stored + ", never written");
                }
            }
        }
        return lost;
    }

    private static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            TimeUnit.NANOSECONDS.sleep(remainingNs);
        }
    }
}
