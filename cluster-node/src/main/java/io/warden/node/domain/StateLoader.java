package io.warden.node.domain;

import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.session.Session;
import io.warden.schema.LimitsSpec;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResourceType;

/**
 * Rebuilds a fresh state machine from snapshot records given in the order {@link WardenStateMachine#visit} walks
 * them. Indexes (secrets, owners, waiters by id) are rebuilt as records arrive. Timers are not re-armed: the
 * cluster's own snapshot keeps them.
 */
public final class StateLoader
{
    private final WardenStateMachine state;
    private LockQueue currentLock;
    private boolean currentLockIsElection;

    StateLoader(final WardenStateMachine state)
    {
        this.state = state;
    }

    public void header(final StateHeader header)
    {
        state.revisionCounter().restore(header.revision);
        state.history().restoreCompactRevision(header.compactRevision);
        state.sessions().restoreNextSessionId(header.nextSessionId);
        state.locks().restoreCounters(header.nextLockId, header.nextClaimId);
        state.elections().candidates().restoreCounters(header.nextElectionId, header.nextCandidateId);
        state.limits().update(new LimitsSpec()
            .maxValueLength(header.maxValueLength)
            .historyMaxEvents(header.historyMaxEvents)
            .historyMaxBytes(header.historyMaxBytes)
            .stateQuotaBytes(header.stateQuotaBytes)
            .maxKeysPerSession(header.maxKeysPerSession)
            .maxBytesPerSession(header.maxBytesPerSession)
            .maxSequentialPerSession(header.maxSequentialPerSession)
            .maxLocksPerSession(header.maxLocksPerSession)
            .maxWatchesPerConnection(header.maxWatchesPerConnection));
        state.clock().restore(header.clockOffsetMs, header.clockNowMs);
    }

    public Session session(
        final long sessionId,
        final long secret,
        final long ttlMs,
        final byte[] clientName,
        final long openedMs,
        final long expiryMs,
        final long route,
        final long ackedSeq)
    {
        return state.sessions().restore(sessionId, secret, ttlMs, clientName, openedMs, expiryMs, route, ackedSeq);
    }

    public void outcome(final long sessionId, final Outcome outcome)
    {
        final Session session = state.sessions().get(sessionId);
        if (session == null)
        {
            throw new IllegalStateException("outcome of session " + sessionId + ", which is not in the snapshot");
        }
        session.remember(outcome);
    }

    /**
     * An entry with its charge set ({@link KvEntry#charge}); it is charged again only if its session is live.
     */
    public void kvEntry(final KvEntry entry)
    {
        state.kv().restore(entry, state.sessions().get(entry.chargedSessionId()) != null);
    }

    public void lock(final boolean election, final Key name, final long lockId, final long delayUntilMs)
    {
        currentLockIsElection = election;
        currentLock = (election ? state.elections().candidates() : state.locks())
            .restoreLock(name, lockId, delayUntilMs);
    }

    /**
     * A claim of the lock given by the last {@link #lock} call; holders first, then waiters in queue order.
     */
    public void claim(
        final long claimId,
        final long sessionId,
        final long requestSeq,
        final LockMode mode,
        final long lockDelayMs,
        final long sinceMs,
        final long deadlineMs,
        final long token,
        final byte[] value)
    {
        (currentLockIsElection ? state.elections().candidates() : state.locks()).restoreClaim(
            currentLock, claimId, sessionId, requestSeq, mode, lockDelayMs, sinceMs, deadlineMs, token, value);
    }

    public void watch(
        final long route,
        final long watchId,
        final Key key,
        final boolean prefix,
        final boolean prevValue,
        final long startRevision,
        final long watcher)
    {
        state.watches().register(route, watchId, key, prefix, prevValue, startRevision, watcher);
    }

    /**
     * The auth switch and user id counter (users and roles follow).
     */
    public void auth(final boolean enabled, final long nextUserId)
    {
        state.auth().restore(enabled, nextUserId);
    }

    public void user(
        final long userId,
        final String name,
        final int iterations,
        final byte[] salt,
        final byte[] storedKey,
        final byte[] serverKey,
        final String[] roles)
    {
        state.auth().restoreUser(userId, name, iterations, salt, storedKey, serverKey, roles);
    }

    public void role(final String name)
    {
        state.auth().restoreRole(name);
    }

    public void grant(final String role, final ResourceType resource, final byte[] prefix, final int permissions)
    {
        state.auth().restoreGrant(role, resource, prefix, permissions);
    }

    public void historyEvent(final ChangeEvent event)
    {
        state.history().restore(event);
    }
}
