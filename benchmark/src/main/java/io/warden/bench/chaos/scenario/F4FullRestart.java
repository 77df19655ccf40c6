package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;

/**
 * F4: full-cluster restart from snapshot plus log. Load; a snapshot in the middle; more load; every node SIGKILLed
 * at once and restarted; more load; then again, this time with every node's latest snapshot invalidated first (the
 * restart must replay the log). Nothing acknowledged may be lost, revisions and fencing tokens must continue
 * (never reused: L1 over the whole log, modRevisions rising per key), sessions either survive with the new term's
 * grace or end exactly once (S1–S4), and the replay from position 0 must reach every digest the nodes reported.
 */
public final class F4FullRestart implements Scenario
{
    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F4";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "full-restart-snapshot-log";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        final MixedLoad load = new MixedLoad(ctx, "f4");
        load.start(new MixedLoad.Shape(2, 4, 3, 2, 5, 3_000), cluster.gatewayEndpoints(), 30_000, 48_000);
        ctx.sleep(3_000);
        ctx.snapshot();
        ctx.sleep(3_000);

        restartAll(ctx, cluster, load, false);
        ctx.sleep(3_000);
        ctx.snapshot();
        ctx.sleep(2_000);
        restartAll(ctx, cluster, load, true);
        load.awaitAndDrain();
    }

    private static void restartAll(
        final ScenarioContext ctx, final ClusterController cluster, final MixedLoad load, final boolean invalidate)
    {
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            cluster.killNode(id);
        }
        if (invalidate)
        {
            for (int id = 0; id < cluster.nodeCount(); id++)
            {
                ctx.require(cluster.invalidateLatestSnapshot(id), "snapshot",
                    "node-" + id + " had no snapshot to invalidate");
            }
        }
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            cluster.restartNode(id);
        }
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            cluster.awaitNodeStarted(id, 40_000);
        }
        final long startedNs = System.nanoTime();
        cluster.awaitLeader(30_000);
        ctx.measureRecovery(invalidate ? "restart-log-replay" : "restart-snapshot", load.anyClient(), 30_000);
        ctx.note((invalidate ? "replay-restart" : "snapshot-restart") + "-serving-after=" +
            (System.nanoTime() - startedNs) / 1_000_000 + "ms");
    }
}
