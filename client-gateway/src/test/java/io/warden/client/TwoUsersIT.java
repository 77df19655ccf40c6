package io.warden.client;

import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.warden.client.GatewayFixture.await;
import static io.warden.client.WardenAuth.Permission.ELECT;
import static io.warden.client.WardenAuth.Permission.LOCK;
import static io.warden.client.WardenAuth.Permission.READ;
import static io.warden.client.WardenAuth.Permission.WATCH;
import static io.warden.client.WardenAuth.Permission.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two users on disjoint prefixes through a real gateway and 3-node cell with authentication on: each logs in with
 * its password (SCRAM at connect), may do everything under its own prefix, and is refused PERMISSION_DENIED on the
 * other's through get, put, delete-by-prefix, range, txn, sequential keys, locks, elections and watches; alice's
 * watch on {@code /} sees only her keys.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class TwoUsersIT
{
    private static GatewayFixture fixture;
    private static WardenClient alice;
    private static WardenClient bob;

    @BeforeAll
    static void start()
    {
        fixture = GatewayFixture.start();
        final WardenClient admin = fixture.track(WardenClient.connect(
            fixture.context("admin").credential(GatewayFixture.ADMIN_CREDENTIAL)));
        final WardenAuth auth = admin.auth();
        admin.await(auth.addUser("root", "root-pw".toCharArray()));
        admin.await(auth.grantRole("root", "root"));
        for (final String user : List.of("alice", "bob"))
        {
            admin.await(auth.addUser(user, (user + "-pw").toCharArray()));
            admin.await(auth.addRole(user + "-own"));
            final String prefix = "/" + user + "/";
            admin.await(auth.grant(user + "-own", ResourceType.KEY, prefix, EnumSet.of(READ, WRITE, WATCH)));
            admin.await(auth.grant(user + "-own", ResourceType.LOCK, prefix, EnumSet.of(LOCK, READ)));
            admin.await(auth.grant(user + "-own", ResourceType.ELECTION, prefix, EnumSet.of(ELECT, WRITE, READ)));
            admin.await(auth.grantRole(user, user + "-own"));
        }
        // alice may watch everything but read only her own keys: what her watch on / delivers is filtered
        admin.await(auth.addRole("watch-all"));
        admin.await(auth.grant("watch-all", ResourceType.KEY, "", EnumSet.of(WATCH)));
        admin.await(auth.grantRole("alice", "watch-all"));
        admin.await(auth.enable());
        assertTrue(admin.await(auth.status()).enabled());

        alice = login("alice", "alice-pw");
        bob = login("bob", "bob-pw");
    }

    @AfterAll
    static void stop()
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    private static WardenClient login(final String user, final String password)
    {
        return fixture.track(WardenClient.connect(
            fixture.context(user).user(user).password(password.toCharArray())));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertDenied(final WardenClient client, final CompletableFuture<?> future, final String what)
    {
        final WardenException refused = assertThrows(WardenException.class, () -> client.await(future), what);
        assertEquals(ResultCode.PERMISSION_DENIED, refused.code(), what);
    }

    @Test
    void eachUserWorksUnderItsOwnPrefix()
    {
        assertEquals(1, alice.await(alice.put("/alice/own/a", bytes("1"))).version());
        assertEquals("1", alice.await(alice.get("/alice/own/a")).valueAsString());
        assertEquals(1, alice.await(alice.range("/alice/own/")).entries().size());
        assertTrue(alice.await(alice.txn(new TxnSpec().compareVersion("/alice/own/a", CompareOp.EQUAL, 1)
            .thenPut("/alice/own/b", bytes("2")))).succeeded());
        assertTrue(alice.await(alice.createSequential("/alice/own/q-", bytes("x"))).key().startsWith("/alice/own/q-"));
        try (WardenLock lock = new WardenLock(alice, "/alice/lock"))
        {
            assertTrue(lock.tryAcquire());
            assertTrue(lock.release());
        }
        try (LeaderElection election = new LeaderElection(alice, "/alice/election"))
        {
            assertTrue(alice.await(election.campaign(bytes("alice"))) > 0);
            alice.await(election.resign());
        }
        assertEquals(3, alice.await(alice.deletePrefix("/alice/own/")).deleted());
    }

    @Test
    void eachUserIsRefusedOnTheOthersPrefix()
    {
        bob.await(bob.put("/bob/secret", bytes("s")));
        assertDenied(alice, alice.get("/bob/secret"), "get");
        assertDenied(alice, alice.put("/bob/secret", bytes("stolen")), "put");
        assertDenied(alice, alice.delete("/bob/secret"), "delete");
        assertDenied(alice, alice.deletePrefix("/bob/"), "delete-by-prefix");
        assertDenied(alice, alice.deletePrefix("/"), "delete everything");
        assertDenied(alice, alice.range("/bob/"), "range");
        assertDenied(alice, alice.range("/"), "range over both");
        assertDenied(alice, alice.txn(new TxnSpec().compareVersion("/bob/secret", CompareOp.EQUAL, 1)
            .thenPut("/alice/copy", bytes("x"))), "txn compare");
        assertDenied(alice, alice.txn(new TxnSpec().thenPut("/alice/ok", bytes("x")).elsePut("/bob/x", bytes("x"))),
            "txn else branch");
        assertDenied(alice, alice.createSequential("/bob/q-", bytes("x")), "sequential");
        assertDenied(alice, new WardenLock(alice, "/bob/lock").acquireAsync(0), "lock");
        assertDenied(alice, new LeaderElection(alice, "/bob/election").campaign(bytes("alice")), "election");
        assertDenied(bob, bob.get("/alice/a"), "bob's get");
        assertDenied(bob, bob.put("/alice/a", bytes("b")), "bob's put");

        final List<ResultCode> ended = new CopyOnWriteArrayList<>();
        final WatchHandle refused = bob.watchPrefix("/alice/", 0, new WatchListener()
        {
            public void onEvent(final WatchEvent event)
            {
            }

            public void onEnded(final ResultCode code, final long lastRevision)
            {
                ended.add(code);
            }
        });
        await(() -> !ended.isEmpty() || refused.registered().isCompletedExceptionally(), "bob's watch refused");
        assertFalse(refused.isActive());
        assertEquals("s", bob.await(bob.get("/bob/secret")).valueAsString(), "bob's key is untouched");
    }

    @Test
    void aWatchOnTheRootDeliversOnlyWhatItsUserMayRead()
    {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final WatchHandle watch = alice.watchPrefix("/", 0, event -> seen.add(event.key()));
        alice.await(watch.registered());
        bob.await(bob.put("/bob/w", bytes("hidden")));
        alice.await(alice.put("/alice/w", bytes("mine")));
        await(() -> seen.contains("/alice/w"), "alice's own event");
        bob.await(bob.put("/bob/w2", bytes("hidden")));
        alice.await(alice.put("/alice/w2", bytes("mine")));
        await(() -> seen.contains("/alice/w2"), "alice's second event");
        assertEquals(List.of("/alice/w", "/alice/w2"), seen);
        watch.cancel();
    }

    @Test
    void aWrongPasswordIsRefusedAtConnectAndATokenLogsInAgain()
    {
        final WardenException refused = assertThrows(WardenException.class,
            () -> WardenClient.connect(fixture.context("mallory").user("alice").password("guess".toCharArray())));
        assertEquals(ResultCode.UNAUTHORISED, refused.code());
        final WardenException unknown = assertThrows(WardenException.class,
            () -> WardenClient.connect(fixture.context("mallory").user("nobody").password("x".toCharArray())));
        assertEquals(ResultCode.UNAUTHORISED, unknown.code());

        final String token = alice.loginToken();
        assertFalse(token.isEmpty());
        final WardenClient again = fixture.track(WardenClient.connect(fixture.context("alice-again").token(token)));
        again.await(again.put("/alice/token", bytes("t")));
        assertDenied(again, again.get("/bob/secret"), "a token logs in the same user");
        final WardenException badToken = assertThrows(WardenException.class,
            () -> WardenClient.connect(fixture.context("mallory").token("not-a-token")));
        assertEquals(ResultCode.UNAUTHORISED, badToken.code());
    }

    @Test
    void aClientThatDidNotLogInMayDoNothingAndOnlyAnAdminAdministers()
    {
        final WardenClient anonymous = fixture.client("anonymous");
        assertDenied(anonymous, anonymous.get("/alice/a"), "no user");
        assertDenied(anonymous, anonymous.put("/anything", bytes("x")), "no user");
        assertDenied(alice, alice.auth().addUser("eve", "pw".toCharArray()), "alice is no admin");
        assertDenied(alice, alice.auth().grantRole("alice", "root"), "alice cannot make herself root");
        final WardenClient root = login("root", "root-pw");
        assertEquals(List.of("alice", "bob", "root"),
            root.await(root.auth().users()).items().stream().map(AuthListing.Item::name).toList());
        assertDenied(alice, alice.auth().users(), "listing users");
    }

    @Test
    void aGatewayThatRequiresALoginRefusesAnonymousClientsAndTakesNoForeignToken()
    {
        final io.warden.gateway.Gateway strict = fixture.addGateway(config -> config.requireLogin(true));
        final WardenException anonymous = assertThrows(WardenException.class, () -> WardenClient.connect(
            fixture.context("anonymous").gatewayEndpoints(strict.requestEndpoint())));
        assertEquals(ResultCode.UNAUTHORISED, anonymous.code());
        // the admin credential is let in (how the first users are made), but with auth on it may do nothing
        final WardenClient operator = fixture.track(WardenClient.connect(fixture.context("operator")
            .gatewayEndpoints(strict.requestEndpoint()).credential(GatewayFixture.ADMIN_CREDENTIAL)));
        assertDenied(operator, operator.get("/alice/a"), "the admin credential once auth is on");
        assertDenied(operator, operator.auth().addUser("eve", "pw".toCharArray()), "no admin once auth is on");

        // alice's token came from the first gateway: this one does not know it, and she logs in with her password
        final WardenClient moved = fixture.track(WardenClient.connect(fixture.context("alice-moved")
            .gatewayEndpoints(strict.requestEndpoint()).user("alice").password("alice-pw".toCharArray())
            .token(alice.loginToken())));
        moved.await(moved.put("/alice/moved", bytes("m")));
        assertFalse(moved.loginToken().isEmpty());
        assertFalse(moved.loginToken().equals(alice.loginToken()), "a token of its own gateway");
    }
}
