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
}
