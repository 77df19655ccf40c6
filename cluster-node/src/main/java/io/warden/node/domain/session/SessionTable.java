package io.warden.node.domain.session;

import io.warden.node.domain.StateBudget;
import io.warden.node.domain.TimerIds;
import io.warden.node.domain.port.Timers;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * All live sessions. Ids are handed out in order, so any id below {@link #nextSessionId()} that is not live has
 * ended (expired or closed), and any id at or above it was never issued.
 * <p>
 * Expiry is lazy: renewal only moves {@code expiryMs}; the timer, when it fires, re-arms itself if the session was
 * renewed meanwhile. One timer per session, no churn per keepalive.
 */
public final class SessionTable
{
    private final Long2ObjectHashMap<Session> byId = new Long2ObjectHashMap<>();
    private final Long2LongHashMap idBySecret = new Long2LongHashMap(0);
    private final Timers timers;
    private final StateBudget budget;
    private long nextSessionId = 1;

    public SessionTable(final Timers timers, final StateBudget budget)
    {
        this.timers = timers;
        this.budget = budget;
    }

    public int size()
    {
        return byId.size();
    }

    public long nextSessionId()
    {
        return nextSessionId;
    }

    public Session get(final long sessionId)
    {
        return byId.get(sessionId);
    }

    /**
     * The code for a session id that is not live: expired (it existed) or unknown (never issued).
     */
    public ResultCode codeForMissing(final long sessionId)
    {
        return sessionId > 0 && sessionId < nextSessionId ? ResultCode.SESSION_EXPIRED : ResultCode.SESSION_UNKNOWN;
    }

    /**
     * The live session opened with this secret, or null (so a retried open finds its session).
     */
    public Session bySecret(final long secret)
    {
        final long id = idBySecret.get(secret);
        return id == 0 ? null : byId.get(id);
    }

    /**
     * Check an open without changing anything.
     */
    public ResultCode checkOpen(final long ttlMs, final long secret, final int clientNameLength)
    {
        if (ttlMs < WardenLimits.MIN_SESSION_TTL_MS || ttlMs > WardenLimits.MAX_SESSION_TTL_MS || secret == 0 ||
            clientNameLength > WardenLimits.MAX_CLIENT_NAME_LENGTH)
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        return byId.size() >= WardenLimits.MAX_SESSIONS ? ResultCode.LIMIT_EXCEEDED : ResultCode.OK;
    }

    /**
     * Open a new session and arm its expiry timer.
     */
    public Session open(
        final long ttlMs, final long secret, final byte[] clientName, final long route, final long nowMs)
    {
        final Session session = new Session(
            budget, nextSessionId++, secret, ttlMs, clientName, nowMs, nowMs + ttlMs, route, 0);
        byId.put(session.sessionId, session);
        budget.add(StateBudget.sessionBytes(clientName.length));
        idBySecret.put(secret, session.sessionId);
        timers.schedule(TimerIds.timerId(TimerIds.SESSION_EXPIRY, session.sessionId), session.expiryMs);
        return session;
    }

    /**
     * Renew a lease from an instant (now, or when its client was last heard from): the session lives at least until
     * {@code fromMs + ttlMs}; a renewal never shortens it.
     */
    public void renew(final Session session, final long fromMs)
    {
        session.expiryMs = Math.max(session.expiryMs, fromMs + session.ttlMs);
    }

    /**
     * Forget an ended session and cancel its timer.
     */
    public void remove(final Session session)
    {
        byId.remove(session.sessionId);
        idBySecret.remove(session.secret);
        budget.remove(session.accountedBytes());
        timers.cancel(TimerIds.timerId(TimerIds.SESSION_EXPIRY, session.sessionId));
    }

    /**
     * A new leadership term began: give every session a full TTL from now, so nobody expires because the cluster
     * could not be reached during the election.
     */
    public void extendAll(final long nowMs)
    {
        final Long2ObjectHashMap<Session>.ValueIterator it = byId.values().iterator();
        while (it.hasNext())
        {
            renew(it.next(), nowMs);
        }
    }

    /**
     * Schedule every session's expiry timer again at its deadline (the lease clock's offset changed).
     */
    public void rearmTimers()
    {
        for (final Session session : sortedById())
        {
            timers.schedule(TimerIds.timerId(TimerIds.SESSION_EXPIRY, session.sessionId), session.expiryMs);
        }
    }

    /**
     * The expiry timer of a session fired. Returns the session if it has expired (the caller releases what it held
     * and then calls {@link #remove}); re-arms and returns null if it was renewed meanwhile.
     */
    public Session onExpiryTimer(final long sessionId, final long nowMs)
    {
        final Session session = byId.get(sessionId);
        if (session == null)
        {
            return null;
        }
        if (session.expiryMs > nowMs)
        {
            timers.schedule(TimerIds.timerId(TimerIds.SESSION_EXPIRY, sessionId), session.expiryMs);
            return null;
        }
        return session;
    }

    /**
     * Live sessions in id order (snapshots, digests).
     */
    public ArrayList<Session> sortedById()
    {
        final LongArrayList ids = new LongArrayList(byId.size(), 0);
        final Long2ObjectHashMap<Session>.KeyIterator it = byId.keySet().iterator();
        while (it.hasNext())
        {
            ids.addLong(it.nextLong());
        }
        final long[] sorted = ids.toLongArray();
        java.util.Arrays.sort(sorted);
        final ArrayList<Session> result = new ArrayList<>(sorted.length);
        for (final long id : sorted)
        {
            result.add(byId.get(id));
        }
        return result;
    }

    /**
     * One page of the live sessions in id order (ListSessions): those with an id above {@code afterSessionId} whose
     * lease has not run out at {@code nowMs}, at most {@code maxCount}, added to {@code page}. One pass over the
     * table and a sort of the ids above the cursor; an operator's command, not a hot path.
     *
     * @return true when more such sessions follow the last one added.
     */
    public boolean page(final long afterSessionId, final int maxCount, final long nowMs, final List<Session> page)
    {
        final LongArrayList ids = new LongArrayList();
        final Long2ObjectHashMap<Session>.ValueIterator it = byId.values().iterator();
        while (it.hasNext())
        {
            final Session session = it.next();
            if (session.sessionId() > afterSessionId && session.expiryMs() > nowMs)
            {
                ids.addLong(session.sessionId());
            }
        }
        final long[] sorted = ids.toLongArray();
        java.util.Arrays.sort(sorted);
        final int count = Math.min(maxCount, sorted.length);
        for (int i = 0; i < count; i++)
        {
            page.add(byId.get(sorted[i]));
        }
        return sorted.length > count;
    }

    /**
     * Restore the id counter from a snapshot.
     */
    public void restoreNextSessionId(final long nextSessionId)
    {
        this.nextSessionId = nextSessionId;
    }

    /**
     * Restore one session from a snapshot (its timer lives on in the cluster's own snapshot).
     */
    public Session restore(
        final long sessionId,
        final long secret,
        final long ttlMs,
        final byte[] clientName,
        final long openedMs,
        final long expiryMs,
        final long route,
        final long ackedSeq)
    {
        final Session session =
            new Session(budget, sessionId, secret, ttlMs, clientName, openedMs, expiryMs, route, ackedSeq);
        byId.put(sessionId, session);
        budget.add(StateBudget.sessionBytes(clientName.length));
        idBySecret.put(secret, sessionId);
        return session;
    }
}
