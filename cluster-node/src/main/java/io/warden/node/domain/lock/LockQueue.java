package io.warden.node.domain.lock;

import io.warden.node.domain.Key;
import io.warden.schema.protocol.LockMode;

import java.util.ArrayList;

/**
 * A lock: who holds it (one exclusive holder or several shared ones), who waits in FIFO order, and until when it is
 * held back by lock-delay.
 */
public final class LockQueue
{
    final Key name;
    long lockId;
    final ArrayList<LockClaim> holders = new ArrayList<>(1);
    final ArrayList<LockClaim> waiters = new ArrayList<>(0);
    long delayUntilMs;
    /** Idle and invisible: kept (with its name and map entry) only so that taking it again allocates nothing. */
    boolean dormant;
    /** Listed in the table's dormant order (at most once). */
    boolean inDormantOrder;

    LockQueue(final Key name, final long lockId)
    {
        this.name = name;
        this.lockId = lockId;
    }

    public Key name()
    {
        return name;
    }

    public long lockId()
    {
        return lockId;
    }

    public int holderCount()
    {
        return holders.size();
    }

    public LockClaim holder(final int index)
    {
        return holders.get(index);
    }

    public int waiterCount()
    {
        return waiters.size();
    }

    public LockClaim waiter(final int index)
    {
        return waiters.get(index);
    }

    /**
     * Cluster time until which nobody is granted the lock; 0 or past means no delay.
     */
    public long delayUntilMs()
    {
        return delayUntilMs;
    }

    long delayRemainingMs(final long nowMs)
    {
        return Math.max(0, delayUntilMs - nowMs);
    }

    boolean isIdle(final long nowMs)
    {
        return holders.isEmpty() && waiters.isEmpty() && delayUntilMs <= nowMs;
    }

    /**
     * Could a claim in this mode be granted next to the current holders?
     */
    boolean isCompatible(final LockMode mode)
    {
        if (holders.isEmpty())
        {
            return true;
        }
        return mode == LockMode.SHARED && holders.get(0).mode == LockMode.SHARED;
    }

    /**
     * The claim (held or queued) of a session, or null.
     */
    LockClaim claimOf(final long sessionId)
    {
        for (int i = 0, n = holders.size(); i < n; i++)
        {
            if (holders.get(i).sessionId == sessionId)
            {
                return holders.get(i);
            }
        }
        for (int i = 0, n = waiters.size(); i < n; i++)
        {
            if (waiters.get(i).sessionId == sessionId)
            {
                return waiters.get(i);
            }
        }
        return null;
    }

    /**
     * Is this token the token of a current holder?
     */
    boolean isCurrentToken(final long token)
    {
        for (int i = 0, n = holders.size(); i < n; i++)
        {
            if (holders.get(i).token == token)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString()
    {
        return "LockQueue{" + name + ", id=" + lockId + ", holders=" + holders + ", waiters=" + waiters +
            ", delayUntil=" + delayUntilMs + '}';
    }
}
