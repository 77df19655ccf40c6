package io.warden.node.service;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link EgressSink} that keeps a copy of every frame with its route, for tests.
 */
public final class FrameRecorder implements EgressSink
{
    /**
     * One recorded frame.
     */
    public static final class Frame
    {
        public final long route;
        public final byte[] bytes;

        Frame(final long route, final byte[] bytes)
        {
            this.route = route;
            this.bytes = bytes;
        }

        public UnsafeBuffer buffer()
        {
            return new UnsafeBuffer(bytes);
        }

        public int templateId()
        {
            return buffer().getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Frame && ((Frame)o).route == route && Arrays.equals(((Frame)o).bytes, bytes);
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(route) * 31 + Arrays.hashCode(bytes);
        }
    }

    private final List<Frame> frames = new ArrayList<>();

    public void send(final long route, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.add(new Frame(route, copy));
    }

    public List<Frame> frames()
    {
        return frames;
    }

    public Frame last()
    {
        return frames.get(frames.size() - 1);
    }

    public void clear()
    {
        frames.clear();
    }
}
