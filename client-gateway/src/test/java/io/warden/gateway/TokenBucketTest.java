package io.warden.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class TokenBucketTest
{
    private static final long START_NS = 1_000_000_000_000L;

    @Test
    void aFullBucketGivesItsBurstThenRefuses()
    {
        final TokenBucket bucket = new TokenBucket(10, 3, START_NS);
        assertTrue(bucket.tryTake(START_NS));
        assertTrue(bucket.tryTake(START_NS));
        assertTrue(bucket.tryTake(START_NS));
        assertFalse(bucket.tryTake(START_NS));
    }

    @Test
    void tokensComeBackAtTheRateAndTheRetryTimeSaysWhen()
    {
        final TokenBucket bucket = new TokenBucket(10, 1, START_NS);
        assertTrue(bucket.tryTake(START_NS));
        assertFalse(bucket.tryTake(START_NS));
        assertEquals(100, bucket.retryAfterMs(START_NS), "one token per 100 ms at 10/s");

        final long laterNs = START_NS + TimeUnit.MILLISECONDS.toNanos(40);
        assertFalse(bucket.tryTake(laterNs));
        assertEquals(60, bucket.retryAfterMs(laterNs));

        final long dueNs = START_NS + TimeUnit.MILLISECONDS.toNanos(100);
        assertTrue(bucket.tryTake(dueNs));
        assertFalse(bucket.tryTake(dueNs));
    }

    @Test
    void aPartialWaitRoundsUpToAWholeMillisecond()
    {
        final TokenBucket bucket = new TokenBucket(3, 1, START_NS);
        assertTrue(bucket.tryTake(START_NS));
        assertEquals(334, bucket.retryAfterMs(START_NS), "333.33 ms rounds up");
        final long nearlyNs = START_NS + TimeUnit.MILLISECONDS.toNanos(333) + 333_000;
        assertEquals(1, bucket.retryAfterMs(nearlyNs), "never 0 while refused");
    }

    @Test
    void aLongSilenceRefillsOnlyToTheBurst()
    {
        final TokenBucket bucket = new TokenBucket(1_000_000, 2, START_NS);
        assertTrue(bucket.tryTake(START_NS));
        assertTrue(bucket.tryTake(START_NS));
        final long yearLaterNs = START_NS + TimeUnit.DAYS.toNanos(365);
        assertTrue(bucket.tryTake(yearLaterNs));
        assertTrue(bucket.tryTake(yearLaterNs));
        assertFalse(bucket.tryTake(yearLaterNs), "no overflow, no credit beyond the burst");
    }

    @Test
    void aClockThatDoesNotAdvanceAddsNothing()
    {
        final TokenBucket bucket = new TokenBucket(10, 1, START_NS);
        assertTrue(bucket.tryTake(START_NS));
        assertFalse(bucket.tryTake(START_NS - TimeUnit.SECONDS.toNanos(5)), "an earlier reading refills nothing");
        assertFalse(bucket.tryTake(START_NS));
    }

    @Test
    void rateAndBurstMustBePositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, START_NS));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, START_NS));
    }
}
