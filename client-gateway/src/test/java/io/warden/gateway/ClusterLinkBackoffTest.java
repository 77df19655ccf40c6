package io.warden.gateway;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ClusterLinkBackoffTest
{
    private static final long BASE_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long MAX_NS = TimeUnit.SECONDS.toNanos(5);

    @Test
    void eachWaitIsInTheUpperHalfOfADoublingCappedStep()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int failures = 1; failures <= 40; failures++)
        {
            final long stepNs = Math.min(MAX_NS, BASE_NS << Math.min(failures - 1, 20));
            for (int draw = 0; draw < 200; draw++)
            {
                final long waitNs = ClusterLink.backoffNs(BASE_NS, MAX_NS, failures, random);
                assertTrue(waitNs >= stepNs / 2 && waitNs <= stepNs, failures + " failures: " + waitNs);
            }
        }
    }

    @Test
    void theJitterSpreadsTheWaits()
    {
        final SplittableRandom random = new SplittableRandom(11);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int draw = 0; draw < 1000; draw++)
        {
            final long waitNs = ClusterLink.backoffNs(BASE_NS, MAX_NS, 10, random);
            min = Math.min(min, waitNs);
            max = Math.max(max, waitNs);
        }
        assertTrue(max - min > MAX_NS / 4, "spread " + (max - min));
    }

    @Test
    void manyFailuresStayAtTheCapWithoutOverflow()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (final int failures : new int[]{ 63, 64, 65, 1_000, Integer.MAX_VALUE })
        {
            final long waitNs = ClusterLink.backoffNs(BASE_NS, MAX_NS, failures, random);
            assertTrue(waitNs >= MAX_NS / 2 && waitNs <= MAX_NS, failures + ": " + waitNs);
        }
        assertEquals(1, ClusterLink.backoffNs(1, 1, 1, random), "a 1 ns step waits 1 ns");
    }
}
