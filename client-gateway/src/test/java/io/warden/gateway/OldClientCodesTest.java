package io.warden.gateway;

import io.warden.schema.Rejections;
import io.warden.schema.protocol.*;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class OldClientCodesTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void aRateLimitedErrorResponseBecomesLimitExceededForVersionsOneAndTwoOnly()
    {
        final int length = new Rejections().error(
            buffer, 0, 5, ResultCode.RATE_LIMITED, PutDecoder.TEMPLATE_ID, 100, 0, 10, new byte[0]);
        assertFalse(OldClientCodes.needsRewrite(3, buffer, 0, length));
        assertTrue(OldClientCodes.needsRewrite(2, buffer, 0, length));
        assertTrue(OldClientCodes.needsRewrite(1, buffer, 0, length));

        OldClientCodes.rewrite(2, buffer, 0, length);
        final ErrorResponseDecoder error = new ErrorResponseDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(ResultCode.LIMIT_EXCEEDED, error.code());
        assertEquals(5, error.correlationId());
        assertEquals(10, error.retryAfterMs(), "the rest of the frame is left as it was");
        assertFalse(OldClientCodes.needsRewrite(1, buffer, 0, length));
    }

    @Test
    void aQuotaCodeIsFoundWhereverTheTemplateKeepsIt()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new LockEventEncoder()
            .wrapAndApplyHeader(buffer, 0, header).sessionId(1).requestSeq(2).code(ResultCode.QUOTA_EXCEEDED).token(0)
            .encodedLength();
        assertTrue(OldClientCodes.needsRewrite(2, buffer, 0, length));
        OldClientCodes.rewrite(2, buffer, 0, length);
        assertEquals(ResultCode.LIMIT_EXCEEDED,
            new LockEventDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).code());
    }

    @Test
    void theSecurityCodesBecomeUnauthorisedForVersionsBeforeFour()
    {
        for (final ResultCode code : new ResultCode[] {ResultCode.PERMISSION_DENIED, ResultCode.SESSION_NOT_OWNED})
        {
            final int length = new Rejections().write(buffer, 0, PutDecoder.TEMPLATE_ID, 9, code);
            assertFalse(OldClientCodes.needsRewrite(4, buffer, 0, length));
            assertTrue(OldClientCodes.needsRewrite(3, buffer, 0, length));
            assertTrue(OldClientCodes.needsRewrite(1, buffer, 0, length));
            OldClientCodes.rewrite(3, buffer, 0, length);
            final PutResponseDecoder put = new PutResponseDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
            assertEquals(ResultCode.UNAUTHORISED, put.code());
            assertEquals(9, put.correlationId());
        }
        final int rateLimited = new Rejections().error(
            buffer, 0, 5, ResultCode.RATE_LIMITED, PutDecoder.TEMPLATE_ID, 100, 0, 10, new byte[0]);
        assertFalse(OldClientCodes.needsRewrite(3, buffer, 0, rateLimited), "version 3 knows RATE_LIMITED");
    }

    @Test
    void otherCodesAndFramesWithoutACodeAreLeftAlone()
    {
        final int put = MessageHeaderEncoder.ENCODED_LENGTH + new PutResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, header).correlationId(1).code(ResultCode.LIMIT_EXCEEDED).encodedLength();
        assertFalse(OldClientCodes.needsRewrite(1, buffer, 0, put));

        // ProgressResponse has no code: its revision field where others keep a code must not be taken for one
        final int progress = MessageHeaderEncoder.ENCODED_LENGTH + new ProgressResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, header).correlationId(1).revision(ResultCode.RATE_LIMITED.value())
            .encodedLength();
        assertFalse(OldClientCodes.needsRewrite(1, buffer, 0, progress));
        assertFalse(OldClientCodes.needsRewrite(1, buffer, 0, 4), "shorter than a header");
    }
}
