package io.warden.node.domain;

import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines are exact to the log's clock: a session or a lock wait whose deadline has passed is over, whether or
 * not its timer has been delivered yet; timers delivered early re-arm.
 */
final class ExactExpiryTest
{
    private static final long TTL_MS = 2_000;

    private final Harness h = new Harness();

    @Test
    void keepaliveAfterTheDeadlineFindsTheSessionExpiredEvenBeforeItsTimer()
    {
        final long holder = h.openSession(TTL_MS);
        final long waiter = h.openSession(10 * TTL_MS);
        final long token = h.acquire(holder, "L", LockMode.EXCLUSIVE, -1, 0).as(Reply.Lock.class).token();
        assertEquals(ResultCode.QUEUED, h.acquire(waiter, "L", LockMode.EXCLUSIVE, -1, 0).code());

        h.jumpTo(h.nowMs() + TTL_MS + 5);
        final Reply.KeepAlive keepAlive = h.keepAlive(holder).as(Reply.KeepAlive.class);

        assertEquals(List.of(holder), keepAlive.failedSessionIds());
        assertEquals(List.of(ResultCode.SESSION_EXPIRED), keepAlive.failureCodes());
        final List<Event.LockEnded> grants = h.events().of(Event.LockEnded.class);
        assertEquals(1, grants.size());
        final Event.LockEnded grant = grants.get(0);
        assertEquals(waiter, grant.sessionId());
        assertEquals(ResultCode.OK, grant.code());
        assertTrue(grant.token() > token);
        assertEquals(1, h.events().all().stream().filter(e -> e instanceof Event.SessionEnded).count());

        final long digest = h.digest();
        h.fireDueTimers();
        assertEquals(digest, h.digest(), "the late timer finds nothing left to do");
        assertEquals(1, h.events().all().stream().filter(e -> e instanceof Event.SessionEnded).count());
    }

    @Test
    void mutationAfterTheDeadlineIsRefusedAndReleasesTheSessionsLocks()
    {
        final long holder = h.openSession(TTL_MS);
        h.acquire(holder, "L", LockMode.EXCLUSIVE, -1, 0);
        h.jumpTo(h.nowMs() + TTL_MS);

        assertEquals(ResultCode.SESSION_EXPIRED, h.put(holder, "/k", "v").code());
        assertEquals(ResultCode.NOT_FOUND, h.describeLock("L").code());
    }

    @Test
    void waiterPastItsDeadlineIsNotGrantedByALateRelease()
    {
        final long holder = h.openSession(100 * TTL_MS);
        final long waiter = h.openSession(100 * TTL_MS);
        final long next = h.openSession(100 * TTL_MS);
        final long token = h.acquire(holder, "L", LockMode.EXCLUSIVE, -1, 0).as(Reply.Lock.class).token();
        h.acquire(waiter, "L", LockMode.EXCLUSIVE, 1_000, 0);
        h.acquire(next, "L", LockMode.EXCLUSIVE, -1, 0);

        h.jumpTo(h.nowMs() + 1_000);
        assertEquals(ResultCode.OK, h.release(holder, "L", token).code());

        final List<Event> events = h.events().all();
        final Event.LockEnded timedOut = (Event.LockEnded)events.get(events.size() - 2);
        final Event.LockEnded granted = (Event.LockEnded)events.get(events.size() - 1);
        assertEquals(waiter, timedOut.sessionId());
        assertEquals(ResultCode.TIMED_OUT, timedOut.code());
        assertEquals(next, granted.sessionId());
        assertEquals(ResultCode.OK, granted.code());
        assertTrue(!h.timers().isScheduled(TimerIds.LOCK_WAIT, 1), "the wait timer was cancelled");
    }

    @Test
    void waitTimerDeliveredEarlyRearms()
    {
        final long holder = h.openSession(100 * TTL_MS);
        final long waiter = h.openSession(100 * TTL_MS);
        h.acquire(holder, "L", LockMode.EXCLUSIVE, -1, 0);
        h.acquire(waiter, "L", LockMode.EXCLUSIVE, 1_000, 0);
        final long timerId = TimerIds.timerId(TimerIds.LOCK_WAIT, 2);
        final long deadline = h.timers().deadlineOf(timerId);
        assertEquals(h.nowMs() + 1_000, deadline);

        h.machine().time(h.nowMs() + 10);
        h.machine().onTimer(timerId);

        assertEquals(deadline, h.timers().deadlineOf(timerId));
        assertEquals(ResultCode.QUEUED, h.lockStatus(waiter, "L").code());
    }

    @Test
    void delayTimerDeliveredEarlyRearms()
    {
        final long holder = h.openSession(TTL_MS);
        final long waiter = h.openSession(100 * TTL_MS);
        h.acquire(holder, "L", LockMode.EXCLUSIVE, -1, 5_000);
        h.acquire(waiter, "L", LockMode.EXCLUSIVE, -1, 0);
        h.advance(TTL_MS);
        final long timerId = TimerIds.timerId(TimerIds.LOCK_DELAY, 1);
        final long deadline = h.timers().deadlineOf(timerId);
        assertTrue(deadline > h.nowMs());

        h.machine().time(h.nowMs() + 1);
        h.machine().onTimer(timerId);

        assertEquals(deadline, h.timers().deadlineOf(timerId));
        assertEquals(ResultCode.QUEUED, h.lockStatus(waiter, "L").code());
        h.advanceTo(deadline);
        assertEquals(ResultCode.OK, h.lockStatus(waiter, "L").code());
    }
}
