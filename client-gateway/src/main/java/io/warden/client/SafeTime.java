package io.warden.client;

import java.util.concurrent.TimeUnit;

/**
 * The instant, on the client's monotonic clock, until which its session is known to be alive, minus a margin: the
 * {@code safeUntil} of {@code PROTOCOL.md}. Only ever moves forward, except when the session is lost.
 * <p>
 * A {@code ClientKeepAliveResponse} saying {@code confirmedAgeMs = a} for a keepalive sent at {@code s} and received
 * at {@code t} means: the gateway's last acknowledged renewal was sent at least at {@code s - a} (the gateway
 * answered after {@code s}), so the cluster renewed the session to at least {@code s - a + ttl}. That is PROTOCOL.md's
 * {@code t - a - rtt + ttl} with {@code rtt = t - s}. A session open or resume answered OK for a request first sent at
 * {@code s} renewed the session after {@code s}: safe until {@code s + ttl}. The first send, not the last: a request
 * re-sent after a lost connection may be answered for an earlier send that the cluster applied (it de-duplicates).
 * <p>
 * Every instant is on the client's monotonic clock and every age is a duration measured on the gateway's, so no wall
 * clock, and no step of one, enters the bound.
 * <p>
 * Thread: the client agent writes; {@link #safeUntilNs()} may be read from any thread.
 */
final class SafeTime
{
    private final long marginNs;
    private volatile long safeUntilNs;

    /**
     * @param marginNs    subtracted from every bound (clock rate differences, scheduling).
     * @param initialNs   the value before any renewal is known: an instant already past.
     */
    SafeTime(final long marginNs, final long initialNs)
    {
        this.marginNs = marginNs;
        this.safeUntilNs = initialNs;
    }

    /**
     * The session was opened or resumed by a request first sent at {@code requestSentNs}.
     */
    void onRenewed(final long requestSentNs, final long ttlMs)
    {
        advance(requestSentNs + TimeUnit.MILLISECONDS.toNanos(ttlMs) - marginNs);
    }

    /**
     * A keepalive sent at {@code keepAliveSentNs} was answered with {@code confirmedAgeMs} for this session.
     *
     * @param confirmedAgeMs -1 when the gateway has no acknowledged renewal yet (nothing is learnt).
     */
    void onConfirmed(final long keepAliveSentNs, final long confirmedAgeMs, final long ttlMs)
    {
        if (confirmedAgeMs < 0)
        {
            return;
        }
        advance(keepAliveSentNs - TimeUnit.MILLISECONDS.toNanos(confirmedAgeMs) +
            TimeUnit.MILLISECONDS.toNanos(ttlMs) - marginNs);
    }

    /**
     * The session is gone: nothing is safe from {@code nowNs} on.
     */
    void onLost(final long nowNs)
    {
        if (safeUntilNs - nowNs > 0)
        {
            safeUntilNs = nowNs;
        }
    }

    /**
     * A new session starts: forget the old bound.
     */
    void reset(final long nowNs)
    {
        safeUntilNs = nowNs;
    }

    private void advance(final long candidateNs)
    {
        if (candidateNs - safeUntilNs > 0)
        {
            safeUntilNs = candidateNs;
        }
    }

    long safeUntilNs()
    {
        return safeUntilNs;
    }

    /**
     * Is {@code nowNs} before the safe time?
     */
    boolean isSafe(final long nowNs)
    {
        return safeUntilNs - nowNs > 0;
    }

    long marginNs()
    {
        return marginNs;
    }
}
