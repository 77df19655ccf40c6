package io.warden.gateway;

import io.aeron.ExclusivePublication;
import io.warden.schema.Principals;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;

/**
 * One connected client: its Aeron image (requests in) and publication (answers and events out), the sessions it
 * owns, its watches, its queued output, its request-rate bucket and when it was last heard from. Made only once its
 * {@link Handshake} was accepted and the publication is up, so a refused or abandoned connect never costs one.
 */
final class ClientConnection
{
    enum State
    {
        /** The Connect named a user whose login ({@link ClientLogin}) is under way; nothing else is served. */
        LOGGING_IN,
        /** Answered; requests are served. */
        CONNECTED,
        /** Gone. */
        CLOSED
    }

    final long connectionId;
    final int imageSessionId;
    final String clientName;
    final boolean admin;
    final long connectCorrelationId;
    /** The protocol version of the client's Connect frame: what it can decode. */
    final int protocolVersion;
    final ExclusivePublication publication;
    /** Null when the gateway has no request-rate limit. */
    final TokenBucket requestRate;
    final LongHashSet ownedSessions = new LongHashSet();
    final Long2ObjectHashMap<WatchFanout.Subscriber> watches = new Long2ObjectHashMap<>();
    /** Fan-out scratch: this connection's watches that get the whole frame being fanned out (one shared frame). */
    final ArrayList<WatchFanout.Subscriber> fanoutBatch = new ArrayList<>();
    final Outbound outbound;
    State state = State.CONNECTED;
    /** The user the cell says this connection logged in as, put on every forwarded request; NO_USER for none. */
    long userId = Principals.NO_USER;
    /** The user named at connect (empty for none). */
    String user;
    // login in progress (ClientLogin), dropped once it ends
    byte[] clientNonce;
    byte[] serverNonce;
    byte[] salt;
    int iterations;
    byte[] authMessage;
    long loginStartNs;
    long lastActivityNs;
    int pendingRequests;
    /** Heap of this connection's requests waiting for the cluster (frames and records). */
    long pendingRequestBytes;
    /** Watch traffic was shed this duty cycle because all queues together reached the gateway's budget. */
    boolean overBudget;

    ClientConnection(
        final long connectionId,
        final Handshake handshake,
        final ExclusivePublication publication,
        final Outbound outbound,
        final TokenBucket requestRate,
        final long nowNs)
    {
        this.connectionId = connectionId;
        this.imageSessionId = handshake.imageSessionId;
        this.clientName = handshake.clientName;
        this.admin = handshake.admin;
        this.connectCorrelationId = handshake.correlationId;
        this.protocolVersion = handshake.protocolVersion;
        this.publication = publication;
        this.outbound = outbound;
        this.requestRate = requestRate;
        this.lastActivityNs = nowNs;
        this.user = handshake.user;
        this.clientNonce = handshake.clientNonce;
    }

    /**
     * Whom this connection's requests act for: its user, else the gateway's admin credential, else nobody.
     */
    long principal()
    {
        if (userId != Principals.NO_USER)
        {
            return userId;
        }
        return admin ? Principals.GATEWAY_ADMIN_USER : Principals.NO_USER;
    }

    /**
     * Who this is, for the audit log.
     */
    String who()
    {
        return "connection " + connectionId + " (" + clientName + (user == null || user.isEmpty() ? "" :
            ", user " + user) + ")";
    }

    boolean isConnected()
    {
        return state == State.CONNECTED;
    }

    @Override
    public String toString()
    {
        return "ClientConnection{id=" + connectionId + ", image=" + imageSessionId + ", name=" + clientName +
            ", state=" + state + ", sessions=" + ownedSessions.size() + ", watches=" + watches.size() + '}';
    }
}
