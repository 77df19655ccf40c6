package io.warden.schema;

import io.warden.schema.protocol.ResultCode;
import java.nio.charset.StandardCharsets;

/**
 * What makes a key, prefix, lock name or election name acceptable. Used by the gateway before forwarding and by the
 * node before applying, so both answer the same code for the same bytes.
 */
public final class KeyRules
{
    private static final byte[] RESERVED = WardenLimits.RESERVED_PREFIX.getBytes(StandardCharsets.UTF_8);
    private static final int ELECTION_PREFIX_LENGTH =
        WardenLimits.ELECTION_PREFIX.getBytes(StandardCharsets.UTF_8).length;

    private KeyRules()
    {
    }

    /**
     * Check a key, lock name or election name: 1 to {@link WardenLimits#MAX_KEY_LENGTH} bytes of well-formed UTF-8.
     *
     * @return {@link ResultCode#OK}, {@link ResultCode#KEY_TOO_LONG} or {@link ResultCode#INVALID_KEY}.
     */
    public static ResultCode checkName(final byte[] bytes, final int length)
    {
        if (length == 0)
        {
            return ResultCode.INVALID_KEY;
        }
        return checkPrefix(bytes, length);
    }

    /**
     * Check a prefix: like a name, but may be empty (the empty prefix matches every key).
     */
    public static ResultCode checkPrefix(final byte[] bytes, final int length)
    {
        if (length > WardenLimits.MAX_KEY_LENGTH)
        {
            return ResultCode.KEY_TOO_LONG;
        }
        return isWellFormedUtf8(bytes, 0, length) ? ResultCode.OK : ResultCode.INVALID_KEY;
    }

    /**
     * Can a client write (put or delete) this key? A valid name outside the reserved space.
     *
     * @return {@link ResultCode#OK}, a name code, or {@link ResultCode#RESERVED_KEY}.
     */
    public static ResultCode checkWritableName(final byte[] bytes, final int length)
    {
        final ResultCode code = checkName(bytes, length);
        if (code != ResultCode.OK)
        {
            return code;
        }
        return isReserved(bytes, length) ? ResultCode.RESERVED_KEY : ResultCode.OK;
    }

    /**
     * Can a client delete every key under this prefix (or create sequential keys under it)? Reserved keys are
     * skipped by prefix deletes, but a prefix inside the reserved space is refused.
     */
    public static ResultCode checkWritablePrefix(final byte[] bytes, final int length)
    {
        final ResultCode code = checkPrefix(bytes, length);
        if (code != ResultCode.OK)
        {
            return code;
        }
        return isReserved(bytes, length) ? ResultCode.RESERVED_KEY : ResultCode.OK;
    }

    /**
     * Check the prefix of a sequential create: writable, and short enough for the number appended to it.
     */
    public static ResultCode checkSequentialPrefix(final byte[] bytes, final int length)
    {
        final ResultCode code = checkWritablePrefix(bytes, length);
        if (code != ResultCode.OK)
        {
            return code;
        }
        return length + WardenLimits.SEQUENTIAL_DIGITS > WardenLimits.MAX_KEY_LENGTH ?
            ResultCode.KEY_TOO_LONG : ResultCode.OK;
    }

    /**
     * Check an election name: a valid name short enough to be mirrored under {@link WardenLimits#ELECTION_PREFIX}.
     */
    public static ResultCode checkElectionName(final byte[] bytes, final int length)
    {
        final ResultCode code = checkName(bytes, length);
        if (code != ResultCode.OK)
        {
            return code;
        }
        return length > WardenLimits.MAX_KEY_LENGTH - ELECTION_PREFIX_LENGTH ? ResultCode.KEY_TOO_LONG : ResultCode.OK;
    }

    /**
     * Is the key under {@link WardenLimits#RESERVED_PREFIX}, where only Warden writes?
     */
    public static boolean isReserved(final byte[] bytes, final int length)
    {
        if (length < RESERVED.length)
        {
            return false;
        }
        for (int i = 0; i < RESERVED.length; i++)
        {
            if (bytes[i] != RESERVED[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Is the given byte range well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF)?
     */
    public static boolean isWellFormedUtf8(final byte[] bytes, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            final int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80)
            {
                i++;
                continue;
            }
            final int n;
            final int min;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                n = 2;
                min = 0x80;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                n = 3;
                min = 0x800;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                n = 4;
                min = 0x10000;
            }
            else
            {
                return false;
            }
            if (i + n > end)
            {
                return false;
            }
            int cp = b0 & (0xFF >> (n + 1));
            for (int k = 1; k < n; k++)
            {
                final int b = bytes[i + k] & 0xFF;
                if ((b & 0xC0) != 0x80)
                {
                    return false;
                }
                cp = (cp << 6) | (b & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            {
                return false;
            }
            i += n;
        }
        return true;
    }
}
