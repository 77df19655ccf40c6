package io.warden.gateway;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;

/**
 * The gateway's counters, as Aeron counters in its media driver's CnC file, so {@code AeronStat} and tests can read
 * them from outside. Written only by the gateway agent.
 */
final class GatewayCounters implements AutoCloseable
{
    /** Aeron counter type ids of the gateway's counters (9710-9729). */
    static final int FIRST_TYPE_ID = 9710;

    final Counter framesIn;
    final Counter framesDropped;
    final Counter requestsForwarded;
    final Counter requestsRefused;
    final Counter clusterMessagesIn;
    final Counter connects;
    final Counter disconnects;
    final Counter keepAliveBatches;
    final Counter leaderChanges;
    final Counter slowConsumers;
    /** Requests answered RATE_LIMITED (also counted in requests refused). */
    final Counter rateLimited;
    /** Connects answered with a refusal: bad credential, unsupported version, too many connections. */
    final Counter connectsRefused;
    /** Connect frames ignored because {@code maxHandshakes} were already in progress. */
    final Counter handshakesIgnored;
    /** Attempts to open the gateway's cluster session (the first one, reconnects, retries after a failure). */
    final Counter clusterConnectAttempts;
    /** Clients that logged in as a user (password or token). */
    final Counter loginsAccepted;
    /** Logins refused: unknown user, wrong password, bad or expired token, a login required but not given. */
    final Counter loginsRefused;
    /** Answers from the cell refusing a request for its user or connection: PERMISSION_DENIED, SESSION_NOT_OWNED. */
    final Counter permissionDenied;
    /** Admin requests forwarded: limits, users, roles, the auth switch. */
    final Counter adminActions;

    GatewayCounters(final Aeron aeron, final int gatewayId)
    {
        framesIn = add(aeron, 0, "frames in", gatewayId);
        framesDropped = add(aeron, 1, "frames dropped (no connection)", gatewayId);
        requestsForwarded = add(aeron, 2, "requests forwarded", gatewayId);
        requestsRefused = add(aeron, 3, "requests refused", gatewayId);
        clusterMessagesIn = add(aeron, 4, "cluster messages in", gatewayId);
        connects = add(aeron, 5, "client connects", gatewayId);
        disconnects = add(aeron, 6, "client disconnects", gatewayId);
        keepAliveBatches = add(aeron, 7, "keepalive batches", gatewayId);
        leaderChanges = add(aeron, 8, "cluster leader changes", gatewayId);
        slowConsumers = add(aeron, 9, "slow consumers cut off", gatewayId);
        rateLimited = add(aeron, 10, "requests rate limited", gatewayId);
        connectsRefused = add(aeron, 11, "client connects refused", gatewayId);
        handshakesIgnored = add(aeron, 12, "connects ignored (too many handshakes)", gatewayId);
        clusterConnectAttempts = add(aeron, 13, "cluster connect attempts", gatewayId);
        loginsAccepted = add(aeron, 14, "logins accepted", gatewayId);
        loginsRefused = add(aeron, 15, "logins refused", gatewayId);
        permissionDenied = add(aeron, 16, "requests denied by the cell (permission, ownership)", gatewayId);
        adminActions = add(aeron, 17, "admin requests", gatewayId);
    }

    private static Counter add(final Aeron aeron, final int offset, final String name, final int gatewayId)
    {
        return aeron.addCounter(FIRST_TYPE_ID + offset, "Warden gateway " + name + ": gatewayId=" + gatewayId);
    }

    public void close()
    {
        CloseHelper.closeAll(framesIn, framesDropped, requestsForwarded, requestsRefused, clusterMessagesIn, connects,
            disconnects, keepAliveBatches, leaderChanges, slowConsumers, rateLimited, connectsRefused,
            handshakesIgnored, clusterConnectAttempts, loginsAccepted, loginsRefused, permissionDenied, adminActions);
    }
}
