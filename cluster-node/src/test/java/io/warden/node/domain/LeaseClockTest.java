package io.warden.node.domain;

import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lease time carries on across leaders whatever their clocks say: a leader whose clock is behind neither freezes nor
 * stretches deadlines, one whose clock is ahead shortens none, and within a term lease time never goes back.
 */
final class LeaseClockTest
{
    private static final long TTL = 5_000;

    private final Harness h = new Harness();

    @Test
    void aNewLeaderWhoseClockIsBehindExpiresADeadSessionOnTime()
    {
        final long dead = h.openSession(TTL);
        final long alive = h.openSession(TTL);
        h.advance(1_000);
        final long leaseBefore = h.machine().clock().nowMs();
        h.newLeaderWithClockAt(h.nowMs() - 60_000);
        assertEquals(leaseBefore, h.machine().clock().nowMs(), "lease time carries on");

        h.advance(TTL - 1);
        h.keepAlive(alive);
        assertEquals(0, h.events().sessionEnded().size(), "alive until a full TTL after the new term");
        h.advance(2);
        assertEquals(1, h.events().sessionEnded().size(), "the dead session expires one TTL after the term, " +
            "not 60 s later: its timer was re-armed in the new leader's time");
        assertEquals(dead, h.events().sessionEnded().get(0).sessionId());
        assertEquals(ResultCode.OK, h.keepAlive(alive).code());
    }

    @Test
    void aNewLeaderWhoseClockIsAheadShortensNoLockDelay()
    {
        final long holder = h.openSession(TTL);
        final long waiter = h.openSession(60_000);
        final long token = h.acquire(holder, "/l", LockMode.EXCLUSIVE, -1, 10_000).as(Reply.Lock.class).token();
        assertTrue(token > 0);
        h.advance(TTL + 1);
        assertEquals(1, h.events().sessionEnded().size(), "the holder expired: lock-delay of 10 s begins");
        final long delayStartLease = h.machine().clock().nowMs();

        h.newLeaderWithClockAt(h.nowMs() + 300_000);
        assertEquals(ResultCode.QUEUED, h.acquire(waiter, "/l", -1).code(), "five minutes ahead changes nothing");
        h.advance(9_000);
        assertEquals(ResultCode.QUEUED, h.lockStatus(waiter, "/l").code());
        h.advance(1_100);
        assertEquals(ResultCode.OK, h.lockStatus(waiter, "/l").code(), "granted when the delay is over");
        assertTrue(h.machine().clock().nowMs() - delayStartLease >= 10_000);
    }

    @Test
    void withinATermLeaseTimeNeverGoesBack()
    {
        h.advance(1_000);
        final long before = h.machine().clock().nowMs();
        h.machine().time(h.nowMs() - 30_000);
        assertEquals(before, h.machine().clock().nowMs());
    }

    @Test
    void theClockSurvivesASnapshot()
    {
        h.openSession(TTL);
        h.newLeaderWithClockAt(h.nowMs() - 10_000);
        final StateHeaderProbe probe = new StateHeaderProbe();
        h.machine().visit(probe);
        assertEquals(h.machine().clock().offsetMs(), probe.header.clockOffsetMs);
        assertEquals(h.machine().clock().nowMs(), probe.header.clockNowMs);
        assertEquals(10_000, probe.header.clockOffsetMs);
    }

    /**
     * Captures the header a visit produces.
     */
    private static final class StateHeaderProbe implements StateVisitor
    {
        StateHeader header;

        public void header(final StateHeader header)
        {
            this.header = header;
        }

        public void session(final io.warden.node.domain.session.Session session)
        {
        }

        public void outcome(final long sessionId, final Outcome outcome)
        {
        }

        public void kvEntry(final io.warden.node.domain.kv.KvEntry entry)
        {
        }

        public void lock(final boolean election, final io.warden.node.domain.lock.LockQueue lock)
        {
        }

        public void watch(final io.warden.node.domain.watch.Watch watch)
        {
        }

        public void historyEvent(final io.warden.node.domain.kv.ChangeEvent event)
        {
        }

        public void auth(final io.warden.node.domain.auth.AuthTable auth)
        {
        }

        public void end()
        {
        }
    }
}
