package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * F12: a bit flip in a follower's latest snapshot. Load; two snapshots; a follower stopped, one byte of a key record
 * in its latest snapshot recording inverted (Aeron's framing intact, so only Warden's own checks can notice), and
 * started again. It must say that the snapshot cannot be read, mark it invalid, start from the one before plus the
 * log after it, catch up, and then snapshot the same digest as the others: never serve a state it could not verify,
 * never start empty. Everything acknowledged meanwhile must survive (the usual history checks).
 */
public final class F12CorruptSnapshot implements Scenario
{
    private static final Pattern FELL_BACK =
        Pattern.compile("cannot be read .* it is marked invalid in recording\\.log");

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F12";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "corrupt-latest-snapshot";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        final MixedLoad load = new MixedLoad(ctx, "f12");
        load.start(new MixedLoad.Shape(2, 4, 3, 2, 5, 3_000), cluster.gatewayEndpoints(), 5_000, 24_000);
        ctx.sleep(3_000);
        ctx.snapshot();
        ctx.sleep(2_000);
        ctx.snapshot();
        ctx.sleep(1_000);

        final int follower = cluster.follower(ctx.random().nextBoolean());
        ctx.require(follower >= 0, "liveness", "no follower to stop");
        cluster.stopNode(follower);
        final Path corrupted = cluster.corruptLatestSnapshot(follower);
        ctx.require(null != corrupted, "snapshot", "node-" + follower + " has no snapshot with a key to corrupt");
        ctx.note("corrupted=" + corrupted.getFileName());

        final long restartedNs = System.nanoTime();
        cluster.restartNode(follower);
        cluster.awaitNodeStarted(follower, 30_000);
        ctx.require(cluster.node(follower).awaitLogLine(FELL_BACK, 30_000), "snapshot",
            "node-" + follower + " did not report the unreadable snapshot and its fallback: " +
            cluster.node(follower).logFile());

        final long caughtUpMs = cluster.awaitCaughtUp(follower, restartedNs, 40_000);
        ctx.require(caughtUpMs >= 0, "catch-up", "node-" + follower + " did not catch up within 40 s of its restart " +
            "from the older snapshot: " + cluster.describe());
        ctx.faults().recovery("fallback-catch-up", caughtUpMs);
        final ClusterController.Snapshot snapshot = ctx.snapshot();
        ctx.require(null != snapshot && snapshot.digestByNode().containsKey(follower) && snapshot.converged(),
            "convergence", "the node that fell back did not reach the others' digest: " + snapshot);
        load.awaitAndDrain();
    }
}
