package io.warden.schema;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

final class IdleStrategiesTest
{
    @Test
    void backoffParksAtMostAHundredMicrosecondsWhileWarmThenAMillisecond()
    {
        final IdleStrategies.TieredBackoff backoff =
            assertInstanceOf(IdleStrategies.TieredBackoff.class, IdleStrategies.of("backoff"));
        for (int i = 0; i < 30; i++)
        {
            backoff.idle();
        }
        long longest = 0;
        long parked = 0;
        while (parked < IdleStrategies.WARM_NS - IdleStrategies.DEFAULT_MAX_PARK_NS)
        {
            final long next = backoff.nextParkNs();
            longest = Math.max(longest, next);
            parked += next;
            backoff.idle();
        }
        assertEquals(IdleStrategies.DEFAULT_MAX_PARK_NS, longest, "warm: parks capped at 100 us");
        for (int i = 0; i < 20; i++)
        {
            backoff.idle();
        }
        assertEquals(IdleStrategies.COLD_MAX_PARK_NS, backoff.nextParkNs(), "cold: parks grow to 1 ms");

        backoff.idle(1);
        assertEquals(1_000, backoff.nextParkNs(), "work makes it warm again");
    }

    @Test
    void aParkCapCanBeGiven()
    {
        assertTrue(IdleStrategies.of("backoff:1ms").toString().contains("maxParkPeriodNs=1000000"));
        assertTrue(IdleStrategies.of(" backoff:50us ").toString().contains("maxParkPeriodNs=50000"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.of("backoff:0us"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.of("backoff:2s"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.of("backoff:fast"));
    }

    @Test
    void otherNamesAndRefusals()
    {
        assertInstanceOf(YieldingIdleStrategy.class, IdleStrategies.of("yield"));
        assertInstanceOf(SleepingMillisIdleStrategy.class, IdleStrategies.of("sleep-ms"));
        final IllegalArgumentException spin = assertThrows(IllegalArgumentException.class,
            () -> IdleStrategies.of("spin"));
        assertTrue(spin.getMessage().contains("busy-spinning"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.of("noop"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.of("sleepy"));
    }
}
