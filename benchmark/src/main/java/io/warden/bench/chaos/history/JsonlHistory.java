package io.warden.bench.chaos.history;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes histories as JSON lines, one {@link Op} per line:
 * <pre>{@code
 * {"id":7,"process":2,"kind":"cas","key":"k1","input":["3","4"],"output":["true"],"outcome":"OK","invokeNs":1200,"completeNs":1850}
 * {"id":8,"process":4,"kind":"put","key":"k1","input":["v9"],"output":[],"outcome":"UNKNOWN","invokeNs":1300,"completeNs":null}
 * }</pre>
 * {@code key} may be {@code null}; list elements may be {@code null}; {@code completeNs} is {@code null} for an
 * unknown outcome (+infinity). Blank lines are skipped when reading.
 */
public final class JsonlHistory
{
    private JsonlHistory()
    {
    }

    /**
     * Write ops to a file, one per line, replacing the file.
     */
    public static void write(final Path file, final List<Op> ops) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            final StringBuilder sb = new StringBuilder(256);
            for (final Op op : ops)
            {
                sb.setLength(0);
                toJson(sb, op);
                out.write(sb.toString());
                out.write('\n');
            }
        }
    }

    /**
     * Read ops from a file written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the line, if a line is not a valid op.
     */
    public static List<Op> read(final Path file) throws IOException
    {
        final List<Op> ops = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null)
            {
                lineNumber++;
                if (line.isBlank())
                {
                    continue;
                }
                try
                {
                    ops.add(fromJson(line));
                }
                catch (final RuntimeException ex)
                {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": " + ex.getMessage(), ex);
                }
            }
        }
        return ops;
    }

    /**
     * Append one op as a JSON object (no newline).
     */
    public static void toJson(final StringBuilder sb, final Op op)
    {
        sb.append("{\"id\":").append(op.id());
        sb.append(",\"process\":").append(op.process());
        sb.append(",\"kind\":");
        Json.writeString(sb, op.kind());
        sb.append(",\"key\":");
        Json.writeString(sb, op.key());
        sb.append(",\"input\":");
        writeList(sb, op.input());
        sb.append(",\"output\":");
        writeList(sb, op.output());
        sb.append(",\"outcome\":\"").append(op.outcome().name()).append('"');
        sb.append(",\"invokeNs\":").append(op.invokeNs());
        sb.append(",\"completeNs\":");
        if (op.completeNs() == Op.NEVER)
        {
            sb.append("null");
        }
        else
        {
            sb.append(op.completeNs());
        }
        sb.append('}');
    }

    /**
     * Parse one JSON object written by {@link #toJson}.
     */
    public static Op fromJson(final String line)
    {
        final Object parsed = Json.parse(line);
        if (!(parsed instanceof Map))
        {
            throw new IllegalArgumentException("not a JSON object");
        }
        final Map<?, ?> map = (Map<?, ?>)parsed;
        final Outcome outcome = Outcome.valueOf(requireString(map, "outcome"));
        final Object complete = map.get("completeNs");
        return new Op(
            requireLong(map, "id"),
            Math.toIntExact(requireLong(map, "process")),
            requireString(map, "kind"),
            (String)map.get("key"),
            stringList(map.get("input")),
            stringList(map.get("output")),
            outcome,
            requireLong(map, "invokeNs"),
            complete == null ? Op.NEVER : ((Number)complete).longValue());
    }

    private static void writeList(final StringBuilder sb, final List<String> values)
    {
        sb.append('[');
        for (int i = 0; i < values.size(); i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            Json.writeString(sb, values.get(i));
        }
        sb.append(']');
    }

    private static List<String> stringList(final Object value)
    {
        final List<String> list = new ArrayList<>();
        if (value == null)
        {
            return list;
        }
        for (final Object element : (List<?>)value)
        {
            list.add(element == null ? null : element.toString());
        }
        return list;
    }

    private static String requireString(final Map<?, ?> map, final String name)
    {
        final Object value = map.get(name);
        if (!(value instanceof String))
        {
            throw new IllegalArgumentException("missing string field " + name);
        }
        return (String)value;
    }

    private static long requireLong(final Map<?, ?> map, final String name)
    {
        final Object value = map.get(name);
        if (!(value instanceof Long))
        {
            throw new IllegalArgumentException("missing integer field " + name);
        }
        return (Long)value;
    }
}
