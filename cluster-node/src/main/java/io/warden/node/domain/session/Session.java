package io.warden.node.domain.session;

import io.warden.node.domain.Key;
import io.warden.node.domain.Outcome;
import io.warden.node.domain.StateBudget;
import io.warden.schema.protocol.ResultCode;

import java.util.ArrayList;

/**
 * One session: its lease, the connection it was last seen on, and the remembered answers of its mutations that the
 * client has not yet acknowledged (sorted by request sequence).
 */
public final class Session
{
    private static final int MAX_SPARE_OUTCOMES = 4;

    final long sessionId;
    final long secret;
    final long ttlMs;
    final byte[] clientName;
    final long openedMs;
    long expiryMs;
    long route;
    long owner;
    long ackedSeq;
    final ArrayList<Outcome> outcomes = new ArrayList<>(4);
    private final ArrayList<Outcome> spareOutcomes = new ArrayList<>(MAX_SPARE_OUTCOMES);
    private final StateBudget budget;
    private long outcomeBytes;

    Session(
        final StateBudget budget,
        final long sessionId,
        final long secret,
        final long ttlMs,
        final byte[] clientName,
        final long openedMs,
        final long expiryMs,
        final long route,
        final long ackedSeq)
    {
        this.budget = budget;
        this.sessionId = sessionId;
        this.secret = secret;
        this.ttlMs = ttlMs;
        this.clientName = clientName;
        this.openedMs = openedMs;
        this.expiryMs = expiryMs;
        this.route = route;
        this.ackedSeq = ackedSeq;
    }

    public long sessionId()
    {
        return sessionId;
    }

    public long secret()
    {
        return secret;
    }

    public long ttlMs()
    {
        return ttlMs;
    }

    public byte[] clientName()
    {
        return clientName;
    }

    public long openedMs()
    {
        return openedMs;
    }

    public long expiryMs()
    {
        return expiryMs;
    }

    /**
     * The connection this session was last used through: where its events go.
     */
    public long route()
    {
        return route;
    }

    public void route(final long route)
    {
        this.route = route;
    }

    /**
     * The key of the gateway principal that opened or last resumed this session: only requests from its connections
     * may use it. 0 for none (a session from a snapshot older than ownership), claimed by the next gateway that uses it.
     */
    public long owner()
    {
        return owner;
    }

    public Session owner(final long owner)
    {
        this.owner = owner;
        return this;
    }

    /**
     * Every request sequence at or below this has been answered and acknowledged by the client.
     */
    public long ackedSeq()
    {
        return ackedSeq;
    }

    /**
     * The remembered answer for a request sequence, or null.
     */
    public Outcome outcome(final long requestSeq)
    {
        final int index = indexOf(requestSeq);
        return index >= 0 ? outcomes.get(index) : null;
    }

    /**
     * Remembered answers with a sequence above the given one.
     */
    public int outcomesAbove(final long requestSeq)
    {
        final int index = indexOf(requestSeq);
        final int firstAbove = index >= 0 ? index + 1 : -index - 1;
        return outcomes.size() - firstAbove;
    }

    public int outcomeCount()
    {
        return outcomes.size();
    }

    public Outcome outcomeAt(final int index)
    {
        return outcomes.get(index);
    }

    /**
     * Move the acknowledgement mark forward and forget the answers at or below it.
     */
    public void acknowledge(final long ackedSeq)
    {
        if (ackedSeq > this.ackedSeq)
        {
            this.ackedSeq = ackedSeq;
            while (!outcomes.isEmpty() && outcomes.get(0).requestSeq <= ackedSeq)
            {
                forget(outcomes.remove(0));
            }
        }
    }

    /**
     * Remember the answer to an applied mutation (snapshot load).
     */
    public void remember(final Outcome outcome)
    {
        final int index = indexOf(outcome.requestSeq);
        if (index >= 0)
        {
            forget(outcomes.set(index, outcome));
        }
        else
        {
            outcomes.add(-index - 1, outcome);
        }
        final long bytes = StateBudget.outcomeBytes(outcome.key);
        outcomeBytes += bytes;
        budget.add(bytes);
    }

    /**
     * Accounted bytes of this session with its remembered answers.
     */
    public long accountedBytes()
    {
        return StateBudget.sessionBytes(clientName.length) + outcomeBytes;
    }

    private void forget(final Outcome outcome)
    {
        final long bytes = StateBudget.outcomeBytes(outcome.key);
        outcomeBytes -= bytes;
        budget.remove(bytes);
        recycle(outcome);
    }

    /**
     * Remember the answer to an applied mutation, in a spare outcome when there is one.
     */
    public void remember(
        final long requestSeq,
        final Outcome.Kind kind,
        final ResultCode code,
        final long a,
        final long b,
        final long c,
        final Key key)
    {
        final Outcome outcome = spareOutcomes.isEmpty() ?
            new Outcome() : spareOutcomes.remove(spareOutcomes.size() - 1);
        remember(outcome.set(requestSeq, kind, code, a, b, c, key));
    }

    private void recycle(final Outcome outcome)
    {
        if (spareOutcomes.size() < MAX_SPARE_OUTCOMES)
        {
            spareOutcomes.add(outcome.set(0, null, null, 0, 0, 0, null));
        }
    }

    private int indexOf(final long requestSeq)
    {
        int low = 0;
        int high = outcomes.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long seq = outcomes.get(mid).requestSeq;
            if (seq < requestSeq)
            {
                low = mid + 1;
            }
            else if (seq > requestSeq)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }

    @Override
    public String toString()
    {
        return "Session{id=" + sessionId + ", ttl=" + ttlMs + ", expiry=" + expiryMs + ", route=" + route +
            ", owner=" + owner +
            ", acked=" + ackedSeq + ", outcomes=" + outcomes.size() + '}';
    }
}
