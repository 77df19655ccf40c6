package io.warden.client;

import io.warden.schema.protocol.FrameBatchDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Splits what a gateway sends into frames: a message is either one frame or a {@code FrameBatch} whose
 * {@code frames} data holds several, each an {@code int32} little-endian length followed by the frame. A batch with a
 * length running past its end is malformed: the frames before the bad length are delivered, the rest dropped.
 * <p>
 * Thread: one per agent (holds a flyweight).
 */
final class FrameSplitter
{
    /**
     * Receives each frame.
     */
    @FunctionalInterface
    interface FrameHandler
    {
        void onFrame(DirectBuffer buffer, int offset, int length);
    }

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FrameBatchDecoder batch = new FrameBatchDecoder();

    /**
     * Is this message a {@code FrameBatch} of our schema?
     */
    boolean isBatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return false;
        }
        header.wrap(buffer, offset);
        return header.schemaId() == MessageHeaderDecoder.SCHEMA_ID &&
            header.templateId() == FrameBatchDecoder.TEMPLATE_ID;
    }

    /**
     * Deliver every frame of a message.
     *
     * @return frames delivered, or -1 when the batch was malformed (frames before the fault were delivered).
     */
    int split(final DirectBuffer buffer, final int offset, final int length, final FrameHandler handler)
    {
        if (!isBatch(buffer, offset, length))
        {
            handler.onFrame(buffer, offset, length);
            return 1;
        }
        final int end = offset + length;
        final int blockLength = header.blockLength();
        final int lengthFieldOffset = offset + HEADER + blockLength;
        final int framesHeader = FrameBatchDecoder.framesHeaderLength();
        if (lengthFieldOffset + framesHeader > end)
        {
            return -1;
        }
        batch.wrap(buffer, offset + HEADER, blockLength, header.version());
        final long framesLength = buffer.getInt(lengthFieldOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        int position = lengthFieldOffset + framesHeader;
        if (position + framesLength > end)
        {
            return -1;
        }
        final int framesEnd = position + (int)framesLength;
        int delivered = 0;
        while (position < framesEnd)
        {
            if (position + Integer.BYTES > framesEnd)
            {
                return -1;
            }
            final int frameLength = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
            final int frameOffset = position + Integer.BYTES;
            if (frameLength < HEADER || frameOffset + (long)frameLength > framesEnd)
            {
                return -1;
            }
            handler.onFrame(buffer, frameOffset, frameLength);
            delivered++;
            position = frameOffset + frameLength;
        }
        return delivered;
    }
}
