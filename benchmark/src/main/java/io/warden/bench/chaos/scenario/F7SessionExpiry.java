package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.Outcome;
import io.warden.bench.chaos.history.WatchRecord;
import io.warden.bench.chaos.workload.LockWorkload;
import io.warden.bench.chaos.workload.RecordedWatcher;
import io.warden.bench.chaos.workload.RemoteClient;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;
import io.warden.node.audit.AuditEvent;
import io.warden.node.audit.Change;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * F7: session expiry releases locks and ephemeral keys exactly once, with a leader kill in the expiry window.
 * Forty sessions each hold one lock and two ephemeral keys; half of them live in a client JVM that is SIGKILLed
 * (their keepalives stop), the other half live in the harness and queue for the silent half's locks; a prefix
 * watcher sees the keys. The leader is killed while the silent sessions are expiring.
 * <p>
 * Checks: the live half never expires (S1, helped by the new term's grace), the silent half expires within TTL plus
 * the grace plus the detection bound (S2), each expiry releases its lock and deletes its keys exactly once in the
 * audit stream (S3) and in the watch stream (one delete per silent key, none for live keys), nothing is done for a
 * session after its end (S4), and each lock is handed to its waiter exactly once (L2, L4).
 */
public final class F7SessionExpiry implements Scenario
{
    private static final int HALF = 20;
    private static final long TTL_MS = 3_000;
    private static final String PREFIX = "/chaos/f7/eph/";

    private final String id;
    private final String title;
    private final int leaderKills;

    /**
     * The fast-tier shape: one leader kill in the expiry window.
     */
    public F7SessionExpiry()
    {
        this("F7", "session-expiry-leader-kill", 1);
    }

    /**
     * Another shape, such as the soak tier's leadership flapping: the leader is killed again as soon as the
     * previous one is back, {@code leaderKills} times, so that new terms (each extending live deadlines by the
     * grace period) keep coming while the silent sessions should expire.
     *
     * @param id          scenario id.
     * @param title       scenario name.
     * @param leaderKills how many leader kills, one after the other.
     */
    public F7SessionExpiry(final String id, final String title, final int leaderKills)
    {
        this.id = id;
        this.title = title;
        this.leaderKills = leaderKills;
    }

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return id;
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return title;
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        // Each new term extends live deadlines by a grace period: the bound grows with the number of leader kills.
        ctx.sessionExpiryTolerance(Duration.ofMillis(TTL_MS + 3_000L * leaderKills));
        final List<String> endpoints = cluster.gatewayEndpoints();
        final WardenClient watcherClient = ctx.client("f7-watcher", endpoints, 10_000);
        final RecordedWatcher watcher = new RecordedWatcher("eph-watcher", watcherClient, PREFIX, true, true, 1);
        watcher.registered().join();
        ctx.checkWatcher(watcher);

        // The silent half, in a client JVM.
        final RemoteClient silent = ctx.remoteClient(0);
        silent.request("open " + HALF + " " + String.join(",", endpoints) + " " + TTL_MS + " f7-silent", "ok open",
            120_000);
        final List<Acquisition> silentAcquisitions = new ArrayList<>();
        ctx.checkLocks(() -> silentAcquisitions, List::of);
        final Set<Long> silentSessions = new HashSet<>();
        for (int i = 0; i < HALF; i++)
        {
            final long session = Long.parseLong(silent.request("state " + i, "state", 10_000)[4]);
            silentSessions.add(session);
            final long invokeNs = System.nanoTime();
            final String[] acquired = silent.request("acquire " + i + " /chaos/f7/lock/s" + i + " 0", "acquire",
                20_000);
            ctx.require("acquired".equals(acquired[0]), "setup", "silent " + i + ": " + String.join(" ", acquired));
            if ("acquired".equals(acquired[0]))
            {
                silentAcquisitions.add(Acquisition.granted("/chaos/f7/lock/s" + i, session,
                    Long.parseLong(acquired[3]), invokeNs, System.nanoTime()));
            }
            for (final String suffix : List.of("-a", "-b"))
            {
                final String[] put = silent.request("put-ephemeral " + i + " " + PREFIX + "s" + i + suffix + " v",
                    "put", 10_000);
                ctx.require("put-ok".equals(put[0]), "setup", "silent " + i + ": " + String.join(" ", put));
                ctx.countOp("put-ok".equals(put[0]) ? Outcome.OK : Outcome.UNKNOWN);
            }
        }

        // The live half, in the harness: each holds its own lock and keys and queues for a silent one's lock.
        final LockWorkload locks = new LockWorkload(ctx.history(), List.of("unused"), true, ctx.seed(), 60_000, 0);
        ctx.checkLocks(locks);
        final List<WardenClient> live = new ArrayList<>();
        final Set<Long> liveSessions = new HashSet<>();
        for (int i = 0; i < HALF; i++)
        {
            final WardenClient client = ctx.client("f7-live-" + i, endpoints, TTL_MS);
            live.add(client);
            liveSessions.add(client.sessionId());
            locks.acquire(i, new WardenLock(client, "/chaos/f7/lock/l" + i), client.sessionId());
            for (final String suffix : List.of("-a", "-b"))
            {
                client.await(client.putEphemeral(PREFIX + "l" + i + suffix, "v".getBytes(StandardCharsets.UTF_8)));
                ctx.countOp(Outcome.OK);
            }
        }
        final long[] handedOver = new long[HALF];
        final List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < HALF; i++)
        {
            final int index = i;
            final WardenClient client = live.get(i);
            final Thread thread = new Thread(() -> handedOver[index] = locks.acquire(100 + index,
                new WardenLock(client, "/chaos/f7/lock/s" + index), client.sessionId()), "f7-waiter-" + i);
            thread.start();
            waiters.add(thread);
        }
        ctx.sleep(1_000);

        // Stop the silent half's keepalives, then kill the leader inside the expiry window.
        ctx.faults().fault("client-kill", "client-0", "SIGKILL: " + HALF + " sessions go silent");
        final long silentNs = System.nanoTime();
        silent.process().kill();
        for (final long session : silentSessions)
        {
            ctx.silence(session, silentNs);
        }
        ctx.sleep(1_500);
        int leader = cluster.leader();
        cluster.killNode(leader);
        ctx.measureRecovery("leader-kill", live.get(0), 20_000);
        for (int kill = 1; kill < leaderKills; kill++)
        {
            cluster.restartNode(leader);
            cluster.awaitNodeStarted(leader, 30_000);
            ctx.sleep(TTL_MS / 2);
            leader = cluster.awaitLeader(20_000);
            cluster.killNode(leader);
            ctx.measureRecovery("leader-kill-" + (kill + 1), live.get(0), 20_000);
        }

        for (final Thread thread : waiters)
        {
            try
            {
                thread.join(40_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        final long handOffMs = (System.nanoTime() - silentNs) / 1_000_000;
        int granted = 0;
        for (final long token : handedOver)
        {
            granted += token > 0 ? 1 : 0;
        }
        ctx.require(granted == HALF, "liveness", "only " + granted + " of " + HALF + " locks of expired sessions " +
            "were handed to their waiters");
        ctx.faults().recovery("all-hand-offs", handOffMs);
        cluster.restartNode(leader);
        cluster.awaitNodeStarted(leader, 30_000);
        cluster.awaitLeader(30_000);

        // Every live client is still connected with its session.
        for (final WardenClient client : live)
        {
            ctx.require(liveSessions.contains(client.sessionId()) && client.state().isConnected(), "S1",
                "live session " + client.sessionId() + " is " + client.state());
        }
        ctx.watchCaughtUpRevision(watcherClient.await(watcherClient.progress()));
        checkWatchStream(ctx, watcher);
        ctx.checkReplay(replay -> checkAudit(ctx, replay.audit(), silentSessions, liveSessions));
    }

    private static void checkWatchStream(final ScenarioContext ctx, final RecordedWatcher watcher)
    {
        final Map<String, Integer> deletes = new HashMap<>();
        for (final WatchRecord record : watcher.history().records())
        {
            if (record instanceof WatchRecord.Event e && e.change().type() == Change.Type.DELETE)
            {
                deletes.merge(e.change().key(), 1, Integer::sum);
            }
        }
        int silentDeleted = 0;
        for (int i = 0; i < HALF; i++)
        {
            for (final String suffix : List.of("-a", "-b"))
            {
                final int silentCount = deletes.getOrDefault(PREFIX + "s" + i + suffix, 0);
                ctx.require(silentCount == 1, "S3", "the watch stream shows " + silentCount + " deletes of " + PREFIX +
                    "s" + i + suffix + " (expected exactly one)");
                silentDeleted += silentCount == 1 ? 1 : 0;
                final int liveCount = deletes.getOrDefault(PREFIX + "l" + i + suffix, 0);
                ctx.require(liveCount == 0, "S1", "the watch stream deleted live key " + PREFIX + "l" + i + suffix);
            }
        }
        ctx.note("watch-deletes=" + silentDeleted + "/" + 2 * HALF);
    }

    private static void checkAudit(
        final ScenarioContext ctx, final List<AuditEvent> audit, final Set<Long> silent, final Set<Long> live)
    {
        int expired = 0;
        for (final AuditEvent event : audit)
        {
            if (event instanceof AuditEvent.SessionEnded ended && ended.cause() == AuditEvent.EndCause.EXPIRED)
            {
                if (live.contains(ended.session()))
                {
                    ctx.violation("S1", "live session " + ended.session() + " expired at position " + ended.position());
                }
                if (silent.contains(ended.session()))
                {
                    expired++;
                }
            }
        }
        ctx.require(expired == silent.size(), "S2", "only " + expired + " of " + silent.size() +
            " silent sessions expired");
        ctx.note("expired=" + expired + "/" + silent.size());
    }
}
