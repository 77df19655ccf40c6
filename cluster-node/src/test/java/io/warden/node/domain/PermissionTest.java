package io.warden.node.domain;

import io.warden.node.domain.auth.Permission;
import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.Principals;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.warden.node.domain.support.TxnBuilder.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request path checks its permission once authentication is on: keys (get, put, delete, delete-by-prefix,
 * range, txn compares and both branches, sequential keys, watches and each event a watch delivers), locks and
 * elections. Alice may do everything under {@code /a/}, Bob only read under {@code /a/}; refusals answer
 * PERMISSION_DENIED and change nothing.
 */
final class PermissionTest
{
    private final Harness h = new Harness();
    private long root;
    private long alice;
    private long bob;
    private long aliceSession;
    private long bobSession;

    @BeforeEach
    void twoUsers()
    {
        root = h.enableAuthWithRoot();
        h.route(Harness.OPERATOR_ROUTE).asUser(Principals.NO_USER);
        h.addUser("alice", "a");
        h.addUser("bob", "b");
        h.addRole("a-all");
        h.grant("a-all", ResourceType.KEY, "/a/", Permission.READ | Permission.WRITE | Permission.WATCH);
        h.grant("a-all", ResourceType.LOCK, "/a/", Permission.ACQUIRE | Permission.READ);
        h.grant("a-all", ResourceType.ELECTION, "/a/", Permission.CAMPAIGN | Permission.WRITE | Permission.READ);
        h.addRole("a-read");
        h.grant("a-read", ResourceType.KEY, "/a/", Permission.READ);
        h.grantRole("alice", "a-all");
        h.grantRole("bob", "a-read");
        alice = h.login("alice", "a").userId();
        bob = h.login("bob", "b").userId();
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        aliceSession = h.openSession();
        h.route(2).asUser(bob);
        bobSession = h.openSession();
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
    }

    private void asBob()
    {
        h.route(2).asUser(bob);
    }

