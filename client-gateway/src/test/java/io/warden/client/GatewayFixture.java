package io.warden.client;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.gateway.Gateway;
import io.warden.gateway.GatewayConfig;
import io.warden.node.testing.TestCluster;
import io.warden.schema.IdleStrategies;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real 3-node cluster ({@link TestCluster}), one embedded gateway in front of it, and one media driver shared by
 * the clients of a test class (each client still has its own publication, image and connection).
 */
public final class GatewayFixture implements AutoCloseable
{
    /** The credential the gateways expect. */
    public static final String CREDENTIAL = "it-secret";
    /** The gateways' admin credential: administers the cell while its authentication is off. */
    public static final String ADMIN_CREDENTIAL = "it-admin-secret";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final TestCluster cluster;
    /** The first gateway. */
    public final Gateway gateway;
    final MediaDriver clientDriver;
    final List<Gateway> gateways = new ArrayList<>();
    private final int instance;
    private final List<WardenClient> clients = new ArrayList<>();

    private GatewayFixture(
        final TestCluster cluster, final Gateway gateway, final MediaDriver clientDriver, final int instance)
    {
        this.cluster = cluster;
        this.gateway = gateway;
        this.clientDriver = clientDriver;
        this.instance = instance;
        gateways.add(gateway);
    }

    /**
     * Start a cluster, a gateway and the clients' driver.
     */
    public static GatewayFixture start()
    {
        final int instance = INSTANCES.incrementAndGet();
        final long pid = ProcessHandle.current().pid();
        TestCluster cluster = null;
        Gateway gateway = null;
        MediaDriver driver = null;
        try
        {
            cluster = TestCluster.start(3);
            cluster.awaitLeader();
            gateway = launchGateway(cluster, instance, 0);
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName("/dev/shm/warden-test-clients-" + pid + "-" + instance)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(IdleStrategies.backoff())
                .asyncExecutorEnabled(false)
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            return new GatewayFixture(cluster, gateway, driver, instance);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(driver, gateway, cluster);
            throw ex;
        }
    }

    private static Gateway launchGateway(final TestCluster cluster, final int instance, final int index)
    {
        return launchGateway(cluster, instance, index, config -> config);
    }

    private static Gateway launchGateway(
        final TestCluster cluster, final int instance, final int index,
        final java.util.function.UnaryOperator<GatewayConfig> adjust)
    {
        return Gateway.launch(adjust.apply(new GatewayConfig()
            .gatewayId(300 + 10 * instance + index)
            .aeronDir("/dev/shm/warden-test-client-gw-" + ProcessHandle.current().pid() + "-" + instance + "-" + index)
            .requestEndpoint("127.0.0.1:0")
            .clusterIngressEndpoints(cluster.ingressEndpoints())
            .cellSecretFile(cluster.cellSecretFile().toString())
            .clusterIngressChannel(cluster.clientIngressChannel())
            .credential(CREDENTIAL)
            .adminCredential(ADMIN_CREDENTIAL)
            .progressIntervalNs(TimeUnit.MILLISECONDS.toNanos(200))));
    }

    /**
     * Start one more gateway in front of the same cluster, with settings of its own.
     */
    Gateway addGateway(final java.util.function.UnaryOperator<GatewayConfig> adjust)
    {
        final Gateway another = launchGateway(cluster, instance, gateways.size(), adjust);
        gateways.add(another);
        return another;
    }

    /**
     * Start one more gateway in front of the same cluster.
     */
    Gateway addGateway()
    {
        final Gateway another = launchGateway(cluster, instance, gateways.size());
        gateways.add(another);
        return another;
    }

    /**
     * The cell behind the gateways (its nodes' counters: snapshots, digests).
     */
    public TestCluster cluster()
    {
        return cluster;
    }

    /**
     * Every gateway's request endpoint, in start order: what a client tries in turn.
     */
    public String endpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Gateway g : gateways)
        {
            sb.append(sb.length() == 0 ? "" : ",").append(g.requestEndpoint());
        }
        return sb.toString();
    }

    /**
     * Settings for a client of this fixture's gateways on the shared driver.
     */
    WardenClient.Context context(final String name)
    {
        return new WardenClient.Context()
            .gatewayEndpoints(endpoints())
            .credential(CREDENTIAL)
            .clientName(name)
            .aeronDirectoryName(clientDriver.aeronDirectoryName());
    }

    /**
     * A tracked client (closed with the fixture).
     */
    public WardenClient client(final String name)
    {
        return track(WardenClient.connect(context(name)));
    }

    WardenClient track(final WardenClient client)
    {
        clients.add(client);
        return client;
    }

    public static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    public void close()
    {
        try
        {
            clients.forEach(WardenClient::close);
            gateways.forEach(CloseHelper::quietClose);
            CloseHelper.quietClose(clientDriver);
            for (int id = 0; id < cluster.memberCount(); id++)
            {
                assertEquals(0, cluster.serviceErrorCount(id), "service errors on node " + id);
            }
        }
        finally
        {
            cluster.close();
        }
    }
}
