package io.warden.client;

import java.util.Random;

/**
 * Delays between connection attempts: exponential with "equal jitter". Attempt {@code k} (from 0) waits a delay
 * drawn uniformly from {@code [cap/2, cap]} where {@code cap = min(max, initial * 2^k)}. The random half spreads
 * thousands of clients that lost the same gateway at the same moment, so they do not arrive at the next one as one
 * storm; the fixed half guarantees the spacing grows.
 * <p>
 * Thread: the client agent only.
 */
final class ReconnectBackoff
{
    private final long initialNs;
    private final long maxNs;
    private final Random random;
    private int attempt;

    ReconnectBackoff(final long initialNs, final long maxNs, final Random random)
    {
        if (initialNs <= 0 || maxNs < initialNs)
        {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initialNs + ", " + maxNs);
        }
        this.initialNs = initialNs;
        this.maxNs = maxNs;
        this.random = random;
    }

    /**
     * The cap of the given attempt: {@code min(max, initial * 2^attempt)}.
     */
    long capNs(final int attempt)
    {
        final int shift = Math.min(attempt, 62);
        final long cap = initialNs << shift;
        return (cap >>> shift) != initialNs || cap <= 0 ? maxNs : Math.min(maxNs, cap);
    }

    /**
     * The delay before the next attempt; each call is one more attempt.
     */
    long nextDelayNs()
    {
        final long cap = capNs(attempt);
        if (attempt < Integer.MAX_VALUE)
        {
            attempt++;
        }
        final long half = cap / 2;
        return half + (long)(random.nextDouble() * (cap - half + 1));
    }

    /**
     * A connection succeeded: start from the initial delay again.
     */
    void reset()
    {
        attempt = 0;
    }

    int attempt()
    {
        return attempt;
    }
}
