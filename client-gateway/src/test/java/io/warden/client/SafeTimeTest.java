package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SafeTimeTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void startsInThePast()
    {
        final SafeTime safe = new SafeTime(0, 1_000 * MS);
        assertFalse(safe.isSafe(1_000 * MS));
        assertEquals(1_000 * MS, safe.safeUntilNs());
    }

    @Test
    void keepAliveAnswerFollowsTheProtocolFormula()
    {
        final long marginNs = 100 * MS;
        final SafeTime safe = new SafeTime(marginNs, 0);
        final long sentNs = 5_000 * MS;
        final long receivedNs = 5_020 * MS;
        final long confirmedAgeMs = 300;
        final long ttlMs = 10_000;
        safe.onConfirmed(sentNs, confirmedAgeMs, ttlMs);
        final long rttNs = receivedNs - sentNs;
        final long expected = receivedNs - confirmedAgeMs * MS - rttNs + ttlMs * MS - marginNs;
        assertEquals(expected, safe.safeUntilNs(), "t - a - rtt + ttl - margin");
        assertTrue(safe.isSafe(expected - 1));
        assertFalse(safe.isSafe(expected));
    }

    @Test
    void unknownAgeTeachesNothing()
    {
        final SafeTime safe = new SafeTime(0, 7);
        safe.onConfirmed(1_000 * MS, -1, 10_000);
        assertEquals(7, safe.safeUntilNs());
    }

    @Test
    void onlyMovesForward()
    {
        final SafeTime safe = new SafeTime(0, 0);
        safe.onConfirmed(10_000 * MS, 0, 10_000);
        final long high = safe.safeUntilNs();
        safe.onConfirmed(11_000 * MS, 5_000, 10_000);
        assertEquals(high, safe.safeUntilNs(), "an older renewal does not shorten the bound");
        safe.onConfirmed(12_000 * MS, 0, 10_000);
        assertEquals(22_000 * MS, safe.safeUntilNs());
    }

    @Test
    void openOrResumeCountsFromTheLastSend()
    {
        final SafeTime safe = new SafeTime(50 * MS, 0);
        safe.onRenewed(2_000 * MS, 1_000);
        assertEquals(2_950 * MS, safe.safeUntilNs());
    }

    @Test
    void lossEndsSafetyAtOnceAndResetForgets()
    {
        final SafeTime safe = new SafeTime(0, 0);
        safe.onRenewed(0, 10_000);
        assertTrue(safe.isSafe(1_000 * MS));
        safe.onLost(1_000 * MS);
        assertFalse(safe.isSafe(1_000 * MS));
        safe.reset(2_000 * MS);
        assertEquals(2_000 * MS, safe.safeUntilNs());
    }

    @Test
    void worksAcrossNanoTimeWrap()
    {
        final SafeTime safe = new SafeTime(0, Long.MAX_VALUE - 10 * MS);
        safe.onRenewed(Long.MAX_VALUE - 5 * MS, 1_000);
        final long now = Long.MAX_VALUE;
        assertTrue(safe.isSafe(now), "a bound past the wrap is still in the future");
        assertFalse(safe.isSafe(now + 2_000 * MS));
    }
}
