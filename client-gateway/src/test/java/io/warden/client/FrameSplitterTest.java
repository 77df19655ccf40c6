package io.warden.client;

import io.warden.schema.FuzzCorpus;
import io.warden.schema.protocol.MessageHeaderEncoder;
import io.warden.schema.protocol.ProgressResponseDecoder;
import io.warden.schema.protocol.ProgressResponseEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class FrameSplitterTest
{
    private final FrameSplitter splitter = new FrameSplitter();
    private final List<byte[]> frames = new ArrayList<>();
    private final FrameSplitter.FrameHandler collect = (buffer, offset, length) ->
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.add(copy);
    };

    static byte[] progressFrame(final long correlationId, final long revision)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new ProgressResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).revision(revision).encodedLength();
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static byte[] batch(final byte[]... frames)
    {
        return FuzzCorpus.batch(frames);
    }

    private int split(final byte[] message)
    {
        final DirectBuffer buffer = new UnsafeBuffer(message);
        return splitter.split(buffer, 0, message.length, collect);
    }

    @Test
    void aSingleFrameIsDeliveredAsItIs()
    {
        final byte[] frame = progressFrame(1, 10);
        assertEquals(1, split(frame));
        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0));
    }

    @Test
    void aBatchIsSplitIntoItsFramesInOrder()
    {
        final byte[] a = progressFrame(1, 10);
        final byte[] b = progressFrame(2, 11);
        final byte[] c = progressFrame(3, 12);
        assertEquals(3, split(batch(a, b, c)));
        assertEquals(3, frames.size());
        assertArrayEquals(a, frames.get(0));
        assertArrayEquals(b, frames.get(1));
        assertArrayEquals(c, frames.get(2));
        final ProgressResponseDecoder decoder = new ProgressResponseDecoder();
        decoder.wrapAndApplyHeader(new UnsafeBuffer(frames.get(2)), 0,
            new io.warden.schema.protocol.MessageHeaderDecoder());
        assertEquals(12, decoder.revision());
    }

    @Test
    void aBatchInsideALargerBufferIsReadAtItsOffset()
    {
        final byte[] message = batch(progressFrame(1, 10), progressFrame(2, 11));
        final byte[] padded = new byte[message.length + 40];
        System.arraycopy(message, 0, padded, 17, message.length);
        assertEquals(2, splitter.split(new UnsafeBuffer(padded), 17, message.length, collect));
        assertEquals(2, frames.size());
    }

    @Test
    void anEmptyBatchHoldsNothing()
    {
        assertEquals(0, split(batch()));
        assertEquals(0, frames.size());
    }

    @Test
    void aFrameLengthRunningPastTheEndStopsTheBatch()
    {
        final byte[] a = progressFrame(1, 10);
        final byte[] message = batch(a, progressFrame(2, 11));
        final int secondLengthOffset = message.length - (Integer.BYTES + a.length);
        new UnsafeBuffer(message).putInt(secondLengthOffset, 10_000, ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1, split(message));
        assertEquals(1, frames.size(), "the frame before the bad length is delivered");
        assertArrayEquals(a, frames.get(0));
    }

    @Test
    void aFrameShorterThanAHeaderIsMalformed()
    {
        final byte[] message = batch(progressFrame(1, 10));
        final int lengthOffset = message.length - (Integer.BYTES + progressFrame(1, 10).length);
        new UnsafeBuffer(message).putInt(lengthOffset, 3, ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1, split(message));
        assertEquals(0, frames.size());
    }

    @Test
    void aTruncatedBatchIsMalformed()
    {
        final byte[] message = batch(progressFrame(1, 10), progressFrame(2, 11));
        assertEquals(-1, splitter.split(new UnsafeBuffer(message), 0, message.length - 5, collect));
        assertEquals(0, frames.size(), "the frames length itself runs past the end");
    }

    @Test
    void aMessageTooShortForAHeaderIsPassedOnForTheCallerToDrop()
    {
        final byte[] tiny = { 1, 2, 3 };
        assertEquals(1, split(tiny));
        assertEquals(3, frames.get(0).length);
    }
}
