package io.warden.node.domain.port;

import io.warden.node.domain.Key;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.schema.protocol.ResultCode;

import java.util.List;

/**
 * Unsolicited messages to a connection ({@code route}, an Aeron cluster session id). A route of 0 or one that is gone
 * drops the message; clients recover what they missed by asking (lock status, watch resume).
 */
public interface Events
{
    /**
     * A queued Acquire ended: granted ({@link ResultCode#OK} with a token), timed out or cancelled.
     */
    void lockEnded(long route, long sessionId, long requestSeq, ResultCode code, long token, Key name);

    /**
     * A queued Campaign ended: elected ({@link ResultCode#OK} with the term) or cancelled.
     */
    void electionEnded(long route, long sessionId, long requestSeq, ResultCode code, long term, Key election);

    /**
     * A session ended without being asked to (expiry).
     */
    void sessionEnded(long route, long sessionId, ResultCode code);

    /**
     * Changes matching one watch, in revision order: live changes of one command, or history replayed when a watch is
     * registered or resumed. The list is only valid during the call.
     */
    void watchEvents(long route, long watchId, boolean withPrevValue, List<ChangeEvent> events);

    /**
     * An operator asked for a snapshot (RequestSnapshot) and was allowed: the node's maintenance has the leader take
     * one. A request for the world outside the state, like a reply; nothing in the state records it.
     */
    void snapshotRequested();
}
