package io.warden.node.domain;

import io.warden.node.domain.auth.AuthTable;
import io.warden.node.domain.auth.Grant;
import io.warden.node.domain.auth.Role;
import io.warden.node.domain.auth.User;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.lock.LockClaim;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.session.Session;
import io.warden.node.domain.watch.Watch;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of everything a {@link StateVisitor} sees. Two nodes, or a node before and after a snapshot
 * round-trip, have equal digests exactly when their replicated state is equal (up to hash collisions).
 */
public final class StateDigest implements StateVisitor
{
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final boolean withAccounting;
    private long hash = 0xCBF29CE484222325L;

    /**
     * The digest of the current snapshot format.
     */
    public StateDigest()
    {
        this(true);
    }

    /**
     * @param withAccounting false to leave out what snapshot version 1 did not have (the quota and caps, the lease
     *                       clock, the keys' charges), so a version 1 snapshot's digest can still be checked.
     */
    public StateDigest(final boolean withAccounting)
    {
        this.withAccounting = withAccounting;
    }

    public long value()
    {
        return hash;
    }

    private void mix(final long value)
    {
        long x = value ^ (value >>> 33);
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        hash = Long.rotateLeft(hash ^ x, 29) * MULTIPLIER;
    }

    private void mix(final byte[] bytes, final int length)
    {
        mix(length);
        long word = 0;
        for (int i = 0; i < length; i++)
        {
            word = (word << 8) | (bytes[i] & 0xFF);
            if ((i & 7) == 7)
            {
                mix(word);
                word = 0;
            }
        }
        mix(word);
    }

    private void mix(final byte[] bytes)
    {
        mix(bytes, bytes.length);
    }

    private void mix(final Key key)
    {
        mix(key.bytes(), key.length());
    }

    public void header(final StateHeader header)
    {
        mix(header.revision);
        mix(header.compactRevision);
        mix(header.nextSessionId);
        mix(header.nextLockId);
        mix(header.nextClaimId);
        mix(header.nextElectionId);
        mix(header.nextCandidateId);
        mix(header.maxValueLength);
        mix(header.historyMaxEvents);
        mix(header.historyMaxBytes);
        if (!withAccounting)
        {
            return;
        }
        mix(header.stateQuotaBytes);
        mix(header.maxKeysPerSession);
        mix(header.maxBytesPerSession);
        mix(header.maxSequentialPerSession);
        mix(header.maxLocksPerSession);
        mix(header.maxWatchesPerConnection);
        // The lease clock's offset is state; its reading (clockNowMs) is left out: it moves with every command,
        // even one that changes nothing, and tests and tools compare digests across such commands.
        mix(header.clockOffsetMs);
    }

    public void session(final Session session)
    {
        mix(1);
        mix(session.sessionId());
        mix(session.secret());
        mix(session.ttlMs());
        mix(session.clientName());
        mix(session.openedMs());
        mix(session.expiryMs());
        mix(session.route());
        mix(session.ackedSeq());
        if (withAccounting && session.owner() != 0)
        {
            // mixed only when set, so that a snapshot written before sessions had owners still checks out
            mix(session.owner());
        }
    }

    public void outcome(final long sessionId, final Outcome outcome)
    {
        mix(2);
        mix(sessionId);
        mix(outcome.requestSeq);
        mix(outcome.kind.ordinal());
        mix(outcome.code.value());
        mix(outcome.a);
        mix(outcome.b);
        mix(outcome.c);
        if (outcome.key != null)
        {
            mix(outcome.key);
        }
    }

    public void kvEntry(final KvEntry entry)
    {
        mix(3);
        mix(entry.key());
        mix(entry.value());
        mix(entry.createRevision());
        mix(entry.modRevision());
        mix(entry.version());
        mix(entry.ownerSessionId());
        if (withAccounting)
        {
            mix(entry.chargedSessionId());
            mix(entry.sequential() ? 1 : 0);
        }
    }

    public void lock(final boolean election, final LockQueue lock)
    {
        mix(election ? 5 : 4);
        mix(lock.name());
        mix(lock.lockId());
        mix(lock.delayUntilMs());
        for (int i = 0; i < lock.holderCount(); i++)
        {
            claim(lock.holder(i));
        }
        mix(-1);
        for (int i = 0; i < lock.waiterCount(); i++)
        {
            claim(lock.waiter(i));
        }
    }

    private void claim(final LockClaim claim)
    {
        mix(claim.claimId());
        mix(claim.sessionId());
        mix(claim.requestSeq());
        mix(claim.mode().value());
        mix(claim.lockDelayMs());
        mix(claim.sinceMs());
        mix(claim.deadlineMs());
        mix(claim.token());
        mix(claim.value());
    }

    public void watch(final Watch watch)
    {
        mix(6);
        mix(watch.route());
        mix(watch.watchId());
        mix(watch.key());
        mix(watch.isPrefix() ? 1 : 0);
        mix(watch.withPrevValue() ? 1 : 0);
        mix(watch.startRevision());
        if (withAccounting && watch.watcher() != 0)
        {
            mix(watch.watcher());
        }
    }

    public void historyEvent(final ChangeEvent event)
    {
        mix(7);
        mix(event.type().value());
        mix(event.revision());
        mix(event.key());
        mix(event.value());
        mix(event.createRevision());
        mix(event.modRevision());
        mix(event.version());
        mix(event.ownerSessionId());
        mix(event.prevValue());
        mix(event.prevCreateRevision());
        mix(event.prevModRevision());
        mix(event.prevVersion());
        mix(event.prevOwnerSessionId());
    }

    /**
     * Mixed only once anything is set, so that a snapshot from before users and roles still checks out.
     */
    public void auth(final AuthTable auth)
    {
        if (!withAccounting || auth.isPristine())
        {
            return;
        }
        mix(9);
        mix(auth.isEnabled() ? 1 : 0);
        mix(auth.nextUserId());
        for (final User user : auth.users())
        {
            mix(user.userId());
            mix(user.name().getBytes(StandardCharsets.UTF_8));
            mix(user.iterations());
            mix(user.salt());
            mix(user.storedKey());
            mix(user.serverKey());
            for (final String role : user.roles())
            {
                mix(role.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (final Role role : auth.roles())
        {
            mix(role.name().getBytes(StandardCharsets.UTF_8));
            for (final Grant grant : role.grants())
            {
                mix(grant.resource().value());
                mix(grant.prefix());
                mix(grant.permissions());
            }
        }
    }

    public void end()
    {
        mix(8);
    }
}
