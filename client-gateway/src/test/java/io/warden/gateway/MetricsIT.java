package io.warden.gateway;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;
import io.warden.node.launcher.NodeConfig;
import io.warden.node.testing.TestCluster;
import io.warden.schema.IdleStrategies;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics endpoints of three real nodes and a real gateway, scraped over HTTP while a client works: request
 * counts, the key count, locks held and waited for and the gateway's request histogram move with the traffic; every
 * endpoint is ready while the cell has a leader; a node whose two peers are gone stops being ready, stays healthy,
 * and is ready again once they are back.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class MetricsIT
{
    private static final int PUTS = 25;
    private static final long WAIT_MS = 30_000;

    @Test
    void countersMoveWithTrafficAndReadinessFollowsTheCell()
    {
        final long pid = ProcessHandle.current().pid();
        TestCluster cluster = null;
        Gateway gateway = null;
        MediaDriver clientDriver = null;
        WardenClient holder = null;
        WardenClient waiter = null;
        try
        {
            cluster = TestCluster.start(3, config -> config.metricsPort(NodeConfig.DERIVED_METRICS_PORT));
            cluster.awaitLeader();
            gateway = Gateway.launch(new GatewayConfig()
                .gatewayId(401)
                .aeronDir("/dev/shm/warden-test-metrics-gw-" + pid)
                .requestEndpoint("127.0.0.1:0")
                .clusterIngressEndpoints(cluster.ingressEndpoints())
                .cellSecretFile(cluster.cellSecretFile().toString())
                .clusterIngressChannel(cluster.clientIngressChannel())
                .credential("secret")
                .metricsPort(cluster.portBase() + 50));
            clientDriver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName("/dev/shm/warden-test-metrics-clients-" + pid)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(IdleStrategies.backoff())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            final String gatewayUrl = gateway.metricsUrl();
            final int[] nodes = {0, 1, 2};
            for (final int id : nodes)
            {
                awaitStatus(cluster, cluster.metricsUrl(id) + "/readyz", 200);
            }
            awaitStatus(cluster, gatewayUrl + "/readyz", 200);

            final double putsBefore = requests(cluster.metricsUrl(0), "Put", "OK");
            holder = connect(gateway, clientDriver, "holder");
            waiter = connect(gateway, clientDriver, "waiter");
            for (int i = 0; i < PUTS; i++)
            {
                holder.await(holder.put("/metrics-it/key-" + i, "v".getBytes(StandardCharsets.UTF_8)));
            }
            assertTrue(new WardenLock(holder, "metrics-it-lock").acquire() > 0);
            final CompletableFuture<Long> queued = new WardenLock(waiter, "metrics-it-lock").acquireAsync(-1);

            // every member applies the same log, so every node counts the same
            for (final int id : nodes)
            {
                final String metrics = cluster.metricsUrl(id) + "/metrics";
                awaitScrape(cluster, metrics, s ->
                    count(s.value("warden_node_requests_total", "type", "Put", "result", "OK")) >= putsBefore + PUTS &&
                    count(s.value("warden_node_keys")) >= PUTS &&
                    count(s.value("warden_node_sessions")) >= 2 &&
                    count(s.value("warden_node_locks_held")) >= 1 &&
                    count(s.value("warden_node_locks_waiting")) >= 1 &&
                    count(s.value("warden_node_state_bytes")) > 0 &&
                    count(s.value("warden_node_state_quota_bytes")) > count(s.value("warden_node_state_bytes")) &&
                    count(s.value("warden_node_commit_position")) > 0,
                    "node " + id + " to count the puts, the keys, the sessions and the lock held and waited for");
                final Scrape scrape = Scrape.of(metrics);
                assertEquals(1, scrape.value("warden_node_ready"), scrape.body());
                assertEquals(cluster.awaitLeader(), (int)scrape.value("warden_node_leader_member_id"), scrape.body());
                assertEquals(id == cluster.awaitLeader() ? 1 : 0, scrape.value("warden_node_role", "role", "LEADER"));
                assertEquals(1, scrape.value("warden_node_election_state", "state", "CLOSED"));
                assertTrue(scrape.value("warden_node_archive_bytes", "kind", "log") > 0, scrape.body());
                assertEquals(0, scrape.value("warden_node_service_errors_total"), scrape.body());
            }
            assertTrue(!queued.isDone(), "the second acquirer waits");
            final int leader = cluster.awaitLeader();

            awaitScrape(cluster, gatewayUrl + "/metrics", s ->
                count(s.value("warden_gateway_request_duration_seconds_count",
                    "type", "Put", "result", "OK")) >= PUTS &&
                count(s.value("warden_gateway_request_duration_seconds_bucket",
                    "type", "Put", "result", "OK", "le", "+Inf")) >= PUTS &&
                count(s.value("warden_gateway_connected_clients")) >= 2 &&
                count(s.value("warden_gateway_sessions")) >= 2 &&
                count(s.value("warden_gateway_cluster_link_up")) == 1 &&
                count(s.value("warden_gateway_cluster_leader_member_id")) == leader,
                "the gateway to count and time the puts and show its clients, sessions and leader");

            cluster.takeSnapshot();
            for (final int id : nodes)
            {
                awaitScrape(cluster, cluster.metricsUrl(id) + "/metrics", s ->
                    s.value("warden_node_snapshot_age_seconds") >= 0 &&
                    count(s.value("warden_node_archive_bytes", "kind", "snapshot")) > 0,
                    "node " + id + " to show its snapshot's age and bytes");
            }

            // cut one node off: its two peers go, so it has no majority, leaves its role and is not ready
            final int isolated = (leader + 1) % 3;
            final String isolatedUrl = cluster.metricsUrl(isolated);
            for (final int id : nodes)
            {
                if (id != isolated)
                {
                    cluster.stopNode(id);
                }
            }
            final Scrape notReady = awaitStatus(cluster, isolatedUrl + "/readyz", 503);
            assertTrue(notReady.body().startsWith("not ready: "), notReady.body());
            assertEquals(200, Scrape.of(isolatedUrl + "/healthz").status());
            assertEquals(0, Scrape.of(isolatedUrl + "/metrics").value("warden_node_ready"));
            assertEquals(200, Scrape.of(gatewayUrl + "/healthz").status());
            // the leader was among the stopped: the gateway's link has no leader to follow, so it is not ready
            final Scrape gatewayNotReady = awaitStatus(cluster, gatewayUrl + "/readyz", 503);
            assertTrue(gatewayNotReady.body().startsWith("not ready: "), gatewayNotReady.body());

            for (final int id : nodes)
            {
                if (id != isolated)
                {
                    cluster.startNode(id);
                }
            }
            awaitStatus(cluster, isolatedUrl + "/readyz", 200);
            awaitStatus(cluster, gatewayUrl + "/readyz", 200);
        }
        finally
        {
            CloseHelper.quietCloseAll(waiter, holder, gateway, clientDriver);
            if (null != cluster)
            {
                try
                {
                    cluster.assertNoServiceErrors();
                }
                finally
                {
                    cluster.close();
                }
            }
        }
    }

    private static WardenClient connect(final Gateway gateway, final MediaDriver driver, final String name)
    {
        return WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints(gateway.requestEndpoint())
            .credential("secret")
            .clientName(name)
            .aeronDirectoryName(driver.aeronDirectoryName()));
    }

    private static double requests(final String nodeUrl, final String type, final String result)
    {
        return count(Scrape.of(nodeUrl + "/metrics")
            .value("warden_node_requests_total", "type", type, "result", result));
    }

    /** A sample's value, absent ones as 0 (a pair not yet seen). */
    private static double count(final double value)
    {
        return Double.isNaN(value) ? 0 : value;
    }

    private static Scrape awaitStatus(final TestCluster cluster, final String url, final int status)
    {
        final Scrape[] last = new Scrape[1];
        cluster.await(() -> (last[0] = Scrape.of(url)).status() == status, WAIT_MS, url + " to answer " + status);
        return last[0];
    }

    private static void awaitScrape(
        final TestCluster cluster, final String url, final Predicate<Scrape> condition, final String what)
    {
        final Scrape[] last = new Scrape[1];
        try
        {
            cluster.await(() -> condition.test(last[0] = Scrape.of(url)), WAIT_MS, what);
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError(ex.getMessage() + "\nlast scrape of " + url + ":\n" +
                (null == last[0] ? "none" : last[0].body()), ex);
        }
    }
}
