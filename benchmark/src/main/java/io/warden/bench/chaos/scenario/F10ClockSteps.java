package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.control.NodeCounters;
import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.HistoryRecorder;
import io.warden.bench.chaos.history.LeaseClaim;
import io.warden.bench.chaos.history.SafeClaim;
import io.warden.bench.chaos.workload.LockWorkload;
import io.warden.bench.chaos.workload.SilenceableClient;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * F10: wall-clock steps change no deadline. Under a fenced lock storm, lock holders that check {@code isSafe()}
 * continuously, and sessions that go silent one per step, the wall clock of the leader, of a follower, of every
 * node at once and of a gateway is stepped (+30 s, -60 s, +5 min and back, as an NTP step would), each step held for
 * a few seconds. Two devices: the node's offset file ({@code warden.cluster.clock.offset.file}, the wall clock the
 * node's clocks are built on) and libfaketime, which steps the whole process's {@code CLOCK_REALTIME} (the JVM's
 * {@code System.currentTimeMillis()} and everything built on it) while {@code CLOCK_MONOTONIC} stays true.
 * <p>
 * Checks, besides every end-of-run check (lock safety L1–L7 with fencing, session effects, equal digests):
 * <ul>
 *     <li>C1: no node and no gateway process stops;</li>
 *     <li>C2: no election is forced: every node's election counter and leadership term stay as they were;</li>
 *     <li>S1, judged on the harness clock against the clients' own evidence: no live session expires, and none
 *     expires before the lease its keepalive answers showed its client ({@code safeUntil} plus the margin);</li>
 *     <li>S2: each silenced session expires within its TTL (counted from its silence) plus a small margin;</li>
 *     <li>L7: no holder's {@code isSafe()} says true after its lock has gone to someone else.</li>
 * </ul>
 * With {@code warden.cluster.clock=wall} (the negative control F10n) the same steps must be caught.
 */
public final class F10ClockSteps implements Scenario
{
    /** How a wall clock is stepped. */
    public enum Device
    {
        /** The node's offset file: the wall clock its own clocks read ({@code OffsetFileWallClock}). */
        OFFSET_FILE,
        /** libfaketime: the whole process's wall clock, as an NTP step. */
        LIBFAKETIME
    }

    /** Whose wall clock is stepped. */
    public enum Target
    {
        /** The current leader. */
        LEADER,
        /** A follower. */
        FOLLOWER,
        /** Every node at once. */
        ALL_NODES,
        /** A gateway (libfaketime only: a gateway has no offset file). */
        GATEWAY
    }

    /**
     * One step: the target's wall clock is set to this offset from the true time.
     *
     * @param target   whose clock.
     * @param device   how.
     * @param offsetMs the new offset (the step is the difference from the previous one).
     */
    public record Step(Target target, Device device, long offsetMs)
    {
    }

    static final long TTL_MS = 3_000;
    /** How long each step is held before the checks (and the next step). */
    static final long HOLD_MS = 4_000;
    private static final int HOLDERS = 3;
    private static final int STORM_CLIENTS = 4;
    private static final long SAMPLE_MS = 20;
    private static final long TICK_MS = 100;
    private static final String PREFIX = "/chaos/f10/";
    private static final int TICKER_PROCESS = 900;
    private static final int HOLDER_PROCESS = 910;
    private static final int HOLDER_WAITER_PROCESS = 920;
    private static final int HEIR_PROCESS = 950;

    private final String id;
    private final String title;
    private final String clock;
    private final List<Step> plan;
    private final long holdMs;

