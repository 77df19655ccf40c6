package io.warden.cli;

import io.warden.client.WardenException;
import io.warden.schema.protocol.ResultCode;

/**
 * What {@code warden} exits with, so scripts can tell outcomes apart.
 */
public final class ExitCodes
{
    /** Done. */
    public static final int OK = 0;
    /**
     * The cluster refused or failed the request (the message says which result code), also when over a quota
     * ({@code QUOTA_EXCEEDED}) or the gateway's rate limit ({@code RATE_LIMITED}): the message names the limit, and
     * trying again later may work.
     */
    public static final int FAILED = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** The key, lock or election does not exist. */
    public static final int NOT_FOUND = 3;
    /** A transaction's compares failed (its else branch ran). */
    public static final int COMPARE_FAILED = 4;
    /** A lock or leadership was not obtained in time. */
    public static final int NOT_ACQUIRED = 5;
    /** No gateway could be reached, or the cluster is unavailable. */
    public static final int UNAVAILABLE = 6;
    /** The session was lost while holding a lock or leadership (the command run under the lock was stopped). */
    public static final int LOST = 7;
    /** Not allowed: a login refused, no permission for the key, lock or election, or no admin permission. */
    public static final int DENIED = 8;

    private ExitCodes()
    {
    }

    /**
     * The exit code for a failure.
     */
    static int of(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof WardenException))
        {
            cause = cause.getCause();
        }
        if (cause instanceof WardenException)
        {
            final ResultCode code = ((WardenException)cause).code();
            if (code == ResultCode.NOT_FOUND)
            {
                return NOT_FOUND;
            }
            if (code == ResultCode.UNAVAILABLE || code == ResultCode.TIMED_OUT)
            {
                return UNAVAILABLE;
            }
            if (code == ResultCode.SESSION_EXPIRED)
            {
                return LOST;
            }
            if (code == ResultCode.PERMISSION_DENIED || code == ResultCode.UNAUTHORISED ||
                code == ResultCode.SESSION_NOT_OWNED)
            {
                return DENIED;
            }
            if (code == ResultCode.QUOTA_EXCEEDED || code == ResultCode.RATE_LIMITED)
            {
                return FAILED;
            }
        }
        return FAILED;
    }
}
