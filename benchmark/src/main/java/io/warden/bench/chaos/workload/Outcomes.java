package io.warden.bench.chaos.workload;

import io.warden.bench.chaos.history.Outcome;
import io.warden.client.WardenException;
import io.warden.schema.protocol.ResultCode;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a failed client call is recorded. A read that failed changed nothing: {@link Outcome#FAIL}. A mutation that
 * failed is {@link Outcome#UNKNOWN} (it may have been applied before its answer was lost, and a retry may then be
 * refused, for example with {@code SESSION_EXPIRED}), unless the code says it was refused before it could reach
 * the log: a malformed or invalid request, or a limit.
 */
public final class Outcomes
{
    /** Codes that prove a request never reached the log. */
    public static final Set<ResultCode> NEVER_APPLIED = EnumSet.of(
        ResultCode.INVALID_KEY,
        ResultCode.INVALID_ARGUMENT,
        ResultCode.RESERVED_KEY,
        ResultCode.KEY_TOO_LONG,
        ResultCode.VALUE_TOO_LARGE,
        ResultCode.LIMIT_EXCEEDED,
        ResultCode.UNAUTHORISED,
        ResultCode.MALFORMED,
        ResultCode.UNKNOWN_MESSAGE,
        ResultCode.UNSUPPORTED_VERSION);

    private Outcomes()
    {
    }

    /**
     * The result code of a failure.
     *
     * @param failure what the client threw or completed a future with.
     * @return its code, or null when it is not a {@link WardenException}.
     */
    public static ResultCode codeOf(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause instanceof CompletionException || cause instanceof ExecutionException)
        {
            if (null == cause.getCause())
            {
                break;
            }
            cause = cause.getCause();
        }
        return cause instanceof WardenException ? ((WardenException)cause).code() : null;
    }

    /**
     * The outcome of a failed mutation.
     *
     * @param failure the failure.
     * @return FAIL when it cannot have been applied, else UNKNOWN.
     */
    public static Outcome ofFailedMutation(final Throwable failure)
    {
        final ResultCode code = codeOf(failure);
        return null != code && NEVER_APPLIED.contains(code) ? Outcome.FAIL : Outcome.UNKNOWN;
    }
}
