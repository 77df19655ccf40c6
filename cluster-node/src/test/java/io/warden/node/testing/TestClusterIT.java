package io.warden.node.testing;

import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.cluster.service.Cluster;
import io.warden.schema.trust.CellSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 4: three nodes in one JVM elect a leader, accept a client session, snapshot (control toggle and admin
 * request), fail over when the leader stops, take the old leader back as a follower and restart as a whole from
 * snapshot plus log, with no consensus-module errors beyond Aeron's election warnings, none from drivers or
 * archives, and a service error counter of 0. Only Aeron-level behaviour is exercised
 * (sessions, keepalives, admin requests, elections): no Warden request is sent and no Warden reply is expected.
 * Timings are printed for the record, never asserted.
 */
final class TestClusterIT
{
    private static final long TIMEOUT_MS = 15_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldElectFailOverAndRestartWithoutClusterErrors()
    {
        final long startNs = System.nanoTime();
        try (TestCluster cluster = TestCluster.start(3))
        {
            report("3 nodes launched", startNs);
            runScenario(cluster, startNs);

            for (int id = 0; id < cluster.memberCount(); id++)
            {
                assertEquals(
                    cluster.clusterEventCount(id),
                    cluster.consensusModuleErrorCount(id),
                    "consensus module errors beyond election warnings on node " + id + ": " + cluster.errors(id));
                assertEquals(
                    List.of(), nonServiceErrors(cluster.errors(id)), "driver, archive or consensus errors on node " + id);
                assertEquals(0, cluster.serviceErrorCount(id), "service errors on node " + id + ": " + cluster.errors(id));
            }
        }
    }

    private static void runScenario(final TestCluster cluster, final long startNs)
    {
        final int firstLeader = cluster.awaitLeader(TIMEOUT_MS);
        report("first leader " + firstLeader, startNs);

        final long connectNs = System.nanoTime();
        // an operator: only an operator's connection may ask for a snapshot
        try (TestClusterClient client =
            TestClusterClient.connect(cluster, cluster.credentials(CellSecrets.OPERATOR, "test-operator")))
        {
            report("client connected, session " + client.sessionId(), connectNs);
            assertEquals(firstLeader, client.leaderMemberId());
            client.sendKeepAliveUntilAccepted(TIMEOUT_MS);

            final long toggleNs = System.nanoTime();
            final long snapshotsAfterToggle = cluster.takeSnapshot(TIMEOUT_MS);
            report("snapshot by control toggle, count " + snapshotsAfterToggle, toggleNs);
            assertEquals(1, snapshotsAfterToggle);

            final long adminNs = System.nanoTime();
            final long[] beforeAdmin = cluster.snapshotCounts();
            final long correlationId = client.requestSnapshot(TIMEOUT_MS);
            client.pollUntil(() -> null != client.adminResponse(correlationId), TIMEOUT_MS);
            assertEquals(AdminResponseCode.OK, client.adminResponse(correlationId));
            cluster.awaitSnapshotCounts(beforeAdmin, TIMEOUT_MS);
            report("snapshot by admin request", adminNs);

            final long failoverNs = System.nanoTime();
            cluster.stopNode(firstLeader);
            report("old leader " + firstLeader + " stopped", failoverNs);
            final int secondLeader = cluster.awaitLeader(TIMEOUT_MS);
            report("new leader " + secondLeader, failoverNs);
            assertNotEquals(firstLeader, secondLeader);

            client.pollUntil(() -> client.leaderMemberId() == secondLeader && client.isIngressConnected(), TIMEOUT_MS);
            report("client on new leader (newLeaderEvents=" + client.newLeaderCount() +
                ", connects=" + client.connectCount() + ")", failoverNs);
            assertTrue(client.newLeaderCount() >= 1 || client.connectCount() > 1, client.toString());
            client.sendKeepAliveUntilAccepted(TIMEOUT_MS);

            final long rejoinNs = System.nanoTime();
            cluster.startNode(firstLeader);
            cluster.awaitRole(firstLeader, Cluster.Role.FOLLOWER, TIMEOUT_MS);
            report("old leader " + firstLeader + " back as follower", rejoinNs);
            assertEquals(secondLeader, cluster.awaitLeader(TIMEOUT_MS));
            client.sendKeepAliveUntilAccepted(TIMEOUT_MS);
        }

        final long restartNs = System.nanoTime();
        cluster.stopAll();
        report("all stopped", restartNs);
        cluster.startAll();
        final int restartLeader = cluster.awaitLeader(TIMEOUT_MS);
        report("full restart from snapshot and log, leader " + restartLeader, restartNs);

        try (TestClusterClient client = TestClusterClient.connect(cluster))
        {
            client.sendKeepAliveUntilAccepted(TIMEOUT_MS);
        }

        cluster.stopAll();
        report("scenario", startNs);
    }

    private static List<String> nonServiceErrors(final List<String> errors)
    {
        final List<String> result = new ArrayList<>();
        for (final String error : errors)
        {
            if (!error.startsWith("service-container: "))
            {
                result.add(error);
            }
        }

        return result;
    }

    private static void report(final String event, final long sinceNs)
    {
        System.out.println("[TestClusterIT] " + event + " after " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNs) + " ms");
    }
}
