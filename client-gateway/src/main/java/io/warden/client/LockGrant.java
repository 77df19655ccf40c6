package io.warden.client;

import io.warden.schema.protocol.ResultCode;

/**
 * A lock (or leadership) granted to this client's session: the fencing token and how it was answered ({@code OK}
 * for a new grant, {@code ALREADY_HELD} when the session already held it).
 * <p>
 * Thread: immutable.
 */
final class LockGrant
{
    final long token;
    final ResultCode code;

    LockGrant(final long token, final ResultCode code)
    {
        this.token = token;
        this.code = code;
    }

    @Override
    public String toString()
    {
        return "LockGrant{token=" + token + ", code=" + code + '}';
    }
}
