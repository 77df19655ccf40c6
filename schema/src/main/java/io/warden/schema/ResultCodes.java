package io.warden.schema;

import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The top-level {@link ResultCode} of an encoded frame (an answer or an event), read in place without decoding it:
 * for the gateway's rewriting of codes an old client cannot decode and for metrics that count answers by outcome on
 * a hot path. Each frame's code offset comes from its generated decoder, so a schema change moves it here too.
 * <pre>{@code
 * int code = ResultCodes.codeOf(buffer, offset, length); // ResultCode value, or NO_CODE
 * }</pre>
 */
public final class ResultCodes
{
    /** What the readers return for a frame without a top-level code field this build knows. */
    public static final int NO_CODE = -1;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_TEMPLATE_ID = 399;
    /** Offset of the top-level code field from the start of a frame, by template id; NO_CODE for frames without. */
    private static final int[] CODE_OFFSETS = new int[MAX_TEMPLATE_ID + 1];
    private static final ResultCode[] CODES = ResultCode.values();

    static
    {
        Arrays.fill(CODE_OFFSETS, NO_CODE);
        register(SessionResponseDecoder.TEMPLATE_ID, SessionResponseDecoder.codeEncodingOffset());
        register(KeepAliveResponseDecoder.TEMPLATE_ID, KeepAliveResponseDecoder.codeEncodingOffset());
        register(LockResponseDecoder.TEMPLATE_ID, LockResponseDecoder.codeEncodingOffset());
        register(LockDescriptionDecoder.TEMPLATE_ID, LockDescriptionDecoder.codeEncodingOffset());
        register(ElectionResponseDecoder.TEMPLATE_ID, ElectionResponseDecoder.codeEncodingOffset());
        register(LeaderResponseDecoder.TEMPLATE_ID, LeaderResponseDecoder.codeEncodingOffset());
        register(PutResponseDecoder.TEMPLATE_ID, PutResponseDecoder.codeEncodingOffset());
        register(GetResponseDecoder.TEMPLATE_ID, GetResponseDecoder.codeEncodingOffset());
        register(DeleteResponseDecoder.TEMPLATE_ID, DeleteResponseDecoder.codeEncodingOffset());
        register(RangeResponseDecoder.TEMPLATE_ID, RangeResponseDecoder.codeEncodingOffset());
        register(TxnResponseDecoder.TEMPLATE_ID, TxnResponseDecoder.codeEncodingOffset());
        register(SequentialResponseDecoder.TEMPLATE_ID, SequentialResponseDecoder.codeEncodingOffset());
        register(WatchResponseDecoder.TEMPLATE_ID, WatchResponseDecoder.codeEncodingOffset());
        register(ErrorResponseDecoder.TEMPLATE_ID, ErrorResponseDecoder.codeEncodingOffset());
        register(ConnectResponseDecoder.TEMPLATE_ID, ConnectResponseDecoder.codeEncodingOffset());
        register(ClientKeepAliveResponseDecoder.TEMPLATE_ID, ClientKeepAliveResponseDecoder.codeEncodingOffset());
        register(WatchEndedDecoder.TEMPLATE_ID, WatchEndedDecoder.codeEncodingOffset());
        register(GatewayEventDecoder.TEMPLATE_ID, GatewayEventDecoder.codeEncodingOffset());
        register(GatewayInfoResponseDecoder.TEMPLATE_ID, GatewayInfoResponseDecoder.codeEncodingOffset());
        register(LockEventDecoder.TEMPLATE_ID, LockEventDecoder.codeEncodingOffset());
        register(ElectionEventDecoder.TEMPLATE_ID, ElectionEventDecoder.codeEncodingOffset());
        register(SessionEventDecoder.TEMPLATE_ID, SessionEventDecoder.codeEncodingOffset());
        register(StatusResponseDecoder.TEMPLATE_ID, StatusResponseDecoder.codeEncodingOffset());
        register(AuthBeginResponseDecoder.TEMPLATE_ID, AuthBeginResponseDecoder.codeEncodingOffset());
        register(AuthenticateResponseDecoder.TEMPLATE_ID, AuthenticateResponseDecoder.codeEncodingOffset());
        register(AuthListResponseDecoder.TEMPLATE_ID, AuthListResponseDecoder.codeEncodingOffset());
        register(AdminResponseDecoder.TEMPLATE_ID, AdminResponseDecoder.codeEncodingOffset());
        register(SessionListDecoder.TEMPLATE_ID, SessionListDecoder.codeEncodingOffset());
        register(LockListDecoder.TEMPLATE_ID, LockListDecoder.codeEncodingOffset());
    }

    private ResultCodes()
    {
    }

    /**
     * @param buffer holding the frame (SBE message header first).
     * @param offset of the frame.
     * @return the offset of the frame's top-level code field from its start, or {@link #NO_CODE}.
     */
    public static int codeOffset(final DirectBuffer buffer, final int offset)
    {
        final int templateId = buffer.getShort(
            offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return templateId <= MAX_TEMPLATE_ID ? CODE_OFFSETS[templateId] : NO_CODE;
    }

    /**
     * @param buffer holding the frame (SBE message header first).
     * @param offset of the frame.
     * @param length of the frame.
     * @return the {@link ResultCode} value of the frame's top-level code, or {@link #NO_CODE}.
     */
    public static int codeOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return NO_CODE;
        }
        final int codeOffset = codeOffset(buffer, offset);
        if (codeOffset == NO_CODE || codeOffset + Short.BYTES > length)
        {
            return NO_CODE;
        }
        return buffer.getShort(offset + codeOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * The result of an answer to a request: its code, or {@code OK} for {@code ProgressResponse}, the one answer
     * without a code field.
     *
     * @param buffer holding the frame (SBE message header first).
     * @param offset of the frame.
     * @param length of the frame.
     * @return the {@link ResultCode} value, or {@link #NO_CODE} if the frame is not an answer this build knows.
     */
    public static int answerCodeOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length >= HEADER && buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN) == ProgressResponseDecoder.TEMPLATE_ID)
        {
            return ResultCode.OK.value();
        }
        return codeOf(buffer, offset, length);
    }

    /**
     * @param code a {@link ResultCode} value.
     * @return its name ({@code OK}, {@code LOCK_HELD}, ...), or {@code code_<value>} for one this build does not
     * know.
     */
    public static String nameOf(final int code)
    {
        for (final ResultCode known : CODES)
        {
            if (known != ResultCode.NULL_VAL && known.value() == code)
            {
                return known.name();
            }
        }
        return "code_" + code;
    }

    private static void register(final int templateId, final int codeOffsetInBlock)
    {
        CODE_OFFSETS[templateId] = HEADER + codeOffsetInBlock;
    }
}
