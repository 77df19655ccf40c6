package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.workload.KvWorkload;
import io.warden.bench.chaos.workload.RecordedWatcher;
import io.warden.bench.chaos.workload.RequestLoop;
import io.warden.client.WardenClient;

import java.util.ArrayList;
import java.util.List;

/**
 * F8: watch delivery across a gateway failover and a leader failover. Twenty watchers (prefixes and single keys,
 * some with previous values) on four clients that start on gateway 0; a writer on gateway 1 writes continuously.
 * Gateway 0 is SIGKILLed (the watchers' clients move to gateway 1 and their watches resume from the revision after
 * the last event each delivered), later the leader is SIGKILLed (the gateway resumes its node registrations).
 * <p>
 * Checks, against the committed changes replayed from the log: every stream ordered (W1), without duplicates
 * (W2), without gaps up to the revision all clients caught up to (W3), only committed matching events (W4), and
 * resumable (W5); every watcher receives new events within a bound after each fault; the writes stay linearizable.
 */
public final class F8WatchFailover implements Scenario
{
    private final String id;
    private final String title;
    private final int watcherCount;
    private final int clientCount;
    private final long writerThinkMs;

    /**
     * The fast-tier shape: 20 watchers on 4 clients, a writer with 2 ms think time.
     */
    public F8WatchFailover()
    {
        this("F8", "watch-gateway-and-leader-failover", 20, 4, 2);
    }

    /**
     * Another shape, such as the soak tier's thundering herd (1,000 watchers reconnecting after each failover).
     *
     * @param id            scenario id.
     * @param title         scenario name.
     * @param watcherCount  watch streams.
     * @param clientCount   clients they are spread over.
     * @param writerThinkMs the writer's pause between operations.
     */
    public F8WatchFailover(
        final String id, final String title, final int watcherCount, final int clientCount, final long writerThinkMs)
    {
        this.id = id;
        this.title = title;
        this.watcherCount = watcherCount;
        this.clientCount = clientCount;
        this.writerThinkMs = writerThinkMs;
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
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(2));
        final List<String> gateways = cluster.gatewayEndpoints();
        final List<String> keys = new ArrayList<>();
        for (final String group : List.of("a", "b"))
        {
            for (int i = 0; i < 3; i++)
            {
                keys.add("/chaos/f8/" + group + "/k" + i);
            }
        }
        final KvWorkload kv = new KvWorkload(ctx.history(), keys, ctx.seed());
        ctx.checkKv(kv);
        final WardenClient writer = ctx.client("f8-writer", List.of(gateways.get(1), gateways.get(0)), 10_000);

        final List<WardenClient> watcherClients = new ArrayList<>();
        for (int c = 0; c < clientCount; c++)
        {
            watcherClients.add(ctx.client("f8-watch-" + c, gateways, 10_000));
        }
        final List<RecordedWatcher> watchers = new ArrayList<>();
        for (int w = 0; w < watcherCount; w++)
        {
            final WardenClient client = watcherClients.get(w % watcherClients.size());
            final String key;
            final boolean prefix;
            switch (w % 4)
            {
                case 0 -> { key = "/chaos/f8/"; prefix = true; }
                case 1 -> { key = "/chaos/f8/a/"; prefix = true; }
                case 2 -> { key = "/chaos/f8/b/"; prefix = true; }
                default -> { key = keys.get(w % keys.size()); prefix = false; }
            }
            final RecordedWatcher watcher = new RecordedWatcher("w" + w, client, key, prefix, w % 3 == 0, 1);
            watcher.registered().join();
            watchers.add(watcher);
            ctx.checkWatcher(watcher);
        }

        final RequestLoop writes = new RequestLoop("f8-writer", 24_000, Long.MAX_VALUE, writerThinkMs)
            .start(2, p ->
            {
                kv.step(p, writer);
                return true;
            });
        ctx.sleep(4_000);

        cluster.killGateway(0);
        awaitResumed(ctx, watchers, writer, "gateway-kill");
        ctx.sleep(1_000);
        cluster.restartGateway(0);
        ctx.sleep(2_000);

        final int leader = cluster.leader();
        cluster.killNode(leader);
        awaitResumed(ctx, watchers, writer, "leader-kill");
        ctx.sleep(1_000);
        cluster.restartNode(leader);
        cluster.awaitNodeStarted(leader, 30_000);

        for (final Throwable failure : writes.join(60_000))
        {
            ctx.violation("workload", "writer failed: " + failure);
        }
        kv.readAll(2, writer);
        long caughtUp = Long.MAX_VALUE;
        for (final WardenClient client : watcherClients)
        {
            caughtUp = Math.min(caughtUp, client.await(client.progress()));
        }
        ctx.watchCaughtUpRevision(caughtUp);
        long events = 0;
        for (final RecordedWatcher watcher : watchers)
        {
            events += watcher.events();
        }
        ctx.note("watch-events=" + events);
    }

    /**
     * Wait until every watcher has received an event written after the fault: how long the slowest took to resume.
     */
    private static void awaitResumed(
        final ScenarioContext ctx, final List<RecordedWatcher> watchers, final WardenClient writer, final String fault)
    {
        final long faultNs = System.nanoTime();
        long revision;
        try
        {
            revision = writer.await(writer.progress());
        }
        catch (final RuntimeException ex)
        {
            revision = 0;
        }
        final long deadlineNs = faultNs + 20_000_000_000L;
        while (System.nanoTime() - deadlineNs < 0)
        {
            boolean all = true;
            for (final RecordedWatcher watcher : watchers)
            {
                if (watcher.lastRevision() <= revision)
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                ctx.faults().recovery(fault + "-watch-resume", (System.nanoTime() - faultNs) / 1_000_000);
                return;
            }
            ctx.sleep(20);
        }
        ctx.violation("liveness", "after the " + fault + " not every watcher received a new event within 20 s");
    }
}
