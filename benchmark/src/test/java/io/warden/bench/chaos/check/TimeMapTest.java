package io.warden.bench.chaos.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class TimeMapTest
{
    @Test
    void boundsAPositionByTheAnchorsAroundIt()
    {
        final TimeMap time = TimeMap.of(List.of(
            new TimeMap.Anchor(300, 7_000, 9_000),
            new TimeMap.Anchor(100, 5_000, 6_000),
            new TimeMap.Anchor(200, 4_000, 12_000),
            new TimeMap.Anchor(300, 7_500, 8_000)));
        assertEquals(4, time.anchors());
        assertEquals(TimeMap.UNKNOWN_EARLIEST, time.earliestNs(50), "nothing at or before it");
        assertEquals(6_000, time.latestNs(50));
        assertEquals(5_000, time.earliestNs(100));
        assertEquals(6_000, time.latestNs(100), "an anchor at the position bounds it both ways");
        assertEquals(5_000, time.earliestNs(250), "the latest invoke at or before, not the last anchor's");
        assertEquals(8_000, time.latestNs(250), "the earliest return at or after");
        assertEquals(7_500, time.earliestNs(300), "every anchor at one position counts");
        assertEquals(8_000, time.latestNs(300));
        assertEquals(7_500, time.earliestNs(400));
        assertEquals(TimeMap.UNKNOWN_LATEST, time.latestNs(400), "nothing at or after it");
        assertEquals(7_500, time.observedUntilNs());
    }

    @Test
    void anEmptyMapKnowsNothing()
    {
        final TimeMap time = TimeMap.empty();
        assertEquals(TimeMap.UNKNOWN_EARLIEST, time.earliestNs(1));
        assertEquals(TimeMap.UNKNOWN_LATEST, time.latestNs(1));
        assertEquals(TimeMap.UNKNOWN_EARLIEST, time.observedUntilNs());
    }

    @Test
    void anAnchorMustNotReturnBeforeItIsInvoked()
    {
        assertThrows(IllegalArgumentException.class, () -> new TimeMap.Anchor(1, 10, 9));
    }
}
