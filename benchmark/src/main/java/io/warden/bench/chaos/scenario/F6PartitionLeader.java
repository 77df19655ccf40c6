package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.control.Firewall;
import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;
import io.warden.bench.chaos.workload.KvWorkload;
import io.warden.bench.chaos.workload.LockWorkload;
import io.warden.bench.chaos.workload.RequestLoop;
import io.warden.client.WardenClient;

import java.util.ArrayList;
import java.util.List;

/**
 * F6: a partition isolating the leader, with clients on both sides. Gateway 0 and its clients stay with the old
 * leader; gateway 1 and its clients are with the two followers. Both sides read and write the same registers and
 * contend for the same locks. The partition (iptables DROP between the uids of the two sides' processes) lasts
 * well past the leader heartbeat timeout, then heals.
 * <p>
 * Checks: registers linearizable across both sides (a stale read served by the deposed leader or its gateway is
 * caught: the etcd 0.4.1 / Consul class), no write acknowledged on the minority side while cut off, the majority
 * side keeps making progress, lock safety for locks touched on both sides, a single leader after the heal and
 * convergence. On a 5-node cell ({@code F6-5}) the minority is the leader and one follower, the majority three
 * followers. Needs root and iptables; SKIPPED otherwise.
 */
public final class F6PartitionLeader implements Scenario
{
    private final String id;
    private final int nodes;

    /**
     * The 3-node scenario, F6.
     */
    public F6PartitionLeader()
    {
        this("F6", 3);
    }

    /**
     * @param id    the scenario's id.
     * @param nodes 3 (the leader alone is cut off) or 5 (the leader and a follower).
     */
    public F6PartitionLeader(final String id, final int nodes)
    {
        this.id = id;
        this.nodes = nodes;
    }

    private static final long PARTITION_MS = 6_000;

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
        return 3 == nodes ? "partition-leader-both-sides" : "partition-leader-and-follower-" + nodes + "-nodes";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        final Firewall firewall = ctx.firewall();
        if (!firewall.isAvailable())
        {
            ctx.skip("network partitions need iptables as root: " + firewall.unavailableReason());
        }
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(nodes).gateways(2));
        final List<String> keys = List.of("/chaos/f6/reg/k0", "/chaos/f6/reg/k1", "/chaos/f6/reg/k2");
        final KvWorkload kv = new KvWorkload(ctx.history(), keys, ctx.seed());
        final LockWorkload locks = new LockWorkload(ctx.history(), List.of("/chaos/f6/lock/a", "/chaos/f6/lock/b"),
            true, ctx.seed(), 2_000, 20);
        ctx.checkKv(kv);
        ctx.checkLocks(locks);

        // Side 0 talks only to gateway 0 (which stays with the old leader), side 1 only to gateway 1.
        final List<WardenClient> kvClients = new ArrayList<>();
        final List<WardenClient> lockClients = new ArrayList<>();
        for (int side = 0; side < 2; side++)
        {
            final List<String> endpoint = List.of(cluster.gatewayEndpoints().get(side));
            kvClients.add(ctx.client("kv-side" + side, endpoint, 4_000));
            lockClients.add(ctx.client("lock-side" + side + "-a", endpoint, 4_000));
            lockClients.add(ctx.client("lock-side" + side + "-b", endpoint, 4_000));
        }
        // processes 0,1: side 0; 2,3: side 1
        final RequestLoop kvLoop = new RequestLoop("f6-kv", 22_000, Long.MAX_VALUE, 10)
            .start(4, p ->
            {
                kv.step(p, kvClients.get(p / 2));
                return true;
            });
        final RequestLoop lockLoop = new RequestLoop("f6-lock", 22_000, Long.MAX_VALUE, 10)
            .start(4, p ->
            {
                locks.step(1_000 + p, lockClients.get(p));
                return true;
            });
        ctx.sleep(5_000);

        final int leader = cluster.leader();
        ctx.require(leader >= 0, "liveness", "no leader before the partition");
        final int follower = nodes >= 5 ? cluster.follower(ctx.random().nextBoolean()) : -1;
        final List<Firewall.Endpoint> minority = new ArrayList<>(
            List.of(cluster.nodeEndpoint(leader), cluster.gatewayEndpoint(0)));
        if (follower >= 0)
        {
            minority.add(cluster.nodeEndpoint(follower));
        }
        final List<Firewall.Endpoint> majority = new ArrayList<>();
        for (int member = 0; member < cluster.nodeCount(); member++)
        {
            if (member != leader && member != follower)
            {
                majority.add(cluster.nodeEndpoint(member));
            }
        }
        majority.add(cluster.gatewayEndpoint(1));
        ctx.faults().fault("partition", "node-" + leader + (follower >= 0 ? "+node-" + follower : "") + "+gateway-0",
            "isolated from the rest");
        firewall.partition(minority, majority);
        final long partitionNs = System.nanoTime();
        ctx.sleep(PARTITION_MS);
        final int majorityLeader = cluster.leader();
        ctx.note("leader=" + leader + "->" + majorityLeader);
        final long healNs = System.nanoTime();
        firewall.heal();
        ctx.measureRecovery("partition-heal", kvClients.get(0), 20_000);
        cluster.awaitLeader(20_000);

        for (final Throwable failure : kvLoop.join(60_000))
        {
            ctx.violation("workload", "kv worker failed: " + failure);
        }
        for (final Throwable failure : lockLoop.join(60_000))
        {
            ctx.violation("workload", "lock worker failed: " + failure);
        }
        kv.readAll(4, kvClients.get(1));

        long majorityProgress = 0;
        for (final Op op : ctx.history().history())
        {
            final boolean duringPartition = op.invokeNs() > partitionNs + 2_000_000_000L &&
                op.outcome() == Outcome.OK && op.completeNs() < healNs;
            if (!duringPartition)
            {
                continue;
            }
            final boolean minoritySide = op.process() < 2 || op.process() == 1_000 || op.process() == 1_001;
            final boolean write = op.is("put") || op.is("txn") && "true".equals(op.out(0)) || op.is("acquire");
            if (minoritySide && write)
            {
                ctx.violation("minority-ack", "acknowledged on the minority side while cut off: " + op);
            }
            if (!minoritySide)
            {
                majorityProgress++;
            }
        }
        ctx.require(majorityProgress > 0, "liveness", "the majority side made no progress during the partition");
        ctx.note("majority-ops-during-partition=" + majorityProgress);
    }
}
