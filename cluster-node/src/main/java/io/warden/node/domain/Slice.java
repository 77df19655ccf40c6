package io.warden.node.domain;

import org.agrona.DirectBuffer;

/**
 * A view of bytes in an inbound message (a value), valid only while the command is being applied. The domain copies
 * what it keeps with {@link #toArray()}.
 */
public final class Slice
{
    private static final byte[] EMPTY = new byte[0];

    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * Point this view at a byte range of a buffer.
     */
    public Slice wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /**
     * Point this view at a byte array (tests, tools).
     */
    public Slice wrap(final byte[] bytes)
    {
        return wrap(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
    }

    public int length()
    {
        return length;
    }

    /**
     * A copy of the bytes, or a shared empty array when there are none.
     */
    public byte[] toArray()
    {
        if (length == 0)
        {
            return EMPTY;
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy, 0, length);
        return copy;
    }

    /**
     * Copy the bytes into the start of an array of at least {@link #length()} bytes.
     */
    public void copyTo(final byte[] target)
    {
        buffer.getBytes(offset, target, 0, length);
    }

    /**
     * Do these bytes equal the given array?
     */
    public boolean contentEquals(final byte[] other)
    {
        if (other.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != other[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compare these bytes with an array as unsigned bytes.
     */
    public int compareTo(final byte[] other)
    {
        final int n = Math.min(length, other.length);
        for (int i = 0; i < n; i++)
        {
            final int c = Integer.compare(buffer.getByte(offset + i) & 0xFF, other[i] & 0xFF);
            if (c != 0)
            {
                return c;
            }
        }
        return Integer.compare(length, other.length);
    }
}
