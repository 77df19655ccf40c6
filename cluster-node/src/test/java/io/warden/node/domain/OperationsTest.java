package io.warden.node.domain;

import io.warden.node.domain.auth.Permission;
import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.Principals;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's requests: listing sessions and locks a page at a time, expiring a session by hand (exactly what
 * its TTL running out does), and asking for a snapshot; each refused with PERMISSION_DENIED, changing nothing, to a
 * user who may not.
 */
final class OperationsTest
{
    private final Harness h = new Harness();

    @Test
    void sessionsAreListedInIdOrderAPageAtATimeWithTheirLeaseTimes()
    {
        final long first = sessionNamed("billing", 10_000);
        final long second = sessionNamed("orders", 20_000);
        final long third = sessionNamed("search", 30_000);
        h.advance(4_000);
        h.keepAlive(second);

        final Reply.SessionList page = h.listSessions(0, 2).as(Reply.SessionList.class);
        assertEquals(ResultCode.OK, page.code());
        assertTrue(page.more());
        assertEquals(h.nowMs(), page.nowMs());
        assertEquals(List.of(first, second), page.sessions().stream().map(Reply.ListedSession::sessionId).toList());
        final Reply.ListedSession billing = page.sessions().get(0);
        assertEquals("billing", billing.clientName());
        assertEquals(10_000, billing.ttlMs());
        assertEquals(h.nowMs() - 4_000, billing.expiryMs() - billing.ttlMs(), "renewed when it was opened");
        final Reply.ListedSession orders = page.sessions().get(1);
        assertEquals(h.nowMs(), orders.expiryMs() - orders.ttlMs(), "renewed by the keepalive just now");

        final Reply.SessionList rest = h.listSessions(second, 2).as(Reply.SessionList.class);
        assertFalse(rest.more());
        assertEquals(List.of(third), rest.sessions().stream().map(Reply.ListedSession::sessionId).toList());
    }

    @Test
    void aSessionWhoseLeaseRanOutIsNotListedEvenBeforeItsTimerFires()
    {
        final long shortLived = sessionNamed("short", 1_000);
        final long longLived = sessionNamed("long", 60_000);
        h.advance(2_000);

        final Reply.SessionList page = h.listSessions(0, 0).as(Reply.SessionList.class);
        assertEquals(List.of(longLived), page.sessions().stream().map(Reply.ListedSession::sessionId).toList(),
            "session " + shortLived + " is past its expiry");
    }

    @Test
    void locksInUseAreListedInNameOrderWithTheirFirstHolderAndWaiters()
    {
        final long a = h.openSession();
        final long b = h.openSession();
        final Reply.Lock alpha = h.acquire(a, "alpha", 0).as(Reply.Lock.class);
        h.acquire(b, "alpha", -1);
        final Reply.Lock beta = h.acquire(b, "beta", 0).as(Reply.Lock.class);
        h.acquire(a, "gamma", 0);
        h.release(a, "gamma", h.acquire(a, "gamma", 0).as(Reply.Lock.class).token());

        final Reply.LockList page = h.listLocks("", 10).as(Reply.LockList.class);
        assertEquals(ResultCode.OK, page.code());
        assertFalse(page.more());
        assertEquals(List.of(new Reply.ListedLock("alpha", 1, 1, a, alpha.token()),
            new Reply.ListedLock("beta", 1, 0, b, beta.token())), page.locks(), "gamma is free: not in use");

        final Reply.LockList first = h.listLocks("", 1).as(Reply.LockList.class);
        assertTrue(first.more());
        assertEquals("alpha", first.locks().get(0).name());
        final Reply.LockList after = h.listLocks("alpha", 1).as(Reply.LockList.class);
        assertEquals("beta", after.locks().get(0).name());
        assertFalse(after.more());
    }

