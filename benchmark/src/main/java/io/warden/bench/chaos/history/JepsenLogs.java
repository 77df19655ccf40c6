package io.warden.bench.chaos.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the two Jepsen log formats of the Porcupine golden fixtures
 * ({@code linearizability-fixtures/porcupine/README.md}).
 * <p>
 * Both formats are event logs without timestamps: the line number is the time. A process makes one call at a time
 * and a completion belongs to that process's latest open invocation. An invocation that never gets a completion,
 * or gets {@code :info}, becomes {@link Outcome#UNKNOWN} (return time +infinity). Ops keep the id of their
 * invocation's position among invocations, in file order.
 * <p>
 * Register ops ({@link #parseEtcd}): {@code read} (no input; output the value, {@code null} if the key did not
 * exist), {@code write} (input the value), {@code cas} (input from and to; output {@code "true"} if it swapped,
 * {@code "false"} if the current value was not {@code from}: Jepsen's {@code :fail :cas} is a definite "no", so
 * it is an {@link Outcome#OK} call whose answer is false). {@code :fail :read :timed-out} is {@link Outcome#FAIL}:
 * it constrains nothing. KV ops ({@link #parseKv}): {@code get} (output the string), {@code put} and
 * {@code append} (input the string), each with its key.
 */
public final class JepsenLogs
{
    private static final Pattern ETCD_LINE = Pattern.compile(
        "^INFO\\s+jepsen\\.util\\s+-\\s+(\\d+)\\s+:(invoke|ok|fail|info)\\s+:(read|write|cas)\\s+(.*?)\\s*$");
    private static final Pattern CAS_VALUE = Pattern.compile("^\\[\\s*(-?\\d+)\\s+(-?\\d+)\\s*]$");
    private static final Pattern KV_LINE = Pattern.compile(
        "^\\{:process (\\d+), :type :(invoke|ok|fail|info), :f :(get|put|append), :key \"([^\"]*)\", " +
        ":value (nil|\"([^\"]*)\")}\\s*$");

    private JepsenLogs()
    {
    }

    /**
     * Parse a Jepsen 2014 etcd compare-and-set register log ({@code etcd_NNN.log}). Lines that are not client
     * events (setup, nemesis) are ignored; fields may be separated by tabs or spaces.
     */
    public static List<Op> parseEtcd(final Path file) throws IOException
    {
        return parseEtcd(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Parse the lines of a Jepsen etcd register log.
     */
    public static List<Op> parseEtcd(final List<String> lines)
    {
        final Builder builder = new Builder();
        long time = 0;
        for (final String line : lines)
        {
            final Matcher m = ETCD_LINE.matcher(line);
            if (!m.matches())
            {
                continue;
            }
            time++;
            final int process = Integer.parseInt(m.group(1));
            final String type = m.group(2);
            final String f = m.group(3);
            final String value = m.group(4);
            if (type.equals("invoke"))
            {
                switch (f)
                {
                    case "read" -> builder.invoke(process, "read", null, Op.values(), time);
                    case "write" -> builder.invoke(process, "write", null, Op.values(number(value, line)), time);
                    default ->
                    {
                        final Matcher cas = casValue(value, line);
                        builder.invoke(process, "cas", null, Op.values(cas.group(1), cas.group(2)), time);
                    }
                }
                continue;
            }
            final Pending pending = builder.complete(process, f, line);
            switch (type)
            {
                case "info" -> builder.finish(pending, Outcome.UNKNOWN, null, time);
                case "ok" ->
                {
                    switch (f)
                    {
                        case "read" -> builder.finish(pending, Outcome.OK, Op.values(nilOrNumber(value, line)), time);
                        case "write" -> builder.finish(pending, Outcome.OK, Op.values(), time);
                        default -> builder.finish(pending, Outcome.OK, Op.values("true"), time);
                    }
                }
                default ->
                {
                    switch (f)
                    {
                        case "cas" -> builder.finish(pending, Outcome.OK, Op.values("false"), time);
                        case "read" -> builder.finish(pending, Outcome.FAIL, null, time);
                        default -> throw new IllegalArgumentException("unexpected :fail of a write: " + line);
                    }
                }
            }
        }
        return builder.build();
    }

    /**
     * Parse a Jepsen EDN-style KV log ({@code cNN-ok.txt}, {@code cNN-bad.txt}), one map per line.
     */
    public static List<Op> parseKv(final Path file) throws IOException
    {
        return parseKv(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Parse the lines of a Jepsen KV log.
     */
    public static List<Op> parseKv(final List<String> lines)
    {
        final Builder builder = new Builder();
        long time = 0;
        for (final String line : lines)
        {
            if (line.isBlank())
            {
                continue;
            }
            final Matcher m = KV_LINE.matcher(line);
            if (!m.matches())
            {
                throw new IllegalArgumentException("not a KV history line: " + line);
            }
            time++;
            final int process = Integer.parseInt(m.group(1));
            final String type = m.group(2);
            final String f = m.group(3);
            final String key = m.group(4);
            final String value = m.group(6);
            if (type.equals("invoke"))
            {
                builder.invoke(process, f, key, f.equals("get") ? Op.values() : Op.values(value), time);
                continue;
            }
            final Pending pending = builder.complete(process, f, line);
            switch (type)
            {
                case "ok" -> builder.finish(pending, Outcome.OK, f.equals("get") ? Op.values(value) : null, time);
                case "fail" -> builder.finish(pending, Outcome.FAIL, null, time);
                default -> builder.finish(pending, Outcome.UNKNOWN, null, time);
            }
        }
        return builder.build();
    }

    private static String number(final String value, final String line)
    {
        try
        {
            return Long.toString(Long.parseLong(value));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("expected a number: " + line, ex);
        }
    }

    private static String nilOrNumber(final String value, final String line)
    {
        return value.equals("nil") ? null : number(value, line);
    }

    private static Matcher casValue(final String value, final String line)
    {
        final Matcher m = CAS_VALUE.matcher(value);
        if (!m.matches())
        {
            throw new IllegalArgumentException("expected [from to]: " + line);
        }
        return m;
    }

    private static final class Pending
    {
        final long id;
        final int process;
        final String kind;
        final String key;
        final List<String> input;
        final long invokeTime;

        Pending(final long id, final int process, final String kind, final String key, final List<String> input, final long invokeTime)
        {
            this.id = id;
            this.process = process;
            this.kind = kind;
            this.key = key;
            this.input = input;
            this.invokeTime = invokeTime;
        }
    }

    private static final class Builder
    {
        private final Map<Integer, Deque<Pending>> open = new HashMap<>();
        private final List<Op> ops = new ArrayList<>();
        private long nextId;

        void invoke(final int process, final String kind, final String key, final List<String> input, final long time)
        {
            open.computeIfAbsent(process, p -> new ArrayDeque<>())
                .push(new Pending(nextId++, process, kind, key, input, time));
        }

        Pending complete(final int process, final String f, final String line)
        {
            final Deque<Pending> calls = open.get(process);
            final Pending pending = calls == null ? null : calls.poll();
            if (pending == null)
            {
                throw new IllegalArgumentException("completion without an open invocation: " + line);
            }
            if (!pending.kind.equals(f))
            {
                throw new IllegalArgumentException("completion of " + f + " for an open " + pending.kind + ": " + line);
            }
            return pending;
        }

        void finish(final Pending p, final Outcome outcome, final List<String> output, final long time)
        {
            ops.add(new Op(p.id, p.process, p.kind, p.key, p.input, output, outcome, p.invokeTime, time));
        }

        List<Op> build()
        {
            for (final Deque<Pending> calls : open.values())
            {
                for (final Pending p : calls)
                {
                    ops.add(Op.unknown(p.id, p.process, p.kind, p.key, p.input, p.invokeTime));
                }
            }
            ops.sort(Comparator.comparingLong(Op::id));
            return ops;
        }
    }
}
