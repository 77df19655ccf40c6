package io.warden.gateway;

import io.warden.schema.ResultCodes;
import io.warden.schema.protocol.ResultCode;
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

    private OldClientCodes()
    {
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
            buffer.putShort(
                offset + ResultCodes.codeOffset(buffer, offset), (short)replacement.value(), ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static ResultCode replacement(
        final int protocolVersion, final DirectBuffer buffer, final int offset, final int length)
    {
        if (protocolVersion >= SECURITY_CODES_VERSION)
        {
            return null;
        }
        final int code = ResultCodes.codeOf(buffer, offset, length);
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
        final int code = ResultCodes.codeOf(buffer, offset, length);
        if (code == ResultCode.PERMISSION_DENIED.value())
        {
            return ResultCode.PERMISSION_DENIED;
        }
        return code == ResultCode.SESSION_NOT_OWNED.value() ? ResultCode.SESSION_NOT_OWNED : null;
    }
}
