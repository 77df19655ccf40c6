package io.warden.schema;

import io.warden.schema.protocol.ErrorResponseDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.PutDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refusal is the same bytes whatever the buffer held before: every field of every response block is written,
 * including fields added by later schema versions (a node and its followers, or a gateway, must never leak an earlier
 * frame's bytes into an answer, and two nodes must write identical answers).
 */
class RejectionsTest
{
    @Test
    void everyRefusalWritesEveryByteOfItsFrame()
    {
        int checked = 0;
        for (int templateId = 1; templateId < 400; templateId++)
        {
            if (!FrameCheck.isClusterRequest(templateId) && !FrameCheck.isGatewayRequest(templateId))
            {
                continue;
            }
            final byte[] zeros = write(templateId, (byte)0);
            final byte[] ones = write(templateId, (byte)0xFF);
            assertArrayEquals(zeros, ones, "refusal of template " + templateId + " leaves bytes unwritten");
            checked++;
        }
        assertTrue(checked >= 28, "every request template is checked: " + checked);
    }

    @Test
    void aFullRefusalCarriesItsLimitUsageRetryAndDetail()
    {
        final byte[] zeros = refusal((byte)0);
        assertArrayEquals(zeros, refusal((byte)0xFF));
        final UnsafeBuffer frame = new UnsafeBuffer(zeros);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, 0);
        final ErrorResponseDecoder error = new ErrorResponseDecoder()
            .wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(ResultCode.QUOTA_EXCEEDED, error.code());
        assertEquals(30, error.templateId());
        assertEquals(1000, error.limitValue());
        assertEquals(999, error.usageValue());
        assertEquals(25, error.retryAfterMs());
        assertEquals("over the top", error.detail());
    }

    @Test
    void aPlainErrorResponseHasZeroLimitsAndAnEmptyDetailWithinItsLength()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = new Rejections().error(buffer, 16, 42, ResultCode.MALFORMED, PutDecoder.TEMPLATE_ID);

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
        final int length = new Rejections().error(
            buffer, 0, 7, ResultCode.RATE_LIMITED, PutDecoder.TEMPLATE_ID, 100, 3, 9, detail);

        final ErrorResponseDecoder error = decode(new UnsafeBuffer(buffer, 0, length));
        assertEquals(ResultCode.RATE_LIMITED, error.code());
        assertEquals(100, error.limitValue());
        assertEquals(3, error.usageValue());
        assertEquals(9, error.retryAfterMs());
        assertEquals("over 100 requests/s", error.detail());
    }

    private static ErrorResponseDecoder decode(final UnsafeBuffer frame)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, 0);
        return new ErrorResponseDecoder().wrap(
            frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private static byte[] write(final int templateId, final byte fill)
    {
        final UnsafeBuffer buffer = filled(fill);
        final int length = new Rejections().write(buffer, 0, templateId, 42, ResultCode.LIMIT_EXCEEDED);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static byte[] refusal(final byte fill)
    {
        final UnsafeBuffer buffer = filled(fill);
        final int length = new Rejections().refusal(
            buffer, 0, 30, 42, ResultCode.QUOTA_EXCEEDED, 1000, 999, 25, "over the top");
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static UnsafeBuffer filled(final byte fill)
    {
        final byte[] bytes = new byte[4096];
        Arrays.fill(bytes, fill);
        return new UnsafeBuffer(bytes);
    }
}
