package io.warden.node.domain;

/**
 * The scalar part of the state: counters and replicated limits.
 */
public final class StateHeader
{
    public long revision;
    public long compactRevision;
    public long nextSessionId;
    public long nextLockId;
    public long nextClaimId;
    public long nextElectionId;
    public long nextCandidateId;
    public int maxValueLength;
    public int historyMaxEvents;
    public long historyMaxBytes;
    public long stateQuotaBytes;
    public int maxKeysPerSession;
    public long maxBytesPerSession;
    public int maxSequentialPerSession;
    public int maxLocksPerSession;
    public int maxWatchesPerConnection;
    /** Lease time minus log time ({@link LeaseClock}). */
    public long clockOffsetMs;
    /** Lease time of the last command applied. */
    public long clockNowMs;
}
