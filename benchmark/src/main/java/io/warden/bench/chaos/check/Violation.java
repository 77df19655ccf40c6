package io.warden.bench.chaos.check;

import java.util.Objects;

/**
 * One broken invariant, found by a safety checker.
 *
 * @param invariant the invariant's id, as in {@code notes/reliability-anchors.md} section 3.4 ({@code L1}..{@code L6},
 *                  {@code S1}..{@code S4}) or {@link WatchChecker}'s {@code W1}..{@code W5}.
 * @param message   what happened, naming the lock, session, key or watcher and the positions or revisions involved.
 */
public record Violation(String invariant, String message)
{
    /**
     * Checks both fields are present.
     */
    public Violation
    {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @return {@code invariant: message}.
     */
    public String toString()
    {
        return invariant + ": " + message;
    }
}
