package io.warden.bench.chaos.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One client operation of a recorded history: who called what on which key, with which arguments, what came back,
 * and when (invoke and complete times in nanoseconds on one monotonic clock, normally {@code System.nanoTime()} of
 * the harness JVM).
 * <p>
 * The record is deliberately untyped so that one model serves register, KV, lock, session and watch workloads:
 * {@code kind} names the call ({@code read}, {@code write}, {@code cas}, {@code get}, {@code put}, {@code append},
 * {@code txn}, {@code acquire}, ...), and {@code input} and {@code output} are lists of strings whose meaning the
 * kind defines. A {@code null} element means "nil" (for example a read of a key that does not exist).
 * <p>
 * An {@link Outcome#UNKNOWN} operation has {@code completeNs == } {@link #NEVER} and no output; the constructor
 * enforces both. A process makes at most one call at a time.
 *
 * @param id         unique id within the history (recorder order, or file order for parsed histories).
 * @param process    the logical client that made the call.
 * @param kind       the call, such as {@code "cas"}.
 * @param key        the key or object the call addresses, or {@code null} for a single-object history.
 * @param input      call arguments (never {@code null}; elements may be {@code null}).
 * @param output     results of an {@link Outcome#OK} call (never {@code null}; elements may be {@code null}).
 * @param outcome    how the call ended.
 * @param invokeNs   when the call was sent.
 * @param completeNs when the answer arrived, or {@link #NEVER} for an unknown outcome.
 */
public record Op(
    long id,
    int process,
    String kind,
    String key,
    List<String> input,
    List<String> output,
    Outcome outcome,
    long invokeNs,
    long completeNs)
{
    /** Return time of an operation whose outcome is unknown: +infinity. */
    public static final long NEVER = Long.MAX_VALUE;

    /**
     * Validates and normalises: lists are copied and made unmodifiable, an unknown outcome gets no output and a
     * return time of {@link #NEVER}.
     */
    public Op
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        input = copy(input);
        if (outcome == Outcome.UNKNOWN)
        {
            output = Collections.emptyList();
            completeNs = NEVER;
        }
        else
        {
            output = copy(output);
        }
        if (completeNs < invokeNs)
        {
            throw new IllegalArgumentException("op " + id + " completes before it is invoked");
        }
    }

    /**
     * An operation that completed with {@link Outcome#OK}.
     */
    public static Op ok(
        final long id,
        final int process,
        final String kind,
        final String key,
        final List<String> input,
        final List<String> output,
        final long invokeNs,
        final long completeNs)
    {
        return new Op(id, process, kind, key, input, output, Outcome.OK, invokeNs, completeNs);
    }

    /**
     * An operation whose outcome is unknown: it returns at +infinity.
     */
    public static Op unknown(
        final long id, final int process, final String kind, final String key, final List<String> input, final long invokeNs)
    {
        return new Op(id, process, kind, key, input, null, Outcome.UNKNOWN, invokeNs, NEVER);
    }

    /**
     * A list of values that may hold {@code null}s ({@link List#of} does not allow them).
     */
    public static List<String> values(final String... values)
    {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }

    /**
     * @return input value {@code i}, or {@code null} if there is none.
     */
    public String in(final int i)
    {
        return i < input.size() ? input.get(i) : null;
    }

    /**
     * @return output value {@code i}, or {@code null} if there is none.
     */
    public String out(final int i)
    {
        return i < output.size() ? output.get(i) : null;
    }

    /**
     * @return true if this operation is a call of the given kind.
     */
    public boolean is(final String kind)
    {
        return this.kind.equals(kind);
    }

    /**
     * @return a copy with another output and outcome (used by mutation tests and by log-based resolution of
     * unknown outcomes).
     */
    public Op withOutput(final Outcome outcome, final List<String> output, final long completeNs)
    {
        return new Op(id, process, kind, key, input, output, outcome, invokeNs, completeNs);
    }

    /**
     * A short human form, for example {@code #12 p3 cas k [1, 2] -> [true] OK [100, 250]}.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(64);
        sb.append('#').append(id).append(" p").append(process).append(' ').append(kind);
        if (key != null)
        {
            sb.append(' ').append(key);
        }
        sb.append(' ').append(input).append(" -> ");
        if (outcome == Outcome.OK)
        {
            sb.append(output).append(' ');
        }
        sb.append(outcome).append(" [").append(invokeNs).append(", ");
        sb.append(completeNs == NEVER ? "inf" : Long.toString(completeNs)).append(']');
        return sb.toString();
    }

    private static List<String> copy(final List<String> values)
    {
        if (values == null || values.isEmpty())
        {
            return Collections.emptyList();
        }
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
