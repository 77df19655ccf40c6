package io.warden.client;

import io.warden.schema.WardenLimits;
import org.agrona.collections.LongHashSet;

/**
 * The {@code requestSeq} and {@code ackedSeq} of one session's mutations. Sequences are handed out rising from 1;
 * {@link #ackedSeq()} is the highest sequence at or below which every answer has arrived (what the node may forget).
 * Answers may arrive in any order. The window of sequences above {@code ackedSeq} is bounded by
 * {@link WardenLimits#MAX_UNACKNOWLEDGED_PER_SESSION}, the number of unacknowledged answers the node keeps per
 * session: beyond it the node would refuse with {@code LIMIT_EXCEEDED}, so the client holds mutations back instead.
 * <p>
 * Thread: the client agent only.
 */
final class SequenceTracker
{
    private final int window;
    private final LongHashSet unanswered = new LongHashSet();
    private long nextSeq = 1;
    private long lowestUnanswered = 1;

    SequenceTracker()
    {
        this(WardenLimits.MAX_UNACKNOWLEDGED_PER_SESSION);
    }

    SequenceTracker(final int window)
    {
        if (window < 1)
        {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.window = window;
    }

    /**
     * May another sequence be handed out without the node refusing it for too many unacknowledged answers?
     */
    boolean canIssue()
    {
        return (nextSeq - 1) - ackedSeq() < window;
    }

    /**
     * Hand out the next sequence; it stays unanswered until {@link #answered(long)}.
     */
    long next()
    {
        final long seq = nextSeq++;
        unanswered.add(seq);
        return seq;
    }

    /**
     * An answer for {@code seq} arrived (or the request was given up before it was sent). Repeats are ignored.
     */
    void answered(final long seq)
    {
        if (!unanswered.remove(seq))
        {
            return;
        }
        while (lowestUnanswered < nextSeq && !unanswered.contains(lowestUnanswered))
        {
            lowestUnanswered++;
        }
    }

    /**
     * Every sequence at or below this has been answered.
     */
    long ackedSeq()
    {
        return lowestUnanswered - 1;
    }

    /**
     * Is {@code seq} handed out and not yet answered?
     */
    boolean isUnanswered(final long seq)
    {
        return unanswered.contains(seq);
    }

    int unansweredCount()
    {
        return unanswered.size();
    }

    /**
     * The last sequence handed out, 0 if none.
     */
    long lastIssued()
    {
        return nextSeq - 1;
    }

    /**
     * Start again for a new session.
     */
    void reset()
    {
        unanswered.clear();
        nextSeq = 1;
        lowestUnanswered = 1;
    }
}
