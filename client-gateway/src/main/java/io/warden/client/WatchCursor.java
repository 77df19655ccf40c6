package io.warden.client;

/**
 * Where a watch stands, so it can be re-created on another connection without gaps or duplicates. Several events
 * may share a revision (one transaction changing several keys), and a connection can die in the middle of them, so
 * the cursor remembers the last revision delivered <em>and</em> how many of its events were delivered. A resume
 * starts at that revision when some of its events were delivered (and drops that many of its events, which the node
 * and gateway replay in the same order), or at the next revision when it was complete.
 * <pre>
 *   register(from 0) -> OK(revision r): last = r, complete
 *   event @e > last: deliver; last = e, count = 1
 *   event @e == last: drop when last is complete (count 0) or while replaying delivered ones, else count++
 *   event @e < last: duplicate, drop
 *   progress(p > last): last = p, complete
 * </pre>
 * Thread: the client agent only.
 */
final class WatchCursor
{
    private static final long UNKNOWN = -1;

    private long lastRevision;
    private int deliveredAtLast;
    private int toSkip;

    /**
     * A watch that starts at {@code fromRevision} (0: from "now", learnt when the registration is answered).
     */
    WatchCursor(final long fromRevision)
    {
        if (fromRevision < 0)
        {
            throw new IllegalArgumentException("fromRevision must be >= 0: " + fromRevision);
        }
        lastRevision = fromRevision == 0 ? UNKNOWN : fromRevision - 1;
    }

    /**
     * The start revision to ask for when (re-)registering: 0 while "now" is not yet known.
     */
    long startRevision()
    {
        if (lastRevision == UNKNOWN)
        {
            return 0;
        }
        return deliveredAtLast > 0 ? lastRevision : lastRevision + 1;
    }

    /**
     * A registration is being sent: events at the last revision that were delivered will be replayed first.
     */
    void onRegistering()
    {
        toSkip = lastRevision == UNKNOWN ? 0 : deliveredAtLast;
    }

    /**
     * The registration was answered OK; {@code revision} is the current revision (events after it are delivered).
     */
    void onRegistered(final long revision)
    {
        if (lastRevision == UNKNOWN)
        {
            lastRevision = revision;
            deliveredAtLast = 0;
            toSkip = 0;
        }
    }

    /**
     * Should the event at {@code revision} be delivered? Updates the cursor when it should.
     */
    boolean accept(final long revision)
    {
        if (lastRevision == UNKNOWN || revision > lastRevision)
        {
            lastRevision = revision;
            deliveredAtLast = 1;
            toSkip = 0;
            return true;
        }
        if (revision < lastRevision || deliveredAtLast == 0)
        {
            return false;
        }
        if (toSkip > 0)
        {
            toSkip--;
            return false;
        }
        deliveredAtLast++;
        return true;
    }

    /**
     * Every change up to {@code revision} has been delivered to this watch.
     */
    void onProgress(final long revision)
    {
        if (lastRevision != UNKNOWN && revision > lastRevision)
        {
            lastRevision = revision;
            deliveredAtLast = 0;
            toSkip = 0;
        }
    }

    /**
     * The revision of the last event delivered or progress seen, -1 when not known yet.
     */
    long lastRevision()
    {
        return lastRevision;
    }

    int deliveredAtLast()
    {
        return deliveredAtLast;
    }
}
