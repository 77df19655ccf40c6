package io.warden.schema;

import io.warden.schema.protocol.ErrorResponseDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.PutDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An {@code ErrorResponse} of version 3 carries a variable-length detail: a reader of version 3 decodes it, so every
 * writer must put it there, empty or not, and nothing may be read past the frame.
 */
final class RejectionsTest
{
    private final Rejections rejections = new Rejections();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void aPlainErrorResponseHasZeroLimitsAndAnEmptyDetailWithinItsLength()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = rejections.error(buffer, 16, 42, ResultCode.MALFORMED, PutDecoder.TEMPLATE_ID);

        final ErrorResponseDecoder error = decode(new UnsafeBuffer(buffer, 16, length));
        assertEquals(42, error.correlationId());
        assertEquals(ResultCode.MALFORMED, error.code());
        assertEquals(PutDecoder.TEMPLATE_ID, error.templateId());
        assertEquals(0, error.limitValue());
        assertEquals(0, error.usageValue());
        assertEquals(0, error.retryAfterMs());
        assertEquals("", error.detail());
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + error.encodedLength());
    }

    @Test
    void aLimitErrorResponseCarriesItsValuesAndDetail()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final byte[] detail = "over 100 requests/s".getBytes(StandardCharsets.UTF_8);
        final int length = rejections.error(
            buffer, 0, 7, ResultCode.RATE_LIMITED, PutDecoder.TEMPLATE_ID, 100, 3, 9, detail);

        final ErrorResponseDecoder error = decode(new UnsafeBuffer(buffer, 0, length));
        assertEquals(ResultCode.RATE_LIMITED, error.code());
        assertEquals(100, error.limitValue());
        assertEquals(3, error.usageValue());
        assertEquals(9, error.retryAfterMs());
        assertEquals("over 100 requests/s", error.detail());
    }

    private ErrorResponseDecoder decode(final UnsafeBuffer frame)
    {
        header.wrap(frame, 0);
        return new ErrorResponseDecoder().wrap(
            frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }
}
