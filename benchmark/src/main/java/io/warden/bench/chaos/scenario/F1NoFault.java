package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;

/**
 * F1: no fault. The mixed load (registers, a lock storm, watchers) for a while with a snapshot in the middle; every
 * invariant must hold and every node must converge. Reports the throughput the load reached.
 */
public final class F1NoFault implements Scenario
{
    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F1";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "no-fault";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        final MixedLoad load = new MixedLoad(ctx, "f1");
        final long durationMs = 12_000;
        final long startNs = System.nanoTime();
        load.start(new MixedLoad.Shape(2, 6, 3, 4, 5, 3_000), cluster.gatewayEndpoints(), 5_000, durationMs);
        ctx.sleep(durationMs / 2);
        ctx.snapshot();
        load.awaitAndDrain();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        ctx.note(String.format("qps=%.0f", ctx.history().history().size() / seconds));
    }
}
