package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.control.Firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * S1, one round of the soak tier: the mixed load (registers, a fenced lock storm, watchers, sessions) on three nodes
 * and two gateways for a minute or more, under a seeded random schedule of combined faults: every kind once in a
 * seeded order, then seeded random picks until the time is up. The kinds:
 * leader or follower SIGKILL and restart, leader or follower SIGSTOP for 0.5–4 s, a partition isolating the leader
 * or a follower for 2–6 s, 10–30 % random loss between two nodes for 3–8 s, a step of the leader's wall clock
 * by ±10 ms … ±2 s for a few seconds, a snapshot, or a gateway SIGKILL and restart; holds it, heals it, measures
 * the recovery (the first write accepted after the heal) and leaves 1–3 s of quiet. Network faults are left out of
 * the schedule, and said so, where the host has no iptables or no root. A node that exits by itself after a fault
 * (an Aeron timeout after a long pause) is restarted and counted.
 * <p>
 * Every end-of-run check of the fast tier applies (linearizability per key, acknowledged writes kept, lock safety
 * with fencing, session effects, watch delivery, equal digests on every node and in a fresh replay of the log).
 * The soak runs as many rounds as fit its time, each with its own seed, so every history stays small enough to
 * check exactly.
 */
public final class SoakRandomNemesis implements Scenario
{
    private static final long TTL_MS = 6_000;

    private final int round;
    private final long loadMs;

