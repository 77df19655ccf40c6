package io.warden.bench.targets.warden;

import io.warden.gateway.Gateway;
import io.warden.gateway.GatewayConfig;
import io.warden.node.testing.TestCluster;
import org.agrona.CloseHelper;

/**
 * The {@code warden} target inside the test JVM, for the rig's smoke test: the cluster-node test-jar's
 * {@link TestCluster} (three nodes, profile ci, random ports) and an embedded {@link Gateway} on an ephemeral port.
 * "Killing" the leader stops its node gracefully (its followers see the end of its streams at once).
 */
public final class EmbeddedWardenDeployment implements WardenDeployment
{
    /** Admin credential of the embedded gateway. */
    public static final String ADMIN_CREDENTIAL = "bench-smoke-admin";
    /** Credential of the embedded gateway. */
    public static final String CREDENTIAL = "bench";

    private TestCluster cluster;
    private Gateway gateway;
    private long serviceErrors = -1;

    /**
     * {@inheritDoc}
     */
    public void start()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        gateway = Gateway.launch(new GatewayConfig()
            .gatewayId(301)
            .aeronDir("/dev/shm/warden-bench-it-gateway-" + ProcessHandle.current().pid())
            .requestEndpoint("127.0.0.1:0")
            .clusterIngressEndpoints(cluster.ingressEndpoints())
            .cellSecretFile(cluster.cellSecretFile().toString())
            .clusterIngressChannel(cluster.clientIngressChannel())
            .credential(CREDENTIAL)
            .adminCredential(ADMIN_CREDENTIAL));
    }

    /**
     * {@inheritDoc}
     */
    public String gatewayEndpoint()
    {
        return gateway.requestEndpoint();
    }

    /**
     * {@inheritDoc}
     */
    public String adminCredential()
    {
        return ADMIN_CREDENTIAL;
    }

    public String credential()
    {
        return CREDENTIAL;
    }

    /**
     * {@inheritDoc}
     */
    public int leader()
    {
        return cluster.awaitLeader();
    }

    /**
     * {@inheritDoc}
     */
    public io.warden.bench.targets.KilledMember killLeader()
    {
        final int leader = cluster.awaitLeader();
        final long killedAtNs = System.nanoTime();
        cluster.stopNode(leader);
        return new io.warden.bench.targets.KilledMember(leader, killedAtNs);
    }

    /**
     * {@inheritDoc}
     */
    public void restartMember(final int memberId)
    {
        cluster.startNode(memberId);
        cluster.awaitLeader();
    }

    /**
     * {@inheritDoc}
     */
    public String durability()
    {
        return "embedded TestCluster (3 nodes in the test JVM, profile ci, file.sync.level 0) + embedded gateway: " +
            "a write is acknowledged once committed by a majority";
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        return "in-JVM TestCluster + Gateway on " + (null == gateway ? "?" : gateway.requestEndpoint());
    }

    /**
     * Service errors summed over the running nodes at close, or -1 before close.
     *
     * @return the error count.
     */
    public long serviceErrors()
    {
        return serviceErrors;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.quietClose(gateway);
        if (null != cluster)
        {
            long errors = 0;
            for (int id = 0; id < cluster.memberCount(); id++)
            {
                if (cluster.isRunning(id))
                {
                    errors += cluster.serviceErrorCount(id);
                }
            }
            serviceErrors = errors;
            cluster.close();
        }
    }
}
