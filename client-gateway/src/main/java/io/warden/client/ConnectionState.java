package io.warden.client;

/**
 * The state of a {@link WardenClient}'s connection and session, reported to {@link ConnectionStateListener}s. The
 * rules follow Apache Curator's:
 * <ul>
 *     <li>{@link #CONNECTED}: a session was opened (the first one after {@link WardenClient#connect}, or a new one
 *     after {@link WardenClient#newSession()}).</li>
 *     <li>{@link #SUSPENDED}: the gateway or the cluster is unreachable: the client lost its gateway (keepalive
 *     answers stopped for three intervals, or the publication or image went away), or the gateway reported that it
 *     lost the cluster ({@code GatewayEvent(UNAVAILABLE)} or a keepalive answer with {@code UNAVAILABLE}). The session
 *     may still be alive, but nothing confirms it: <b>locks and leadership may be gone while suspended</b>. Stop
 *     protected work once {@link WardenClient#safeUntilNs()} passes; fencing tokens protect the rest.</li>
 *     <li>{@link #RECONNECTED}: after {@link #SUSPENDED}, the session was resumed (through this or another gateway)
 *     and the cluster is reachable again. Locks and candidacies held before are still held; unanswered requests have
 *     been re-sent, queued acquires and campaigns re-synchronised, and watches resumed.</li>
 *     <li>{@link #LOST}: the cluster says the session expired (its TTL ran out without renewal). Its locks,
 *     candidacies and ephemeral keys are gone; pending requests of the session failed with
 *     {@code SESSION_EXPIRED}. The client does <b>not</b> open a new session by itself: call
 *     {@link WardenClient#newSession()} when the application is ready to start again (as Curator leaves recreating
 *     ephemeral state to the application). Reads and watches keep working meanwhile.</li>
 * </ul>
 * <pre>{@code
 * client.addConnectionStateListener((c, state) ->
 * {
 *     if (state == ConnectionState.LOST) { stopWork(); c.newSession(); }
 * });
 * }</pre>
 */
public enum ConnectionState
{
    /** A session is open for the first time (or anew after {@link WardenClient#newSession()}). */
    CONNECTED,
    /** Gateway or cluster unreachable; the session may or may not be alive. */
    SUSPENDED,
    /** Back after {@link #SUSPENDED} with the same session. */
    RECONNECTED,
    /** The session expired; call {@link WardenClient#newSession()} to start a new one. */
    LOST;

    /**
     * Is the session known to be usable in this state?
     * <pre>{@code
     * if (client.state().isConnected()) { ... }
     * }</pre>
     *
     * @return true for {@link #CONNECTED} and {@link #RECONNECTED}.
     */
    public boolean isConnected()
    {
        return this == CONNECTED || this == RECONNECTED;
    }
}
