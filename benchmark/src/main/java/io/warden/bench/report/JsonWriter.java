package io.warden.bench.report;

import io.warden.cli.JsonStrings;

import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer: maps (in their iteration order), collections, strings, numbers, booleans and null. Numbers
 * that JSON cannot hold (NaN, infinities) are written as {@code null}. Output is indented by two spaces per level.
 */
public final class JsonWriter
{
    private JsonWriter()
    {
    }

    /**
     * Write a value as JSON.
     *
     * @param value a {@link Map} with string keys, a {@link Collection}, an array of longs or doubles, a
     *              {@link CharSequence}, a {@link Number}, a {@link Boolean} or null; anything else is written as its
     *              string.
     * @return the JSON text.
     */
    public static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder();
        write(out, value, 0);
        out.append('\n');
        return out.toString();
    }

    private static void write(final StringBuilder out, final Object value, final int depth)
    {
        if (null == value)
        {
            out.append("null");
        }
        else if (value instanceof Map<?, ?> map)
        {
            writeMap(out, map, depth);
        }
        else if (value instanceof Collection<?> collection)
        {
            writeCollection(out, collection, depth);
        }
        else if (value instanceof long[] longs)
        {
            final java.util.List<Long> list = new java.util.ArrayList<>();
            for (final long v : longs)
            {
                list.add(v);
            }
            writeCollection(out, list, depth);
        }
        else if (value instanceof double[] doubles)
        {
            final java.util.List<Double> list = new java.util.ArrayList<>();
            for (final double v : doubles)
            {
                list.add(v);
            }
            writeCollection(out, list, depth);
        }
        else if (value instanceof Number number)
        {
            writeNumber(out, number);
        }
        else if (value instanceof Boolean bool)
        {
            out.append(bool.booleanValue());
        }
        else
        {
            writeString(out, value.toString());
        }
    }

    private static void writeMap(final StringBuilder out, final Map<?, ?> map, final int depth)
    {
        if (map.isEmpty())
        {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int i = 0;
        for (final Map.Entry<?, ?> entry : map.entrySet())
        {
            indent(out, depth + 1);
            writeString(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), depth + 1);
            out.append(++i < map.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append('}');
    }

    private static void writeCollection(final StringBuilder out, final Collection<?> collection, final int depth)
    {
        if (collection.isEmpty())
        {
            out.append("[]");
            return;
        }
        out.append("[\n");
        int i = 0;
        for (final Object element : collection)
        {
            indent(out, depth + 1);
            write(out, element, depth + 1);
            out.append(++i < collection.size() ? ",\n" : "\n");
        }
        indent(out, depth);
        out.append(']');
    }

    private static void writeNumber(final StringBuilder out, final Number number)
    {
        if (number instanceof Double || number instanceof Float)
        {
            final double value = number.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                out.append("null");
            }
            else if (value == Math.rint(value) && Math.abs(value) < 1e15)
            {
                out.append((long)value);
            }
            else
            {
                out.append(roundSignificant(value));
            }
        }
        else
        {
            out.append(number);
        }
    }

    private static String roundSignificant(final double value)
    {
        final java.math.BigDecimal decimal = new java.math.BigDecimal(value)
            .round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN));
        return decimal.stripTrailingZeros().toPlainString();
    }

    /**
     * Append a JSON string literal.
     *
     * @param out   where to.
     * @param value the string.
     */
    static void writeString(final StringBuilder out, final String value)
    {
        JsonStrings.append(out, value);
    }

    private static void indent(final StringBuilder out, final int depth)
    {
        out.append("  ".repeat(depth));
    }
}
