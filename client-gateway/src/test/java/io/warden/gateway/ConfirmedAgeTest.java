package io.warden.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The age a keepalive answer reports is what a client subtracts from its own clock to bound its lease from below,
 * so it may overstate the true age, never understate it.
 */
final class ConfirmedAgeTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void roundsUpToWholeMilliseconds()
    {
        final long sentNs = 5_000 * MS;
        assertEquals(0, GatewayAgent.confirmedAgeMs(sentNs, sentNs));
        assertEquals(1, GatewayAgent.confirmedAgeMs(sentNs + 1, sentNs));
        assertEquals(300, GatewayAgent.confirmedAgeMs(sentNs + 300 * MS, sentNs));
        assertEquals(301, GatewayAgent.confirmedAgeMs(sentNs + 300 * MS + 999_999, sentNs),
            "299.999... ms is reported as 301, not truncated to 300");
    }

    @Test
    void worksAcrossNanoTimeWrapAndNeverGoesNegative()
    {
        assertEquals(2, GatewayAgent.confirmedAgeMs(Long.MIN_VALUE + MS, Long.MAX_VALUE));
        assertEquals(0, GatewayAgent.confirmedAgeMs(10 * MS, 20 * MS), "a renewal from the future is age 0");
    }
}