    /**
     * The fast tier: the monotonic clock, -60 s then +5 min and back on the leader and on every node through the
     * offset file, and +5 min, -60 s and back on a follower and +5 min and back on a gateway with libfaketime.
     *
     * @return the scenario.
     */
    public static F10ClockSteps fastTier()
    {
        return new F10ClockSteps("F10", "clock-steps-locks-sessions", "monotonic", HOLD_MS, List.of(
            new Step(Target.LEADER, Device.OFFSET_FILE, -60_000),
            new Step(Target.LEADER, Device.OFFSET_FILE, 240_000),
            new Step(Target.LEADER, Device.OFFSET_FILE, 0),
            new Step(Target.ALL_NODES, Device.OFFSET_FILE, -60_000),
            new Step(Target.ALL_NODES, Device.OFFSET_FILE, 240_000),
            new Step(Target.ALL_NODES, Device.OFFSET_FILE, 0),
            new Step(Target.FOLLOWER, Device.LIBFAKETIME, 300_000),
            new Step(Target.FOLLOWER, Device.LIBFAKETIME, 240_000),
            new Step(Target.FOLLOWER, Device.LIBFAKETIME, 0),
            new Step(Target.GATEWAY, Device.LIBFAKETIME, 300_000),
            new Step(Target.GATEWAY, Device.LIBFAKETIME, 0)));
    }

    /**
     * The negative control: the same workload on {@code warden.cluster.clock=wall}, and one step, the leader's wall
     * clock 5 min ahead. It must be caught.
     *
     * @return the scenario.
     */
    public static F10ClockSteps negativeControl()
    {
        return new F10ClockSteps("F10n", "clock-step-on-the-wall-clock", "wall", HOLD_MS, List.of(
            new Step(Target.LEADER, Device.OFFSET_FILE, 300_000)));
    }

    /**
     * The soak tier's second negative control: every node's wall clock 60 s back on {@code warden.cluster.clock=wall},
     * held 15 s. Timers fire on the cluster clock, so a silenced session outlives its TTL by the step (S2). Each
     * consensus module also schedules its slow tick, which runs its own Aeron client's conductor, on the cluster
     * clock: the conductor is starved from the step on, and the first slow tick after it (here when the harness
     * puts the clocks back; at the latest when the cluster clock has caught up) finds Aeron's 10 s service interval
     * exceeded ({@code ConductorServiceTimeoutException}): every node stops and the cell stays down (liveness).
     *
     * @return the scenario.
     */
    public static F10ClockSteps negativeControlBackwards()
    {
        return new F10ClockSteps("S4n", "clock-step-back-on-the-wall-clock", "wall", 15_000, List.of(
            new Step(Target.ALL_NODES, Device.OFFSET_FILE, -60_000)));
    }

    /**
     * The full matrix (soak tier): +30 s, -60 s, +5 min and back (offsets +30 s, -30 s, +270 s, 0) on the leader,
     * a follower and every node with each device, and on a gateway with libfaketime.
     *
     * @return the scenario.
     */
    public static F10ClockSteps fullMatrix()
    {
        final List<Step> plan = new ArrayList<>();
        for (final Device device : Device.values())
        {
            for (final Target target : List.of(Target.LEADER, Target.FOLLOWER, Target.ALL_NODES))
            {
                addSteps(plan, target, device);
            }
        }
        addSteps(plan, Target.GATEWAY, Device.LIBFAKETIME);
        return new F10ClockSteps("S4", "clock-step-matrix", "monotonic", HOLD_MS, plan);
    }

    private static void addSteps(final List<Step> plan, final Target target, final Device device)
    {
        for (final long offsetMs : new long[]{ 30_000, -30_000, 270_000, 0 })
        {
            plan.add(new Step(target, device, offsetMs));
        }
    }

