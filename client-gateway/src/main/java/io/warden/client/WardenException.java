package io.warden.client;

import io.warden.schema.protocol.ResultCode;

/**
 * A request that did not succeed: carries the protocol's {@link ResultCode} so callers can branch on it without
 * parsing messages. Futures of {@link WardenClient} complete exceptionally with it; blocking conveniences throw it.
 * <pre>{@code
 * try
 * {
 *     client.await(client.put("/_warden/x", bytes));
 * }
 * catch (WardenException ex)
 * {
 *     if (ex.code() == ResultCode.RESERVED_KEY) { ... }
 * }
 * }</pre>
 * Codes the client produces itself: {@link ResultCode#TIMED_OUT} (no answer within the request timeout: the outcome
 * of a mutation is then unknown, though it is still applied at most once), {@link ResultCode#CANCELLED} (the client
 * was closed), {@link ResultCode#SESSION_EXPIRED} (the session is lost; see {@link WardenClient#newSession()}), and
 * the validation codes of {@code KeyRules} and {@code WardenLimits} for requests refused before they are sent.
 * <p>
 * A refusal for a limit ({@link ResultCode#QUOTA_EXCEEDED}, {@link ResultCode#RATE_LIMITED}) names it: the
 * {@link #detail()} says which limit in words, {@link #limit()}, {@link #usage()} and {@link #retryAfterMs()} give the
 * numbers. The client never retries such a refusal itself; the caller decides:
 * <pre>{@code
 * catch (WardenException ex)
 * {
 *     if (ex.code() == ResultCode.RATE_LIMITED) { Thread.sleep(ex.retryAfterMs()); resend(); }
 * }
 * }</pre>
 */
public final class WardenException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ResultCode code;
    private final String detail;
    private final long limit;
    private final long usage;
    private final long retryAfterMs;

    /**
     * A failure with a code and a message.
     * <pre>{@code throw new WardenException(ResultCode.TIMED_OUT, "no lock within 5 s"); }</pre>
     *
     * @param code    the protocol result code.
     * @param message what happened, for humans.
     */
    public WardenException(final ResultCode code, final String message)
    {
        this(code, message, 0, 0, 0);
    }

    /**
     * A refusal that names a limit.
     * <pre>{@code throw new WardenException(ResultCode.RATE_LIMITED, "over 100 requests/s", 100, 0, 10); }</pre>
     *
     * @param code         the protocol result code.
     * @param message      what happened, for humans.
     * @param limit        the limit that was reached (0 if none was named).
     * @param usage        the usage measured against it (0 if none was named).
     * @param retryAfterMs how long to wait before trying again (0 if not said).
     */
    public WardenException(
        final ResultCode code, final String message, final long limit, final long usage, final long retryAfterMs)
    {
        super(code + ": " + message);
        this.code = code;
        this.detail = message;
        this.limit = limit;
        this.usage = usage;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * A failure with a code, a message and a cause.
     * <pre>{@code throw new WardenException(ex.code(), "while renewing the lease", ex); }</pre>
     *
     * @param code    the protocol result code.
     * @param message what happened, for humans.
     * @param cause   the underlying failure.
     */
    public WardenException(final ResultCode code, final String message, final Throwable cause)
    {
        super(code + ": " + message, cause);
        this.code = code;
        this.detail = message;
        this.limit = 0;
        this.usage = 0;
        this.retryAfterMs = 0;
    }

    /**
     * The result code of the failed request.
     * <pre>{@code
     * if (ex.code() == ResultCode.COMPACTED) { relist(); }
     * }</pre>
     *
     * @return the code, never {@link ResultCode#OK}.
     */
    public ResultCode code()
    {
        return code;
    }

    /**
     * The message without the code; for a refusal from a gateway or node of protocol version 3 or later it ends with
     * their own words, naming the limit (such as {@code "... over this gateway's limit of 10000 requests per second
     * per connection (bursts of 5000)"}).
     * <pre>{@code log.warn("{} ({})", ex.detail(), ex.code()); }</pre>
     *
     * @return the detail.
     */
    public String detail()
    {
        return detail;
    }

    /**
     * The limit that was reached: for {@link ResultCode#QUOTA_EXCEEDED} the quota that would be broken (bytes, keys,
     * locks: the detail says which), for {@link ResultCode#RATE_LIMITED} the requests per second allowed.
     * <pre>{@code
     * if (ex.code() == ResultCode.QUOTA_EXCEEDED) { alert("quota " + ex.limit() + " reached: " + ex.detail()); }
     * }</pre>
     *
     * @return the limit, or 0 if the refusal named none.
     */
    public long limit()
    {
        return limit;
    }

    /**
     * The usage the {@link #limit()} was measured against, before the refused request
     * ({@link ResultCode#QUOTA_EXCEEDED}).
     * <pre>{@code
     * log.warn("using {} of {}", ex.usage(), ex.limit());
     * }</pre>
     *
     * @return the usage, or 0 if the refusal named none.
     */
    public long usage()
    {
        return usage;
    }

    /**
     * How long to wait before the next request would be accepted ({@link ResultCode#RATE_LIMITED}): when the
     * connection's next token arrives. The client does not wait or retry by itself.
     * <pre>{@code
     * if (ex.code() == ResultCode.RATE_LIMITED) { Thread.sleep(Math.max(1, ex.retryAfterMs())); }
     * }</pre>
     *
     * @return milliseconds, or 0 if the refusal did not say.
     */
    public long retryAfterMs()
    {
        return retryAfterMs;
    }
}
