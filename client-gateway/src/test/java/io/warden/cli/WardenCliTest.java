package io.warden.cli;

import io.warden.client.WardenException;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the CLI prints and exits with for refusals that name a limit.
 */
final class WardenCliTest
{
    @Test
    void aRateLimitedRefusalPrintsItsDetailAndWhenToRetryAndExitsFailed()
    {
        final Throwable failure = new CompletionException(new WardenException(ResultCode.RATE_LIMITED,
            "refused (template 30): over this gateway's limit of 100 requests per second per connection", 100, 0, 7));
        assertEquals("RATE_LIMITED: refused (template 30): over this gateway's limit of 100 requests per second per " +
            "connection (retry after 7 ms)", WardenCli.message(failure));
        assertEquals(ExitCodes.FAILED, ExitCodes.of(failure));
    }

    @Test
    void aQuotaRefusalPrintsItsLimitAndUsageAndExitsFailed()
    {
        final Throwable failure = new CompletionException(new WardenException(ResultCode.QUOTA_EXCEEDED,
            "refused (template 30): the state would pass its quota", 1_000_000, 999_990, 0));
        assertEquals("QUOTA_EXCEEDED: refused (template 30): the state would pass its quota (limit 1000000, usage " +
            "999990)", WardenCli.message(failure));
        assertEquals(ExitCodes.FAILED, ExitCodes.of(failure));
    }

    @Test
    void otherFailuresPrintAsBefore()
    {
        final Throwable failure = new CompletionException(new WardenException(ResultCode.NOT_FOUND, "get /x"));
        assertEquals("NOT_FOUND: get /x", WardenCli.message(failure));
        assertEquals(ExitCodes.NOT_FOUND, ExitCodes.of(failure));
    }
}
