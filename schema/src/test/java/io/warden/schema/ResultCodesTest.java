package io.warden.schema;

import io.warden.schema.protocol.*;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ResultCodesTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void readsTheCodeOfAnswersAndEventsWhereverItSits()
    {
        final int put = HEADER + new PutResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, header).correlationId(7).code(ResultCode.QUOTA_EXCEEDED).encodedLength();
        assertEquals(ResultCode.QUOTA_EXCEEDED.value(), ResultCodes.codeOf(buffer, 0, put));
        assertEquals(ResultCode.QUOTA_EXCEEDED.value(), ResultCodes.answerCodeOf(buffer, 0, put));

        final int status = HEADER + new StatusResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, header).correlationId(8).code(ResultCode.UNAUTHORISED).encodedLength();
        assertEquals(ResultCode.UNAUTHORISED.value(), ResultCodes.codeOf(buffer, 0, status));

        final int lockEvent = HEADER + new LockEventEncoder().wrapAndApplyHeader(buffer, 0, header)
            .sessionId(3).requestSeq(4).code(ResultCode.TIMED_OUT).token(0).encodedLength();
        assertEquals(ResultCode.TIMED_OUT.value(), ResultCodes.codeOf(buffer, 0, lockEvent),
            "an event's code sits after other fields");
    }

    @Test
    void aProgressResponseHasNoCodeButAnswersOk()
    {
        final int length = HEADER + new ProgressResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, header).correlationId(1).revision(5).encodedLength();
        assertEquals(ResultCodes.NO_CODE, ResultCodes.codeOf(buffer, 0, length));
        assertEquals(ResultCode.OK.value(), ResultCodes.answerCodeOf(buffer, 0, length));
    }

    @Test
    void requestsAndShortFramesHaveNoCode()
    {
        final int put = HEADER + new PutResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, header).correlationId(7).code(ResultCode.OK).encodedLength();
        assertEquals(ResultCodes.NO_CODE, ResultCodes.codeOf(buffer, 0, HEADER));
        assertEquals(ResultCodes.NO_CODE, ResultCodes.answerCodeOf(buffer, 0, 3));
        assertEquals(ResultCode.OK.value(), ResultCodes.codeOf(buffer, 0, put));

        final int request = HEADER + new GetEncoder().wrapAndApplyHeader(buffer, 0, header).encodedLength();
        assertEquals(ResultCodes.NO_CODE, ResultCodes.answerCodeOf(buffer, 0, request));
    }

    @Test
    void namesKnownAndUnknownCodesAndTemplates()
    {
        assertEquals("LOCK_HELD", ResultCodes.nameOf(ResultCode.LOCK_HELD.value()));
        assertEquals("code_60000", ResultCodes.nameOf(60_000));
        assertEquals("Put", MessageNames.of(PutDecoder.TEMPLATE_ID));
        assertEquals("SessionEvent", MessageNames.of(SessionEventDecoder.TEMPLATE_ID));
        assertEquals("template_99", MessageNames.of(99));
        assertEquals("template_70000", MessageNames.of(70_000));
    }
}