    /**
     * One round.
     *
     * @param round  its number (part of the id).
     * @param loadMs how long the load and the fault schedule run.
     */
    public SoakRandomNemesis(final int round, final long loadMs)
    {
        this.round = round;
        this.loadMs = loadMs;
    }

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "S1." + round;
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "random-combined-nemesis";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final SplittableRandom random = new SplittableRandom(ctx.seed() * 0x9E3779B97F4A7C15L + round);
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(2));
        final Firewall firewall = ctx.firewall();
        if (!firewall.isAvailable())
        {
            System.out.println("!!!! " + id() + ": no partitions or loss in this soak: " + firewall.unavailableReason());
        }
        final MixedLoad load = new MixedLoad(ctx, "s1");
        load.start(new MixedLoad.Shape(3, 10, 3, 4, 5, 3_000), cluster.gatewayEndpoints(), TTL_MS, loadMs);
        ctx.sleep(4_000);

        final long endNs = System.nanoTime() + (loadMs - 12_000) * 1_000_000L;
        final List<String> schedule = new ArrayList<>();
        int step = 0;
        final List<String> firstRound = new ArrayList<>(kinds(firewall.isAvailable()));
        for (int i = firstRound.size() - 1; i > 0; i--)
        {
            java.util.Collections.swap(firstRound, i, random.nextInt(i + 1));
        }
        while (System.nanoTime() - endNs < 0)
        {
            // Every kind once, in a seeded order, then seeded random picks.
            final String fault = step < firstRound.size() ? firstRound.get(step) : pick(random, firewall.isAvailable());
            schedule.add(fault);
            inject(ctx, cluster, firewall, random, fault, load, step++);
            restartCrashed(ctx, cluster);
            ctx.sleep(1_000 + random.nextInt(2_000));
        }
        restartCrashed(ctx, cluster);
        cluster.awaitLeader(30_000);
        load.awaitAndDrain();
        ctx.note("schedule=" + String.join(",", schedule));
    }

    private static List<String> kinds(final boolean network)
    {
        final List<String> all = List.of("leader-kill", "follower-kill", "leader-pause", "follower-pause",
            "clock-step", "snapshot", "gateway-kill", "partition-leader", "partition-follower", "loss");
        return network ? all : all.subList(0, all.size() - 3);
    }

    private static String pick(final SplittableRandom random, final boolean network)
    {
        final List<String> kinds = kinds(network);
        return kinds.get(random.nextInt(kinds.size()));
    }

    private static void inject(
        final ScenarioContext ctx,
        final ClusterController cluster,
        final Firewall firewall,
        final SplittableRandom random,
        final String fault,
        final MixedLoad load,
        final int step)
    {
        final int leader = cluster.awaitLeader(30_000);
        final int follower = cluster.follower(random.nextBoolean());
        final String what = fault + "-" + step;
        switch (fault)
        {
            case "leader-kill", "follower-kill" ->
            {
                final int target = fault.startsWith("leader") ? leader : follower;
                cluster.killNode(target);
                ctx.measureRecovery(what, load.anyClient(), 30_000);
                ctx.sleep(random.nextInt(3_000));
                cluster.restartNode(target);
                cluster.awaitNodeStarted(target, 30_000);
            }
            case "leader-pause", "follower-pause" ->
            {
                final int target = fault.startsWith("leader") ? leader : follower;
                cluster.pauseNode(target);
                ctx.sleep(500 + random.nextInt(3_500));
                cluster.resumeNode(target);
                ctx.measureRecovery(what, load.anyClient(), 30_000);
            }
            case "clock-step" ->
            {
                final long magnitudeMs = (long)Math.pow(10, 1 + random.nextDouble() * 2.3);
                final long offsetMs = random.nextBoolean() ? magnitudeMs : -magnitudeMs;
                cluster.clockOffset(leader, offsetMs);
                ctx.sleep(1_000 + random.nextInt(3_000));
                cluster.resetClocks();
                ctx.measureRecovery(what, load.anyClient(), 30_000);
            }
            case "snapshot" -> ctx.snapshot();
            case "gateway-kill" ->
            {
                final int gateway = random.nextInt(cluster.gatewayCount());
                cluster.killGateway(gateway);
                ctx.measureRecovery(what, load.anyClient(), 30_000);
                ctx.sleep(random.nextInt(2_000));
                cluster.restartGateway(gateway);
            }
            case "partition-leader", "partition-follower" ->
            {
                final int target = fault.equals("partition-leader") ? leader : follower;
                final List<Firewall.Endpoint> rest = new ArrayList<>();
                for (int id = 0; id < cluster.nodeCount(); id++)
                {
                    if (id != target)
                    {
                        rest.add(cluster.nodeEndpoint(id));
                    }
                }
                ctx.faults().fault("partition", "node-" + target, "isolated from the other nodes");
                firewall.partition(List.of(cluster.nodeEndpoint(target)), rest);
                ctx.sleep(2_000 + random.nextInt(4_000));
                firewall.heal();
                ctx.measureRecovery(what, load.anyClient(), 30_000);
            }
            case "loss" ->
            {
                final double probability = 0.1 + random.nextDouble() * 0.2;
                final Firewall.Endpoint a = cluster.nodeEndpoint(leader);
                final Firewall.Endpoint b = cluster.nodeEndpoint(follower);
                ctx.faults().fault("loss", "node-" + leader + "<->node-" + follower,
                    String.format(java.util.Locale.ROOT, "%.0f%%", probability * 100));
                firewall.loss(a, b, probability);
                firewall.loss(b, a, probability);
                ctx.sleep(3_000 + random.nextInt(5_000));
                firewall.heal();
                ctx.measureRecovery(what, load.anyClient(), 30_000);
            }
            default -> throw new IllegalArgumentException(fault);
        }
    }

    /**
     * Restart any node or gateway that exited by itself (a node paused past Aeron's timeouts may terminate).
     */
    private static void restartCrashed(final ScenarioContext ctx, final ClusterController cluster)
    {
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            if (!cluster.node(id).isAlive())
            {
                ctx.faults().fault("self-exit", "node-" + id, "exited by itself; restarted");
                cluster.restartNode(id);
                cluster.awaitNodeStarted(id, 30_000);
            }
        }
        for (int id = 0; id < cluster.gatewayCount(); id++)
        {
            if (!cluster.gateway(id).isAlive())
            {
                ctx.faults().fault("self-exit", "gateway-" + id, "exited by itself; restarted");
                cluster.restartGateway(id);
            }
        }
    }
}
