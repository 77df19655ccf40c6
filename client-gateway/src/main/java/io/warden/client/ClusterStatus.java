package io.warden.client;

/**
 * Counters of the replicated state, from {@code Status}.
 * <pre>{@code
 * ClusterStatus status = client.await(client.status());
 * System.out.println("revision " + status.revision() + ", " + status.sessions() + " sessions");
 * }</pre>
 */
public final class ClusterStatus
{
    private final long revision;
    private final long compactRevision;
    private final long sessions;
    private final long locks;
    private final long elections;
    private final long keys;
    private final long watches;
    private final long historyEvents;
    private final long historyBytes;
    private final int maxValueLength;
    private final long stateDigest;
    private final long stateBytes;
    private final long stateQuotaBytes;

    /**
     * A status (built by the client; public for test doubles).
     * <pre>{@code ClusterStatus s = new ClusterStatus(10, 0, 1, 0, 0, 3, 0, 10, 640, 65536, 0x5eedL); }</pre>
     *
     * @param revision        current revision.
     * @param compactRevision history at or below this is gone.
     * @param sessions        live sessions.
     * @param locks           locks with holders or waiters.
     * @param elections       elections with candidates.
     * @param keys            keys in the store.
     * @param watches         watch registrations at the node.
     * @param historyEvents   events in the watch history.
     * @param historyBytes    bytes in the watch history.
     * @param maxValueLength  largest value accepted now.
     * @param stateDigest     hash of the whole replicated state.
     */
    public ClusterStatus(
        final long revision,
        final long compactRevision,
        final long sessions,
        final long locks,
        final long elections,
        final long keys,
        final long watches,
        final long historyEvents,
        final long historyBytes,
        final int maxValueLength,
        final long stateDigest)
    {
        this(revision, compactRevision, sessions, locks, elections, keys, watches, historyEvents, historyBytes,
            maxValueLength, stateDigest, 0, 0);
    }

    /**
     * A status with the state's accounted size and its quota (0 and 0 from a cluster that predates them).
     * <pre>{@code ClusterStatus s = new ClusterStatus(10, 0, 1, 0, 0, 3, 0, 10, 640, 65536, 0x5eedL, 4096, 1 << 28); }</pre>
     *
     * @param revision        current revision.
     * @param compactRevision history at or below this is gone.
     * @param sessions        live sessions.
     * @param locks           locks with holders or waiters.
     * @param elections       elections with candidates.
     * @param keys            keys in the store.
     * @param watches         watch registrations at the node.
     * @param historyEvents   events in the watch history.
     * @param historyBytes    bytes in the watch history.
     * @param maxValueLength  largest value accepted now.
     * @param stateDigest     hash of the whole replicated state.
     * @param stateBytes      accounted bytes of the whole state.
     * @param stateQuotaBytes the state's budget.
     */
    public ClusterStatus(
        final long revision,
        final long compactRevision,
        final long sessions,
        final long locks,
        final long elections,
        final long keys,
        final long watches,
        final long historyEvents,
        final long historyBytes,
        final int maxValueLength,
        final long stateDigest,
        final long stateBytes,
        final long stateQuotaBytes)
    {
        this.stateBytes = stateBytes;
        this.stateQuotaBytes = stateQuotaBytes;
        this.revision = revision;
        this.compactRevision = compactRevision;
        this.sessions = sessions;
        this.locks = locks;
        this.elections = elections;
        this.keys = keys;
        this.watches = watches;
        this.historyEvents = historyEvents;
        this.historyBytes = historyBytes;
        this.maxValueLength = maxValueLength;
        this.stateDigest = stateDigest;
    }

    /**
     * Current revision of the store.
     * <pre>{@code long rev = status.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * Watch history at or below this revision is gone.
     * <pre>{@code boolean canResume = from > status.compactRevision(); }</pre>
     *
     * @return the compact revision.
     */
    public long compactRevision()
    {
        return compactRevision;
    }

    /**
     * Live sessions.
     * <pre>{@code long n = status.sessions(); }</pre>
     *
     * @return the count.
     */
    public long sessions()
    {
        return sessions;
    }

    /**
     * Locks with holders or waiters.
     * <pre>{@code long n = status.locks(); }</pre>
     *
     * @return the count.
     */
    public long locks()
    {
        return locks;
    }

    /**
     * Elections with candidates.
     * <pre>{@code long n = status.elections(); }</pre>
     *
     * @return the count.
     */
    public long elections()
    {
        return elections;
    }

    /**
     * Keys in the store.
     * <pre>{@code long n = status.keys(); }</pre>
     *
     * @return the count.
     */
    public long keys()
    {
        return keys;
    }

    /**
     * Watch registrations held by the node (one per gateway and watched key, not per client).
     * <pre>{@code long n = status.watches(); }</pre>
     *
     * @return the count.
     */
    public long watches()
    {
        return watches;
    }

    /**
     * Events in the watch history.
     * <pre>{@code long n = status.historyEvents(); }</pre>
     *
     * @return the count.
     */
    public long historyEvents()
    {
        return historyEvents;
    }

    /**
     * Bytes in the watch history.
     * <pre>{@code long n = status.historyBytes(); }</pre>
     *
     * @return the byte count.
     */
    public long historyBytes()
    {
        return historyBytes;
    }

    /**
     * Largest value the cluster accepts now.
     * <pre>{@code int max = status.maxValueLength(); }</pre>
     *
     * @return the length in bytes.
     */
    public int maxValueLength()
    {
        return maxValueLength;
    }

    /**
     * Hash of the whole replicated state; equal on every node at one revision.
     * <pre>{@code long digest = status.stateDigest(); }</pre>
     *
     * @return the digest.
     */
    public long stateDigest()
    {
        return stateDigest;
    }

    /**
     * Accounted bytes of the whole replicated state (keys, values, sessions, locks, watches, history).
     * <pre>{@code double used = (double)status.stateBytes() / status.stateQuotaBytes(); }</pre>
     *
     * @return the bytes, 0 from a cluster that predates the state budget.
     */
    public long stateBytes()
    {
        return stateBytes;
    }

    /**
     * The state's budget: growth past it is refused with {@code QUOTA_EXCEEDED}.
     * <pre>{@code if (status.stateBytes() > 0.8 * status.stateQuotaBytes()) { alert(); } }</pre>
     *
     * @return the quota in bytes, 0 from a cluster that predates it.
     */
    public long stateQuotaBytes()
    {
        return stateQuotaBytes;
    }

    @Override
    public String toString()
    {
        return "ClusterStatus{revision=" + revision + ", compactRevision=" + compactRevision + ", sessions=" +
            sessions + ", locks=" + locks + ", elections=" + elections + ", keys=" + keys + ", watches=" + watches +
            ", historyEvents=" + historyEvents + ", historyBytes=" + historyBytes + ", maxValueLength=" +
            maxValueLength + ", stateDigest=" + Long.toHexString(stateDigest) + ", stateBytes=" + stateBytes +
            ", stateQuotaBytes=" + stateQuotaBytes + '}';
    }
}
