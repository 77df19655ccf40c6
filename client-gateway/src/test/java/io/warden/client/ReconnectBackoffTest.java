package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ReconnectBackoffTest
{
    @Test
    void capsDoubleUpToTheMaximum()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(100, 1_000, new Random(1));
        assertEquals(100, backoff.capNs(0));
        assertEquals(200, backoff.capNs(1));
        assertEquals(400, backoff.capNs(2));
        assertEquals(800, backoff.capNs(3));
        assertEquals(1_000, backoff.capNs(4));
        assertEquals(1_000, backoff.capNs(63));
        assertEquals(1_000, backoff.capNs(Integer.MAX_VALUE));
    }

    @Test
    void everyDelayLiesBetweenHalfTheCapAndTheCap()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(1_000_000, 64_000_000, new Random(42));
        for (int round = 0; round < 50; round++)
        {
            for (int attempt = 0; attempt < 12; attempt++)
            {
                final long cap = backoff.capNs(attempt);
                final long delay = backoff.nextDelayNs();
                assertTrue(delay >= cap / 2 && delay <= cap,
                    "attempt " + attempt + ": " + delay + " not in [" + cap / 2 + ", " + cap + "]");
            }
            backoff.reset();
        }
    }

    @Test
    void theExtremesAreReachable()
    {
        final Random low = new Random()
        {
            private static final long serialVersionUID = 1L;

            public double nextDouble()
            {
                return 0.0;
            }
        };
        final Random high = new Random()
        {
            private static final long serialVersionUID = 1L;

            public double nextDouble()
            {
                return Math.nextDown(1.0);
            }
        };
        assertEquals(50, new ReconnectBackoff(100, 1_000, low).nextDelayNs());
        assertEquals(100, new ReconnectBackoff(100, 1_000, high).nextDelayNs());
    }

    @Test
    void clientsLosingAGatewayTogetherSpreadOut()
    {
        final Set<Long> firstDelays = new HashSet<>();
        final Random seeds = new Random(7);
        for (int client = 0; client < 1_000; client++)
        {
            firstDelays.add(new ReconnectBackoff(100_000_000, 5_000_000_000L, new Random(seeds.nextLong()))
                .nextDelayNs() / 1_000_000);
        }
        assertTrue(firstDelays.size() > 40, "1000 clients should spread over most of the 50 ms window: " +
            firstDelays.size() + " distinct milliseconds");
    }

    @Test
    void resetStartsOver()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(100, 10_000, new Random(3));
        for (int i = 0; i < 5; i++)
        {
            backoff.nextDelayNs();
        }
        assertEquals(5, backoff.attempt());
        backoff.reset();
        assertEquals(0, backoff.attempt());
        assertTrue(backoff.nextDelayNs() <= 100);
    }

    @Test
    void rejectsBadBounds()
    {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(0, 10, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(10, 5, new Random()));
    }
}
