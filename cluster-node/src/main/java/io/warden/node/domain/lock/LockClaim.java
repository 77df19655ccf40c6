package io.warden.node.domain.lock;

import io.warden.schema.protocol.LockMode;

/**
 * One session's claim on a lock: queued while {@link #token()} is 0, held once granted. The lock table reuses a claim
 * once it has ended (released, withdrawn, timed out), so read a claim during the command that hands it out and keep no
 * reference.
 */
public final class LockClaim
{
    long claimId;
    long sessionId;
    long requestSeq;
    LockMode mode;
    long lockDelayMs;
    long sinceMs;
    long deadlineMs;
    long token;
    byte[] value;
    LockQueue lock;

    LockClaim()
    {
    }

    /**
     * Fill a new or spare claim (the lock table reuses claims that ended).
     */
    LockClaim set(
        final long claimId,
        final long sessionId,
        final long requestSeq,
        final LockMode mode,
        final long lockDelayMs,
        final long sinceMs,
        final long deadlineMs,
        final long token,
        final byte[] value)
    {
        this.claimId = claimId;
        this.sessionId = sessionId;
        this.requestSeq = requestSeq;
        this.mode = mode;
        this.lockDelayMs = lockDelayMs;
        this.sinceMs = sinceMs;
        this.deadlineMs = deadlineMs;
        this.token = token;
        this.value = value;
        this.lock = null;
        return this;
    }

    public long claimId()
    {
        return claimId;
    }

    public long sessionId()
    {
        return sessionId;
    }

    /**
     * Sequence of the request that made this claim (the Acquire or Campaign).
     */
    public long requestSeq()
    {
        return requestSeq;
    }

    public LockMode mode()
    {
        return mode;
    }

    public long lockDelayMs()
    {
        return lockDelayMs;
    }

    /**
     * When it was queued, or when it was granted once held.
     */
    public long sinceMs()
    {
        return sinceMs;
    }

    /**
     * When a queued claim gives up, or -1 for never.
     */
    public long deadlineMs()
    {
        return deadlineMs;
    }

    /**
     * Fencing token of the grant; 0 while queued.
     */
    public long token()
    {
        return token;
    }

    public boolean isHeld()
    {
        return token != 0;
    }

    /**
     * The candidate's value (elections); empty for locks.
     */
    public byte[] value()
    {
        return value;
    }

    /**
     * Replace the candidate's value (an election leader's proclaim).
     */
    public void value(final byte[] value)
    {
        this.value = value;
    }

    public LockQueue lock()
    {
        return lock;
    }

    @Override
    public String toString()
    {
        return "LockClaim{id=" + claimId + ", session=" + sessionId + ", seq=" + requestSeq + ", " + mode +
            ", token=" + token + ", since=" + sinceMs + ", deadline=" + deadlineMs + '}';
    }
}
