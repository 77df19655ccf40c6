package io.warden.node.domain;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key, prefix, lock name or election name: bytes of UTF-8 ordered as unsigned bytes (which is code point order).
 * <p>
 * Keys stored in the state are immutable: {@link #copyOf} makes one. A key made by {@link #probe()} is a reusable
 * lookup key that the adapter refills for each request; never store a probe.
 */
public final class Key implements Comparable<Key>
{
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int length;
    private int hash;

    private Key(final byte[] bytes, final int length)
    {
        this.bytes = bytes;
        this.length = length;
        this.hash = hash(bytes, length);
    }

    /**
     * A reusable lookup key, empty until filled.
     */
    public static Key probe()
    {
        return new Key(new byte[64], 0);
    }

    /**
     * An immutable key holding a copy of the given bytes.
     */
    public static Key copyOf(final byte[] source, final int offset, final int length)
    {
        return new Key(Arrays.copyOfRange(source, offset, offset + length), length);
    }

    /**
     * An immutable key holding a copy of this key's bytes (this key may be a probe).
     */
    public Key copy()
    {
        return copyOf(bytes, 0, length);
    }

    /**
     * An immutable key from a string, for tests and tools.
     */
    public static Key of(final String text)
    {
        final byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Key(b, b.length);
    }

    /**
     * The empty key (also the empty prefix, which matches every key).
     */
    public static Key empty()
    {
        return new Key(EMPTY, 0);
    }

    /**
     * Refill this probe from a buffer.
     */
    public Key set(final DirectBuffer buffer, final int offset, final int length)
    {
        ensureCapacity(length);
        buffer.getBytes(offset, bytes, 0, length);
        this.length = length;
        this.hash = hash(bytes, length);
        return this;
    }

    /**
     * Refill this probe from a byte range.
     */
    public Key set(final byte[] source, final int offset, final int length)
    {
        ensureCapacity(length);
        System.arraycopy(source, offset, bytes, 0, length);
        this.length = length;
        this.hash = hash(bytes, length);
        return this;
    }

    /**
     * Refill this probe with the first {@code prefixLength} bytes of another key.
     */
    public Key setPrefixOf(final Key other, final int prefixLength)
    {
        return set(other.bytes, 0, prefixLength);
    }

    /**
     * Refill this probe with one key followed by another.
     */
    public Key setConcat(final Key first, final Key second)
    {
        final int total = first.length + second.length;
        ensureCapacity(total);
        System.arraycopy(first.bytes, 0, bytes, 0, first.length);
        System.arraycopy(second.bytes, 0, bytes, first.length, second.length);
        this.length = total;
        this.hash = hash(bytes, total);
        return this;
    }

    /**
     * Refill this probe with {@code prefix} followed by ASCII text, as sequential names are built.
     */
    public Key setConcat(final Key prefix, final String asciiSuffix)
    {
        final int total = prefix.length + asciiSuffix.length();
        ensureCapacity(total);
        System.arraycopy(prefix.bytes, 0, bytes, 0, prefix.length);
        for (int i = 0; i < asciiSuffix.length(); i++)
        {
            bytes[prefix.length + i] = (byte)asciiSuffix.charAt(i);
        }
        this.length = total;
        this.hash = hash(bytes, total);
        return this;
    }

    private void ensureCapacity(final int length)
    {
        if (bytes.length < length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
    }

    /**
     * The backing array; only the first {@link #length()} bytes belong to the key. Do not modify.
     */
    public byte[] bytes()
    {
        return bytes;
    }

    public int length()
    {
        return length;
    }

    public boolean isEmpty()
    {
        return length == 0;
    }

    /**
     * Does this key start with the given prefix?
     */
    public boolean startsWith(final Key prefix)
    {
        return prefix.length <= length &&
            Arrays.equals(bytes, 0, prefix.length, prefix.bytes, 0, prefix.length);
    }

    @Override
    public int compareTo(final Key other)
    {
        return Arrays.compareUnsigned(bytes, 0, length, other.bytes, 0, other.length);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof Key))
        {
            return false;
        }
        final Key other = (Key)o;
        return hash == other.hash && Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }

    @Override
    public int hashCode()
    {
        return hash;
    }

    @Override
    public String toString()
    {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static int hash(final byte[] bytes, final int length)
    {
        int h = 1;
        for (int i = 0; i < length; i++)
        {
            h = 31 * h + bytes[i];
        }
        return h;
    }
}