    @Test
    void anExpiredSessionLosesWhatItsTtlRunningOutWouldTakeAndItsOwnerIsTold()
    {
        final long victim = h.openSession();
        final long waiter = h.openSession();
        final Reply.Lock held = h.acquire(victim, "/jobs/nightly", 0).as(Reply.Lock.class);
        h.acquire(waiter, "/jobs/nightly", -1);
        h.putEphemeral(victim, "/members/victim", "here");
        final long revisionBefore = h.revision();

        h.route(Harness.OPERATOR_ROUTE);
        final Reply.Session expired = h.expireSession(victim).as(Reply.Session.class);
        assertEquals(ResultCode.OK, expired.code());
        h.route(Harness.DEFAULT_ROUTE);

        assertTrue(h.events().all().stream().anyMatch(e -> e instanceof Event.SessionEnded ended &&
            ended.sessionId() == victim && ended.code() == ResultCode.SESSION_EXPIRED), "the owner is told");
        assertEquals(List.of(ResultCode.SESSION_EXPIRED),
            h.keepAlive(victim).as(Reply.KeepAlive.class).failureCodes());
        assertEquals(ResultCode.NOT_FOUND, h.get("/members/victim").code(), "its ephemeral key went with it");
        assertTrue(h.revision() > revisionBefore);
        final Reply.LockDescription lock = h.describeLock("/jobs/nightly").as(Reply.LockDescription.class);
        assertTrue(lock.holders().isEmpty() || lock.holders().get(0).token() != held.token(),
            "the victim no longer holds the lock");

        h.route(Harness.OPERATOR_ROUTE);
        assertEquals(ResultCode.SESSION_EXPIRED, h.expireSession(victim).code(), "an ended session is expired");
    }

    @Test
    void onlyAnAdministratorMayExpireASessionOrAskForASnapshot()
    {
        final long session = h.openSession();
        final long digest = h.digest();
        assertEquals(ResultCode.PERMISSION_DENIED, h.expireSession(session).code(), "a client's own connection");
        assertEquals(ResultCode.PERMISSION_DENIED, h.requestSnapshot().code());
        assertEquals(digest, h.digest(), "a refusal changes nothing");
        assertTrue(h.events().all().stream().noneMatch(e -> e instanceof Event.SnapshotRequested));

        h.route(Harness.OPERATOR_ROUTE);
        assertEquals(ResultCode.OK, h.requestSnapshot().code());
        assertEquals(1, h.events().all().stream().filter(e -> e instanceof Event.SnapshotRequested).count());
        h.route(Harness.DEFAULT_ROUTE).asUser(Principals.GATEWAY_ADMIN_USER);
        assertEquals(ResultCode.OK, h.requestSnapshot().code(), "the gateway's admin credential, auth off");
    }

    @Test
    void withAuthenticationOnListingNeedsAdminForSessionsAndReadOnEveryLockName()
    {
        final long root = h.enableAuthWithRoot();
        h.route(Harness.OPERATOR_ROUTE).asUser(Principals.NO_USER);
        h.addUser("alice", "a");
        h.addRole("a-locks");
        h.grant("a-locks", ResourceType.LOCK, "/a/", Permission.ACQUIRE | Permission.READ);
        h.grantRole("alice", "a-locks");
        final long alice = h.login("alice", "a").userId();

        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        assertEquals(ResultCode.PERMISSION_DENIED, h.listSessions(0, 10).code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.listLocks("", 10).code(), "read on /a/ is not read on all");
        assertEquals(ResultCode.PERMISSION_DENIED, h.requestSnapshot().code());

        h.asUser(root);
        assertEquals(ResultCode.OK, h.listSessions(0, 10).code());
        assertEquals(ResultCode.OK, h.listLocks("", 10).code());
        assertEquals(ResultCode.OK, h.requestSnapshot().code());
    }

    private long sessionNamed(final String name, final long ttlMs)
    {
        return h.openSession(ttlMs, name.hashCode(), name).as(Reply.Session.class).sessionId();
    }
}
