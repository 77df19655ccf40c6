package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;

import java.util.Objects;

/**
 * A compare-and-set register (Jepsen's {@code cas-register}, Porcupine's etcd model). The register starts
 * missing ({@code null}). Values are strings.
 * <ul>
 *     <li>{@code read}: output {@code [value]}, {@code null} when missing.</li>
 *     <li>{@code write}: input {@code [value]}.</li>
 *     <li>{@code cas}: input {@code [from, to]}; output {@code ["true"]} if it swapped, {@code ["false"]} if the
 *     value was not {@code from} (a definite answer that constrains the state). With an unknown outcome it swaps
 *     when the value is {@code from} and otherwise leaves it.</li>
 * </ul>
 * Keys are ignored: one history is one register. Stateless and thread-safe.
 */
public final class CasRegisterModel implements Model<CasRegisterModel.State>
{
    /**
     * The register's value.
     *
     * @param value the current value, {@code null} when missing.
     */
    public record State(String value)
    {
        /**
         * @return the value, or {@code missing}.
         */
        public String toString()
        {
            return value == null ? "missing" : value;
        }
    }

    private static final State MISSING = new State(null);

    /**
     * {@inheritDoc}
     */
    public State init()
    {
        return MISSING;
    }

    /**
     * {@inheritDoc}
     */
    public State step(final State state, final Op op)
    {
        final boolean known = op.outcome() == Outcome.OK;
        switch (op.kind())
        {
            case "read":
                return !known || Objects.equals(op.out(0), state.value) ? state : null;
            case "write":
                return new State(op.in(0));
            case "cas":
            {
                final boolean matches = Objects.equals(op.in(0), state.value);
                if (!known)
                {
                    return matches ? new State(op.in(1)) : state;
                }
                final boolean swapped = Boolean.parseBoolean(op.out(0));
                if (swapped != matches)
                {
                    return null;
                }
                return swapped ? new State(op.in(1)) : state;
            }
            default:
                throw new IllegalArgumentException("not a register op: " + op);
        }
    }

    /**
     * {@inheritDoc}
     */
    public boolean readOnly(final Op op)
    {
        return op.is("read");
    }
}
