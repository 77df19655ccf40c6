package io.warden.gateway;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The sessions carried by this gateway: which connection owns each, and when the cluster last confirmed a renewal
 * (the send time of the keepalive batch it acknowledged). Sessions are owned by at most one connection here.
 */
final class SessionDirectory
{
    /**
     * One session carried by the gateway.
     */
    static final class Entry
    {
        final long sessionId;
        ClientConnection owner;
        long confirmedSendNs = Long.MIN_VALUE;

        Entry(final long sessionId, final ClientConnection owner)
        {
            this.sessionId = sessionId;
            this.owner = owner;
        }
    }

    private final Long2ObjectHashMap<Entry> byId = new Long2ObjectHashMap<>();

    int size()
    {
        return byId.size();
    }

    Entry get(final long sessionId)
    {
        return byId.get(sessionId);
    }

    /**
     * The connection owns the session from now on (opened or resumed through it).
     */
    void own(final long sessionId, final ClientConnection owner)
    {
        Entry entry = byId.get(sessionId);
        if (entry == null)
        {
            entry = new Entry(sessionId, owner);
            byId.put(sessionId, entry);
        }
        else if (entry.owner != owner && entry.owner != null)
        {
            entry.owner.ownedSessions.remove(sessionId);
        }
        entry.owner = owner;
        owner.ownedSessions.add(sessionId);
    }

    /**
     * Forget a session (closed, expired, or its connection gone).
     */
    Entry remove(final long sessionId)
    {
        final Entry entry = byId.remove(sessionId);
        if (entry != null && entry.owner != null)
        {
            entry.owner.ownedSessions.remove(sessionId);
        }
        return entry;
    }

    Long2ObjectHashMap<Entry> entries()
    {
        return byId;
    }
}
