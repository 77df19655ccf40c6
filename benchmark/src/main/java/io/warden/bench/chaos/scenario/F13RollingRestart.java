package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;
import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;

import java.util.ArrayList;
import java.util.List;

/**
 * F13: a rolling restart under load, the way an upgrade is done: every node in turn, the followers first and the
 * leader last, is stopped gracefully (SIGTERM), started again with its data and given time to catch up before the
 * next. Nothing acknowledged may be lost (the usual history checks), no client's session may expire, and each
 * restart's unavailability is measured as the longest time, from the stop until the node has caught up, in which no
 * operation of any client completed successfully.
 * <p>
 * The old leader is started again only once the others have elected a leader without it (README: Rolling restart).
 * {@code -Dwarden.chaos.f13.quick=true} starts it at once instead; one such run in four stalled the cell for 13.9 s
 * (the followers reported the leader heartbeat timeout only then), which is why the procedure waits.
 */
public final class F13RollingRestart implements Scenario
{
    /** Start the stopped leader again at once instead of after the new election. */
    public static final String QUICK_PROP_NAME = "warden.chaos.f13.quick";

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F13";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "rolling-restart-under-load";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        final MixedLoad load = new MixedLoad(ctx, "f13");
        load.start(new MixedLoad.Shape(2, 6, 3, 2, 5, 3_000), cluster.gatewayEndpoints(), 10_000, 45_000);
        ctx.sleep(3_000);

        final int leader = cluster.stableLeader();
        ctx.require(leader >= 0, "liveness", "no leader before the rolling restart");
        final List<Integer> order = new ArrayList<>();
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            if (id != leader)
            {
                order.add(id);
            }
        }
        order.add(leader);

        final List<long[]> windows = new ArrayList<>();
        for (final int id : order)
        {
            final long stoppedNs = System.nanoTime();
            cluster.stopNode(id);
            if (id == leader && !Boolean.getBoolean(QUICK_PROP_NAME))
            {
                // the procedure: start the old leader again once the others lead without it
                final long electedNs = System.nanoTime();
                final int newLeader = cluster.awaitLeader(20_000);
                ctx.faults().recovery("new-leader-after-stop", (System.nanoTime() - electedNs) / 1_000_000);
                ctx.note("leader=" + leader + "->" + newLeader);
            }
            cluster.restartNode(id);
            cluster.awaitNodeStarted(id, 30_000);
            final long caughtUpMs = cluster.awaitCaughtUp(id, stoppedNs, 40_000);
            ctx.require(caughtUpMs >= 0, "catch-up", "node-" + id + " did not catch up within 40 s of its restart: " +
                cluster.describe());
            ctx.faults().recovery("restart-node-" + id, caughtUpMs);
            windows.add(new long[]{ id, stoppedNs, System.nanoTime() });
            ctx.sleep(1_500);
        }
        ctx.require(cluster.awaitLeader(20_000) >= 0, "liveness", "no leader after the rolling restart");

        load.awaitAndDrain();
        for (final WardenClient client : load.clients())
        {
            ctx.require(client.state() != ConnectionState.LOST, "session",
                "a session expired during the rolling restart: " + client.sessionId());
        }
        final List<Op> history = ctx.history().history();
        for (final long[] window : windows)
        {
            ctx.faults().recovery("unavailable-node-" + window[0], longestGapMs(history, window[1], window[2]));
        }
        ctx.note("order=" + order + " (leader " + leader + " last)");
    }

    /**
     * The longest stretch within [fromNs, toNs] in which no operation completed successfully.
     */
    private static long longestGapMs(final List<Op> history, final long fromNs, final long toNs)
    {
        final List<Long> completions = new ArrayList<>();
        for (final Op op : history)
        {
            if (op.outcome() == Outcome.OK && op.completeNs() >= fromNs && op.completeNs() <= toNs)
            {
                completions.add(op.completeNs());
            }
        }
        completions.sort(null);
        long previous = fromNs;
        long longest = 0;
        for (final long completed : completions)
        {
            longest = Math.max(longest, completed - previous);
            previous = completed;
        }
        longest = Math.max(longest, toNs - previous);
        return longest / 1_000_000;
    }
}
