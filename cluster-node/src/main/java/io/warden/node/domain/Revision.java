package io.warden.node.domain;

/**
 * The one 64-bit revision counter. A command that changes anything a client can observe (a key, a lock grant, an
 * election) takes exactly one new revision, however many changes it makes; it is the version of keys, the order of
 * watch events and the fencing token of grants.
 */
public final class Revision
{
    private long current;
    private boolean stamped;

    /**
     * The latest revision taken.
     */
    public long current()
    {
        return current;
    }

    /**
     * Start a command: its first {@link #stamp()} takes a new revision.
     */
    public void beginCommand()
    {
        stamped = false;
    }

    /**
     * The revision of the command being applied, taking a new one on first use.
     */
    public long stamp()
    {
        if (!stamped)
        {
            current++;
            stamped = true;
        }
        return current;
    }

    /**
     * Has the current command taken a revision?
     */
    public boolean isStamped()
    {
        return stamped;
    }

    /**
     * Restore from a snapshot.
     */
    public void restore(final long revision)
    {
        current = revision;
        stamped = false;
    }
}
