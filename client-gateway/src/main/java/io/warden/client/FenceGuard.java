package io.warden.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The check a downstream resource (a database, a file store, a queue) makes so that a stale lock holder cannot harm
 * it: remember the highest fencing token accepted, and refuse any request carrying a lower one.
 * <p>
 * <b>Why fencing matters.</b> A lock service can only promise that it does not grant a lock to two clients <em>at
 * the same time as it sees it</em>. A holder can be paused (GC, VM migration, a slow disk, a network partition)
 * after it last checked the lock, while its session expires and the lock passes to someone else; when the holder
 * wakes up it still believes it holds the lock and writes. No lease or timeout closes that window on its own,
 * because the pause can happen between the check and the write (Martin Kleppmann, "How to do distributed locking",
 * 2016). The fix is a fencing token: every grant carries a number that strictly rises with each grant (in Warden, the
 * log revision of the grant, also the term of an election), every write to the resource carries the token, and the
 * resource rejects a token lower than one it has already seen. The stale holder's write then fails however late it
 * arrives. Jepsen's analysis of etcd 3.4.3 (2020) showed that etcd locks without such checks are unsafe under
 * process pauses and recommended exactly this; Chubby calls the token a sequencer and checks it with
 * {@code CheckSequencer} (Warden: {@link WardenClient#checkFence}).
 * <p>
 * One guard per protected resource (or per key of a resource), living next to the resource, not in the lock
 * client. {@link #admit(long)} is atomic and lock-free: a token at least as high as every token admitted before is
 * accepted (equal tokens, the same holder writing again, are accepted), a lower one is refused, and so is a token
 * of 0 or less: that is what {@link WardenLock#fencingToken()} and {@link LeaderElection#term()} answer when nothing
 * is held, and a grant's token (a log revision) is always at least 1.
 * <pre>{@code
 * // in the storage service
 * private final FenceGuard guard = new FenceGuard();
 *
 * void write(long fencingToken, byte[] data)
 * {
 *     if (!guard.admit(fencingToken))
 *     {
 *         throw new IllegalStateException("stale fencing token " + fencingToken + " < " + guard.highest());
 *     }
 *     store(data);
 * }
 *
 * // in the lock holder
 * try (WardenLock lock = new WardenLock(client, "orders"))
 * {
 *     lock.acquire();
 *     storage.write(lock.fencingToken(), data);
 * }
 * }</pre>
 * Admission and the protected write must be one atomic step for the resource (as above when the resource applies
 * writes in admission order, e.g. under its own lock or on one thread); otherwise check again at commit.
 */
public final class FenceGuard
{
    private final AtomicLong highest;

    /**
     * A guard that has admitted nothing yet (every positive token is accepted first).
     * <pre>{@code FenceGuard guard = new FenceGuard(); }</pre>
     */
    public FenceGuard()
    {
        this(0);
    }

    /**
     * A guard that starts from a token already accepted (e.g. persisted with the resource).
     * <pre>{@code FenceGuard guard = new FenceGuard(loadHighestTokenFromDisk()); }</pre>
     *
     * @param highestAccepted the highest token accepted before.
     */
    public FenceGuard(final long highestAccepted)
    {
        this.highest = new AtomicLong(highestAccepted);
    }

    /**
     * Accept the token if it is positive and at least as high as every token accepted before, and remember it.
     * Atomic.
     * <pre>{@code if (!guard.admit(token)) { reject(); } }</pre>
     *
     * @param token the fencing token carried by the request.
     * @return true when accepted; false when a higher token was accepted before (the caller is a stale holder) or
     * the token is no token at all (0 or less: the caller holds nothing).
     */
    public boolean admit(final long token)
    {
        // Without this a guard that has admitted nothing yet would let in a caller that holds nothing: 0 equals
        // its starting point.
        if (token <= 0)
        {
            return false;
        }
        while (true)
        {
            final long current = highest.get();
            if (token < current)
            {
                return false;
            }
            if (token == current || highest.compareAndSet(current, token))
            {
                return true;
            }
        }
    }

    /**
     * Would the token be accepted now? A check only: nothing is remembered.
     * <pre>{@code boolean fresh = guard.wouldAdmit(token); }</pre>
     *
     * @param token the fencing token.
     * @return true when {@code token > 0} and {@code token >= highest()}.
     */
    public boolean wouldAdmit(final long token)
    {
        return token > 0 && token >= highest.get();
    }

    /**
     * The highest token accepted so far.
     * <pre>{@code persist(guard.highest()); }</pre>
     *
     * @return the token, 0 if none.
     */
    public long highest()
    {
        return highest.get();
    }

    @Override
    public String toString()
    {
        return "FenceGuard{highest=" + highest.get() + '}';
    }
}
