package io.warden.node.domain.lock;

import io.warden.node.domain.Key;
import io.warden.node.domain.QuotaCheck;
import io.warden.node.domain.ReplicatedLimits;
import io.warden.node.domain.Revision;
import io.warden.node.domain.StateBudget;
import io.warden.node.domain.TimerIds;
import io.warden.node.domain.port.Timers;
import io.warden.schema.KeyRules;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * All locks of one namespace (user locks, or elections): FIFO queues by name, grants with fencing tokens, wait
 * deadlines and lock-delay by timers whose ids come from state.
 * <p>
 * Grant rule: the head of the queue is granted when it is compatible with the holders (shared with shared) and no
 * lock-delay is running; then the next, and so on, stopping at the first that is not. Nobody overtakes, so writers are
 * not starved by a stream of readers.
 * <p>
 * Steady state allocates nothing: a lock nobody holds, waits for or delays becomes dormant (invisible to every query,
 * snapshot and digest, exactly as if removed; up to {@value #MAX_DORMANT_LOCKS} are kept, oldest dropped first) and is
 * woken with a new lock id when taken again; ended claims are reused.
 */
public final class LockTable
{
    /** Idle locks kept for reuse, at most. */
    static final int MAX_DORMANT_LOCKS = 1024;
    private static final int MAX_SPARE_CLAIMS = 1024;

    /** Every lock by name, dormant ones included (they are skipped by every query). */
    private final TreeMap<Key, LockQueue> byName = new TreeMap<>();
    private final Long2ObjectHashMap<LockQueue> byId = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<LockClaim> queuedById = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<ArrayList<Key>> namesBySession = new Long2ObjectHashMap<>();
    private final ArrayDeque<LockQueue> dormantOrder = new ArrayDeque<>();
    private final ArrayList<LockClaim> spareClaims = new ArrayList<>();
    private int dormantCount;
    private final Revision revision;
    private final ReplicatedLimits limits;
    private final StateBudget budget;
    private final Timers timers;
    private final ClaimListener listener;
    private final int waitTimerKind;
    private final int delayTimerKind;
    private final LockAnswer answer = new LockAnswer();
    private final ArrayList<LockClaim> scratch = new ArrayList<>();
    private long nextLockId = 1;
    private long nextClaimId = 1;

    public LockTable(
        final Revision revision,
        final ReplicatedLimits limits,
        final StateBudget budget,
        final Timers timers,
        final ClaimListener listener,
        final int waitTimerKind,
        final int delayTimerKind)
    {
        this.revision = revision;
        this.limits = limits;
        this.budget = budget;
        this.timers = timers;
        this.listener = listener;
        this.waitTimerKind = waitTimerKind;
        this.delayTimerKind = delayTimerKind;
    }

    public int size()
    {
        return byName.size() - dormantCount;
    }

    public LockQueue get(final Key name)
    {
        return live(byName.get(name));
    }

    private static LockQueue live(final LockQueue lock)
    {
        return lock == null || lock.dormant ? null : lock;
    }

    /**
     * Check an acquire without changing anything.
     *
     * @return OK, a name code, INVALID_ARGUMENT, or QUOTA_EXCEEDED (the session's lock cap; {@code check} says which).
     */
    public ResultCode checkAcquire(
        final long sessionId,
        final Key name,
        final LockMode mode,
        final long waitTimeoutMs,
        final long lockDelayMs,
        final QuotaCheck check)
    {
        final ResultCode nameCode = KeyRules.checkName(name.bytes(), name.length());
        if (nameCode != ResultCode.OK)
        {
            return nameCode;
        }
        if (mode == null || mode == LockMode.NULL_VAL || waitTimeoutMs < -1 ||
            waitTimeoutMs > WardenLimits.MAX_WAIT_TIMEOUT_MS || lockDelayMs < 0 ||
            lockDelayMs > WardenLimits.MAX_LOCK_DELAY_MS)
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        final ArrayList<Key> names = namesBySession.get(sessionId);
        if (names != null && names.size() >= limits.maxLocksPerSession() &&
            Collections.binarySearch(names, name) < 0)
        {
            check.refuse(QuotaCheck.Limit.SESSION_LOCKS, sessionId, limits.maxLocksPerSession(), names.size(), 1);
            return ResultCode.QUOTA_EXCEEDED;
        }
        return ResultCode.OK;
    }

    /**
     * Accounted growth of a new claim on this lock (and of the lock itself when nobody has it now).
     */
    public long acquireGrowth(final Key name, final int valueLength)
    {
        return (get(name) == null ? StateBudget.lockBytes(name.length()) : 0) + StateBudget.claimBytes(valueLength);
    }

    /**
     * Replace the value of a claim (an election leader's proclaim), keeping the accounting right.
     */
    public void revalue(final LockClaim claim, final byte[] value)
    {
        budget.add(StateBudget.claimBytes(value.length) - StateBudget.claimBytes(claim.value().length));
        claim.value(value);
    }

    /**
     * Acquire now, or queue, or (try-lock) refuse. Call {@link #checkAcquire} first.
     *
     * @return OK with a token (granted now), QUEUED, LOCK_HELD (try-lock refused), ALREADY_HELD with the token, or
     * ALREADY_QUEUED; with the lock-delay remaining.
     */
    public LockAnswer acquire(
        final long sessionId,
        final long requestSeq,
        final Key name,
        final LockMode mode,
        final long waitTimeoutMs,
        final long lockDelayMs,
        final byte[] value,
        final long nowMs)
    {
        LockQueue lock = byName.get(name);
        if (lock != null && !lock.dormant)
        {
            final LockClaim existing = lock.claimOf(sessionId);
            if (existing != null)
            {
                return existing.isHeld() ?
                    answer.set(ResultCode.ALREADY_HELD, existing.token, 0) :
                    answer.set(ResultCode.ALREADY_QUEUED, 0, lock.delayRemainingMs(nowMs));
            }
            final boolean grantable = lock.waiters.isEmpty() && lock.delayUntilMs <= nowMs && lock.isCompatible(mode);
            if (!grantable && waitTimeoutMs == 0)
            {
                return answer.set(ResultCode.LOCK_HELD, 0, lock.delayRemainingMs(nowMs));
            }
            if (!grantable)
            {
                final long deadlineMs = waitTimeoutMs < 0 ? -1 : nowMs + waitTimeoutMs;
                final LockClaim claim = newClaim()
                    .set(nextClaimId++, sessionId, requestSeq, mode, lockDelayMs, nowMs, deadlineMs, 0, value);
                claim.lock = lock;
                budget.add(StateBudget.claimBytes(value.length));
                lock.waiters.add(claim);
                queuedById.put(claim.claimId, claim);
                addName(sessionId, lock.name);
                if (deadlineMs >= 0)
                {
                    timers.schedule(TimerIds.timerId(waitTimerKind, claim.claimId), deadlineMs);
                }
                return answer.set(ResultCode.QUEUED, 0, lock.delayRemainingMs(nowMs));
            }
        }
        else if (lock != null)
        {
            wake(lock);
        }
        else
        {
            lock = new LockQueue(name.copy(), nextLockId++);
            byName.put(lock.name, lock);
            byId.put(lock.lockId, lock);
            budget.add(StateBudget.lockBytes(lock.name.length()));
        }
        final long token = revision.stamp();
        final LockClaim claim =
            newClaim().set(nextClaimId++, sessionId, requestSeq, mode, lockDelayMs, nowMs, -1, token, value);
        claim.lock = lock;
        budget.add(StateBudget.claimBytes(value.length));
        lock.holders.add(claim);
        addName(sessionId, lock.name);
        return answer.set(ResultCode.OK, token, 0);
    }

    /**
     * Release a held lock by its token, or (token 0) withdraw a queued claim.
     *
     * @return OK, NOT_HOLDER (no claim of this session), or STALE_FENCE (the session holds it under another token).
     */
    public ResultCode release(final long sessionId, final long token, final Key name, final long nowMs)
    {
        final LockQueue lock = get(name);
        final LockClaim claim = lock == null ? null : lock.claimOf(sessionId);
        if (claim == null)
        {
            return ResultCode.NOT_HOLDER;
        }
        if (claim.isHeld())
        {
            if (claim.token != token)
            {
                return ResultCode.STALE_FENCE;
            }
            lock.holders.remove(claim);
        }
        else
        {
            if (token != 0)
            {
                return ResultCode.NOT_HOLDER;
            }
            removeWaiter(claim);
            listener.onWaitEnded(lock, claim, ResultCode.CANCELLED);
        }
        removeName(sessionId, lock.name);
        recycle(claim);
        grantEligible(lock, nowMs);
        removeIfIdle(lock, nowMs);
        return ResultCode.OK;
    }

    /**
     * Is the token the current holder's (Chubby's CheckSequencer)?
     */
    public ResultCode checkFence(final Key name, final long token)
    {
        final LockQueue lock = get(name);
        return lock != null && token != 0 && lock.isCurrentToken(token) ? ResultCode.OK : ResultCode.STALE_FENCE;
    }

    /**
     * Where does a session stand on a lock: OK with the token (holds), QUEUED, or NOT_HOLDER.
     */
    public LockAnswer status(final long sessionId, final Key name, final long nowMs)
    {
        final LockQueue lock = get(name);
        final LockClaim claim = lock == null ? null : lock.claimOf(sessionId);
        if (claim == null)
        {
            return answer.set(ResultCode.NOT_HOLDER, 0, 0);
        }
        return claim.isHeld() ?
            answer.set(ResultCode.OK, claim.token, 0) :
            answer.set(ResultCode.QUEUED, 0, lock.delayRemainingMs(nowMs));
    }

    /**
     * The claim a session holds on a lock, or null.
     */
    public LockClaim heldBy(final long sessionId, final Key name)
    {
        final LockQueue lock = get(name);
        final LockClaim claim = lock == null ? null : lock.claimOf(sessionId);
        return claim != null && claim.isHeld() ? claim : null;
    }

    /**
     * Names of the locks a session holds or waits for, in name order, or null. Do not modify.
     */
    public List<Key> namesOf(final long sessionId)
    {
        return namesBySession.get(sessionId);
    }

    /**
     * Drop every claim of a session that has ended, in name order. Held locks lost this way start their holder's
     * lock-delay when {@code involuntary}. Queued claims go silently: their session is gone.
     */
    public void releaseAllOf(final long sessionId, final boolean involuntary, final long nowMs)
    {
        final ArrayList<Key> names = namesBySession.remove(sessionId);
        if (names == null)
        {
            return;
        }
        for (int i = 0, n = names.size(); i < n; i++)
        {
            final LockQueue lock = byName.get(names.get(i));
            final LockClaim claim = lock.claimOf(sessionId);
            if (claim.isHeld())
            {
                lock.holders.remove(claim);
                if (involuntary && claim.lockDelayMs > 0)
                {
                    final long until = nowMs + claim.lockDelayMs;
                    if (until > lock.delayUntilMs)
                    {
                        lock.delayUntilMs = until;
                        timers.schedule(TimerIds.timerId(delayTimerKind, lock.lockId), until);
                    }
                }
            }
            else
            {
                removeWaiter(claim);
            }
            recycle(claim);
            grantEligible(lock, nowMs);
            removeIfIdle(lock, nowMs);
        }
    }

    /**
     * Schedule every wait-deadline and lock-delay timer again (the lease clock's offset changed), in lock name order.
     */
    public void rearmTimers(final long nowMs)
    {
        for (final LockQueue lock : byName.values())
        {
            if (lock.dormant)
            {
                continue;
            }
            if (lock.delayUntilMs > nowMs)
            {
                timers.schedule(TimerIds.timerId(delayTimerKind, lock.lockId), lock.delayUntilMs);
            }
            for (int i = 0, n = lock.waiters.size(); i < n; i++)
            {
                final LockClaim claim = lock.waiters.get(i);
                if (claim.deadlineMs >= 0)
                {
                    timers.schedule(TimerIds.timerId(waitTimerKind, claim.claimId), claim.deadlineMs);
                }
            }
        }
    }

    /**
     * A wait deadline passed.
     */
    public void onWaitTimer(final long claimId, final long nowMs)
    {
        final LockClaim claim = queuedById.get(claimId);
        if (claim == null || claim.deadlineMs < 0)
        {
            return;
        }
        if (claim.deadlineMs > nowMs)
        {
            timers.schedule(TimerIds.timerId(waitTimerKind, claimId), claim.deadlineMs);
            return;
        }
        final LockQueue lock = claim.lock;
        timeOut(claim);
        grantEligible(lock, nowMs);
        removeIfIdle(lock, nowMs);
    }

    private void timeOut(final LockClaim claim)
    {
        final LockQueue lock = claim.lock;
        queuedById.remove(claim.claimId);
        lock.waiters.remove(claim);
        removeName(claim.sessionId, lock.name);
        listener.onWaitEnded(lock, claim, ResultCode.TIMED_OUT);
        recycle(claim);
    }

    /**
     * A lock-delay ended.
     */
    public void onDelayTimer(final long lockId, final long nowMs)
    {
        final LockQueue lock = byId.get(lockId);
        if (lock == null)
        {
            return;
        }
        if (lock.delayUntilMs > nowMs)
        {
            timers.schedule(TimerIds.timerId(delayTimerKind, lockId), lock.delayUntilMs);
            return;
        }
        lock.delayUntilMs = 0;
        grantEligible(lock, nowMs);
        removeIfIdle(lock, nowMs);
    }

    private void grantEligible(final LockQueue lock, final long nowMs)
    {
        if (lock.delayUntilMs > nowMs)
        {
            return;
        }
        scratch.clear();
        while (!lock.waiters.isEmpty())
        {
            final LockClaim head = lock.waiters.get(0);
            if (head.deadlineMs >= 0 && head.deadlineMs <= nowMs)
            {
                timers.cancel(TimerIds.timerId(waitTimerKind, head.claimId));
                timeOut(head);
                continue;
            }
            if (!lock.isCompatible(head.mode))
            {
                break;
            }
            final LockClaim claim = lock.waiters.remove(0);
            queuedById.remove(claim.claimId);
            if (claim.deadlineMs >= 0)
            {
                timers.cancel(TimerIds.timerId(waitTimerKind, claim.claimId));
            }
            claim.token = revision.stamp();
            claim.sinceMs = nowMs;
            claim.deadlineMs = -1;
            lock.holders.add(claim);
            scratch.add(claim);
        }
        for (int i = 0, n = scratch.size(); i < n; i++)
        {
            listener.onGranted(lock, scratch.get(i));
        }
        scratch.clear();
    }

    private void removeWaiter(final LockClaim claim)
    {
        claim.lock.waiters.remove(claim);
        queuedById.remove(claim.claimId);
        if (claim.deadlineMs >= 0)
        {
            timers.cancel(TimerIds.timerId(waitTimerKind, claim.claimId));
        }
    }

    /**
     * A lock nobody holds, waits for or delays is gone as far as anyone can tell: it becomes dormant.
     */
    private void removeIfIdle(final LockQueue lock, final long nowMs)
    {
        if (lock.isIdle(nowMs))
        {
            byId.remove(lock.lockId);
            lock.dormant = true;
            budget.remove(StateBudget.lockBytes(lock.name.length()));
            dormantCount++;
            if (!lock.inDormantOrder)
            {
                lock.inDormantOrder = true;
                dormantOrder.addLast(lock);
            }
            while (dormantCount > MAX_DORMANT_LOCKS)
            {
                final LockQueue oldest = dormantOrder.pollFirst();
                oldest.inDormantOrder = false;
                if (oldest.dormant)
                {
                    byName.remove(oldest.name);
                    dormantCount--;
                }
            }
        }
    }

    /**
     * Take a dormant lock again: the same as a new one, with the next lock id.
     */
    private void wake(final LockQueue lock)
    {
        lock.dormant = false;
        dormantCount--;
        lock.lockId = nextLockId++;
        lock.delayUntilMs = 0;
        byId.put(lock.lockId, lock);
        budget.add(StateBudget.lockBytes(lock.name.length()));
    }

    /**
     * A claim to fill: a spare one when there is one.
     */
    private LockClaim newClaim()
    {
        return spareClaims.isEmpty() ? new LockClaim() : spareClaims.remove(spareClaims.size() - 1);
    }

    /**
     * A claim that ended, after every listener has seen it.
     */
    private void recycle(final LockClaim claim)
    {
        budget.remove(StateBudget.claimBytes(claim.value().length));
        if (spareClaims.size() < MAX_SPARE_CLAIMS)
        {
            spareClaims.add(claim.set(0, 0, 0, null, 0, 0, 0, 0, null));
        }
    }

    private void addName(final long sessionId, final Key name)
    {
        ArrayList<Key> names = namesBySession.get(sessionId);
        if (names == null)
        {
            names = new ArrayList<>(1);
            namesBySession.put(sessionId, names);
        }
        final int index = Collections.binarySearch(names, name);
        if (index < 0)
        {
            names.add(-index - 1, name);
        }
    }

    /**
     * Forget a name of a session; its (possibly empty) list stays until the session's claims are all dropped.
     */
    private void removeName(final long sessionId, final Key name)
    {
        final ArrayList<Key> names = namesBySession.get(sessionId);
        if (names != null)
        {
            final int index = Collections.binarySearch(names, name);
            if (index >= 0)
            {
                names.remove(index);
            }
        }
    }

    /**
     * One page of the locks in use in name order (ListLocks): those whose name sorts after {@code after} (every one
     * when it is empty), at most {@code maxCount}, added to {@code page}; dormant locks are skipped as everywhere.
     *
     * @return true when more locks in use follow the last one added.
     */
    public boolean page(final Key after, final int maxCount, final List<LockQueue> page)
    {
        final NavigableMap<Key, LockQueue> from = after.length() == 0 ? byName : byName.tailMap(after, false);
        for (final LockQueue lock : from.values())
        {
            if (!lock.dormant)
            {
                if (page.size() == maxCount)
                {
                    return true;
                }
                page.add(lock);
            }
        }
        return false;
    }

    /**
     * Locks in name order (snapshots, digests).
     */
    public List<LockQueue> locks()
    {
        final ArrayList<LockQueue> live = new ArrayList<>(size());
        for (final LockQueue lock : byName.values())
        {
            if (!lock.dormant)
            {
                live.add(lock);
            }
        }
        return live;
    }

    public long nextLockId()
    {
        return nextLockId;
    }

    public long nextClaimId()
    {
        return nextClaimId;
    }

    /**
     * Restore the id counters from a snapshot.
     */
    public void restoreCounters(final long nextLockId, final long nextClaimId)
    {
        this.nextLockId = nextLockId;
        this.nextClaimId = nextClaimId;
    }

    /**
     * Restore one lock from a snapshot; add its claims with {@link #restoreClaim} in holder then waiter order.
     */
    public LockQueue restoreLock(final Key name, final long lockId, final long delayUntilMs)
    {
        final LockQueue lock = new LockQueue(name, lockId);
        lock.delayUntilMs = delayUntilMs;
        byName.put(name, lock);
        byId.put(lockId, lock);
        budget.add(StateBudget.lockBytes(name.length()));
        return lock;
    }

    /**
     * Restore one claim of a lock from a snapshot.
     */
    public void restoreClaim(
        final LockQueue lock,
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
        final LockClaim claim =
            newClaim().set(claimId, sessionId, requestSeq, mode, lockDelayMs, sinceMs, deadlineMs, token, value);
        claim.lock = lock;
        budget.add(StateBudget.claimBytes(value.length));
        if (token != 0)
        {
            lock.holders.add(claim);
        }
        else
        {
            lock.waiters.add(claim);
            queuedById.put(claimId, claim);
        }
        addName(sessionId, lock.name);
    }
}
