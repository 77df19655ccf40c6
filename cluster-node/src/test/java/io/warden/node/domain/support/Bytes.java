package io.warden.node.domain.support;

import io.warden.schema.KeyRules;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable copy of some bytes (a value) with equality by content, so recorded replies and events can be compared
 * with {@code equals} and printed readably.
 */
public final class Bytes
{
    private static final int MAX_PRINTED = 64;
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    public static Bytes empty()
    {
        return EMPTY;
    }

    public static Bytes of(final String utf8)
    {
        return new Bytes(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public static Bytes copyOf(final byte[] source)
    {
        return copyOf(source, 0, source.length);
    }

    public static Bytes copyOf(final byte[] source, final int offset, final int length)
    {
        return new Bytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    public int length()
    {
        return bytes.length;
    }

    /**
     * A fresh copy of the bytes.
     */
    public byte[] toArray()
    {
        return bytes.clone();
    }

    public String utf8()
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(final Object o)
    {
        return this == o || (o instanceof Bytes && Arrays.equals(bytes, ((Bytes)o).bytes));
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString()
    {
        if (bytes.length > MAX_PRINTED)
        {
            return "Bytes[" + bytes.length + "]";
        }
        if (KeyRules.isWellFormedUtf8(bytes, 0, bytes.length))
        {
            return '"' + utf8() + '"';
        }
        final StringBuilder hex = new StringBuilder("0x");
        for (final byte b : bytes)
        {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
