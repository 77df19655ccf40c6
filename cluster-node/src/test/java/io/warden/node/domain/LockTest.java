package io.warden.node.domain;

import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.warden.schema.protocol.LockMode.EXCLUSIVE;
import static io.warden.schema.protocol.LockMode.SHARED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class LockTest
{
    private static final String LOCK = "/locks/orders";
    private static final long TTL_MS = 10_000;

    private final Harness h = new Harness();
    private final long a = h.openSession(TTL_MS);
    private final long b = h.openSession(TTL_MS);
    private final long c = h.openSession(TTL_MS);
    private final long d = h.openSession(TTL_MS);

    private Reply.Lock acquire(final long session, final LockMode mode, final long waitMs)
    {
        return h.acquire(session, LOCK, mode, waitMs, 0).as(Reply.Lock.class);
    }

    private Reply.Lock acquire(final long session)
    {
        return acquire(session, EXCLUSIVE, -1);
    }

    private Reply.LockDescription describe()
    {
        return h.describeLock(LOCK).as(Reply.LockDescription.class);
    }

    /**
     * The grant event of a session's latest request (call before the session sends anything else).
     */
    private Event.LockEnded granted(final long session, final long token)
    {
        return granted(session, h.lastSeq(session), token);
    }

    private static Event.LockEnded granted(final long session, final long requestSeq, final long token)
    {
        return new Event.LockEnded(Harness.DEFAULT_ROUTE, session, requestSeq, ResultCode.OK, token, LOCK);
    }

    @Test
    void exclusiveGrantTakesTheNextRevisionAsItsToken()
    {
        h.put(a, "/other", "x");
        assertEquals(1, h.revision());

        final Reply.Lock reply = acquire(a);

        assertEquals(ResultCode.OK, reply.code());
        assertEquals(2, reply.token());
        assertEquals(0, reply.delayRemainingMs());
        assertEquals(2, h.revision());
        assertEquals(
            List.of(new Reply.Holder(a, 2, h.nowMs(), EXCLUSIVE)), describe().holders());
        assertTrue(h.events().isEmpty(), "an immediate grant is answered, not evented");
    }

    @Test
    void tryLockOnAHeldLockIsRefusedAndLeavesNoTrace()
    {
        acquire(a);
        final long digest = h.digest();

        final Reply.Lock reply = acquire(b, EXCLUSIVE, 0);

        assertEquals(ResultCode.LOCK_HELD, reply.code());
        assertEquals(0, reply.token());
        assertEquals(List.of(), describe().waiters());
        assertEquals(1, h.revision());
        assertTrue(digest != h.digest(), "only the remembered answer was added");
        assertEquals(ResultCode.NOT_HOLDER, h.lockStatus(b, LOCK).code());
    }

    @Test
    void waitersAreGrantedInFifoOrderWithRisingTokens()
    {
        final long first = acquire(a).token();
        assertEquals(ResultCode.QUEUED, acquire(b).code());
        h.advance(10);
        assertEquals(ResultCode.QUEUED, acquire(c).code());
        h.advance(10);
        assertEquals(ResultCode.QUEUED, acquire(d).code());
        assertEquals(List.of(b, c, d), describe().waiterSessionIds());

        h.release(a, LOCK, first);
        final long second = h.revision();
        assertEquals(List.of(granted(b, second)), h.events().all());

        final long seqB = h.lastSeq(b);
        final long seqC = h.lastSeq(c);
        h.release(b, LOCK, second);
        final long third = h.revision();
        h.release(c, LOCK, third);
        final long fourth = h.revision();

        assertTrue(first < second && second < third && third < fourth);
        assertEquals(List.of(granted(b, seqB, second), granted(c, seqC, third), granted(d, fourth)), h.events().all());
        assertEquals(List.of(new Reply.Holder(d, fourth, h.nowMs(), EXCLUSIVE)), describe().holders());
        assertEquals(List.of(), describe().waiters());
    }

    @Test
    void sharedHoldersAreGrantedTogetherAndNobodyOvertakesAQueuedExclusive()
    {
        final long x = h.openSession(TTL_MS);
        final long token = acquire(x).token();
        acquire(a, SHARED, -1);
        acquire(b, SHARED, -1);
        acquire(c, EXCLUSIVE, -1);
        acquire(d, SHARED, -1);

        h.release(x, LOCK, token);

        final long shared = h.revision();
        assertEquals(List.of(granted(a, shared), granted(b, shared)), h.events().all());
        assertEquals(
            List.of(new Reply.Holder(a, shared, h.nowMs(), SHARED), new Reply.Holder(b, shared, h.nowMs(), SHARED)),
            describe().holders());
        assertEquals(List.of(c, d), describe().waiterSessionIds());

        // a new shared request queues behind the exclusive waiter instead of joining the shared holders
        final long e = h.openSession(TTL_MS);
        assertEquals(ResultCode.QUEUED, acquire(e, SHARED, -1).code());
        assertEquals(ResultCode.LOCK_HELD, acquire(h.openSession(TTL_MS), SHARED, 0).code());

        h.release(a, LOCK, shared);
        assertEquals(2, h.events().size(), "one shared holder left: the exclusive waiter still waits");
        h.release(b, LOCK, shared);
        final long exclusive = h.revision();
        assertEquals(granted(c, exclusive), h.events().last());

        h.release(c, LOCK, exclusive);
        final long readers = h.revision();
        assertEquals(List.of(granted(d, readers), granted(e, readers)), h.events().all().subList(3, 5));
    }

    @Test
    void sharedRequestsAreGrantedAtOnceNextToSharedHolders()
    {
        final Reply.Lock first = acquire(a, SHARED, 0);
        final Reply.Lock second = acquire(b, SHARED, 0);

        assertEquals(ResultCode.OK, first.code());
        assertEquals(ResultCode.OK, second.code());
        assertEquals(first.token() + 1, second.token());
        assertEquals(ResultCode.OK, h.checkFence(LOCK, first.token()).code());
        assertEquals(ResultCode.OK, h.checkFence(LOCK, second.token()).code());
        assertEquals(ResultCode.LOCK_HELD, acquire(c, EXCLUSIVE, 0).code());
    }

    @Test
    void waitTimeoutEndsTheWaitAndLetsTheNextWaiterIn()
    {
        acquire(a, SHARED, -1);
        assertEquals(ResultCode.QUEUED, acquire(b, EXCLUSIVE, 5_000).code());
        final long waitTimer = TimerIds.timerId(TimerIds.LOCK_WAIT, 2);
        assertEquals(h.nowMs() + 5_000, h.timers().deadlineOf(waitTimer));
        assertEquals(ResultCode.QUEUED, acquire(c, SHARED, -1).code());

        h.advance(4_999);
        assertTrue(h.events().isEmpty());
        h.advance(1);

        final long token = h.revision();
        assertEquals(
            List.of(
                new Event.LockEnded(Harness.DEFAULT_ROUTE, b, h.lastSeq(b), ResultCode.TIMED_OUT, 0, LOCK),
                granted(c, token)),
            h.events().all());
        assertEquals(List.of(a, c), List.of(describe().holders().get(0).sessionId(), describe().holders().get(1).sessionId()));
        assertEquals(List.of(), describe().waiters());
        assertEquals(ResultCode.NOT_HOLDER, h.lockStatus(b, LOCK).code());
    }

    @Test
    void grantBeforeTheDeadlineCancelsTheWaitTimer()
    {
        final long token = acquire(a).token();
        acquire(b, EXCLUSIVE, 5_000);
        assertEquals(1, h.timers().size(TimerIds.LOCK_WAIT));

        h.release(a, LOCK, token);

        assertEquals(0, h.timers().size(TimerIds.LOCK_WAIT));
        h.advance(10_000 - 1);
        assertEquals(List.of(granted(b, token + 1)), h.events().all());
    }

    @Test
    void withdrawingAQueuedClaimWithTokenZeroCancelsIt()
    {
        acquire(a);
        acquire(b, EXCLUSIVE, 60_000);
        acquire(c);

        assertEquals(ResultCode.OK, h.release(b, LOCK, 0).code());

        assertEquals(
            List.of(new Event.LockEnded(Harness.DEFAULT_ROUTE, b, h.lastSeq(b) - 1, ResultCode.CANCELLED, 0, LOCK)),
            h.events().all());
        assertEquals(List.of(c), describe().waiterSessionIds());
        assertEquals(0, h.timers().size(TimerIds.LOCK_WAIT));
        assertEquals(ResultCode.NOT_HOLDER, h.release(b, LOCK, 0).code());
    }

    @Test
    void releaseNeedsTheHoldersToken()
    {
        final long token = acquire(a).token();
        acquire(b);

        assertEquals(ResultCode.STALE_FENCE, h.release(a, LOCK, token + 1).code());
        assertEquals(ResultCode.STALE_FENCE, h.release(a, LOCK, 0).code());
        assertEquals(ResultCode.NOT_HOLDER, h.release(c, LOCK, token).code());
        assertEquals(ResultCode.NOT_HOLDER, h.release(b, LOCK, token).code(), "a waiter is not a holder");
        assertEquals(ResultCode.NOT_HOLDER, h.release(a, "/locks/none", token).code());

        assertEquals(List.of(new Reply.Holder(a, token, h.nowMs(), EXCLUSIVE)), describe().holders());
        assertEquals(List.of(b), describe().waiterSessionIds());
        assertTrue(h.events().isEmpty());
        assertEquals(ResultCode.OK, h.release(a, LOCK, token).code());
    }

    @Test
    void releasedLockWithoutWaitersIsForgotten()
    {
        final long token = acquire(a).token();
        h.release(a, LOCK, token);

        assertEquals(ResultCode.NOT_FOUND, h.describeLock(LOCK).code());
        assertEquals(0, h.status().as(Reply.Status.class).counters().locks());
        assertEquals(token, h.revision(), "a release that grants nobody takes no revision");
    }

    @Test
    void checkFenceAcceptsOnlyTheCurrentHoldersToken()
    {
        final long first = acquire(a).token();
        acquire(b);
        final Reply current = h.checkFence(LOCK, first);
        assertEquals(new Reply.Lock(Harness.DEFAULT_ROUTE, current.correlationId(), ResultCode.OK, first, 0), current);

        h.release(a, LOCK, first);
        final long second = h.revision();

        assertEquals(ResultCode.STALE_FENCE, h.checkFence(LOCK, first).code());
        assertEquals(ResultCode.OK, h.checkFence(LOCK, second).code());
        assertEquals(ResultCode.STALE_FENCE, h.checkFence(LOCK, 0).code());
        assertEquals(ResultCode.STALE_FENCE, h.checkFence("/locks/unknown", second).code());
    }

    @Test
    void describeShowsHoldersWaitersInOrderAndTimes()
    {
        assertEquals(ResultCode.NOT_FOUND, h.describeLock(LOCK).code());
        final long grantedAt = h.nowMs();
        final long token = acquire(a, SHARED, -1).token();
        h.advance(100);
        acquire(b, EXCLUSIVE, -1);
        h.advance(100);
        acquire(c, SHARED, 1_000);

        final Reply.LockDescription description = describe();

        assertEquals(ResultCode.OK, description.code());
        assertEquals(0, description.delayUntilMs());
        assertEquals(List.of(new Reply.Holder(a, token, grantedAt, SHARED)), description.holders());
        assertEquals(
            List.of(new Reply.Waiter(b, grantedAt + 100, EXCLUSIVE), new Reply.Waiter(c, grantedAt + 200, SHARED)),
            description.waiters());
    }

    @Test
    void lockStatusTellsHolderWaiterAndStranger()
    {
        final long token = acquire(a).token();
        acquire(b);

        assertEquals(ResultCode.OK, h.lockStatus(a, LOCK).code());
        assertEquals(token, h.lockStatus(a, LOCK).as(Reply.Lock.class).token());
        assertEquals(ResultCode.QUEUED, h.lockStatus(b, LOCK).code());
        assertEquals(ResultCode.NOT_HOLDER, h.lockStatus(c, LOCK).code());
        assertEquals(ResultCode.NOT_HOLDER, h.lockStatus(c, "/locks/none").code());
        assertEquals(ResultCode.SESSION_UNKNOWN, h.lockStatus(99, LOCK).code());
    }

    @Test
    void acquiringAgainAnswersAlreadyHeldOrAlreadyQueued()
    {
        final long token = acquire(a).token();
        acquire(b);
        final long revision = h.revision();

        final Reply.Lock held = acquire(a);
        final Reply.Lock queued = acquire(b, EXCLUSIVE, 0);

        assertEquals(ResultCode.ALREADY_HELD, held.code());
        assertEquals(token, held.token());
        assertEquals(ResultCode.ALREADY_QUEUED, queued.code());
        assertEquals(revision, h.revision());
        assertEquals(List.of(b), describe().waiterSessionIds());
    }

    @Test
    void lockDelayAfterExpiryHoldsBackGrantsUntilItsTimerFires()
    {
        final long holder = h.openSession(1_000);
        final long waiter = h.openSession(100_000);
        h.acquire(holder, LOCK, EXCLUSIVE, 0, 3_000);
        assertEquals(ResultCode.QUEUED, h.acquire(waiter, LOCK, EXCLUSIVE, -1, 0).code());
        final long expiredAt = h.nowMs() + 1_000;

        h.advance(1_000);

        assertEquals(List.of(new Event.SessionEnded(Harness.DEFAULT_ROUTE, holder, ResultCode.SESSION_EXPIRED)),
            h.events().all());
        assertEquals(expiredAt + 3_000, describe().delayUntilMs());
        assertEquals(List.of(), describe().holders());
        assertEquals(expiredAt + 3_000, h.timers().deadlineOf(TimerIds.LOCK_DELAY, 1));

        h.advance(1_000);
        final Reply.Lock refused = h.acquire(c, LOCK, EXCLUSIVE, 0, 0).as(Reply.Lock.class);
        assertEquals(ResultCode.LOCK_HELD, refused.code());
        assertEquals(2_000, refused.delayRemainingMs());
        final Reply.Lock status = h.lockStatus(waiter, LOCK).as(Reply.Lock.class);
        assertEquals(ResultCode.QUEUED, status.code());
        assertEquals(2_000, status.delayRemainingMs());
        final Reply.Lock queued = h.acquire(d, LOCK, EXCLUSIVE, -1, 0).as(Reply.Lock.class);
        assertEquals(ResultCode.QUEUED, queued.code());
        assertEquals(2_000, queued.delayRemainingMs());

        h.advance(1_999);
        assertEquals(1, h.events().size());
        h.advance(1);

        final long token = h.revision();
        assertEquals(List.of(new Event.LockEnded(Harness.DEFAULT_ROUTE, waiter, h.lastSeq(waiter), ResultCode.OK,
            token, LOCK)), h.events().lockEnded());
        assertEquals(0, describe().delayUntilMs());
        assertEquals(List.of(d), describe().waiterSessionIds());
    }

    @Test
    void lockDelayKeepsAnUnwantedLockUntilItEnds()
    {
        final long holder = h.openSession(1_000);
        h.acquire(holder, LOCK, EXCLUSIVE, 0, 3_000);
        h.advance(1_000);

        assertEquals(ResultCode.OK, h.describeLock(LOCK).code());
        assertEquals(ResultCode.LOCK_HELD, acquire(a, EXCLUSIVE, 0).code());

        h.advance(3_000);

        assertEquals(ResultCode.NOT_FOUND, h.describeLock(LOCK).code());
        assertEquals(ResultCode.OK, acquire(a, EXCLUSIVE, 0).code());
    }

    @Test
    void aWaiterMayTimeOutDuringLockDelay()
    {
        final long holder = h.openSession(1_000);
        h.acquire(holder, LOCK, EXCLUSIVE, 0, 5_000);
        h.acquire(a, LOCK, EXCLUSIVE, 2_000, 0);
        final long seqA = h.lastSeq(a);

        h.advance(2_000);

        assertEquals(
            List.of(
                new Event.SessionEnded(Harness.DEFAULT_ROUTE, holder, ResultCode.SESSION_EXPIRED),
                new Event.LockEnded(Harness.DEFAULT_ROUTE, a, seqA, ResultCode.TIMED_OUT, 0, LOCK)),
            h.events().all());
        assertEquals(ResultCode.OK, h.describeLock(LOCK).code(), "kept while the delay runs");
        h.advance(4_000);
        assertEquals(ResultCode.NOT_FOUND, h.describeLock(LOCK).code());
        assertEquals(2, h.events().size());
    }

    @Test
    void theLongestDelayOfTheLostHoldersWins()
    {
        final long first = h.openSession(1_000);
        final long second = h.openSession(1_000);
        h.acquire(first, LOCK, SHARED, 0, 4_000);
        h.acquire(second, LOCK, SHARED, 0, 2_000);
        acquire(a);
        final long lostAt = h.nowMs() + 1_000;

        h.advance(1_000);

        assertEquals(lostAt + 4_000, describe().delayUntilMs());
        h.advance(3_999);
        assertEquals(List.of(a), describe().waiterSessionIds());
        h.advance(1);
        assertEquals(granted(a, h.revision()), h.events().last());
    }

    @Test
    void holderAndWaiterExpiringTogetherLeaveNothingBehind()
    {
        final long holder = h.openSession(1_000);
        final long waiter = h.openSession(1_000);
        h.acquire(holder, LOCK, EXCLUSIVE, 0, 0);
        h.acquire(waiter, LOCK, EXCLUSIVE, -1, 0);
        final long seq = h.lastSeq(waiter);

        h.advance(1_000);

        final long route = Harness.DEFAULT_ROUTE;
        assertEquals(
            List.of(
                new Event.LockEnded(route, waiter, seq, ResultCode.OK, h.revision(), LOCK),
                new Event.SessionEnded(route, holder, ResultCode.SESSION_EXPIRED),
                new Event.SessionEnded(route, waiter, ResultCode.SESSION_EXPIRED)),
            h.events().all());
        assertEquals(ResultCode.NOT_FOUND, h.describeLock(LOCK).code());
        assertEquals(0, h.status().as(Reply.Status.class).counters().locks());
    }

    @Test
    void lockDelayDoesNotApplyToAVoluntaryReleaseOrClose()
    {
        final long token = h.acquire(a, LOCK, EXCLUSIVE, 0, 3_000).as(Reply.Lock.class).token();
        acquire(b);
        h.release(a, LOCK, token);
        assertEquals(List.of(granted(b, token + 1)), h.events().all());

        final long holder = h.openSession(TTL_MS);
        h.acquire(holder, "/locks/closed", EXCLUSIVE, 0, 3_000);
        h.acquire(c, "/locks/closed", EXCLUSIVE, -1, 0);
        h.closeSession(holder);

        assertEquals(
            new Event.LockEnded(Harness.DEFAULT_ROUTE, c, h.lastSeq(c), ResultCode.OK, h.revision(), "/locks/closed"),
            h.events().last());
        assertEquals(0, h.timers().size(TimerIds.LOCK_DELAY));
    }

    @Test
    void grantEventsGoToTheWaitersRoute()
    {
        final long token = acquire(a).token();
        h.route(5);
        acquire(b);
        h.route(1);

        h.release(a, LOCK, token);

        assertEquals(5, h.events().last().route());
    }

    @Test
    void expiryOfAWaiterWithdrawsItSilentlyAndCancelsItsTimer()
    {
        final long waiter = h.openSession(1_000);
        acquire(a);
        h.acquire(waiter, LOCK, EXCLUSIVE, 5_000, 0);
        acquire(b);

        h.advance(1_000);

        assertEquals(List.of(new Event.SessionEnded(Harness.DEFAULT_ROUTE, waiter, ResultCode.SESSION_EXPIRED)),
            h.events().all());
        assertEquals(List.of(b), describe().waiterSessionIds());
        assertEquals(0, h.timers().size(TimerIds.LOCK_WAIT));
    }

    @Test
    void badAcquireArgumentsAreRefusedWithoutChange()
    {
        final long digest = h.digest();

        assertEquals(ResultCode.INVALID_ARGUMENT, h.acquire(a, LOCK, LockMode.NULL_VAL, 0, 0).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.acquire(a, LOCK, EXCLUSIVE, -2, 0).code());
        assertEquals(
            ResultCode.INVALID_ARGUMENT, h.acquire(a, LOCK, EXCLUSIVE, WardenLimits.MAX_WAIT_TIMEOUT_MS + 1, 0).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.acquire(a, LOCK, EXCLUSIVE, 0, -1).code());
        assertEquals(
            ResultCode.INVALID_ARGUMENT, h.acquire(a, LOCK, EXCLUSIVE, 0, WardenLimits.MAX_LOCK_DELAY_MS + 1).code());
        assertEquals(ResultCode.INVALID_KEY, h.acquire(a, "", EXCLUSIVE, 0, 0).code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.acquire(a, "/" + "l".repeat(1024), EXCLUSIVE, 0, 0).code());
        assertEquals(ResultCode.SESSION_UNKNOWN, h.acquire(77, LOCK, EXCLUSIVE, 0, 0).code());
        assertEquals(ResultCode.INVALID_KEY, h.release(a, "", 1).code());

        assertEquals(digest, h.digest());
        assertFalse(h.timers().isScheduled(TimerIds.LOCK_WAIT, 1));
    }
}
