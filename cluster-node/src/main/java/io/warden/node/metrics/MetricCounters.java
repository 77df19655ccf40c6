package io.warden.node.metrics;

/**
 * Aeron counter type ids of the node's service metrics (9750-9769), so a reader in another thread or process finds
 * them in the node's CnC file by type: {@code countersReader.forEach((id, typeId, key, label) -> ...)}. The gateway
 * uses 9710-9749 and the service's snapshot counters 9701-9709.
 */
public final class MetricCounters
{
    /** Live Warden sessions (leases). */
    public static final int SESSIONS_TYPE_ID = 9750;
    /** Keys in the store. */
    public static final int KEYS_TYPE_ID = 9751;
    /** Accounted bytes of the whole replicated state, the watch history included. */
    public static final int STATE_BYTES_TYPE_ID = 9752;
    /** The replicated state quota in accounted bytes. */
    public static final int STATE_QUOTA_BYTES_TYPE_ID = 9753;
    /** Watch registrations (one per gateway per key or prefix). */
    public static final int WATCHES_TYPE_ID = 9754;
    /** Locks that exist (held or waited for). */
    public static final int LOCKS_TYPE_ID = 9755;
    /** Holders over all locks (a shared lock can have several). */
    public static final int LOCK_HOLDERS_TYPE_ID = 9756;
    /** Queued acquirers over all locks. */
    public static final int LOCK_WAITERS_TYPE_ID = 9757;
    /** Elections that exist. */
    public static final int ELECTIONS_TYPE_ID = 9758;
    /** The state machine's revision. */
    public static final int REVISION_TYPE_ID = 9759;
    /** Leader member id of the latest leadership term the service applied. */
    public static final int LEADER_MEMBER_ID_TYPE_ID = 9760;
    /** Egress frames not delivered: back-pressured past the retry bound, not connected, or the connection gone. */
    public static final int EGRESS_DROPPED_TYPE_ID = 9761;
    /** Replies not sent because they exceeded the largest egress frame (answered LIMIT_EXCEEDED instead). */
    public static final int EGRESS_OVERSIZED_TYPE_ID = 9762;
    /**
     * Answers by request type and result: one counter per pair seen, key = {@code int requestTemplateId, int code}.
     */
    public static final int REQUESTS_TYPE_ID = 9763;
    /** Events by type and result (lock granted, session expired, ...), key = {@code int templateId, int code}. */
    public static final int EVENTS_TYPE_ID = 9764;
    /** 1 once the service has started (loaded its snapshot and replayed its log), absent before. */
    public static final int SERVICE_UP_TYPE_ID = 9765;
    /** Bytes waiting for back-pressured connections on the leader now. */
    public static final int EGRESS_BACKLOG_BYTES_TYPE_ID = 9766;
    /** Connections the leader cut because their egress backlog passed its bound. */
    public static final int EGRESS_CUT_CONNECTIONS_TYPE_ID = 9767;

    /** Key length of a {@link #REQUESTS_TYPE_ID} or {@link #EVENTS_TYPE_ID} counter. */
    public static final int TALLY_KEY_LENGTH = 2 * Integer.BYTES;

    private MetricCounters()
    {
    }
}
