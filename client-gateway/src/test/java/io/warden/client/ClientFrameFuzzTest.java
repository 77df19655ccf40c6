package io.warden.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.schema.FuzzCorpus;
import io.warden.schema.protocol.FrameBatchDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bytes from a hostile or broken gateway into a connected client ({@link FuzzClient}: a request of every kind waiting,
 * queued lock and campaign waits, two watches), through the real agent's duty cycle. Each message is followed in its
 * buffer by a run of a canary byte, as the next message would follow it in a term buffer. Properties:
 * <ul>
 *   <li>nothing escapes the duty cycle (no exception, no error such as running out of memory);</li>
 *   <li>no future completes, and no listener is called, with a value read from beyond the message: no value holds a
 *   longer run of the canary byte than the input itself has;</li>
 *   <li>a message the client cannot frame (shorter than a header, of another schema, a {@code FrameBatch} whose lengths
 *   do not add up, or holding a frame of another schema) is reported to the error handler.</li>
 * </ul>
 */
final class ClientFrameFuzzTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int TRAILER_LENGTH = 64;
    /** Bytes that are in no name, key or value the harness itself gives the client. */
    private static final byte[] CANARIES =
        "!#$%&*+0123456789?@ABCGHIJKOPQRSTUVWXYZ^_`".getBytes(StandardCharsets.US_ASCII);

    /**
     * The input is a sequence of messages from the gateway ({@link FuzzCorpus#frames}).
     */
    @FuzzTest(maxDuration = "2m")
    void gatewayBytesNeverEscapeNorLeakIntoResults(final byte[] data)
    {
        final byte canary = leastRepeated(data);
        final int longestRun = longestRun(data, canary);
        final byte[] trailer = new byte[TRAILER_LENGTH];
        Arrays.fill(trailer, canary);
        final FuzzClient client = new FuzzClient(trailer);
        for (final byte[] message : FuzzCorpus.frames(data, 16))
        {
            final int errors = client.errors.size();
            client.deliver(message);
            if (unframeable(message))
            {
                assertTrue(client.errors.size() > errors, "a message that cannot be framed was not reported");
            }
        }
        for (final Object result : client.results())
        {
            assertNoRunLongerThan(result, canary, longestRun, 0);
        }
    }

    /**
     * Can a client not even cut this message into frames of its schema?
     */
    static boolean unframeable(final byte[] message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        if (message.length < HEADER)
        {
            return true;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return true;
        }
        if (header.templateId() != FrameBatchDecoder.TEMPLATE_ID)
        {
            return false;
        }
        long position = HEADER + header.blockLength();
        if (position + Integer.BYTES > message.length)
        {
            return true;
        }
        final long framesLength = buffer.getInt((int)position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        position += Integer.BYTES;
        final long end = position + framesLength;
        if (end > message.length)
        {
            return true;
        }
        while (position < end)
        {
            if (position + Integer.BYTES > end)
            {
                return true;
            }
            final long length = buffer.getInt((int)position, ByteOrder.LITTLE_ENDIAN);
            if (length < HEADER || position + Integer.BYTES + length > end ||
                header.wrap(buffer, (int)position + Integer.BYTES).schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                return true;
            }
            position += Integer.BYTES + length;
        }
        return false;
    }

    private static byte leastRepeated(final byte[] data)
    {
        byte best = CANARIES[0];
        int bestRun = Integer.MAX_VALUE;
        for (final byte candidate : CANARIES)
        {
            final int run = longestRun(data, candidate);
            if (run < bestRun)
            {
                best = candidate;
                bestRun = run;
            }
        }
        return best;
    }

    private static int longestRun(final byte[] data, final byte value)
    {
        int longest = 0;
        int run = 0;
        for (final byte b : data)
        {
            run = b == value ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static void assertNoRun(final byte[] bytes, final byte canary, final int longestRun, final Object where)
    {
        if (longestRun(bytes, canary) > longestRun)
        {
            fail("a value was read from beyond the message (" + longestRun(bytes, canary) + " canary bytes '" +
                (char)canary + "' where the input has at most " + longestRun + " in a row): " + where);
        }
    }

    private static byte[] littleEndian(final long value)
    {
        final byte[] bytes = new byte[Long.BYTES];
        new UnsafeBuffer(bytes).putLong(0, value, ByteOrder.LITTLE_ENDIAN);
        return bytes;
    }

    /**
     * Look through a result the client made (its fields, its lists) for bytes from beyond the message.
     */
    private static void assertNoRunLongerThan(
        final Object value, final byte canary, final int longestRun, final int depth)
    {
        if (value == null || depth > 4 || value instanceof Boolean || value instanceof Enum)
        {
            return;
        }
        if (value instanceof byte[])
        {
            assertNoRun((byte[])value, canary, longestRun, value);
        }
        else if (value instanceof String)
        {
            assertNoRun(((String)value).getBytes(StandardCharsets.UTF_8), canary, longestRun, value);
        }
        else if (value instanceof Number)
        {
            assertNoRun(littleEndian(((Number)value).longValue()), canary, longestRun, value);
        }
        else if (value instanceof Collection)
        {
            for (final Object element : (Collection<?>)value)
            {
                assertNoRunLongerThan(element, canary, longestRun, depth + 1);
            }
        }
        else if (value.getClass().getName().startsWith("io.warden."))
        {
            for (final Field field : value.getClass().getDeclaredFields())
            {
                if (Modifier.isStatic(field.getModifiers()))
                {
                    continue;
                }
                field.setAccessible(true);
                try
                {
                    assertNoRunLongerThan(field.get(value), canary, longestRun, depth + 1);
                }
                catch (final IllegalAccessException ex)
                {
                    throw new AssertionError(ex);
                }
            }
        }
    }
}
