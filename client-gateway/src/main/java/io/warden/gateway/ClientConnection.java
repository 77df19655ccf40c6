package io.warden.gateway;

import io.aeron.ExclusivePublication;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;

/**
 * One connected client: its Aeron image (requests in) and publication (answers and events out), the sessions it
 * owns, its watches, its queued output and when it was last heard from.
 */
final class ClientConnection
{
    enum State
    {
        /** Connect received, publication to the client not yet connected. */
        CONNECTING,
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
    final ResultCodeHolder connectResult = new ResultCodeHolder();
    final long publicationRegistrationId;
    final long connectStartNs;
    /** The protocol version of the client's Connect frame: what it can decode. */
    final int protocolVersion;
    final LongHashSet ownedSessions = new LongHashSet();
    final Long2ObjectHashMap<WatchFanout.Subscriber> watches = new Long2ObjectHashMap<>();
    /** Fan-out scratch: this connection's watches that get the whole frame being fanned out (one shared frame). */
    final ArrayList<WatchFanout.Subscriber> fanoutBatch = new ArrayList<>();
    final Outbound outbound = new Outbound();
    ExclusivePublication publication;
    State state = State.CONNECTING;
    long lastActivityNs;
    int pendingRequests;

    ClientConnection(
        final long connectionId,
        final int imageSessionId,
        final String clientName,
        final boolean admin,
        final long connectCorrelationId,
        final long publicationRegistrationId,
        final int protocolVersion,
        final long nowNs)
    {
        this.protocolVersion = protocolVersion;
        this.connectionId = connectionId;
        this.imageSessionId = imageSessionId;
        this.clientName = clientName;
        this.admin = admin;
        this.connectCorrelationId = connectCorrelationId;
        this.publicationRegistrationId = publicationRegistrationId;
        this.connectStartNs = nowNs;
        this.lastActivityNs = nowNs;
    }

    boolean isConnected()
    {
        return state == State.CONNECTED;
    }

    /**
     * The answer to give once the publication is up: OK, or a refusal sent just before forgetting the client.
     */
    static final class ResultCodeHolder
    {
        io.warden.schema.protocol.ResultCode code = io.warden.schema.protocol.ResultCode.OK;
        String detail = "";
    }

    @Override
    public String toString()
    {
        return "ClientConnection{id=" + connectionId + ", image=" + imageSessionId + ", name=" + clientName +
            ", state=" + state + ", sessions=" + ownedSessions.size() + ", watches=" + watches.size() + '}';
    }
}
