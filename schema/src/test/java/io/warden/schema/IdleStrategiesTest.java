package io.warden.schema;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

final class IdleStrategiesTest
{
    @Test
    void backoffIsCappedAtAHundredMicrosecondsByDefault()
    {
        final BackoffIdleStrategy backoff = assertInstanceOf(BackoffIdleStrategy.class, IdleStrategies.of("backoff"));
        assertTrue(backoff.toString().contains("maxParkPeriodNs=100000"), backoff.toString());
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
