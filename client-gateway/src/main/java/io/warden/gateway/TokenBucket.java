package io.warden.gateway;

import java.util.concurrent.TimeUnit;

/**
 * The request-rate limit of one client connection: a token bucket of {@code burst} tokens refilled at
 * {@code ratePerSecond}, one token per request. Time is the agent's monotonic nano clock, never wall time, so a clock
 * step can neither starve nor flood a connection.
 * <p>
 * Tokens are kept in units of 1/10^9 token (one token costs {@code 10^9}; each nanosecond adds {@code ratePerSecond}),
 * so any integer rate refills exactly, without rounding drift.
 */
final class TokenBucket
{
    private static final long ONE_TOKEN = TimeUnit.SECONDS.toNanos(1);

    private final long ratePerSecond;
    private final long capacity;
    private final long fillNs;
    private long credit;
    private long lastNs;

    /**
     * A full bucket.
     *
     * @param ratePerSecond tokens added per second, at least 1.
     * @param burst         tokens the bucket holds, at least 1.
     * @param nowNs         the agent's nano clock now.
     */
    TokenBucket(final long ratePerSecond, final long burst, final long nowNs)
    {
        if (ratePerSecond < 1 || burst < 1)
        {
            throw new IllegalArgumentException("rate and burst must be at least 1: " + ratePerSecond + ", " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.multiplyExact(burst, ONE_TOKEN);
        this.fillNs = capacity / ratePerSecond + 1;
        this.credit = capacity;
        this.lastNs = nowNs;
    }

    /**
     * Take one token if there is one.
     *
     * @param nowNs the agent's nano clock now.
     * @return true if the request may go on.
     */
    boolean tryTake(final long nowNs)
    {
        refill(nowNs);
        if (credit >= ONE_TOKEN)
        {
            credit -= ONE_TOKEN;
            return true;
        }
        return false;
    }

    /**
     * How long until the next token, after a refused {@link #tryTake(long)} at the same {@code nowNs}.
     *
     * @return milliseconds, rounded up, at least 1.
     */
    long retryAfterMs(final long nowNs)
    {
        refill(nowNs);
        final long missing = Math.max(0, ONE_TOKEN - credit);
        final long waitNs = (missing + ratePerSecond - 1) / ratePerSecond;
        return Math.max(1, (waitNs + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1));
    }

    long ratePerSecond()
    {
        return ratePerSecond;
    }

    private void refill(final long nowNs)
    {
        // a full bucket is reached after fillNs: capping the elapsed time there keeps the product from overflowing
        if (nowNs - lastNs <= 0)
        {
            return;
        }
        final long elapsedNs = Math.min(nowNs - lastNs, fillNs);
        lastNs = nowNs;
        credit = Math.min(capacity, credit + elapsedNs * ratePerSecond);
    }
}
