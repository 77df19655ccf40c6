package io.warden.node.domain.lock;

import io.warden.schema.protocol.ResultCode;

/**
 * The immediate answer to a lock operation; reused.
 */
public final class LockAnswer
{
    ResultCode code;
    long token;
    long delayRemainingMs;

    LockAnswer set(final ResultCode code, final long token, final long delayRemainingMs)
    {
        this.code = code;
        this.token = token;
        this.delayRemainingMs = delayRemainingMs;
        return this;
    }

    public ResultCode code()
    {
        return code;
    }

    public long token()
    {
        return token;
    }

    public long delayRemainingMs()
    {
        return delayRemainingMs;
    }
}
