package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Warden's KV store seen through one key at a time (the history is partitioned by {@link Op#key()}): a value and
 * its {@code modRevision}. Revisions are global and rise with every mutating command on any key, so within one key
 * the model only knows that each write's revision is higher than the previous write's.
 * <ul>
 *     <li>{@code get}: output {@code [value, modRevision]}; a missing key reads as {@code [null, "0"]}.</li>
 *     <li>{@code put}: input {@code [value]}; output {@code [revision]}, the new modRevision.</li>
 *     <li>{@code txn}: compare-and-put on modRevision: input {@code [expectedModRevision, value]}
 *     ({@code 0} expects the key to be missing); output {@code ["true", revision]} if it put, {@code ["false"]}
 *     if the compare failed.</li>
 * </ul>
 * A put or txn whose outcome is unknown has no revision. The state then records the value with only a lower bound
 * on its modRevision (and the revisions a failed compare has since ruled out); a later get pins it. An unknown txn
 * whose compare could match is taken as applied: if it did not apply, placing it after every other operation
 * (which the search also tries) explains the same observations, so nothing is lost.
 * <p>
 * Not modelled: deletes, ranges, multi-key transactions, and cross-key order of revisions (a put that completed
 * before another was invoked has the lower revision); check those separately. Stateless and thread-safe.
 */
public final class WardenKvModel implements Model<WardenKvModel.State>
{
    /**
     * One key's state.
     *
     * @param value       the value, {@code null} when missing.
     * @param modRevision the modRevision if {@code exact}; otherwise the lowest it can be (never in
     *                    {@code excluded}).
     * @param exact       whether {@code modRevision} is known.
     * @param excluded    revisions above {@code modRevision} that a failed compare ruled out (empty when exact).
     */
    public record State(String value, long modRevision, boolean exact, List<Long> excluded)
    {
        /**
         * Copies the exclusions.
         */
        public State
        {
            excluded = List.copyOf(excluded);
        }

        static State exact(final String value, final long modRevision)
        {
            return new State(value, modRevision, true, List.of());
        }

        /**
         * An inexact state: the lowest candidate is moved past excluded revisions, which are then dropped.
         */
        static State atLeast(final String value, final long lowest, final List<Long> excluded)
        {
            long min = lowest;
            while (excluded.contains(min))
            {
                min++;
            }
            final List<Long> kept = new ArrayList<>();
            for (final Long r : excluded)
            {
                if (r > min)
                {
                    kept.add(r);
                }
            }
            kept.sort(null);
            return new State(value, min, false, kept);
        }

        boolean couldBe(final long revision)
        {
            return exact ? revision == modRevision : revision >= modRevision && !excluded.contains(revision);
        }

        /**
         * @return for example {@code v3@17} or {@code v3@>=17}.
         */
        public String toString()
        {
            if (value == null)
            {
                return "missing";
            }
            return value + "@" + (exact ? "" : ">=") + modRevision + (excluded.isEmpty() ? "" : " not " + excluded);
        }
    }

    private static final State MISSING = State.exact(null, 0);

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
            case "get":
            {
                if (!known)
                {
                    return state;
                }
                final long modRevision = Long.parseLong(op.out(1));
                if (!Objects.equals(state.value, op.out(0)) || !state.couldBe(modRevision))
                {
                    return null;
                }
                return state.exact ? state : State.exact(state.value, modRevision);
            }
            case "put":
                return known ? putAt(state, op.in(0), Long.parseLong(op.out(0))) : putUnknown(state, op.in(0));
            case "txn":
            {
                final long expected = Long.parseLong(op.in(0));
                if (!known)
                {
                    return state.couldBe(expected) ? State.atLeast(op.in(1), expected + 1, List.of()) : state;
                }
                if (Boolean.parseBoolean(op.out(0)))
                {
                    final long revision = Long.parseLong(op.out(1));
                    return state.couldBe(expected) && revision > expected ? State.exact(op.in(1), revision) : null;
                }
                if (state.exact)
                {
                    return expected != state.modRevision ? state : null;
                }
                if (!state.couldBe(expected))
                {
                    return state;
                }
                final List<Long> excluded = new ArrayList<>(state.excluded);
                excluded.add(expected);
                return State.atLeast(state.value, state.modRevision, excluded);
            }
            default:
                throw new IllegalArgumentException("not a Warden KV op: " + op);
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

    private static State putAt(final State state, final String value, final long revision)
    {
        // Exact: the new revision is above the current one. Inexact: the lowest candidate is never excluded, so
        // some candidate lies below the new revision exactly when the lowest does.
        return revision > state.modRevision ? State.exact(value, revision) : null;
    }

    private static State putUnknown(final State state, final String value)
    {
        return State.atLeast(value, state.modRevision + 1, List.of());
    }
}
