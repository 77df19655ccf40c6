package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sequential specification for {@link LinearizabilityChecker}, in the style of Porcupine's {@code Model}: an
 * initial state and a pure step function. States must be immutable and non-null, with value equality (by default
 * {@link Object#equals} and {@link Object#hashCode}; override {@link #stateEquals} and {@link #stateHash} otherwise),
 * because the search memoizes (linearized set, state) pairs.
 * <p>
 * {@link #step} receives both the call and its recorded result. For an op whose outcome is
 * {@link io.warden.bench.chaos.history.Outcome#UNKNOWN} the output is empty: the step must accept it in every state
 * where the call could have been applied, and return the state it would leave. The step must depend only on the
 * operation's kind, key, input, output and outcome (not its id, process or times): the checker treats unknown-outcome
 * operations that agree on those as interchangeable.
 * <pre>{@code
 * LinearizabilityResult result = new LinearizabilityChecker().check(new KvModel(), history);
 * }</pre>
 *
 * @param <S> the state type.
 */
public interface Model<S>
{
    /**
     * @return the state before any operation.
     */
    S init();

    /**
     * Apply an operation with its recorded output.
     *
     * @param state the state before.
     * @param op    the operation (its output is empty if its outcome is unknown).
     * @return the state after, or {@code null} if the recorded output is impossible in {@code state}.
     */
    S step(S state, Op op);

    /**
     * Split a history into independent sub-histories (P-compositionality: the history is linearizable if and only
     * if each part is). The default is one part.
     */
    default List<List<Op>> partition(final List<Op> history)
    {
        return List.of(history);
    }

    /**
     * @return true if {@code op} never changes the state (a read); an unknown-outcome read carries no information
     * and the checker drops it.
     */
    default boolean readOnly(final Op op)
    {
        return false;
    }

    /**
     * @return true if two states are the same.
     */
    default boolean stateEquals(final S a, final S b)
    {
        return Objects.equals(a, b);
    }

    /**
     * @return a hash consistent with {@link #stateEquals}.
     */
    default int stateHash(final S state)
    {
        return Objects.hashCode(state);
    }

    /**
     * @return a short description of a state for explanations.
     */
    default String describe(final S state)
    {
        return String.valueOf(state);
    }

    /**
     * Partition by {@link Op#key()}, in order of first appearance; a helper for keyed models.
     */
    static List<List<Op>> byKey(final List<Op> history)
    {
        final Map<String, List<Op>> parts = new LinkedHashMap<>();
        for (final Op op : history)
        {
            parts.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        return new ArrayList<>(parts.values());
    }
}
