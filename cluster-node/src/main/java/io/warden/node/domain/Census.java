package io.warden.node.domain;

/**
 * How much the state holds, for metrics ({@link WardenStateMachine#census(Census)}): the tables' own sizes and the
 * holders and waiters of the locks in use, filled without walking keys, sessions or history and without a digest,
 * so the service can take one often. Read it on the service thread that filled it.
 * <pre>{@code
 * Census census = new Census();
 * state.census(census);
 * long held = census.lockHolders;
 * }</pre>
 */
public final class Census
{
    /** Live sessions. */
    public long sessions;
    /** Keys. */
    public long keys;
    /** Watch registrations (one per gateway key). */
    public long watches;
    /** Locks in use. */
    public long locks;
    /** Holders summed over the locks in use. */
    public long lockHolders;
    /** Waiters summed over the locks in use. */
    public long lockWaiters;
    /** Elections in use. */
    public long elections;
    /** The state quota in bytes. */
    public long stateQuotaBytes;
}
