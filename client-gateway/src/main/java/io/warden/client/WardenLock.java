package io.warden.client;

import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A distributed lock, exclusive or shared, held by the client's session, with a fencing token on every grant.
 * Waiters queue in FIFO order at the cluster; a release wakes only the next eligible waiter(s).
 * <pre>{@code
 * FenceGuard guard = storage.guard();                     // lives with the resource
 * try (WardenLock lock = new WardenLock(client, "orders"))
 * {
 *     if (lock.tryAcquire(5, TimeUnit.SECONDS))
 *     {
 *         while (moreWork() && lock.isSafe())             // stop at the session's safe time
 *         {
 *             storage.write(lock.fencingToken(), next()); // the resource rejects stale tokens
 *         }
 *     }
 * }                                                      // close releases
 * }</pre>
 * <b>Holding is not enough.</b> While the client is {@link ConnectionState#SUSPENDED} the lock may already be gone
 * (the session can expire at the cluster while this process cannot hear about it), and a paused process can believe
 * it holds a lock long after it lost it. So: stop protected work once {@link #safeUntilNs()} has passed (that is
 * {@link #isSafe()}), and make every write carry {@link #fencingToken()} to a resource that checks it with a
 * {@link FenceGuard} or {@link WardenClient#checkFence}. {@link #isHeld()} turns false when the session is
 * {@link ConnectionState#LOST} or the lock is released.
 * <p>
 * A lock belongs to the session, not to a thread: one {@code WardenLock} per lock name per client; it is not
 * re-entrant. A second instance for the same name in the same client cannot acquire while the first holds (the
 * cluster answers {@code ALREADY_HELD} and this class refuses it). Optional lock-delay: when this holder is lost
 * involuntarily (session expiry), nobody is granted the lock for {@code lockDelayMs}, so a paused holder has time to
 * notice.
 * <p>
 * Thread-safe; blocking methods must not be called from a Warden callback.
 */
public final class WardenLock implements AutoCloseable
{
    private final WardenClient client;
    private final String name;
    private final LockMode mode;
    private final long lockDelayMs;
    private final ConnectionStateListener stateListener = this::onStateChanged;
    private long token;
    private boolean lost;
    private CompletableFuture<LockGrant> pending;

    /**
     * An exclusive lock without lock-delay.
     * <pre>{@code WardenLock lock = new WardenLock(client, "orders"); }</pre>
     *
     * @param client the client whose session holds the lock.
     * @param name   the lock name (1 to 1024 bytes of UTF-8).
     */
    public WardenLock(final WardenClient client, final String name)
    {
        this(client, name, LockMode.EXCLUSIVE, 0);
    }

    /**
     * A lock in the given mode with a lock-delay.
     * <pre>{@code WardenLock lock = new WardenLock(client, "orders", LockMode.EXCLUSIVE, 2_000); }</pre>
     *
     * @param client      the client whose session holds the lock.
     * @param name        the lock name.
     * @param mode        {@link LockMode#EXCLUSIVE} (one holder) or {@link LockMode#SHARED} (many readers).
     * @param lockDelayMs quiet period after this holder is lost involuntarily (0 to 60 000).
     */
    public WardenLock(final WardenClient client, final String name, final LockMode mode, final long lockDelayMs)
    {
        if (WardenClient.checkName(name) != ResultCode.OK)
        {
            throw new IllegalArgumentException("invalid lock name: " + name);
        }
        if (mode == null || mode == LockMode.NULL_VAL)
        {
            throw new IllegalArgumentException("mode must be EXCLUSIVE or SHARED");
        }
        if (lockDelayMs < 0 || lockDelayMs > io.warden.schema.WardenLimits.MAX_LOCK_DELAY_MS)
        {
            throw new IllegalArgumentException("lockDelayMs out of range: " + lockDelayMs);
        }
        this.client = client;
        this.name = name;
        this.mode = mode;
        this.lockDelayMs = lockDelayMs;
        client.addConnectionStateListener(stateListener);
    }

    /**
     * A shared lock (many holders at once, none while an exclusive holder has it).
     * <pre>{@code WardenLock readLock = WardenLock.shared(client, "catalogue"); }</pre>
     *
     * @param client the client.
     * @param name   the lock name.
     * @return the lock.
     */
    public static WardenLock shared(final WardenClient client, final String name)
    {
        return new WardenLock(client, name, LockMode.SHARED, 0);
    }

    /**
     * Acquire asynchronously: completes with the fencing token when granted (at once or later, when the waits ahead
     * end), or fails: {@code LOCK_HELD} for a try-lock that found it held, {@code TIMED_OUT} when the wait ran out,
     * {@code CANCELLED} when withdrawn, {@code SESSION_EXPIRED} when the session was lost. Cancelling the future
     * withdraws the wait (and releases a grant that arrives anyway).
     * <pre>{@code lock.acquireAsync(-1).thenAccept(token -> startWork(token)); }</pre>
     *
     * @param waitTimeoutMs 0 for a try-lock, -1 to wait for ever, else how long to wait at the cluster.
     * @return the fencing token.
     */
    public CompletableFuture<Long> acquireAsync(final long waitTimeoutMs)
    {
        final CompletableFuture<LockGrant> grant;
        synchronized (this)
        {
            if (token != 0 && !lost)
            {
                return CompletableFuture.failedFuture(new IllegalStateException("lock " + name + " already held"));
            }
            if (pending != null && !pending.isDone())
            {
                return CompletableFuture.failedFuture(new IllegalStateException(
                    "an acquire of " + name + " is already waiting"));
            }
            grant = client.acquire(name, mode, waitTimeoutMs, lockDelayMs);
            pending = grant;
        }
        final CompletableFuture<Long> result = grant.thenApply(g ->
        {
            if (g.code == ResultCode.ALREADY_HELD)
            {
                throw new IllegalStateException("lock " + name + " is already held by this session " +
                    "(another WardenLock for it on the same client?)");
            }
            synchronized (this)
            {
                token = g.token;
                lost = false;
            }
            return g.token;
        });
        result.whenComplete((ignore, ex) ->
        {
            if (result.isCancelled() && !grant.cancel(false))
            {
                grant.thenAccept(g ->
                {
                    if (g.code == ResultCode.OK)
                    {
                        client.release(name, g.token);
                    }
                });
            }
        });
        return result;
    }

    /**
     * Acquire, waiting as long as it takes.
     * <pre>{@code long token = lock.acquire(); }</pre>
     *
     * @return the fencing token.
     * @throws WardenException when the wait failed (e.g. {@code SESSION_EXPIRED}).
     */
    public long acquire()
    {
        final CompletableFuture<Long> future = acquireAsync(-1);
        try
        {
            return client.await(future, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final WardenException ex)
        {
            if (!future.cancel(false) && !future.isCompletedExceptionally())
            {
                return future.join();
            }
            throw ex;
        }
    }

    /**
     * Acquire only if free now (a try-lock).
     * <pre>{@code if (lock.tryAcquire()) { ... } }</pre>
     *
     * @return true when acquired.
     */
    public boolean tryAcquire()
    {
        return tryAcquire(0, TimeUnit.MILLISECONDS);
    }

    /**
     * Acquire, waiting at most {@code timeout} in the queue.
     * <pre>{@code if (lock.tryAcquire(5, TimeUnit.SECONDS)) { ... } }</pre>
     *
     * @param timeout how long to wait (0: try-lock).
     * @param unit    unit of {@code timeout}.
     * @return true when acquired; false when the wait timed out or was cancelled.
     * @throws WardenException for other failures (e.g. {@code SESSION_EXPIRED}).
     */
    public boolean tryAcquire(final long timeout, final TimeUnit unit)
    {
        final long waitMs = Math.min(io.warden.schema.WardenLimits.MAX_WAIT_TIMEOUT_MS,
            Math.max(0, unit.toMillis(timeout)));
        final CompletableFuture<Long> future = acquireAsync(waitMs);
        try
        {
            client.await(future, TimeUnit.MILLISECONDS.toNanos(waitMs) + client.context().requestTimeoutNs() +
                TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final WardenException ex)
        {
            if (!future.cancel(false) && !future.isCompletedExceptionally())
            {
                return true;
            }
            switch (ex.code())
            {
                case LOCK_HELD:
                case TIMED_OUT:
                case CANCELLED:
                case NOT_HOLDER:
                    return false;
                default:
                    throw ex;
            }
        }
    }

    /**
     * Release asynchronously. Completes with true when released, false when the lock was no longer held (lost with
     * the session, or already released). A waiting acquire is withdrawn.
     * <pre>{@code lock.releaseAsync().thenRun(() -> log.info("released")); }</pre>
     *
     * @return whether this call released a held lock.
     */
    public CompletableFuture<Boolean> releaseAsync()
    {
        final long held;
        final CompletableFuture<LockGrant> waiting;
        synchronized (this)
        {
            held = lost ? 0 : token;
            token = 0;
            waiting = pending != null && !pending.isDone() ? pending : null;
        }
        if (held == 0)
        {
            if (waiting != null)
            {
                waiting.cancel(false);
                return client.release(name, 0).handle((ok, ex) -> false);
            }
            return CompletableFuture.completedFuture(false);
        }
        return client.release(name, held).handle((ok, ex) ->
        {
            if (ex == null)
            {
                return Boolean.TRUE;
            }
            final Throwable cause = ex instanceof java.util.concurrent.CompletionException ? ex.getCause() : ex;
            if (cause instanceof WardenException)
            {
                final ResultCode code = ((WardenException)cause).code();
                if (code == ResultCode.NOT_HOLDER || code == ResultCode.STALE_FENCE ||
                    code == ResultCode.SESSION_EXPIRED)
                {
                    return Boolean.FALSE;
                }
            }
            throw new java.util.concurrent.CompletionException(cause);
        });
    }

    /**
     * Release, waiting for the cluster's answer.
     * <pre>{@code lock.release(); }</pre>
     *
     * @return true when released, false when it was no longer held.
     */
    public boolean release()
    {
        return client.await(releaseAsync());
    }

    /**
     * The fencing token of the current grant: the log revision at the grant, strictly higher than every earlier
     * grant of this lock. Send it with every write to the protected resource.
     * <pre>{@code storage.write(lock.fencingToken(), data); }</pre>
     *
     * @return the token, or 0 (never a token) when not held.
     */
    public synchronized long fencingToken()
    {
        return lost ? 0 : token;
    }

    /**
     * The session's safe time at the moment of asking ({@link WardenClient#safeUntilNs()}): after it, the holder
     * must stop protected work, because the session (and so the lock) may be gone.
     * <pre>{@code if (System.nanoTime() - lock.safeUntilNs() >= 0) { stop(); } }</pre>
     *
     * @return an instant on {@link System#nanoTime()}'s clock.
     */
    public long safeUntilNs()
    {
        return client.safeUntilNs();
    }

    /**
     * Held, and before the session's safe time: protected work may go on.
     * <pre>{@code while (lock.isSafe()) { step(); } }</pre>
     *
     * @return true when held and safe.
     */
    public boolean isSafe()
    {
        return isHeld() && client.isSafe();
    }

    /**
     * Was the lock granted and not released, with the session not lost? (It may still be gone while the client is
     * suspended: see {@link #isSafe()}.)
     * <pre>{@code if (lock.isHeld()) { ... } }</pre>
     *
     * @return true when held.
     */
    public synchronized boolean isHeld()
    {
        return token != 0 && !lost;
    }

    /**
     * The lock name.
     * <pre>{@code String name = lock.name(); }</pre>
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The lock mode.
     * <pre>{@code boolean shared = lock.mode() == LockMode.SHARED; }</pre>
     *
     * @return the mode.
     */
    public LockMode mode()
    {
        return mode;
    }

    private void onStateChanged(final WardenClient c, final ConnectionState state)
    {
        if (state == ConnectionState.LOST)
        {
            synchronized (this)
            {
                if (token != 0)
                {
                    lost = true;
                }
            }
        }
    }

    /**
     * Release if held (or withdraw a waiting acquire), and stop listening to the client.
     * <pre>{@code try (WardenLock lock = new WardenLock(client, "x")) { ... } }</pre>
     */
    public void close()
    {
        client.removeConnectionStateListener(stateListener);
        final boolean active;
        synchronized (this)
        {
            active = (token != 0 && !lost) || (pending != null && !pending.isDone());
        }
        if (active && !client.isClosed())
        {
            try
            {
                release();
            }
            catch (final WardenException ex)
            {
                // the session or client is going away; the cluster releases the lock with the session
            }
        }
    }

    @Override
    public synchronized String toString()
    {
        return "WardenLock{name=" + name + ", mode=" + mode + ", token=" + token + ", lost=" + lost + '}';
    }
}
