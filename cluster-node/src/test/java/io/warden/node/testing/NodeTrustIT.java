package io.warden.node.testing;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.security.AuthenticationException;
import io.warden.schema.LimitsSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 4, the bad-input scenario straight at the nodes: a client without the cell's secret is rejected at connect;
 * an authenticated second gateway cannot close, release, renew, watch for or re-limit what another gateway's
 * sessions hold; only an operator may snapshot or change limits; a faulty gateway's extra connections are cut; the
 * secret rotates without a restart; ownership survives a snapshot and a restart of the whole cell.
 */
final class NodeTrustIT
{
    private static final long TTL_MS = 30_000;
    private static final long CONNECT_TIMEOUT_MS = 4_000;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestCluster cluster;

    @AfterEach
    void tearDown()
    {
        TestCluster.tearDown(cluster, closeables);
    }

    private void start()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
    }

    private WardenTestClient gateway(final String name)
    {
        final WardenTestClient client = new WardenTestClient(
            TestClusterClient.connect(cluster, cluster.credentials(CellSecrets.GATEWAY, name)));
        closeables.add(client);
        return client;
    }

    private WardenTestClient operator(final String name)
    {
        final WardenTestClient client = new WardenTestClient(
            TestClusterClient.connect(cluster, cluster.credentials(CellSecrets.OPERATOR, name)));
        closeables.add(client);
        return client;
    }

    /**
     * A connect that must fail: the cause Aeron reports, after one attempt window.
     */
    private Throwable rejectedConnect(final io.aeron.security.CredentialsSupplier credentials)
    {
        final TestClusterClient client = TestClusterClient.open(cluster).credentials(credentials);
        closeables.add(client);
        final AssertionError error = assertThrows(AssertionError.class, () -> client.connect(CONNECT_TIMEOUT_MS));
        return error.getCause();
    }

    private static long openSession(final WardenTestClient client, final long secret)
    {
        final SessionResponseDecoder session = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, TTL_MS, secret, "trust-" + secret), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, session.code());
        return session.sessionId();
    }

    private static StatusResponseDecoder status(final WardenTestClient client)
    {
        return client.call(0, 0, 0, (w, b) -> w.status(b, 0), new StatusResponseDecoder());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aClientWithoutTheCellSecretIsRejectedAtConnect()
    {
        start();
        assertInstanceOf(AuthenticationException.class, rejectedConnect(
            new io.aeron.security.NullCredentialsSupplier()), "no credentials");

        final Path strangerFile = cluster.dataBaseDir().toPath().resolve("stranger.secret");
        CellSecrets.write(strangerFile, CellSecrets.newSecret(), CellSecrets.newSecret());
        assertInstanceOf(AuthenticationException.class, rejectedConnect(
            new CellCredentials(strangerFile, CellSecrets.GATEWAY, "stranger")), "another cell's secret");
        assertInstanceOf(AuthenticationException.class, rejectedConnect(
            new CellCredentials(strangerFile, CellSecrets.OPERATOR, "stranger")), "another cell's operator secret");

        // more rejected attempts than the cell has cluster sessions: none of them holds one, a gateway still gets in
        final TestClusterClient flood = TestClusterClient.open(cluster)
            .credentials(new io.aeron.security.NullCredentialsSupplier());
        closeables.add(flood);
        final int attempts = cluster.config(cluster.awaitLeader()).maxConcurrentSessions() + 8;
        for (int i = 0; i < attempts; i++)
        {
            assertInstanceOf(AuthenticationException.class, flood.connectOnce(5_000), "attempt " + i);
        }
        final WardenTestClient gateway = gateway("gateway-after-the-flood");
        assertEquals(ResultCode.OK, status(gateway).code());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSecondGatewayCannotTouchSessionsItDoesNotOwnAndChangesNothing()
    {
        start();
        final WardenTestClient victim = gateway("gateway-victim");
        final WardenTestClient intruder = gateway("gateway-intruder");
        final long session = openSession(victim, 71);
        final LockResponseDecoder granted = victim.call(session, 1, 0,
            (w, b) -> w.acquire(b, 0, "/locks/victim", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder());
        assertEquals(ResultCode.OK, granted.code());
        final long token = granted.token();
        final WatchResponseDecoder watching = victim.call(session, 0, 0,
            (w, b) -> w.watch(b, 0, 5, "/victim/", true, false, 0), new WatchResponseDecoder());
        assertEquals(ResultCode.OK, watching.code());
        final long digest = status(victim).stateDigest();

        assertEquals(ResultCode.SESSION_NOT_OWNED, intruder.callForCode(session, 1, 0,
            (w, b) -> w.closeSession(b, 0)));
        assertEquals(ResultCode.SESSION_NOT_OWNED, intruder.callForCode(session, 2, 1,
            (w, b) -> w.release(b, 0, "/locks/victim", token)));
        assertEquals(ResultCode.SESSION_NOT_OWNED, intruder.callForCode(session, 3, 2,
            (w, b) -> w.put(b, 0, false, "/victim/key", "stolen".getBytes(StandardCharsets.UTF_8))));
        final KeepAliveResponseDecoder renewed = intruder.call(0, 0, 0,
            (w, b) -> w.keepAliveBatch(b, 0, new long[]{ session }, 1), new KeepAliveResponseDecoder());
        final KeepAliveResponseDecoder.FailuresDecoder failures = renewed.failures();
        assertEquals(1, failures.count());
        final KeepAliveResponseDecoder.FailuresDecoder failure = failures.next();
        assertEquals(session, failure.sessionId());
        assertEquals(ResultCode.SESSION_NOT_OWNED, failure.code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, intruder.callForCode(session, 0, 0,
            (w, b) -> w.watch(b, 0, 6, "/", true, false, 0)));
        assertEquals(ResultCode.SESSION_NOT_OWNED, intruder.callForCode(session, 0, 0,
            (w, b) -> w.cancelWatch(b, 0, 5)));
        assertEquals(ResultCode.NOT_FOUND, intruder.call(0, 0, 0,
            (w, b) -> w.cancelWatch(b, 0, 5), new WatchResponseDecoder()).code(), "the victim's watch is not its own");
        assertEquals(ResultCode.PERMISSION_DENIED, intruder.callForCode(0, 0, 0,
            (w, b) -> w.configureLimits(b, 0, new LimitsSpec().maxValueLength(16))));

        assertEquals(digest, status(victim).stateDigest(), "no refused command changed the replicated state");
        final LockResponseDecoder stillHeld = victim.call(session, 0, 0,
            (w, b) -> w.lockStatus(b, 0, "/locks/victim"), new LockResponseDecoder());
        assertEquals(ResultCode.OK, stillHeld.code());
        assertEquals(token, stillHeld.token(), "the victim keeps its lock");
        assertEquals(ResultCode.OK, victim.call(session, 2, 1,
            (w, b) -> w.put(b, 0, false, "/victim/key", "mine".getBytes(StandardCharsets.UTF_8)),
            new PutResponseDecoder()).code(), "the victim keeps its session");
        victim.awaitEvent(WatchEventsDecoder.TEMPLATE_ID, e -> true);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void onlyAnOperatorMaySnapshotOrChangeLimits()
    {
        start();
        final WardenTestClient gateway = gateway("gateway-0");
        final WardenTestClient operator = operator("ops-0");

        final long refused = gateway.transport().requestSnapshot(10_000);
        gateway.transport().pollUntil(() -> null != gateway.transport().adminResponse(refused), 10_000);
        assertEquals(AdminResponseCode.UNAUTHORISED_ACCESS, gateway.transport().adminResponse(refused));

        final long[] before = cluster.snapshotCounts();
        final long accepted = operator.transport().requestSnapshot(10_000);
        operator.transport().pollUntil(() -> null != operator.transport().adminResponse(accepted), 10_000);
        assertEquals(AdminResponseCode.OK, operator.transport().adminResponse(accepted));
        cluster.awaitSnapshotCounts(before, 20_000);

        assertEquals(ResultCode.OK, operator.call(0, 0, 0,
            (w, b) -> w.configureLimits(b, 0, new LimitsSpec().maxValueLength(4096)), new StatusResponseDecoder())
            .code());
        assertEquals(4096, status(gateway).maxValueLength());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aPrincipalsConnectionsPastTheBoundAreClosedAndOthersStillGetIn()
    {
        start();
        for (int i = 0; i < WardenLimits.MAX_CONNECTIONS_PER_PRINCIPAL; i++)
        {
            assertEquals(ResultCode.OK, status(gateway("gateway-greedy")).code());
        }
        final TestClusterClient extra = TestClusterClient.open(cluster)
            .credentials(cluster.credentials(CellSecrets.GATEWAY, "gateway-greedy"));
        closeables.add(extra);
        extra.connect(10_000);
        final AeronCluster extraSession = extra.aeronCluster();
        cluster.await(() ->
        {
            extraSession.pollEgress();
            return extraSession.isClosed();
        }, 20_000, "the connection past the bound to be closed");

        assertEquals(ResultCode.OK, status(gateway("gateway-modest")).code(), "another principal is not crowded out");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theSecretRotatesWithoutARestartAndConnectedGatewaysStay()
    {
        start();
        final String oldSecret = CellSecrets.newSecret();
        final String newSecret = CellSecrets.newSecret();
        final String operatorSecret = CellSecrets.newSecret();
        CellSecrets.write(cluster.cellSecretFile(), oldSecret, operatorSecret);
        final Path oldFile = cluster.dataBaseDir().toPath().resolve("old-gateway.secret");
        final Path newFile = cluster.dataBaseDir().toPath().resolve("new-gateway.secret");
        CellSecrets.write(oldFile, oldSecret, null);
        CellSecrets.write(newFile, newSecret, null);
        final WardenTestClient connected = track(new WardenTestClient(TestClusterClient.connect(
            cluster, new CellCredentials(oldFile, CellSecrets.GATEWAY, "gateway-old"))));
        assertInstanceOf(AuthenticationException.class,
            rejectedConnect(new CellCredentials(newFile, CellSecrets.GATEWAY, "gateway-new")));

        CellSecrets.write(cluster.cellSecretFile(), oldSecret + "," + newSecret, operatorSecret);
        assertEquals(ResultCode.OK, status(track(new WardenTestClient(TestClusterClient.connect(
            cluster, new CellCredentials(newFile, CellSecrets.GATEWAY, "gateway-new"))))).code());

        CellSecrets.write(cluster.cellSecretFile(), newSecret, operatorSecret);
        assertInstanceOf(AuthenticationException.class,
            rejectedConnect(new CellCredentials(oldFile, CellSecrets.GATEWAY, "gateway-old-again")));
        assertEquals(ResultCode.OK, status(connected).code(), "a connection made before the rotation stays");
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void ownershipSurvivesASnapshotAndARestartOfTheWholeCell()
    {
        start();
        final WardenTestClient owner = gateway("gateway-owner");
        final long session = openSession(owner, 81);
        assertEquals(ResultCode.OK, owner.call(session, 1, 0,
            (w, b) -> w.acquire(b, 0, "/locks/kept", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder()).code());
        cluster.takeSnapshot();
        cluster.stopAll();
        cluster.startAll();
        cluster.awaitLeader();

        final WardenTestClient intruder = gateway("gateway-intruder");
        assertEquals(ResultCode.SESSION_NOT_OWNED, intruder.callForCode(session, 2, 1,
            (w, b) -> w.closeSession(b, 0)), "the snapshot kept the owner");
        // the owner's gateway reconnects (a new cluster session, the same principal): its session is still its own
        final WardenTestClient again = gateway("gateway-owner");
        assertEquals(ResultCode.OK, again.call(session, 2, 1,
            (w, b) -> w.lockStatus(b, 0, "/locks/kept"), new LockResponseDecoder()).code());
    }

    private WardenTestClient track(final WardenTestClient client)
    {
        closeables.add(client);
        return client;
    }
}
