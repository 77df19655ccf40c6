package io.warden.schema;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

final class MonotonicEpochClockTest
{
    private final CachedEpochClock wall = new CachedEpochClock();
    private final CachedNanoClock nanos = new CachedNanoClock();

    @Test
    void readsTheWallClockOnceThenFollowsTheNanoClock()
    {
        wall.update(1_700_000_000_000L);
        nanos.update(42_000_000_000L);
        final MonotonicEpochClock clock = new MonotonicEpochClock(wall, nanos);
        assertEquals(1_700_000_000_000L, clock.anchorMs());
        assertEquals(1_700_000_000_000L, clock.time());

        nanos.advance(TimeUnit.MILLISECONDS.toNanos(1_500) + 999_999);
        assertEquals(1_700_000_001_500L, clock.time(), "whole milliseconds elapsed on the nano clock");
    }

    @Test
    void aWallClockStepAfterTheAnchorDoesNotMoveIt()
    {
        wall.update(1_700_000_000_000L);
        nanos.update(-5_000_000_000L);
        final MonotonicEpochClock clock = new MonotonicEpochClock(wall, nanos);

        wall.advance(TimeUnit.MINUTES.toMillis(5));
        assertEquals(1_700_000_000_000L, clock.time(), "a step forward is not seen");
        wall.advance(-TimeUnit.MINUTES.toMillis(6));
        nanos.advance(TimeUnit.SECONDS.toNanos(2));
        assertEquals(1_700_000_002_000L, clock.time(), "nor a step back: only elapsed time counts");
    }

    @Test
    void oneClockPerProcess()
    {
        assertSame(MonotonicEpochClock.process(), MonotonicEpochClock.process());
    }
}
