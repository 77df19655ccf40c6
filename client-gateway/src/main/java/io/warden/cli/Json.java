package io.warden.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the CLI writes: objects of strings, numbers, booleans, lists and objects, one per line.
 */
final class Json
{
    private Json()
    {
    }

    /**
     * An ordered object builder.
     */
    static final class Obj
    {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Obj put(final String name, final Object value)
        {
            fields.put(name, value);
            return this;
        }

        /**
         * A value: as a string when it is UTF-8, else as base64 under {@code <name>Base64}.
         */
        Obj bytes(final String name, final byte[] value)
        {
            final String text = utf8(value);
            if (text != null)
            {
                fields.put(name, text);
            }
            else
            {
                fields.put(name + "Base64", Base64.getEncoder().encodeToString(value));
            }
            return this;
        }

        @Override
        public String toString()
        {
            final StringBuilder sb = new StringBuilder();
            write(sb, fields);
            return sb.toString();
        }
    }

    static Obj obj()
    {
        return new Obj();
    }

    /**
     * The text of a value, or null when it is not valid UTF-8.
     */
    static String utf8(final byte[] value)
    {
        try
        {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(value))
                .toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
    }

    private static void write(final StringBuilder sb, final Object value)
    {
        if (value == null)
        {
            sb.append("null");
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            sb.append(value);
        }
        else if (value instanceof Obj)
        {
            write(sb, ((Obj)value).fields);
        }
        else if (value instanceof Map)
        {
            sb.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
            {
                if (!first)
                {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(entry.getKey()));
                sb.append(':');
                write(sb, entry.getValue());
            }
            sb.append('}');
        }
        else if (value instanceof List)
        {
            sb.append('[');
            boolean first = true;
            for (final Object item : (List<?>)value)
            {
                if (!first)
                {
                    sb.append(',');
                }
                first = false;
                write(sb, item);
            }
            sb.append(']');
        }
        else
        {
            string(sb, value.toString());
        }
    }

    private static void string(final StringBuilder sb, final String text)
    {
        JsonStrings.append(sb, text);
    }
}
