package io.warden.node.domain;

/**
 * The verdict of a quota check, kept for the refusal: which limit a request would break, of whom, the limit, the
 * usage before the request and what the request needs. Reused for every command (one per state machine).
 * <pre>{@code
 * if (!kv.checkCharge(sessionId, key, value.length(), false, limits, check)) { refuse(request, check); }
 * }</pre>
 */
public final class QuotaCheck
{
    /** The limits a request can break. */
    public enum Limit
    {
        /** The accounted state's share of the quota (the quota less the history's own bound). */
        STATE("the state quota", true),
        /** Keys charged to one live session. */
        SESSION_KEYS("keys of session", false),
        /** Accounted bytes of the keys charged to one live session. */
        SESSION_BYTES("bytes of session", true),
        /** Sequential keys charged to one live session. */
        SESSION_SEQUENTIAL("sequential keys of session", false),
        /** Locks or candidacies one session holds or waits for. */
        SESSION_LOCKS("locks of session", false),
        /** Watch registrations of one connection. */
        CONNECTION_WATCHES("watches of connection", false);

        final String label;
        final boolean bytes;

        Limit(final String label, final boolean bytes)
        {
            this.label = label;
            this.bytes = bytes;
        }
    }

    Limit limit;
    long subjectId;
    long limitValue;
    long usage;
    long needed;

    /**
     * Record a refusal.
     *
     * @return false, so a check can {@code return check.refuse(...)}.
     */
    public boolean refuse(final Limit limit, final long subjectId, final long limitValue, final long usage,
        final long needed)
    {
        this.limit = limit;
        this.subjectId = subjectId;
        this.limitValue = limitValue;
        this.usage = usage;
        this.needed = needed;
        return false;
    }

    public Limit limit()
    {
        return limit;
    }

    public long limitValue()
    {
        return limitValue;
    }

    public long usage()
    {
        return usage;
    }

    public long needed()
    {
        return needed;
    }

    /**
     * The refusal for people, the same on every node: names the limit, the usage and what the request needed.
     */
    public String detail()
    {
        final String subject = limit == Limit.STATE ? limit.label : limit.label + " " + subjectId;
        if (limit.bytes)
        {
            return subject + " would be exceeded: " + StateBudget.humanBytes(usage) + " in use of " +
                StateBudget.humanBytes(limitValue) + ", this request needs " + StateBudget.humanBytes(needed) +
                " more" + (limit == Limit.STATE ? " (the quota less the watch history's share)" : "");
        }
        return subject + " would be exceeded: " + usage + " of " + limitValue + " in use, this request needs " +
            needed + " more";
    }
}
