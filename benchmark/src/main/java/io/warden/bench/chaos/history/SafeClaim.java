package io.warden.bench.chaos.history;

import java.util.Objects;

/**
 * A lock holder's client said its grant was safe to use ({@code WardenLock.isSafe()} returned true). The lock checker's
 * L7 requires that by then the lock had not definitely gone: not released with its session's end, not granted to
 * another session.
 *
 * @param lock       the lock.
 * @param session    the holder's session.
 * @param token      the token of the grant it held.
 * @param observedNs when it asked (read before the call, so the answer is no older than this).
 */
public record SafeClaim(String lock, long session, long token, long observedNs)
{
    /**
     * Checks the lock is present.
     */
    public SafeClaim
    {
        Objects.requireNonNull(lock, "lock");
    }
}
