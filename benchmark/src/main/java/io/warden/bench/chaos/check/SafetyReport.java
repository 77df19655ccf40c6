package io.warden.bench.chaos.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a polynomial safety checker: the violations found (none means the history passed) and a few counts
 * of what was checked, for the scenario's summary line (for example {@code staleWritesRejected}, which a fencing
 * scenario expects to be above zero).
 *
 * @param checker    which checker produced it.
 * @param counts     named counts of what was checked, in a stable order.
 * @param violations what is wrong, in the order found.
 */
public record SafetyReport(String checker, Map<String, Long> counts, List<Violation> violations)
{
    /**
     * Copies the counts and violations.
     */
    public SafetyReport
    {
        Objects.requireNonNull(checker, "checker");
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        violations = List.copyOf(violations);
    }

    /**
     * @return true if no invariant was broken.
     */
    public boolean ok()
    {
        return violations.isEmpty();
    }

    /**
     * @return a count by name, 0 if absent.
     */
    public long count(final String name)
    {
        return counts.getOrDefault(name, 0L);
    }

    /**
     * @return the violations of one invariant.
     */
    public List<Violation> violationsOf(final String invariant)
    {
        final List<Violation> found = new ArrayList<>();
        for (final Violation v : violations)
        {
            if (v.invariant().equals(invariant))
            {
                found.add(v);
            }
        }
        return found;
    }

    /**
     * @return a one-line summary followed by one line per violation.
     */
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(128);
        sb.append(checker).append(' ').append(ok() ? "OK" : "VIOLATED").append(' ').append(counts)
            .append(" violations=").append(violations.size());
        for (final Violation v : violations)
        {
            sb.append("\n  ").append(v);
        }
        return sb.toString();
    }
}
