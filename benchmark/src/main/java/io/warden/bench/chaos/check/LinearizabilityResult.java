package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of a {@link LinearizabilityChecker} run, with enough to explain it.
 *
 * @param verdict        linearizable, not linearizable, or unknown (budget spent).
 * @param explanation    one paragraph for a report: for a violation, the partition, the longest linearizable
 *                       prefix found and the operation that could not be placed; for unknown, which budget ran out.
 * @param key            the key of the partition the verdict is about (the failing or unfinished one), or
 *                       {@code null}.
 * @param longestPrefix  for a violation: the longest sequence of operations of that partition the search could
 *                       linearize, in linearization order; otherwise empty.
 * @param stuck          for a violation: the operation whose return was reached at that deepest point without it
 *                       having been linearized (no order of the pending operations could explain its result);
 *                       otherwise {@code null}.
 * @param partitions     how many independent parts the history was split into.
 * @param steps          how many model steps the search took, over all parts.
 * @param elapsedNs      wall time of the check.
 */
public record LinearizabilityResult(
    Verdict verdict,
    String explanation,
    String key,
    List<Op> longestPrefix,
    Op stuck,
    int partitions,
    long steps,
    long elapsedNs)
{
    /** The three answers. */
    public enum Verdict
    {
        /** Some order of the operations, consistent with real time and the model, explains every result. */
        LINEARIZABLE,
        /** No such order exists. */
        NOT_LINEARIZABLE,
        /** The search budget (steps or wall time) ran out first: neither a pass nor a failure. */
        UNKNOWN
    }

    /**
     * Checks the verdict is present and copies the prefix.
     */
    public LinearizabilityResult
    {
        Objects.requireNonNull(verdict, "verdict");
        longestPrefix = longestPrefix == null ? List.of() : List.copyOf(longestPrefix);
    }

    /**
     * @return true if the verdict is {@link Verdict#LINEARIZABLE}.
     */
    public boolean linearizable()
    {
        return verdict == Verdict.LINEARIZABLE;
    }

    /**
     * @return the verdict and explanation on one line.
     */
    public String toString()
    {
        return verdict + ": " + explanation;
    }
}
