package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FenceGuardTest
{
    @Test
    void acceptsRisingAndEqualTokensAndRefusesLowerOnes()
    {
        final FenceGuard guard = new FenceGuard();
        assertEquals(0, guard.highest());
        assertTrue(guard.admit(5));
        assertTrue(guard.admit(5), "the same holder writes again");
        assertTrue(guard.admit(9));
        assertFalse(guard.admit(7), "a stale holder");
        assertFalse(guard.wouldAdmit(8));
        assertTrue(guard.wouldAdmit(9));
        assertEquals(9, guard.highest());
    }

    @Test
    void refusesTheNoTokenOfACallerThatHoldsNothingEvenBeforeAnyWrite()
    {
        final FenceGuard guard = new FenceGuard();
        assertFalse(guard.wouldAdmit(0));
        assertFalse(guard.admit(0), "WardenLock.fencingToken() when not held, LeaderElection.term() if never elected");
        assertFalse(guard.admit(-1));
        assertEquals(0, guard.highest());
        assertTrue(guard.admit(1), "the lowest real token");
        assertFalse(guard.admit(0));
    }

    @Test
    void startsFromAPersistedToken()
    {
        final FenceGuard guard = new FenceGuard(100);
        assertFalse(guard.admit(99));
        assertTrue(guard.admit(100));
        assertTrue(guard.admit(101));
    }

    @Test
    void aRefusalMeansAHigherTokenWasAdmittedEvenUnderContention() throws InterruptedException
    {
        final FenceGuard guard = new FenceGuard();
        final AtomicLong grants = new AtomicLong();
        final ConcurrentLinkedQueue<long[]> outcomes = new ConcurrentLinkedQueue<>();
        final int threads = 8;
        final int writesPerThread = 20_000;
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final Thread worker = new Thread(() ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                for (int i = 0; i < writesPerThread; i++)
                {
                    final long token = grants.incrementAndGet();
                    if ((i & 7) == 0)
                    {
                        Thread.yield();
                    }
                    final long highestBefore = guard.highest();
                    final boolean admitted = guard.admit(token);
                    final long highestAfter = guard.highest();
                    outcomes.add(new long[]{ token, admitted ? 1 : 0, highestBefore, highestAfter });
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (final Thread worker : workers)
        {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }

        long maxAdmitted = 0;
        long maxToken = 0;
        for (final long[] outcome : outcomes)
        {
            final long token = outcome[0];
            final boolean admitted = outcome[1] == 1;
            maxToken = Math.max(maxToken, token);
            if (admitted)
            {
                maxAdmitted = Math.max(maxAdmitted, token);
                assertTrue(outcome[3] >= token, "after admitting " + token + " the guard is at least there");
            }
            else
            {
                assertTrue(outcome[3] > token, "refused " + token + " though nothing higher was admitted");
            }
            assertTrue(outcome[2] <= outcome[3], "the highest token never goes down");
        }
        assertEquals(threads * writesPerThread, outcomes.size());
        assertEquals(maxToken, maxAdmitted, "the highest token is always admitted");
        assertEquals(maxToken, guard.highest());
    }

    @Test
    void concurrentAdmissionsOfOneTokenAllSucceed() throws InterruptedException
    {
        final FenceGuard guard = new FenceGuard(10);
        final AtomicLong refused = new AtomicLong();
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final Thread worker = new Thread(() ->
            {
                for (int i = 0; i < 10_000; i++)
                {
                    if (!guard.admit(11))
                    {
                        refused.incrementAndGet();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (final Thread worker : workers)
        {
            worker.join();
        }
        assertEquals(0, refused.get());
        assertEquals(11, guard.highest());
    }
}
