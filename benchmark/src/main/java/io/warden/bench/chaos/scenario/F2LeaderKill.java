package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.Outcome;

/**
 * F2: the leader is SIGKILLed during a lock-acquisition storm (20 clients, each its own session, on 3 locks, with
 * waits, writing to fenced resources) alongside register operations, and restarted with its data. Fencing tokens
 * must keep rising across the failover (L1–L6), no acknowledged write may be lost, a new leader must be elected and
 * grants must continue after it, and the restarted node must converge. On a 5-node cell ({@code F2-5}) a follower is
 * SIGKILLed with the leader: the three left must elect a leader and go on, and both must converge after a restart.
 */
public final class F2LeaderKill implements Scenario
{
    private final String id;
    private final int nodes;

    /**
     * The 3-node scenario, F2.
     */
    public F2LeaderKill()
    {
        this("F2", 3);
    }

    /**
     * @param id    the scenario's id.
     * @param nodes 3 (the leader is killed) or 5 (the leader and a follower: two failed members).
     */
    public F2LeaderKill(final String id, final int nodes)
    {
        this.id = id;
        this.nodes = nodes;
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
        return 3 == nodes ? "leader-kill-lock-storm" : "leader-and-follower-kill-lock-storm-" + nodes + "-nodes";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(nodes).gateways(1));
        final MixedLoad load = new MixedLoad(ctx, "f2");
        load.start(new MixedLoad.Shape(2, 20, 3, 2, 5, 3_000), cluster.gatewayEndpoints(), 6_000, 26_000);
        ctx.sleep(6_000);

        final int leader = cluster.leader();
        ctx.require(leader >= 0, "liveness", "no leader before the fault");
        final int follower = nodes >= 5 ? cluster.follower(ctx.random().nextBoolean()) : -1;
        final long killNs = System.nanoTime();
        cluster.killNode(leader);
        if (follower >= 0)
        {
            cluster.killNode(follower);
        }
        ctx.measureRecovery("leader-kill", load.anyClient(), 20_000);
        final int newLeader = cluster.awaitLeader(20_000);
        ctx.note("leader=" + leader + "->" + newLeader + (follower >= 0 ? " follower-killed=" + follower : ""));
        ctx.sleep(1_000);
        cluster.restartNode(leader);
        if (follower >= 0)
        {
            cluster.restartNode(follower);
            cluster.awaitNodeStarted(follower, 30_000);
        }
        cluster.awaitNodeStarted(leader, 30_000);
        load.awaitAndDrain();

        long grantsAfter = 0;
        for (final Acquisition a : load.locks().acquisitions())
        {
            if (a.outcome() == Outcome.OK && a.invokeNs() > killNs)
            {
                grantsAfter++;
            }
        }
        ctx.require(grantsAfter > 0, "liveness", "no lock was granted after the leader was killed");
        ctx.note("grants-after-failover=" + grantsAfter);
    }
}
