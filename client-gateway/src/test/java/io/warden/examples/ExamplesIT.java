package io.warden.examples;

import io.warden.client.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's examples run against a real 3-node cluster and gateway.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class ExamplesIT
{
    @Test
    void theLockExampleTakesALockWithARisingFencingToken()
    {
        try (GatewayFixture fixture = GatewayFixture.start())
        {
            final long first = LockExample.run(fixture.endpoints(), GatewayFixture.CREDENTIAL);
            final long second = LockExample.run(fixture.endpoints(), GatewayFixture.CREDENTIAL);
            assertTrue(first > 0, "a token is a log revision");
            assertTrue(second > first, "tokens rise: " + first + " then " + second);
            assertEquals(second, LockExample.STORAGE.highest(), "both writes were admitted, the latest token last");
            assertFalse(LockExample.STORAGE.wouldAdmit(first), "the first holder's token is stale now");
        }
    }
}