    /**
     * A scenario with its own plan.
     *
     * @param id    scenario id.
     * @param title scenario name.
     * @param clock  the nodes' {@code warden.cluster.clock}.
     * @param holdMs how long each step is held.
     * @param plan   the steps, in order.
     */
    public F10ClockSteps(
        final String id, final String title, final String clock, final long holdMs, final List<Step> plan)
    {
        this.id = id;
        this.title = title;
        this.clock = clock;
        this.holdMs = holdMs;
        this.plan = List.copyOf(plan);
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
     * The steps.
     *
     * @return the plan.
     */
    public List<Step> plan()
    {
        return plan;
    }

    private boolean isNegativeControl()
    {
        return "wall".equals(clock);
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final boolean needsFaketime = plan.stream().anyMatch(s -> s.device() == Device.LIBFAKETIME);
        final String unusable = needsFaketime ? ClusterController.verifyFaketime() : null;
        final boolean faketime = needsFaketime && null == unusable;
        if (null != unusable)
        {
            System.out.println("!!!! " + id + ": libfaketime cannot step a JVM here (" + unusable + "): its node " +
                "steps go through the offset file and its gateway steps are left out");
        }
        final ClusterController.Options options = new ClusterController.Options().nodes(3).gateways(2)
            .nodeSetting("warden.cluster.clock", clock);
        if (faketime)
        {
            options.faketimeNodes(0, 1, 2).faketimeGateways(1);
        }
        if (isNegativeControl())
        {
            // A stopped cell also fails the end-of-run liveness checks: expected too, on the wall clock.
            for (final String invariant : List.of("C1", "C2", "S1", "S2", "L7", "liveness"))
            {
                ctx.expectViolation(invariant);
            }
        }
        final ClusterController cluster = ctx.cluster(options);
        ctx.sessionExpiryTolerance(Duration.ofMillis(1_500));
        final List<String> endpoints = cluster.gatewayEndpoints();
        final long planMs = plan.size() * holdMs;
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();

        // Anchors: a put every 100 ms, recorded, so that every log position has a tight place on the harness clock.
        final WardenClient ticker = ctx.client("f10-ticker", endpoints, 10_000);
        threads.add(start("f10-ticker", () -> tick(ctx.history(), ticker, stop)));

        // A fenced lock storm (L1-L6).
        final LockWorkload storm = new LockWorkload(ctx.history(),
            List.of(PREFIX + "storm/a", PREFIX + "storm/b"), true, ctx.seed(), 2_000, 20);
        ctx.checkLocks(storm);
        for (int i = 0; i < STORM_CLIENTS; i++)
        {
            final int process = i;
            final WardenClient client = ctx.client("f10-storm-" + i, List.of(endpoints.get(i % 2),
                endpoints.get((i + 1) % 2)), TTL_MS);
            threads.add(start("f10-storm-" + i, () ->
            {
                while (!stop.get())
                {
                    storm.step(process, client);
                }
            }));
        }

        // Holders: each takes a lock for the whole run and keeps asking isSafe(); a waiter queues for each lock.
        final List<WardenClient> holders = new ArrayList<>();
        final List<WardenLock> heldLocks = new ArrayList<>();
        final List<Long> holderSessions = new ArrayList<>();
        for (int i = 0; i < HOLDERS; i++)
        {
            final WardenClient client = ctx.client("f10-holder-" + i, List.of(endpoints.get(i % 2),
                endpoints.get((i + 1) % 2)), TTL_MS);
            final WardenLock lock = new WardenLock(client, PREFIX + "hold/" + i);
            final long token = storm.acquire(HOLDER_PROCESS + i, lock, client.sessionId());
            ctx.require(token > 0, "setup", "holder " + i + " did not get its lock");
            client.await(client.putEphemeral(PREFIX + "eph/holder-" + i, "v".getBytes(StandardCharsets.UTF_8)));
            holders.add(client);
            heldLocks.add(lock);
            holderSessions.add(client.sessionId());
            threads.add(start("f10-holder-" + i, () -> sample(ctx, client, lock, token, stop)));
        }
        // Waiters that outwait the plan: a holder's waiter is granted only if its holder lost the lock (it then
        // times out in a correct run), a silent session's heir as soon as that session expires.
        final LockWorkload waiters = new LockWorkload(ctx.history(), List.of(PREFIX + "unused"), true, ctx.seed(),
            planMs + TTL_MS, 0);
        ctx.checkLocks(waiters);
        final WardenClient holderWaiter = ctx.client("f10-holder-waiter", endpoints, TTL_MS);
        for (int i = 0; i < HOLDERS; i++)
        {
            final int index = i;
            threads.add(start("f10-holder-waiter-" + i, () -> waiters.acquire(HOLDER_WAITER_PROCESS + index,
                new WardenLock(holderWaiter, PREFIX + "hold/" + index), holderWaiter.sessionId())));
        }

        // One silent session per step: it holds a lock an heir queues for, and an ephemeral key.
        final List<SilenceableClient> doomed = new ArrayList<>();
        final ConcurrentLinkedQueue<Acquisition> doomedGrants = new ConcurrentLinkedQueue<>();
        ctx.checkLocks(() -> List.copyOf(doomedGrants), List::of);
        final List<WardenClient> heirs = List.of(ctx.client("f10-heir-0", endpoints, TTL_MS),
            ctx.client("f10-heir-1", List.of(endpoints.get(1), endpoints.get(0)), TTL_MS));
        for (int k = 0; k < plan.size(); k++)
        {
            final SilenceableClient client = new SilenceableClient(ctx.pool().connectInvoker(
                "f10-doomed-" + k, List.of(endpoints.get(k % 2)), TTL_MS));
            final String name = PREFIX + "doomed/" + k;
            final WardenClient c = client.client();
            final long invokeNs = System.nanoTime();
            final long token = c.await(new WardenLock(c, name).acquireAsync(0));
            doomedGrants.add(Acquisition.granted(name, c.sessionId(), token, invokeNs, System.nanoTime()));
            c.await(c.putEphemeral(PREFIX + "eph/doomed-" + k, "v".getBytes(StandardCharsets.UTF_8)));
            client.start();
            doomed.add(client);
            final WardenClient heir = heirs.get(k % 2);
            final int process = HEIR_PROCESS + k;
            threads.add(start("f10-heir-" + k, () -> waiters.acquire(process, new WardenLock(heir, name),
                heir.sessionId())));
        }
        ctx.sleep(1_000);

        // The steps, from a settled cluster: every node follows the leader's term.
        cluster.awaitLeader(30_000);
        final Map<Integer, long[]> baseline = electionsAndTerms(cluster);
        final Map<String, Long> offsets = new LinkedHashMap<>();
        for (int k = 0; k < plan.size(); k++)
        {
            final Step step = plan.get(k);
            final long silentFromNs = doomed.get(k).silence();
            ctx.silence(doomed.get(k).client().sessionId(), silentFromNs);
            apply(ctx, cluster, step, faketime, offsets);
            ctx.sleep(holdMs);
            System.out.println("     " + id + " after step " + (k + 1) + ": " + cluster.describe());
            checkProcesses(ctx, cluster, "after step " + (k + 1) + " " + step);
            checkElections(ctx, cluster, baseline, "after step " + (k + 1) + " " + step);
        }
        ctx.sleep(TTL_MS);

        stop.set(true);
        for (final Thread thread : threads)
        {
            join(thread, planMs + 60_000);
        }
        checkProcesses(ctx, cluster, "at the end");
        checkElections(ctx, cluster, baseline, "at the end");
        for (int i = 0; i < HOLDERS; i++)
        {
            final WardenClient client = holders.get(i);
            ctx.require(client.sessionId() == holderSessions.get(i) && client.state().isConnected() &&
                heldLocks.get(i).isHeld(), "S1", "holder " + i + " lost its session or lock: " + client.state());
        }
        ctx.note("steps=" + plan.size() + (needsFaketime ? (faketime ? "(libfaketime)" : "(no libfaketime)") : "") +
            " silenced=" + doomed.size());
    }

    private static Thread start(final String name, final Runnable body)
    {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(final Thread thread, final long timeoutMs)
    {
        try
        {
            thread.join(timeoutMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void tick(final HistoryRecorder history, final WardenClient client, final AtomicBoolean stop)
    {
        final AtomicLong n = new AtomicLong();
        while (!stop.get())
        {
            final String value = Long.toString(n.incrementAndGet());
            final HistoryRecorder.Call call = history.invoke(TICKER_PROCESS, "put", PREFIX + "tick", value);
            try
            {
                call.ok(Long.toString(client.await(client.put(PREFIX + "tick",
                    value.getBytes(StandardCharsets.UTF_8)), 5, TimeUnit.SECONDS).revision()));
            }
            catch (final RuntimeException ex)
            {
                call.unknown();
            }
            sleepMs(TICK_MS);
        }
    }

    /**
     * What a lease holder does: ask whether its lock is still safe and how long its lease is, over and over, and
     * record both with the time read before asking.
     */
    private static void sample(
        final ScenarioContext ctx, final WardenClient client, final WardenLock lock, final long token,
        final AtomicBoolean stop)
    {
        final long session = client.sessionId();
        final long marginNs = client.context().safeTimeMarginNs();
        while (!stop.get())
        {
            final long observedNs = System.nanoTime();
            if (lock.isSafe())
            {
                ctx.safeClaim(new SafeClaim(lock.name(), session, token, observedNs));
            }
            final long safeUntilNs = client.safeUntilNs();
            if (safeUntilNs - observedNs > 0 && client.sessionId() == session)
            {
                // safeUntil after now comes from keepalive answers (a loss sets it to now): the lease they prove.
                ctx.leaseClaim(new LeaseClaim(session, observedNs, safeUntilNs + marginNs));
            }
            sleepMs(SAMPLE_MS);
        }
    }

    private void apply(
        final ScenarioContext ctx,
        final ClusterController cluster,
        final Step step,
        final boolean faketime,
        final Map<String, Long> offsets)
    {
        final List<String> processes = new ArrayList<>();
        switch (step.target())
        {
            case LEADER -> processes.add("node-" + cluster.awaitLeader(30_000));
            case FOLLOWER -> processes.add("node-" + cluster.follower(true));
            case ALL_NODES ->
            {
                for (int id = 0; id < cluster.nodeCount(); id++)
                {
                    processes.add("node-" + id);
                }
            }
            case GATEWAY -> processes.add("gateway-1");
            default -> throw new IllegalArgumentException(step.toString());
        }
        for (final String process : processes)
        {
            final boolean real = step.device() == Device.LIBFAKETIME && faketime && cluster.isFaketime(process);
            if (process.startsWith("gateway") && !real)
            {
                ctx.note("skipped:" + process + "-step(no-libfaketime)");
                continue;
            }
            final String key = process + (real ? "/faketime" : "/offset");
            final long from = offsets.getOrDefault(key, 0L);
            offsets.put(key, step.offsetMs());
            if (real)
            {
                cluster.wallClockOffset(process, step.offsetMs());
            }
            else
            {
                cluster.clockOffset(Integer.parseInt(process.substring("node-".length())), step.offsetMs());
            }
            System.out.println("     " + id + " step: " + process + " wall clock " +
                String.format(java.util.Locale.ROOT, "%+d", (step.offsetMs() - from) / 1000) + " s (offset " +
                step.offsetMs() / 1000 + " s, " + (real ? "libfaketime" : "offset file") + ")");
        }
    }

    private static Map<Integer, long[]> electionsAndTerms(final ClusterController cluster)
    {
        final Map<Integer, long[]> readings = new LinkedHashMap<>();
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            final NodeCounters.Reading r = cluster.read(id);
            readings.put(id, new long[]{ r.elections(), r.leadershipTermId() });
        }
        return readings;
    }

    private static void checkProcesses(final ScenarioContext ctx, final ClusterController cluster, final String when)
    {
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            // A node whose consensus module terminated may take a while to exit: its counters are gone at once.
            final boolean alive = cluster.node(id).isAlive();
            ctx.require(alive && cluster.read(id).role() >= 0, "C1", "node-" + id + " stopped " + when + " (" +
                (alive ? "its consensus module is gone" : "exit " + cluster.node(id).exitValue()) + ")");
        }
        for (int g = 0; g < cluster.gatewayCount(); g++)
        {
            ctx.require(cluster.gateway(g).isAlive(), "C1", "gateway-" + g + " stopped " + when + " (exit " +
                cluster.gateway(g).exitValue() + ")");
        }
    }

    private static void checkElections(
        final ScenarioContext ctx, final ClusterController cluster, final Map<Integer, long[]> baseline,
        final String when)
    {
        for (final Map.Entry<Integer, long[]> e : baseline.entrySet())
        {
            final NodeCounters.Reading r = cluster.read(e.getKey());
            if (r.role() < 0)
            {
                continue; // a stopped node is C1's
            }
            ctx.require(r.elections() == e.getValue()[0] && r.leadershipTermId() == e.getValue()[1], "C2",
                "node-" + e.getKey() + " " + when + ": elections " + e.getValue()[0] + " -> " + r.elections() +
                ", leadership term " + e.getValue()[1] + " -> " + r.leadershipTermId());
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
