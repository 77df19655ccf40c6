package io.warden.node.metrics;

import io.warden.node.domain.Outcome;
import io.warden.node.domain.StateHeader;
import io.warden.node.domain.StateVisitor;
import io.warden.node.domain.auth.AuthTable;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.session.Session;
import io.warden.node.domain.watch.Watch;

/**
 * Counts what the state holds by walking it once ({@code state.visit(census)}): the state machine has no cheap
 * getters for these counts, and its visitor is the one read-only view of everything. The walk is linear in the
 * state, so {@link ServiceGauges} takes a census only now and then, and only after something was applied.
 * <pre>{@code
 * census.reset();
 * stateMachine.visit(census);
 * long held = census.lockHolders();
 * }</pre>
 */
public final class StateCensus implements StateVisitor
{
    private long sessions;
    private long keys;
    private long locks;
    private long lockHolders;
    private long lockWaiters;
    private long elections;
    private long watches;
    private long stateQuotaBytes;

    /**
     * Forget the previous census.
     */
    public void reset()
    {
        sessions = 0;
        keys = 0;
        locks = 0;
        lockHolders = 0;
        lockWaiters = 0;
        elections = 0;
        watches = 0;
        stateQuotaBytes = 0;
    }

    public void header(final StateHeader header)
    {
        stateQuotaBytes = header.stateQuotaBytes;
    }

    public void session(final Session session)
    {
        sessions++;
    }

    public void outcome(final long sessionId, final Outcome outcome)
    {
    }

    public void kvEntry(final KvEntry entry)
    {
        keys++;
    }

    public void lock(final boolean election, final LockQueue lock)
    {
        if (election)
        {
            elections++;
        }
        else
        {
            locks++;
            lockHolders += lock.holderCount();
            lockWaiters += lock.waiterCount();
        }
    }

    public void watch(final Watch watch)
    {
        watches++;
    }

    public void historyEvent(final ChangeEvent event)
    {
    }

    public void auth(final AuthTable auth)
    {
    }

    public void end()
    {
    }

    public long sessions()
    {
        return sessions;
    }

    public long keys()
    {
        return keys;
    }

    public long locks()
    {
        return locks;
    }

    public long lockHolders()
    {
        return lockHolders;
    }

    public long lockWaiters()
    {
        return lockWaiters;
    }

    public long elections()
    {
        return elections;
    }

    public long watches()
    {
        return watches;
    }

    public long stateQuotaBytes()
    {
        return stateQuotaBytes;
    }
}
