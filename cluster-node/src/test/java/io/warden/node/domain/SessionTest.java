package io.warden.node.domain;

import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.warden.node.domain.support.Harness.DEFAULT_TTL_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SessionTest
{
    private static final long TTL_MS = 10_000;
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();

    private static long expiryTimer(final long sessionId)
    {
        return TimerIds.timerId(TimerIds.SESSION_EXPIRY, sessionId);
    }

    @Test
    void openGivesIdsInOrderAndArmsOneExpiryTimerEach()
    {
        final Reply first = h.openSession(TTL_MS, 11, "first");
        final Reply second = h.openSession(2 * TTL_MS, 22, "second");

        assertEquals(new Reply.Session(ROUTE, 1, ResultCode.OK, 1, TTL_MS), first);
        assertEquals(new Reply.Session(ROUTE, 2, ResultCode.OK, 2, 2 * TTL_MS), second);
        assertEquals(h.nowMs() + TTL_MS, h.timers().deadlineOf(expiryTimer(1)));
        assertEquals(h.nowMs() + 2 * TTL_MS, h.timers().deadlineOf(expiryTimer(2)));
        assertEquals(2, h.timers().size());
        assertEquals(0, h.revision(), "sessions take no revision");
        assertEquals(2, h.status().as(Reply.Status.class).counters().sessions());
        assertTrue(h.events().isEmpty());
    }

    @Test
    void openWithTheSameSecretReturnsTheSameSessionAndRenewsIt()
    {
        final long id = h.openSession(TTL_MS, 42, "app").as(Reply.Session.class).sessionId();
        h.advance(TTL_MS - 1);

        final Reply again = h.route(2).openSession(TTL_MS, 42, "app");

        assertEquals(new Reply.Session(2, again.correlationId(), ResultCode.OK, id, TTL_MS), again);
        assertEquals(1, h.status().as(Reply.Status.class).counters().sessions());

        h.advance(TTL_MS - 1);
        assertEquals(ResultCode.OK, h.keepAlive(id).code());
        assertTrue(h.events().sessionEnded().isEmpty(), "the retried open renewed the lease");
        assertEquals(List.of(), h.keepAlive(id).as(Reply.KeepAlive.class).failedSessionIds());
    }

    @Test
    void openRefusesBadArgumentsAndChangesNothing()
    {
        h.openSession();
        final long digest = h.digest();

        assertEquals(ResultCode.INVALID_ARGUMENT, h.openSession(WardenLimits.MIN_SESSION_TTL_MS - 1, 5, "a").code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.openSession(WardenLimits.MAX_SESSION_TTL_MS + 1, 5, "a").code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.openSession(TTL_MS, 0, "a").code());
        assertEquals(
            ResultCode.INVALID_ARGUMENT,
            h.openSession(TTL_MS, 5, "n".repeat(WardenLimits.MAX_CLIENT_NAME_LENGTH + 1)).code());

        assertEquals(digest, h.digest());
        assertEquals(1, h.timers().size());
        assertEquals(
            ResultCode.OK, h.openSession(WardenLimits.MIN_SESSION_TTL_MS, 5, "n".repeat(128)).code());
    }

    @Test
    void resumeNeedsTheSecretAndMovesTheRoute()
    {
        final long id = h.openSession(TTL_MS);
        final long secret = h.secretOf(id);

        assertEquals(ResultCode.UNAUTHORISED, h.route(3).resumeSession(id, secret + 1).code());
        assertEquals(ResultCode.SESSION_UNKNOWN, h.resumeSession(99, secret).code());

        final Reply resumed = h.resumeSession(id, secret);
        assertEquals(new Reply.Session(3, resumed.correlationId(), ResultCode.OK, id, TTL_MS), resumed);

        // events of the session now go to the new route
        h.advance(TTL_MS);
        assertEquals(List.of(new Event.SessionEnded(3, id, ResultCode.SESSION_EXPIRED)), h.events().sessionEnded());
        assertEquals(ResultCode.SESSION_EXPIRED, h.resumeSession(id, secret).code());
    }

    @Test
    void keepAliveBatchRenewsAndReportsExpiredAndUnknownSessions()
    {
        final long a = h.openSession(TTL_MS);
        final long b = h.openSession(TTL_MS);
        final long gone = h.openSession(TTL_MS);
        h.closeSession(gone);
        final long scheduled = h.timers().scheduleCount();

        h.advance(TTL_MS / 2);
        final Reply reply = h.keepAlive(a, 0, gone, b, 1_000);

        assertEquals(
            new Reply.KeepAlive(
                ROUTE, reply.correlationId(), ResultCode.OK,
                List.of(0L, gone, 1_000L),
                List.of(ResultCode.SESSION_UNKNOWN, ResultCode.SESSION_EXPIRED, ResultCode.SESSION_UNKNOWN)),
            reply);
        assertEquals(scheduled, h.timers().scheduleCount(), "renewal schedules no timer");
        assertEquals(0, h.revision());
    }

    @Test
    void aSessionsTtlCountsFromWhenItsClientWasLastHeardFrom()
    {
        final long t0 = h.nowMs();
        final long quiet = h.openSession(TTL_MS);
        final long chatty = h.openSession(TTL_MS);
        h.advance(TTL_MS / 2);
        final LongArrayList ids = new LongArrayList();
        ids.addLong(quiet);
        ids.addLong(chatty);
        final LongArrayList silences = new LongArrayList();
        silences.addLong(TTL_MS / 4);
        silences.addLong(0);
        assertEquals(ResultCode.OK, h.keepAlive(ids, silences).code());

        // quiet was last heard at TTL/4 and lives until TTL/4 + TTL; chatty until TTL/2 + TTL
        h.advanceTo(t0 + TTL_MS / 4 + TTL_MS - 1);
        assertTrue(h.events().sessionEnded().isEmpty());
        h.advanceTo(t0 + TTL_MS / 4 + TTL_MS);
        assertEquals(List.of(new Event.SessionEnded(ROUTE, quiet, ResultCode.SESSION_EXPIRED)),
            h.events().sessionEnded());
        h.advanceTo(t0 + TTL_MS / 2 + TTL_MS - 1);
        assertEquals(1, h.events().sessionEnded().size(), "chatty lives on");
    }

    @Test
    void aRenewalNeverShortensALease()
    {
        final long id = h.openSession(TTL_MS);
        final LongArrayList ids = new LongArrayList();
        ids.addLong(id);
        final LongArrayList silences = new LongArrayList();
        silences.addLong(10 * TTL_MS);
        final long digest = h.digest();
        assertEquals(ResultCode.OK, h.keepAlive(ids, silences).code());
        assertEquals(digest, h.digest(), "a keepalive for a client silent longer than its TTL changes nothing");
        h.advance(TTL_MS - 1);
        assertTrue(h.events().sessionEnded().isEmpty(), "the lease from the open still holds");
        h.advance(1);
        assertEquals(1, h.events().sessionEnded().size());
    }

    @Test
    void keepAliveBatchOverTheLimitIsRefused()
    {
        final long id = h.openSession(TTL_MS);
        final long[] ids = new long[WardenLimits.MAX_KEEPALIVE_BATCH + 1];
        java.util.Arrays.fill(ids, id);
        final long digest = h.digest();

        assertEquals(ResultCode.LIMIT_EXCEEDED, h.keepAlive(ids).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void sessionExpiresWhenItsTimerFiresUnrenewed()
    {
        final long id = h.openSession(TTL_MS);
        h.advance(TTL_MS - 1);
        assertTrue(h.events().isEmpty());

        h.advance(1);

        assertEquals(List.of(new Event.SessionEnded(ROUTE, id, ResultCode.SESSION_EXPIRED)), h.events().all());
        assertFalse(h.timers().isScheduled(expiryTimer(id)));
        assertEquals(0, h.status().as(Reply.Status.class).counters().sessions());
        assertEquals(ResultCode.SESSION_EXPIRED, h.put(id, "/k", "v").code());
        assertEquals(List.of(id), h.keepAlive(id).as(Reply.KeepAlive.class).failedSessionIds());
    }

    @Test
    void renewedSessionIsNotExpiredAndItsTimerReArmsLazily()
    {
        final long start = h.nowMs();
        final long id = h.openSession(TTL_MS);
        h.advance(6_000);
        h.keepAlive(id);
        h.keepAlive(id);
        assertEquals(start + TTL_MS, h.timers().deadlineOf(expiryTimer(id)), "keepalives do not move the timer");

        h.advance(4_000);

        assertTrue(h.events().isEmpty());
        assertEquals(start + 16_000, h.timers().deadlineOf(expiryTimer(id)), "the timer re-armed at the new expiry");
        assertEquals(1, h.timers().fired().size());

        h.advance(5_999);
        assertTrue(h.events().isEmpty());
        h.advance(1);
        assertEquals(List.of(new Event.SessionEnded(ROUTE, id, ResultCode.SESSION_EXPIRED)), h.events().all());
    }

    @Test
    void newLeadershipTermGivesEverySessionAFullTtl()
    {
        final long start = h.nowMs();
        final long a = h.openSession(TTL_MS);
        final long b = h.openSession(2 * TTL_MS);
        h.advance(9_000);

        h.newLeadershipTerm();

        h.advance(TTL_MS - 1);
        assertTrue(h.events().isEmpty(), "nobody expired at the old deadline");
        h.advance(1);
        assertEquals(List.of(new Event.SessionEnded(ROUTE, a, ResultCode.SESSION_EXPIRED)), h.events().all());
        h.advance(start + 9_000 + 2 * TTL_MS - h.nowMs());
        assertEquals(new Event.SessionEnded(ROUTE, b, ResultCode.SESSION_EXPIRED), h.events().last());
        assertEquals(0, h.revision());
    }

    @Test
    void closeEndsTheSessionWithoutAnEventAndCancelsItsTimer()
    {
        final long id = h.openSession(TTL_MS);

        final Reply closed = h.closeSession(id);

        assertEquals(new Reply.Session(ROUTE, closed.correlationId(), ResultCode.OK, id, 0), closed);
        assertFalse(h.timers().isScheduled(expiryTimer(id)));
        assertTrue(h.events().isEmpty());
        assertEquals(ResultCode.SESSION_EXPIRED, h.closeSession(id).code());
        assertEquals(ResultCode.SESSION_UNKNOWN, h.closeSession(id + 1).code());

        // a late expiry timer of a closed session does nothing
        final long digest = h.digest();
        h.machine().onTimer(expiryTimer(id));
        assertEquals(digest, h.digest());
        assertTrue(h.events().isEmpty());
    }

    @Test
    void expiryReleasesLocksCandidaciesAndEphemeralKeysExactlyOnce()
    {
        final long owner = h.openSession(TTL_MS);
        final long waiter = h.route(2).openSession(10 * TTL_MS);
        final long candidate = h.route(3).openSession(10 * TTL_MS);
        h.route(9).watch(1, "", true, true, 0);

        h.route(1);
        final long lockToken = h.acquire(owner, "/locks/a", 0).as(Reply.Lock.class).token();
        h.route(2);
        assertEquals(ResultCode.QUEUED, h.acquire(waiter, "/locks/a", -1).code());
        h.route(1);
        final long term = h.campaign(owner, "leader", "owner").as(Reply.Election.class).term();
        h.putEphemeral(owner, "/svc/a1", "x");
        h.putEphemeral(owner, "/svc/a2", "y");
        h.put(owner, "/cfg", "kept");
        h.route(3);
        assertEquals(ResultCode.QUEUED, h.campaign(candidate, "leader", "candidate").code());
        final long before = h.revision();
        h.events().clear();

        h.advance(TTL_MS);

        final long ended = before + 1;
        assertEquals(ended, h.revision(), "everything the session held ends in one revision");
        assertEquals(
            List.of(new Event.ElectionEnded(3, candidate, h.lastSeq(candidate), ResultCode.OK, ended, "leader")),
            h.events().electionEnded());
        assertEquals(
            List.of(new Event.LockEnded(2, waiter, h.lastSeq(waiter), ResultCode.OK, ended, "/locks/a")),
            h.events().lockEnded());
        assertEquals(List.of(new Event.SessionEnded(1, owner, ResultCode.SESSION_EXPIRED)), h.events().sessionEnded());
        final List<Event.WatchEvents> batches = h.events().watchBatches();
        assertEquals(1, batches.size());
        assertEquals(4, h.events().size(), "one grant, one election, one session end, one watch batch");
        final List<Change> changes = batches.get(0).changes();
        assertEquals(3, changes.size());
        assertEquals(EventType.PUT, changes.get(0).type());
        assertEquals("/_warden/election/leader", changes.get(0).key());
        assertEquals(ended, changes.get(0).createRevision());
        assertEquals(candidate, changes.get(0).ownerSessionId());
        assertEquals(term, changes.get(0).prevCreateRevision());
        assertEquals(List.of("/svc/a1", "/svc/a2"), List.of(changes.get(1).key(), changes.get(2).key()));
        assertTrue(changes.get(1).isDelete() && changes.get(2).isDelete());
        assertEquals(ended, changes.get(1).revision());
        final Reply.Lock stale = h.checkFence("/locks/a", lockToken).as(Reply.Lock.class);
        assertEquals(ResultCode.STALE_FENCE, stale.code());
        assertEquals(lockToken, stale.token());
        assertEquals(ResultCode.OK, h.checkFence("/locks/a", ended).code());
        assertNull(h.get("/svc/a1").as(Reply.Get.class).entry());
        assertEquals("kept", h.get("/cfg").as(Reply.Get.class).entry().text());

        // the timer firing again, or late, changes nothing
        final long digest = h.digest();
        final int events = h.events().size();
        h.machine().onTimer(expiryTimer(owner));
        h.advance(TTL_MS);
        h.machine().onTimer(expiryTimer(owner));
        assertEquals(digest, h.digest());
        assertEquals(events, h.events().size());
    }

    @Test
    void closeReleasesLikeExpiryButWithoutLockDelayOrEvent()
    {
        final long owner = h.openSession(TTL_MS);
        final long waiter = h.openSession(TTL_MS);
        h.acquire(owner, "/l", LockMode.EXCLUSIVE, 0, 5_000);
        h.acquire(waiter, "/l", LockMode.EXCLUSIVE, -1, 0);
        h.putEphemeral(owner, "/e", "x");
        h.events().clear();

        h.closeSession(owner);

        assertEquals(
            List.of(new Event.LockEnded(ROUTE, waiter, h.lastSeq(waiter), ResultCode.OK, h.revision(), "/l")),
            h.events().lockEnded());
        assertTrue(h.events().sessionEnded().isEmpty());
        assertEquals(ResultCode.NOT_FOUND, h.get("/e").code());
        assertEquals(0, h.timers().size(TimerIds.LOCK_DELAY));
    }

    @Test
    void ttlFromTheDefaultHarnessSessionIsTheDefault()
    {
        final long id = h.openSession();
        assertEquals(h.nowMs() + DEFAULT_TTL_MS, h.timers().deadlineOf(expiryTimer(id)));
    }
}
