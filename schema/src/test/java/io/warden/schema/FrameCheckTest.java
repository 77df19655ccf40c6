package io.warden.schema;

import io.warden.schema.protocol.ConfigureLimitsDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request whose block grew in a later version is still accepted at the length its own version had, and only there.
 */
final class FrameCheckTest
{
    @Test
    void aConfigureLimitsOfVersionTwoCarriesTheShorterBlock()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int full = new RequestWriter().header(1, 0, 0, 0).configureLimits(buffer, 0, 4096, 0, 0);
        final int v2Block = ConfigureLimitsDecoder.stateQuotaBytesEncodingOffset();
        final int v2Length = MessageHeaderDecoder.ENCODED_LENGTH + v2Block;
        assertEquals(full - 32, v2Length, "version 3 added 32 bytes of quota and caps");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[v2Length]);
        frame.putBytes(0, buffer, 0, v2Length);
        frame.putShort(0, (short)v2Block, ByteOrder.LITTLE_ENDIAN);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();

        frame.putShort(6, (short)2, ByteOrder.LITTLE_ENDIAN);
        assertEquals(ResultCode.OK, FrameCheck.checkRequest(frame, 0, v2Length, header));
        frame.putShort(6, (short)3, ByteOrder.LITTLE_ENDIAN);
        assertEquals(ResultCode.MALFORMED, FrameCheck.checkRequest(frame, 0, v2Length, header),
            "a version 3 frame must carry the version 3 block");
        assertEquals(ResultCode.OK, FrameCheck.checkRequest(buffer, 0, full, header));
    }
}
