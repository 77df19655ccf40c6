package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;

import java.util.List;

/**
 * A map of string keys to string values (Porcupine's KV model), checked one key at a time: the history is
 * partitioned by {@link Op#key()}, and the state of each part is that key's value, initially {@code ""}.
 * <ul>
 *     <li>{@code get}: output {@code [value]}.</li>
 *     <li>{@code put}: input {@code [value]} replaces the value.</li>
 *     <li>{@code append}: input {@code [suffix]} is concatenated onto the value.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class KvModel implements Model<String>
{
    /**
     * {@inheritDoc}
     */
    public String init()
    {
        return "";
    }

    /**
     * {@inheritDoc}
     */
    public String step(final String state, final Op op)
    {
        switch (op.kind())
        {
            case "get":
                return op.outcome() != Outcome.OK || state.equals(op.out(0)) ? state : null;
            case "put":
                return op.in(0);
            case "append":
                return state.concat(op.in(0));
            default:
                throw new IllegalArgumentException("not a KV op: " + op);
        }
    }

    /**
     * Partition by key.
     */
    public List<List<Op>> partition(final List<Op> history)
    {
        return Model.byKey(history);
    }

    /**
     * {@inheritDoc}
     */
    public boolean readOnly(final Op op)
    {
        return op.is("get");
    }

    /**
     * Quotes the value.
     */
    public String describe(final String state)
    {
        return '"' + state + '"';
    }
}
