package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;

/**
 * F3: a follower is SIGKILLed under load; while it is down the other two take a snapshot and go on; it is restarted
 * with its data and must catch up through log replay (and the snapshot) until its commit position reaches the
 * leader's, then a snapshot taken by all three must show one digest. Registers stay linearizable, nothing
 * acknowledged is lost.
 */
public final class F3FollowerCatchUp implements Scenario
{
    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F3";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "follower-kill-catch-up";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        final MixedLoad load = new MixedLoad(ctx, "f3");
        load.start(new MixedLoad.Shape(2, 4, 3, 2, 5, 3_000), cluster.gatewayEndpoints(), 5_000, 24_000);
        ctx.sleep(4_000);

        final int follower = cluster.follower(ctx.random().nextBoolean());
        ctx.require(follower >= 0, "liveness", "no follower to kill");
        cluster.killNode(follower);
        ctx.measureRecovery("follower-kill", load.anyClient(), 10_000);
        ctx.sleep(2_000);
        ctx.snapshot();
        ctx.sleep(1_000);
        cluster.restartNode(follower);
        cluster.awaitNodeStarted(follower, 30_000);

        final long restartedNs = System.nanoTime();
        final long caughtUpMs = cluster.awaitCaughtUp(follower, restartedNs, 20_000);
        ctx.require(caughtUpMs >= 0, "catch-up", "node-" + follower + " did not catch up within 20 s of starting: " +
            cluster.describe());
        ctx.faults().recovery("catch-up", caughtUpMs);
        final ClusterController.Snapshot snapshot = ctx.snapshot();
        ctx.require(null != snapshot && snapshot.digestByNode().containsKey(follower), "convergence",
            "the restarted node did not take part in the snapshot after catching up: " + snapshot);
        load.awaitAndDrain();
    }
}
