package io.warden.schema;

import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class RequestCheckTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final RequestWriter writer = new RequestWriter().header(1, 2, 3, 0);
    private final RequestCheck check = new RequestCheck();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    private ResultCode check(final int length)
    {
        final ResultCode frame = FrameCheck.checkClientFrame(buffer, 0, length, header);
        return frame != ResultCode.OK ? frame : check.check(buffer, 0, length, header);
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wellFormedRequestsPass()
    {
        assertEquals(ResultCode.OK, check(writer.put(buffer, 0, false, "/a", bytes("v"))));
        assertEquals(ResultCode.OK, check(writer.get(buffer, 0, "/a")));
        assertEquals(ResultCode.OK, check(writer.range(buffer, 0, "", "", 0, 0)));
        assertEquals(ResultCode.OK, check(writer.acquire(buffer, 0, "L", LockMode.SHARED, -1, 0)));
        assertEquals(ResultCode.OK, check(writer.txn(buffer, 0, new TxnSpec().thenPut("/x", bytes("1")))));
        assertEquals(ResultCode.OK, check(writer.watch(buffer, 0, 1, "", true, false, 0)));
        assertEquals(ResultCode.OK, check(writer.closeSession(buffer, 0)));
        assertEquals(ResultCode.OK, check(writer.connect(buffer, 0, "t", "c", "aeron:udp?endpoint=h:1", 2)));
        assertEquals(ResultCode.OK, check(writer.clientKeepAlive(buffer, 0, new long[]{ 1, 2 }, 2)));
    }

    @Test
    void badKeysAndValuesGetTheNodesCodes()
    {
        assertEquals(ResultCode.INVALID_KEY, check(writer.put(buffer, 0, false, "", bytes("v"))));
        assertEquals(ResultCode.RESERVED_KEY, check(writer.put(buffer, 0, false, "/_warden/x", bytes("v"))));
        assertEquals(ResultCode.RESERVED_KEY, check(writer.delete(buffer, 0, "/_warden/", true)));
        assertEquals(ResultCode.KEY_TOO_LONG,
            check(writer.get(buffer, 0, "k".repeat(WardenLimits.MAX_KEY_LENGTH + 1))));
        assertEquals(ResultCode.KEY_TOO_LONG, check(writer.createSequential(buffer, 0, false,
            "p".repeat(WardenLimits.MAX_KEY_LENGTH - WardenLimits.SEQUENTIAL_DIGITS + 1), bytes("v"))));
        final byte[] big = new byte[WardenLimits.MAX_VALUE_LENGTH_CEILING + 1];
        assertEquals(ResultCode.VALUE_TOO_LARGE, check(writer.put(buffer, 0, false, bytes("/b"), big, 0, big.length)));
        final TxnSpec many = new TxnSpec();
        for (int i = 0; i <= WardenLimits.MAX_TXN_OPS; i++)
        {
            many.thenDelete("/k" + i);
        }
        assertEquals(ResultCode.LIMIT_EXCEEDED, check(writer.txn(buffer, 0, many)));
    }

    @Test
    void structuralDamageIsMalformed()
    {
        final int length = writer.put(buffer, 0, false, "/a", bytes("v"));
        assertEquals(ResultCode.MALFORMED, check(length - 1));
        assertEquals(ResultCode.MALFORMED, check(length + 3));
        buffer.putInt(length - 5, 1 << 20, ByteOrder.LITTLE_ENDIAN);
        assertEquals(ResultCode.MALFORMED, check(length));
        final int acquire = writer.acquire(buffer, 0, "L", LockMode.EXCLUSIVE, 0, 0);
        buffer.putByte(MessageHeaderDecoder.ENCODED_LENGTH + 32, (byte)9);
        assertEquals(ResultCode.MALFORMED, check(acquire));
    }
}
