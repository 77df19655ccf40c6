package io.warden.node.domain;

/**
 * Counters of the replicated state, filled on request.
 */
public final class StatusView
{
    public long revision;
    public long compactRevision;
    public long sessions;
    public long locks;
    public long elections;
    public long keys;
    public long watches;
    public long historyEvents;
    public long historyBytes;
    public int maxValueLength;
    public int historyMaxEvents;
    public long historyMaxBytes;
    public long stateDigest;
    /** Accounted bytes of the whole state, history included. */
    public long stateBytes;
    public long stateQuotaBytes;
    public int maxKeysPerSession;
    public long maxBytesPerSession;
    public int maxSequentialPerSession;
    public int maxLocksPerSession;
    public int maxWatchesPerConnection;
}
