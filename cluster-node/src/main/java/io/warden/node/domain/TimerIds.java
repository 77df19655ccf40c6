package io.warden.node.domain;

/**
 * Timer correlation ids derived from state, never from closures: the top byte says what the timer is for, the rest is
 * the id of the thing it belongs to. The same state always asks for the same ids.
 */
public final class TimerIds
{
    /** Session expiry check; id = session id. */
    public static final int SESSION_EXPIRY = 1;
    /** End of a lock wait; id = waiter id. */
    public static final int LOCK_WAIT = 2;
    /** End of a lock-delay; id = lock id. */
    public static final int LOCK_DELAY = 3;
    /** End of a candidacy wait (elections never set one today; kept apart from lock ids). */
    public static final int ELECTION_WAIT = 4;
    /** End of an election's delay (unused today; kept apart from lock ids). */
    public static final int ELECTION_DELAY = 5;

    private static final int KIND_SHIFT = 56;
    private static final long ID_MASK = (1L << KIND_SHIFT) - 1;

    private TimerIds()
    {
    }

    public static long timerId(final int kind, final long id)
    {
        return ((long)kind << KIND_SHIFT) | (id & ID_MASK);
    }

    public static int kindOf(final long timerId)
    {
        return (int)(timerId >>> KIND_SHIFT);
    }

    public static long idOf(final long timerId)
    {
        return timerId & ID_MASK;
    }
}
