package io.warden.bench.chaos.history;

import java.util.Objects;

/**
 * A lock acquisition as a client saw it: the call's interval on the harness clock and the token it was given.
 * The lock checker compares these with the audit stream's grants (no phantom grants) and with each other
 * (a grant that finished before another acquire began has the lower token).
 *
 * @param lock       the lock name.
 * @param session    the session that asked.
 * @param token      the fencing token granted, meaningful only when {@code outcome} is {@link Outcome#OK}.
 * @param outcome    {@link Outcome#OK}: granted; {@link Outcome#FAIL}: definitely not granted (busy, timed out in
 *                   the queue); {@link Outcome#UNKNOWN}: the answer never arrived.
 * @param invokeNs   when the acquire was sent.
 * @param completeNs when the grant (or refusal) arrived; {@link Op#NEVER} for an unknown outcome.
 */
public record Acquisition(String lock, long session, long token, Outcome outcome, long invokeNs, long completeNs)
{
    /**
     * Checks the fields are present and the interval is ordered.
     */
    public Acquisition
    {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.UNKNOWN)
        {
            completeNs = Op.NEVER;
        }
        if (completeNs < invokeNs)
        {
            throw new IllegalArgumentException("acquisition completes before it is invoked");
        }
    }

    /**
     * A granted acquisition.
     */
    public static Acquisition granted(
        final String lock, final long session, final long token, final long invokeNs, final long completeNs)
    {
        return new Acquisition(lock, session, token, Outcome.OK, invokeNs, completeNs);
    }
}
