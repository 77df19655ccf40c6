package io.warden.node.domain.election;

import io.warden.node.domain.Key;
import io.warden.node.domain.QuotaCheck;
import io.warden.node.domain.ReplicatedLimits;
import io.warden.node.domain.Revision;
import io.warden.node.domain.StateBudget;
import io.warden.node.domain.TimerIds;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.kv.KvStore;
import io.warden.node.domain.lock.ClaimListener;
import io.warden.node.domain.lock.LockAnswer;
import io.warden.node.domain.lock.LockClaim;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.lock.LockTable;
import io.warden.node.domain.port.Timers;
import io.warden.schema.KeyRules;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Elections. After every change of leadership the mirror key is made to match: created anew (create revision = term)
 * for a new leader, updated by a proclaim, deleted when nobody leads.
 */
public final class ElectionTable
{
    private static final Key MIRROR_PREFIX = Key.of(WardenLimits.ELECTION_PREFIX);

    private final LockTable candidates;
    private final KvStore kv;
    private final Key mirror = Key.probe();

    public ElectionTable(
        final Revision revision,
        final ReplicatedLimits limits,
        final StateBudget budget,
        final Timers timers,
        final ClaimListener listener,
        final KvStore kv)
    {
        this.candidates = new LockTable(
            revision, limits, budget, timers, listener, TimerIds.ELECTION_WAIT, TimerIds.ELECTION_DELAY);
        this.kv = kv;
    }

    public int size()
    {
        return candidates.size();
    }

    /**
     * The candidate queues, for snapshots and digests.
     */
    public LockTable candidates()
    {
        return candidates;
    }

    /**
     * Check a campaign without changing anything.
     */
    public ResultCode checkCampaign(
        final long sessionId, final Key election, final int valueLength, final int maxValue, final QuotaCheck check)
    {
        final ResultCode nameCode = checkName(election);
        if (nameCode != ResultCode.OK)
        {
            return nameCode;
        }
        if (valueLength > maxValue)
        {
            return ResultCode.VALUE_TOO_LARGE;
        }
        return candidates.checkAcquire(sessionId, election, LockMode.EXCLUSIVE, -1, 0, check);
    }

    /**
     * Check an election name: a valid name short enough to be mirrored under the reserved prefix.
     */
    public static ResultCode checkName(final Key election)
    {
        return KeyRules.checkElectionName(election.bytes(), election.length());
    }

    /**
     * Stand as a candidate: elected now (OK with the term), QUEUED, ALREADY_HELD (leads; the term) or ALREADY_QUEUED.
     */
    public LockAnswer campaign(
        final long sessionId, final long requestSeq, final Key election, final byte[] value, final long nowMs)
    {
        final LockAnswer answer = candidates.acquire(
            sessionId, requestSeq, election, LockMode.EXCLUSIVE, -1, 0, value, nowMs);
        if (answer.code() == ResultCode.OK)
        {
            syncMirror(election);
        }
        return answer;
    }

    /**
     * Accounted growth of a campaign: the candidacy (and the queue when nobody stands), and the mirror key it may
     * get when elected.
     */
    public long campaignGrowth(final Key election, final int valueLength)
    {
        return candidates.acquireGrowth(election, valueLength) +
            StateBudget.entryBytes(MIRROR_PREFIX.length() + election.length(), valueLength);
    }

    /**
     * Accounted growth of a proclaim by this session: the new value replaces the old one in the leader's claim and
     * in the mirror key (0 when the session does not lead; the proclaim is then refused anyway).
     */
    public long proclaimGrowth(final long sessionId, final Key election, final int valueLength)
    {
        final LockClaim leader = candidates.heldBy(sessionId, election);
        return leader == null ? 0 : 2L * (valueLength - leader.value().length);
    }

    /**
     * The leader of the given term publishes a new value.
     *
     * @return OK, NOT_HOLDER (this session does not lead) or STALE_FENCE (it leads under another term).
     */
    public ResultCode proclaim(final long sessionId, final long term, final Key election, final byte[] value)
    {
        final LockClaim leader = candidates.heldBy(sessionId, election);
        if (leader == null)
        {
            return ResultCode.NOT_HOLDER;
        }
        if (leader.token() != term)
        {
            return ResultCode.STALE_FENCE;
        }
        candidates.revalue(leader, value);
        kv.put(mirrorKey(election), value, sessionId, false, 0, false);
        return ResultCode.OK;
    }

    /**
     * Step down (term given) or withdraw a queued candidacy (term 0). The next candidate, if any, is elected.
     */
    public ResultCode resign(final long sessionId, final long term, final Key election, final long nowMs)
    {
        final ResultCode code = candidates.release(sessionId, term, election, nowMs);
        if (code == ResultCode.OK)
        {
            syncMirror(election);
        }
        return code;
    }

    /**
     * The current leader's claim, or null.
     */
    public LockClaim leader(final Key election)
    {
        final LockQueue queue = candidates.get(election);
        return queue == null || queue.holderCount() == 0 ? null : queue.holder(0);
    }

    /**
     * Candidates queued behind the leader.
     */
    public int queued(final Key election)
    {
        final LockQueue queue = candidates.get(election);
        return queue == null ? 0 : queue.waiterCount();
    }

    /**
     * The mirror entry of an election (its value and revisions), or null.
     */
    public KvEntry mirror(final Key election)
    {
        return kv.get(mirrorKey(election));
    }

    /**
     * A session ended: withdraw all its candidacies and hand leadership on.
     */
    public void withdrawAllOf(final long sessionId, final long nowMs)
    {
        final List<Key> names = candidates.namesOf(sessionId);
        if (names == null)
        {
            return;
        }
        candidates.releaseAllOf(sessionId, false, nowMs);
        for (int i = 0, n = names.size(); i < n; i++)
        {
            syncMirror(names.get(i));
        }
    }

    private void syncMirror(final Key election)
    {
        final LockClaim leader = leader(election);
        final Key key = mirrorKey(election);
        final KvEntry current = kv.get(key);
        if (leader == null)
        {
            if (current != null)
            {
                kv.delete(key);
            }
        }
        else if (current == null || current.createRevision() != leader.token())
        {
            kv.put(key, leader.value(), leader.sessionId(), true, 0, false);
        }
    }

    private Key mirrorKey(final Key election)
    {
        return mirror.setConcat(MIRROR_PREFIX, election);
    }

    /**
     * Name of the mirror key of an election, for tools.
     */
    public static String mirrorKeyName(final String election)
    {
        return new String(MIRROR_PREFIX.bytes(), 0, MIRROR_PREFIX.length(), StandardCharsets.UTF_8) + election;
    }
}
