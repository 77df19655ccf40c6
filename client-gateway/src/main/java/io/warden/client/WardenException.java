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
 */
public final class WardenException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ResultCode code;
    private final String detail;

    /**
     * A failure with a code and a message.
     * <pre>{@code throw new WardenException(ResultCode.TIMED_OUT, "no lock within 5 s"); }</pre>
     *
     * @param code    the protocol result code.
     * @param message what happened, for humans.
     */
    public WardenException(final ResultCode code, final String message)
    {
        super(code + ": " + message);
        this.code = code;
        this.detail = message;
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
     * The message without the code.
     * <pre>{@code log.warn("{} ({})", ex.detail(), ex.code()); }</pre>
     *
     * @return the detail.
     */
    public String detail()
    {
        return detail;
    }
}
