package io.warden.gateway;

import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Result codes a client of an older protocol version cannot decode (its generated {@code ResultCode.get} throws on
 * values it does not know): {@code QUOTA_EXCEEDED} and {@code RATE_LIMITED} are new in version 3, and a client that
 * connected with version 1 or 2 gets {@code LIMIT_EXCEEDED} in their place; {@code PERMISSION_DENIED} and
 * {@code SESSION_NOT_OWNED} are new in version 4, and a client of version 3 or older gets {@code UNAUTHORISED}. Both
 * in the top-level {@code code} field of any answer or event, the gateway's own or the cluster's.
 */
final class OldClientCodes
{
    /** The first protocol version that knows QUOTA_EXCEEDED and RATE_LIMITED. */
    static final int LIMIT_CODES_VERSION = 3;
    /** The first protocol version that knows PERMISSION_DENIED and SESSION_NOT_OWNED. */
    static final int SECURITY_CODES_VERSION = 4;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_TEMPLATE_ID = 399;
    private static final int NONE = -1;
    /** Offset of the top-level code field from the start of a frame, by template id; NONE for frames without one. */
    private static final int[] CODE_OFFSETS = new int[MAX_TEMPLATE_ID + 1];

    static
    {
        java.util.Arrays.fill(CODE_OFFSETS, NONE);
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
        register(AdminResponseDecoder.TEMPLATE_ID, AdminResponseDecoder.codeEncodingOffset());
        register(AuthListResponseDecoder.TEMPLATE_ID, AuthListResponseDecoder.codeEncodingOffset());
        register(SessionListDecoder.TEMPLATE_ID, SessionListDecoder.codeEncodingOffset());
        register(LockListDecoder.TEMPLATE_ID, LockListDecoder.codeEncodingOffset());
    }

    private OldClientCodes()
    {
    }

    private static void register(final int templateId, final int codeOffsetInBlock)
    {
        CODE_OFFSETS[templateId] = HEADER + codeOffsetInBlock;
    }

    /**
     * Would a client of this protocol version get a code it cannot decode in this frame?
     */
    static boolean needsRewrite(
        final int protocolVersion, final DirectBuffer buffer, final int offset, final int length)
    {
        return replacement(protocolVersion, buffer, offset, length) != null;
    }

    /**
     * Put the code an old client knows in the code field of a frame {@link #needsRewrite} said yes to.
     */
    static void rewrite(final int protocolVersion, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final ResultCode replacement = replacement(protocolVersion, buffer, offset, length);
        if (replacement != null)
        {
            buffer.putShort(offset + codeOffset(buffer, offset), (short)replacement.value(), ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static ResultCode replacement(
        final int protocolVersion, final DirectBuffer buffer, final int offset, final int length)
    {
        if (protocolVersion >= SECURITY_CODES_VERSION)
        {
            return null;
        }
        final int code = codeOf(buffer, offset, length);
        if (code == ResultCode.PERMISSION_DENIED.value() || code == ResultCode.SESSION_NOT_OWNED.value())
        {
            return ResultCode.UNAUTHORISED;
        }
        if (protocolVersion < LIMIT_CODES_VERSION &&
            (code == ResultCode.QUOTA_EXCEEDED.value() || code == ResultCode.RATE_LIMITED.value()))
        {
            return ResultCode.LIMIT_EXCEEDED;
        }
        return null;
    }

    /**
     * PERMISSION_DENIED or SESSION_NOT_OWNED when the frame's code field carries one (for the gateway's counters),
     * else null.
     */
    static ResultCode deniedCode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int code = codeOf(buffer, offset, length);
        if (code == ResultCode.PERMISSION_DENIED.value())
        {
            return ResultCode.PERMISSION_DENIED;
        }
        return code == ResultCode.SESSION_NOT_OWNED.value() ? ResultCode.SESSION_NOT_OWNED : null;
    }

    /**
     * The frame's top-level code value, or -1 when it has none.
     */
    private static int codeOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return -1;
        }
        final int codeOffset = codeOffset(buffer, offset);
        if (codeOffset == NONE || codeOffset + Short.BYTES > length)
        {
            return -1;
        }
        return buffer.getShort(offset + codeOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    private static int codeOffset(final DirectBuffer buffer, final int offset)
    {
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return templateId <= MAX_TEMPLATE_ID ? CODE_OFFSETS[templateId] : NONE;
    }
}
