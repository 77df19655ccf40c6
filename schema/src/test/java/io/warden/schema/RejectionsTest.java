package io.warden.schema;

import io.warden.schema.protocol.ErrorResponseDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

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
