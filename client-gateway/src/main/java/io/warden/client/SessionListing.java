package io.warden.client;

import java.util.List;

/**
 * One page of the cell's live sessions, in id order, as {@link WardenOperations#sessions(long, int)} lists them: an
 * operator's view of who is connected, with what TTL, and how long ago each lease was last renewed.
 * <pre>{@code
 * SessionListing page = client.await(client.operations().sessions(0, 100));
 * for (SessionListing.Entry s : page.sessions())
 * {
 *     System.out.println(s.sessionId() + " " + s.clientName() + " silent " + page.silentMs(s) + " ms");
 * }
 * if (page.more()) { client.operations().sessions(page.lastSessionId(), 100); }
 * }</pre>
 *
 * @param nowMs    cluster time of the listing.
 * @param sessions the sessions of this page, in id order.
 * @param more     whether sessions follow the last one listed.
 */
public record SessionListing(long nowMs, List<Entry> sessions, boolean more)
{
    /**
     * One live session.
     * <pre>{@code long ttl = entry.ttlMs(); }</pre>
     *
     * @param sessionId  the session id.
     * @param clientName the name its client gave when it opened it.
     * @param ttlMs      its TTL.
     * @param openedMs   cluster time it was opened.
     * @param renewedMs  cluster time its lease was last renewed from (its client's last keepalive, as a gateway heard
     *                   it).
     * @param expiryMs   cluster time it expires unless renewed.
     */
    public record Entry(long sessionId, String clientName, long ttlMs, long openedMs, long renewedMs, long expiryMs)
    {
    }

    /**
     * Copies the list.
     */
    public SessionListing
    {
        sessions = List.copyOf(sessions);
    }

    /**
     * How long a session had not been renewed when the page was listed.
     * <pre>{@code long silent = page.silentMs(page.sessions().get(0)); }</pre>
     *
     * @param entry a session of this page.
     * @return milliseconds of cluster time since its last renewal.
     */
    public long silentMs(final Entry entry)
    {
        return Math.max(0, nowMs - entry.renewedMs());
    }

    /**
     * Where the next page starts.
     * <pre>{@code long after = page.lastSessionId(); }</pre>
     *
     * @return the id of the last session listed, or 0 for an empty page.
     */
    public long lastSessionId()
    {
        return sessions.isEmpty() ? 0 : sessions.get(sessions.size() - 1).sessionId();
    }
}