    @Test
    void keysNeedReadAndWriteOnTheirPrefix()
    {
        assertEquals(ResultCode.OK, h.put(aliceSession, "/a/k", "v").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.put(aliceSession, "/b/k", "v").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.get("/b/k").code());
        asBob();
        final long digest = h.digest();
        assertEquals(ResultCode.OK, h.get("/a/k").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.put(bobSession, "/a/k", "w").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.delete(bobSession, "/a/k").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.deletePrefix(bobSession, "/a/").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.deletePrefix(bobSession, "/").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.createSequential(bobSession, "/a/q-", "x", false).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void aRangeNeedsReadOnItsWholePrefix()
    {
        h.put(aliceSession, "/a/1", "v");
        assertEquals(1, h.range("/a/").as(Reply.Range.class).entries().size());
        assertEquals(ResultCode.PERMISSION_DENIED, h.range("/").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.range("").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.range("/a").code(), "/a also covers /ab, which is not granted");
    }

    @Test
    void aTxnNeedsEveryPermissionOfBothBranches()
    {
        assertEquals(ResultCode.OK, h.txn(aliceSession, txn().ifVersion("/a/k", CompareOp.EQUAL, 0)
            .thenPut("/a/k", "v").elseDelete("/a/k")).code());
        final long digest = h.digest();
        assertEquals(ResultCode.PERMISSION_DENIED, h.txn(aliceSession, txn().ifVersion("/b/k", CompareOp.EQUAL, 0)
            .thenPut("/a/k", "v")).code(), "a compare needs read");
        assertEquals(ResultCode.PERMISSION_DENIED, h.txn(aliceSession, txn().ifVersion("/a/k", CompareOp.EQUAL, 99)
            .thenPut("/a/x", "v").elsePut("/b/k", "v")).code(), "the branch that would not run is checked too");
        assertEquals(ResultCode.PERMISSION_DENIED, h.txn(aliceSession, txn().thenDeletePrefix("/")).code());
        asBob();
        assertEquals(ResultCode.PERMISSION_DENIED, h.txn(bobSession, txn().ifVersion("/a/k", CompareOp.EQUAL, 1)
            .thenPut("/a/k", "w")).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void sequentialKeysNeedWriteOnTheirPrefix()
    {
        assertEquals(ResultCode.OK, h.createSequential(aliceSession, "/a/q-", "x", false).code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.createSequential(aliceSession, "/b/q-", "x", false).code());
    }

    @Test
    void locksNeedTheLockPermissionOnTheLockName()
    {
        final Reply.Lock granted = h.acquire(aliceSession, "/a/lock", 0).as(Reply.Lock.class);
        assertEquals(ResultCode.OK, granted.code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.acquire(aliceSession, "/b/lock", 0).code());
        assertEquals(ResultCode.OK, h.describeLock("/a/lock").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.describeLock("/b/lock").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.checkFence("/b/lock", 1).code());
        asBob();
        assertEquals(ResultCode.PERMISSION_DENIED, h.acquire(bobSession, "/a/lock", 0).code(),
            "read on keys under /a/ is not a lock permission");
        assertEquals(ResultCode.PERMISSION_DENIED, h.describeLock("/a/lock").code());
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        assertEquals(ResultCode.OK, h.release(aliceSession, "/a/lock", granted.token()).code());
    }

    @Test
    void electionsNeedCampaignWriteAndReadOnTheElectionName()
    {
        final Reply.Election elected = h.campaign(aliceSession, "/a/e", "me").as(Reply.Election.class);
        assertEquals(ResultCode.OK, elected.code());
        assertEquals(ResultCode.OK, h.proclaim(aliceSession, "/a/e", elected.term(), "me2").code());
        assertEquals(ResultCode.OK, h.leader("/a/e").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.campaign(aliceSession, "/b/e", "me").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.leader("/b/e").code());
        asBob();
        assertEquals(ResultCode.PERMISSION_DENIED, h.campaign(bobSession, "/a/e", "bob").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.leader("/a/e").code());
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        assertEquals(ResultCode.OK, h.resign(aliceSession, "/a/e", elected.term()).code());
    }

    @Test
    void aWatchNeedsWatchOnItsPrefixAndDeliversOnlyWhatItsUserMayRead()
    {
        assertEquals(ResultCode.OK, h.watch(1, "/a/", true, false, 0).code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.watch(2, "/", true, false, 0).code());
        asBob();
        assertEquals(ResultCode.PERMISSION_DENIED, h.watch(3, "/a/", true, false, 0).code(),
            "bob may read /a/ but not watch it");

        // root's watch on everything, and what alice writes where only root may read
        h.route(5).asUser(root);
        assertEquals(ResultCode.OK, h.watch(4, "/", true, false, 0).code());
        h.put(h.openSession(), "/b/secret", "s");
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        h.put(aliceSession, "/a/k", "v");

        assertEquals(List.of("/a/k"), keysDeliveredTo(1));
        assertEquals(List.of("/b/secret", "/a/k"), keysDeliveredTo(4));
    }

    @Test
    void aUsersWatchStopsDeliveringWhenItLosesRead()
    {
        h.watch(1, "/a/", true, false, 0);
        h.put(aliceSession, "/a/1", "v");
        h.route(Harness.OPERATOR_ROUTE).asUser(Principals.NO_USER);
        assertEquals(ResultCode.OK, h.revoke("a-all", ResourceType.KEY, "/a/", Permission.READ).code());
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        h.put(aliceSession, "/a/2", "v");
        assertEquals(List.of("/a/1"), keysDeliveredTo(1));
    }

    @Test
    void anOperatorConnectionAndAuthOffAreNotChecked()
    {
        h.route(Harness.OPERATOR_ROUTE).asUser(Principals.NO_USER);
        assertEquals(ResultCode.NOT_FOUND, h.get("/b/k").code());
        assertEquals(ResultCode.OK, h.authSwitch(false).code());
        h.route(Harness.DEFAULT_ROUTE).asUser(Principals.NO_USER);
        assertEquals(ResultCode.OK, h.put(aliceSession, "/b/k", "v").code());
        assertTrue(h.range("/").as(Reply.Range.class).entries().size() >= 1);
    }

    @Test
    void anUnknownUserMayDoNothing()
    {
        h.asUser(424242);
        assertEquals(ResultCode.PERMISSION_DENIED, h.get("/a/k").code());
        h.asUser(Principals.NO_USER);
        assertEquals(ResultCode.PERMISSION_DENIED, h.get("/a/k").code(), "a client that did not log in");
    }

    private List<String> keysDeliveredTo(final long watchId)
    {
        return h.events().watchBatches().stream()
            .filter(batch -> batch.watchId() == watchId)
            .flatMap(batch -> batch.changes().stream())
            .map(Change::key)
            .toList();
    }
}
