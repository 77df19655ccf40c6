package io.warden.node.domain;

import io.warden.node.domain.auth.AuthTable;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.session.Session;
import io.warden.node.domain.watch.Watch;
import org.agrona.collections.LongHashSet;

import java.util.TreeMap;

/**
 * The accounted size of a state recomputed from scratch, by walking it, with what each live session is charged
 * with. It uses the same costs as the running account ({@link StateBudget}), so the two must always agree; the
 * determinism test checks that after every command.
 * <pre>{@code
 * FootprintRecount recount = machine.recount();
 * assert recount.totalBytes() == machine.stateBytes();
 * }</pre>
 */
public final class FootprintRecount implements StateVisitor
{
    private final LongHashSet liveSessions = new LongHashSet();
    private final TreeMap<Long, long[]> charges = new TreeMap<>();
    private long mainBytes;
    private long historyBytes;

    public long mainBytes()
    {
        return mainBytes;
    }

    public long historyBytes()
    {
        return historyBytes;
    }

    public long totalBytes()
    {
        return mainBytes + historyBytes;
    }

    /**
     * What a live session is charged with: {@code {keys, bytes, sequential keys}}, all 0 when nothing.
     */
    public long[] chargeOf(final long sessionId)
    {
        final long[] charge = charges.get(sessionId);
        return charge == null ? new long[3] : charge.clone();
    }

    /**
     * Sessions charged with something, in id order.
     */
    public Iterable<Long> chargedSessions()
    {
        return charges.keySet();
    }

    public void header(final StateHeader header)
    {
    }

    public void session(final Session session)
    {
        liveSessions.add(session.sessionId());
        mainBytes += StateBudget.sessionBytes(session.clientName().length);
    }

    public void outcome(final long sessionId, final Outcome outcome)
    {
        mainBytes += StateBudget.outcomeBytes(outcome.key);
    }

    public void kvEntry(final KvEntry entry)
    {
        final long bytes = StateBudget.entryBytes(entry.key().length(), entry.value().length);
        mainBytes += bytes;
        final long charged = entry.chargedSessionId();
        if (charged != 0 && liveSessions.contains(charged))
        {
            final long[] charge = charges.computeIfAbsent(charged, id -> new long[3]);
            charge[0]++;
            charge[1] += bytes;
            charge[2] += entry.sequential() ? 1 : 0;
        }
    }

    public void lock(final boolean election, final LockQueue lock)
    {
        mainBytes += StateBudget.lockBytes(lock.name().length());
        for (int i = 0; i < lock.holderCount(); i++)
        {
            mainBytes += StateBudget.claimBytes(lock.holder(i).value().length);
        }
        for (int i = 0; i < lock.waiterCount(); i++)
        {
            mainBytes += StateBudget.claimBytes(lock.waiter(i).value().length);
        }
    }

    public void watch(final Watch watch)
    {
        mainBytes += StateBudget.watchBytes(watch.key().length());
    }

    public void historyEvent(final ChangeEvent event)
    {
        historyBytes += event.sizeInBytes();
    }

    /**
     * Users and roles are bounded by count ({@code WardenLimits.MAX_USERS} and friends), not charged to the quota.
     */
    public void auth(final AuthTable auth)
    {
    }

    public void end()
    {
    }
}
