package io.warden.node.domain;

import io.warden.node.domain.auth.AuthRequests;
import io.warden.node.domain.auth.AuthTable;
import io.warden.node.domain.auth.Permission;
import io.warden.node.domain.election.ElectionTable;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.ChangeHistory;
import io.warden.node.domain.kv.ChangeList;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.kv.KvStore;
import io.warden.node.domain.kv.RangeResult;
import io.warden.node.domain.kv.SessionCharge;
import io.warden.node.domain.kv.TxnCommand;
import io.warden.node.domain.lock.ClaimListener;
import io.warden.node.domain.lock.LockAnswer;
import io.warden.node.domain.lock.LockClaim;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.lock.LockTable;
import io.warden.node.domain.port.Events;
import io.warden.node.domain.port.Replies;
import io.warden.node.domain.port.Timers;
import io.warden.node.domain.session.Session;
import io.warden.node.domain.session.SessionTable;
import io.warden.node.domain.watch.Watch;
import io.warden.node.domain.watch.WatchRegistry;
import io.warden.schema.KeyRules;
import io.warden.schema.LimitsSpec;
import io.warden.schema.Principals;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.AuthListKind;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.RoleOp;
import io.warden.schema.protocol.UserOp;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;

/**
 * Warden's replicated state machine: sessions, locks, elections, the key-value store and watches, driven one command
 * at a time. Its state is a pure function of the commands applied (and the snapshot it started from): time comes in as
 * the log timestamp through {@link #time(long)}, ids come from counters in the state, every iteration that shapes
 * output is ordered, and every command is checked completely before its first change.
 * <p>
 * Mutations carry {@code (sessionId, requestSeq)}: the answer is remembered until the client acknowledges it
 * ({@code ackedSeq}), so a retry after a leader change gets the original answer instead of acting twice.
 * <p>
 * Thread: the cluster service thread only.
 */
public final class WardenStateMachine
{
    private static final byte[] EMPTY = new byte[0];

    /** Most entries in one ListSessions or ListLocks page (the responder may stop earlier to fit one frame). */
    public static final int MAX_LIST_PAGE = 500;

    private final ArrayList<Session> sessionPage = new ArrayList<>();
    private final ArrayList<LockQueue> lockPage = new ArrayList<>();
    private final Replies replies;
    private final Events events;
    private final Revision revision = new Revision();
    private final ReplicatedLimits limits = new ReplicatedLimits();
    private final StateBudget budget = new StateBudget();
    private final QuotaCheck quota = new QuotaCheck();
    private final ChangeList changes = new ChangeList();
    private final ChangeHistory history = new ChangeHistory(limits);
    private final KvStore kv = new KvStore(revision, limits, changes, history, budget);
    private final LeaseClock clock;
    private final SessionTable sessions;
    private final LockTable locks;
    private final ElectionTable elections;
    private final WatchRegistry watches = new WatchRegistry(limits, budget);
    private final Routes routes = new Routes();
    private final AuthTable auth = new AuthTable();
    private final AuthRequests authRequests;
    private final LongArrayList failedSessionIds = new LongArrayList();
    private final ArrayList<ResultCode> failureCodes = new ArrayList<>();
    private final RangeResult rangeResult = new RangeResult();
    private final StatusView status = new StatusView();
    private final Key sequentialKey = Key.probe();
    private long nowMs;

    public WardenStateMachine(final Replies replies, final Events events, final Timers timers)
    {
        this.replies = replies;
        this.events = events;
        this.authRequests = new AuthRequests(auth, replies);
        this.clock = new LeaseClock(timers);
        this.sessions = new SessionTable(clock, budget);
        this.locks = new LockTable(
            revision, limits, budget, clock, new LockEvents(), TimerIds.LOCK_WAIT, TimerIds.LOCK_DELAY);
        this.elections = new ElectionTable(revision, limits, budget, clock, new ElectionEvents(), kv);
        // a watch delivers only the events its user may read (an operator's, and every watch while auth is off, all)
        watches.readFilter((watcher, key) -> !auth.isEnabled() || watcher == Watch.EVERYTHING ||
            auth.allows(watcher, ResourceType.KEY, key.bytes(), key.length(), Permission.READ));
    }

    /**
     * Set the time of the command about to be applied from its log timestamp (in milliseconds); the state machine
     * runs on {@link LeaseClock lease time}, the log time made continuous across leaders.
     */
    public void time(final long logMs)
    {
        this.nowMs = clock.onLogTime(logMs);
    }

    public long revision()
    {
        return revision.current();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * A new leadership term began (a log event, at this log timestamp): lease time carries on from where the last
     * term left it, whatever the new leader's clock says, and every session gets a full TTL from now, so no client
     * expires because it could not reach anyone during the election.
     */
    public void onNewLeadershipTerm(final long termLogMs)
    {
        final boolean rearm = clock.onNewTerm(termLogMs);
        nowMs = clock.nowMs();
        sessions.extendAll(nowMs);
        if (rearm)
        {
            sessions.rearmTimers();
            locks.rearmTimers(nowMs);
            elections.candidates().rearmTimers(nowMs);
        }
    }

    /**
     * A connection (Aeron cluster session) closed: its watches go. The sessions it carried live on until their TTL,
     * so their clients can resume through another connection.
     */
    public void onRouteClosed(final long route)
    {
        watches.removeRoute(route);
        routes.remove(route);
    }

    /**
     * A connection (Aeron cluster session) opened, authenticated by the node's authenticator as a gateway or an
     * operator (the principal is in the log's session-open event, and in Aeron's snapshot of its sessions, so every
     * node learns the same). Also called for every open connection after a snapshot is loaded.
     *
     * @param route            the cluster session id.
     * @param encodedPrincipal what the authenticator named it ({@code gateway:gateway-0}).
     * @return false if its principal already has {@link WardenLimits#MAX_CONNECTIONS_PER_PRINCIPAL} connections: its
     * requests are then answered LIMIT_EXCEEDED (the caller should close it).
     */
    public boolean onRouteOpened(final long route, final byte[] encodedPrincipal)
    {
        return routes.open(route, encodedPrincipal);
    }

    /**
     * May this connection's requests be applied? False for one past its principal's bound.
     */
    public boolean isRouteAdmitted(final long route)
    {
        return routes.isAdmitted(route);
    }

    /**
     * A timer scheduled through the {@link Timers} port fired.
     */
    public void onTimer(final long timerId)
    {
        begin();
        final long id = TimerIds.idOf(timerId);
        switch (TimerIds.kindOf(timerId))
        {
            case TimerIds.SESSION_EXPIRY:
                final Session expired = sessions.onExpiryTimer(id, nowMs);
                if (expired != null)
                {
                    end(expired, true);
                }
                break;
            case TimerIds.LOCK_WAIT:
                locks.onWaitTimer(id, nowMs);
                break;
            case TimerIds.LOCK_DELAY:
                locks.onDelayTimer(id, nowMs);
                break;
            case TimerIds.ELECTION_WAIT:
                elections.candidates().onWaitTimer(id, nowMs);
                break;
            case TimerIds.ELECTION_DELAY:
                elections.candidates().onDelayTimer(id, nowMs);
                break;
            default:
                break;
        }
        commit();
    }

    // ------------------------------------------------------------------------------------------------ sessions

    public void onOpenSession(final Request request, final long ttlMs, final long secret, final Slice clientName)
    {
        begin();
        final Session bySecret = secret == 0 ? null : sessions.bySecret(secret);
        final Session existing = bySecret == null ? null : liveSession(bySecret.sessionId());
        if (existing != null)
        {
            // the client proved the session's secret: the session moves to this gateway
            existing.owner(routes.ownerOf(request.route));
            existing.route(request.route);
            sessions.renew(existing, nowMs);
            replies.session(request, ResultCode.OK, existing.sessionId(), existing.ttlMs());
        }
        else
        {
            final ResultCode code = sessions.checkOpen(ttlMs, secret, clientName.length());
            if (code != ResultCode.OK)
            {
                replies.reject(request, code);
            }
            else if (admits(request, true, StateBudget.sessionBytes(clientName.length())))
            {
                final Session session = sessions.open(ttlMs, secret, clientName.toArray(), request.route, nowMs);
                session.owner(routes.ownerOf(request.route));
                replies.session(request, ResultCode.OK, session.sessionId(), ttlMs);
            }
        }
        commit();
    }

    public void onResumeSession(final Request request, final long secret)
    {
        begin();
        final Session session = liveSession(request.sessionId);
        if (session == null)
        {
            replies.reject(request, sessions.codeForMissing(request.sessionId));
        }
        else if (session.secret() != secret)
        {
            replies.reject(request, ResultCode.UNAUTHORISED);
        }
        else
        {
            session.owner(routes.ownerOf(request.route));
            session.route(request.route);
            sessions.renew(session, nowMs);
            replies.session(request, ResultCode.OK, session.sessionId(), session.ttlMs());
        }
        commit();
    }

    /**
     * Renew many sessions. Each is renewed to {@code now - silentMs + ttl} (never shortened): its TTL counts from
     * the last time the sender heard from its client, not from when the batch was applied.
     *
     * @param request    the batch.
     * @param sessionIds the sessions.
     * @param silentMs   per session, how long its client had been silent when the batch was built.
     */
    public void onKeepAliveBatch(final Request request, final LongArrayList sessionIds, final LongArrayList silentMs)
    {
        if (sessionIds.size() > WardenLimits.MAX_KEEPALIVE_BATCH || silentMs.size() != sessionIds.size())
        {
            replies.reject(request, sessionIds.size() > WardenLimits.MAX_KEEPALIVE_BATCH ?
                ResultCode.LIMIT_EXCEEDED : ResultCode.INVALID_ARGUMENT);
            return;
        }
        begin();
        failedSessionIds.clear();
        failureCodes.clear();
        for (int i = 0, n = sessionIds.size(); i < n; i++)
        {
            final long sessionId = sessionIds.getLong(i);
            final Session session = liveSession(sessionId);
            if (session == null)
            {
                failedSessionIds.addLong(sessionId);
                failureCodes.add(sessions.codeForMissing(sessionId));
            }
            else if (!owns(request, session))
            {
                failedSessionIds.addLong(sessionId);
                failureCodes.add(ResultCode.SESSION_NOT_OWNED);
            }
            else
            {
                session.route(request.route);
                sessions.renew(session, nowMs - silentMs.getLong(i));
            }
        }
        replies.keepAlive(request, failedSessionIds, failureCodes);
        commit();
    }

    public void onCloseSession(final Request request)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null)
        {
            end(session, false);
            replies.session(request, ResultCode.OK, session.sessionId(), 0);
        }
        commit();
    }

    /**
     * End a session: withdraw candidacies, release locks (with lock-delay when involuntary), delete ephemeral keys.
     */
    private void end(final Session session, final boolean involuntary)
    {
        final long sessionId = session.sessionId();
        elections.withdrawAllOf(sessionId, nowMs);
        locks.releaseAllOf(sessionId, involuntary, nowMs);
        kv.deleteOwnedBy(sessionId);
        kv.dropCharges(sessionId);
        sessions.remove(session);
        if (involuntary)
        {
            events.sessionEnded(session.route(), sessionId, ResultCode.SESSION_EXPIRED);
        }
    }

    // ------------------------------------------------------------------------------------------------ locks

    public void onAcquire(
        final Request request, final LockMode mode, final long waitTimeoutMs, final long lockDelayMs, final Key name)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null)
        {
            final ResultCode code =
                locks.checkAcquire(session.sessionId(), name, mode, waitTimeoutMs, lockDelayMs, quota);
            if (code != ResultCode.OK)
            {
                rejectOrRefuse(request, code);
            }
            else if (permits(request, ResourceType.LOCK, name, Permission.ACQUIRE) &&
                admits(request, true, locks.acquireGrowth(name, 0) + StateBudget.OUTCOME_OVERHEAD))
            {
                final LockAnswer answer = locks.acquire(
                    session.sessionId(), request.requestSeq, name, mode, waitTimeoutMs, lockDelayMs, EMPTY, nowMs);
                remember(session, request, Outcome.Kind.LOCK, answer.code(), answer.token(), answer.delayRemainingMs(), 0);
                replies.lock(request, answer.code(), answer.token(), answer.delayRemainingMs());
            }
        }
        commit();
    }

    public void onRelease(final Request request, final long token, final Key name)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null && checkName(request, name) &&
            permits(request, ResourceType.LOCK, name, Permission.ACQUIRE))
        {
            final ResultCode code = locks.release(session.sessionId(), token, name, nowMs);
            remember(session, request, Outcome.Kind.LOCK, code, 0, 0, 0);
            replies.lock(request, code, 0, 0);
        }
        commit();
    }

    public void onCheckFence(final Request request, final long token, final Key name)
    {
        if (checkName(request, name) && permits(request, ResourceType.LOCK, name, Permission.READ))
        {
            replies.lock(request, locks.checkFence(name, token), token, 0);
        }
    }

    public void onDescribeLock(final Request request, final Key name)
    {
        if (checkName(request, name) && permits(request, ResourceType.LOCK, name, Permission.READ))
        {
            final LockQueue lock = locks.get(name);
            replies.lockDescription(request, lock == null ? ResultCode.NOT_FOUND : ResultCode.OK, lock);
        }
    }

    public void onLockStatus(final Request request, final Key name)
    {
        begin();
        final Session session = liveSession(request.sessionId);
        if (session == null)
        {
            replies.reject(request, sessions.codeForMissing(request.sessionId));
        }
        else if (!owns(request, session))
        {
            replies.reject(request, ResultCode.SESSION_NOT_OWNED);
        }
        else if (checkName(request, name) && permits(request, ResourceType.LOCK, name, Permission.READ))
        {
            final LockAnswer answer = locks.status(session.sessionId(), name, nowMs);
            replies.lock(request, answer.code(), answer.token(), answer.delayRemainingMs());
        }
        commit();
    }

    // ------------------------------------------------------------------------------------------------ elections

    public void onCampaign(final Request request, final Key election, final Slice value)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null)
        {
            final ResultCode code = elections.checkCampaign(
                session.sessionId(), election, value.length(), limits.maxValueLength(), quota);
            if (code != ResultCode.OK)
            {
                rejectOrRefuse(request, code);
            }
            else if (permits(request, ResourceType.ELECTION, election, Permission.CAMPAIGN) &&
                admits(request, true, elections.campaignGrowth(election, value.length()) +
                StateBudget.OUTCOME_OVERHEAD))
            {
                final LockAnswer answer = elections.campaign(
                    session.sessionId(), request.requestSeq, election, value.toArray(), nowMs);
                remember(session, request, Outcome.Kind.ELECTION, answer.code(), answer.token(), 0, 0);
                replies.election(request, answer.code(), answer.token());
            }
        }
        commit();
    }

    public void onProclaim(final Request request, final long term, final Key election, final Slice value)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null && checkElectionName(request, election) && checkValue(request, value.length()) &&
            permits(request, ResourceType.ELECTION, election, Permission.WRITE) &&
            admits(request, true, elections.proclaimGrowth(session.sessionId(), election, value.length()) +
                StateBudget.OUTCOME_OVERHEAD))
        {
            final ResultCode code = elections.proclaim(session.sessionId(), term, election, value.toArray());
            final long answeredTerm = code == ResultCode.OK ? term : 0;
            remember(session, request, Outcome.Kind.ELECTION, code, answeredTerm, 0, 0);
            replies.election(request, code, answeredTerm);
        }
        commit();
    }

    public void onResign(final Request request, final long term, final Key election)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null && checkElectionName(request, election) &&
            permits(request, ResourceType.ELECTION, election, Permission.CAMPAIGN))
        {
            final ResultCode code = elections.resign(session.sessionId(), term, election, nowMs);
            remember(session, request, Outcome.Kind.ELECTION, code, 0, 0, 0);
            replies.election(request, code, 0);
        }
        commit();
    }

    public void onLeader(final Request request, final Key election)
    {
        if (checkElectionName(request, election) && permits(request, ResourceType.ELECTION, election, Permission.READ))
        {
            final LockClaim leader = elections.leader(election);
            if (leader == null)
            {
                replies.leader(request, ResultCode.NOT_FOUND, 0, 0, revision.current(), 0, EMPTY);
            }
            else
            {
                final KvEntry mirror = elections.mirror(election);
                replies.leader(
                    request,
                    ResultCode.OK,
                    leader.token(),
                    leader.sessionId(),
                    mirror.modRevision(),
                    elections.queued(election),
                    leader.value());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ key-value

    public void onPut(final Request request, final boolean ephemeral, final Key key, final Slice value)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null && checkWritable(request, KvStore.checkWritableKey(key)) &&
            checkValue(request, value.length()) && permits(request, ResourceType.KEY, key, Permission.WRITE) &&
            admits(request, kv.checkCharge(session.sessionId(), key, value.length(), false, quota),
                kv.putGrowth(key, value.length()) + StateBudget.OUTCOME_OVERHEAD))
        {
            final KvEntry entry = kv.putCopy(key, value, ephemeral ? session.sessionId() : 0, session.sessionId());
            remember(session, request, Outcome.Kind.PUT, ResultCode.OK,
                entry.modRevision(), entry.createRevision(), entry.version());
            replies.put(request, ResultCode.OK, entry.modRevision(), entry.createRevision(), entry.version());
        }
        commit();
    }

    public void onGet(final Request request, final Key key)
    {
        if (checkName(request, key) && permits(request, ResourceType.KEY, key, Permission.READ))
        {
            final KvEntry entry = kv.get(key);
            replies.get(request, entry == null ? ResultCode.NOT_FOUND : ResultCode.OK, revision.current(), entry);
        }
    }

    public void onDelete(final Request request, final boolean prefix, final Key key)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null &&
            checkWritable(request, prefix ? KvStore.checkWritablePrefix(key) : KvStore.checkWritableKey(key)) &&
            permits(request, ResourceType.KEY, key, Permission.WRITE))
        {
            final long deleted = prefix ? kv.deletePrefix(key) : kv.delete(key) ? 1 : 0;
            remember(session, request, Outcome.Kind.DELETE, ResultCode.OK, revision.current(), deleted, 0);
            replies.delete(request, ResultCode.OK, revision.current(), deleted);
        }
        commit();
    }

    public void onRange(
        final Request request, final int pageSize, final long atRevision, final Key prefix, final Key startAfter)
    {
        if (!permits(request, ResourceType.KEY, prefix, Permission.READ))
        {
            return;
        }
        final ResultCode code = kv.range(prefix, startAfter, pageSize, atRevision, rangeResult);
        if (code != ResultCode.OK)
        {
            replies.reject(request, code);
        }
        else
        {
            replies.range(request, code, rangeResult);
        }
    }

    public void onTxn(final Request request, final TxnCommand txn)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null && checkWritable(request, kv.checkTxn(txn)) && permitsTxn(request, txn))
        {
            final boolean succeeded = kv.evaluate(txn);
            if (admits(request, kv.checkTxnCharge(session.sessionId(), txn, succeeded, quota),
                kv.txnGrowth(txn, succeeded) + StateBudget.OUTCOME_OVERHEAD))
            {
                kv.applyOps(txn, succeeded, session.sessionId());
                final ResultCode code = succeeded ? ResultCode.OK : ResultCode.COMPARE_FAILED;
                remember(session, request, Outcome.Kind.TXN, code, revision.current(), 0, 0);
                replies.txn(request, code, revision.current());
            }
        }
        commit();
    }

    public void onCreateSequential(final Request request, final boolean ephemeral, final Key prefix, final Slice value)
    {
        begin();
        final Session session = mutationSession(request);
        if (session != null &&
            checkWritable(request, KeyRules.checkSequentialPrefix(prefix.bytes(), prefix.length())) &&
            checkValue(request, value.length()) && permits(request, ResourceType.KEY, prefix, Permission.WRITE))
        {
            final long nextRevision = revision.current() + 1;
            sequentialKey.setConcat(prefix, sequentialSuffix(nextRevision));
            if (kv.get(sequentialKey) != null)
            {
                remember(
                    session, request, Outcome.Kind.SEQUENTIAL, ResultCode.COMPARE_FAILED, revision.current(), 0, 0);
                replies.sequential(request, ResultCode.COMPARE_FAILED, revision.current(), null);
            }
            else if (admits(request, kv.checkCharge(session.sessionId(), sequentialKey, value.length(), true, quota),
                kv.putGrowth(sequentialKey, value.length()) + StateBudget.outcomeBytes(sequentialKey)))
            {
                final KvEntry entry = kv.put(sequentialKey, value.toArray(), ephemeral ? session.sessionId() : 0, false,
                    session.sessionId(), true);
                remember(
                    session, request, Outcome.Kind.SEQUENTIAL, ResultCode.OK, entry.modRevision(), 0, 0, entry.key());
                replies.sequential(request, ResultCode.OK, entry.modRevision(), entry.key());
            }
        }
        commit();
    }

    /**
     * The suffix a sequential create appends: the revision, zero-padded so names sort in creation order.
     */
    public static String sequentialSuffix(final long revision)
    {
        final String digits = Long.toString(revision);
        return "0".repeat(WardenLimits.SEQUENTIAL_DIGITS - digits.length()) + digits;
    }

    // ------------------------------------------------------------------------------------------------ watches

    public void onWatch(
        final Request request,
        final long watchId,
        final long startRevision,
        final boolean prefix,
        final boolean prevValue,
        final Key key)
    {
        if (!mayActFor(request) || !permits(request, ResourceType.KEY, key, Permission.WATCH))
        {
            return;
        }
        final ResultCode code = watches.checkRegister(request.route, watchId, key, prefix, quota);
        if (code != ResultCode.OK || startRevision < 0)
        {
            rejectOrRefuse(request, code != ResultCode.OK ? code : ResultCode.INVALID_ARGUMENT);
            return;
        }
        final long current = revision.current();
        final long compactRevision = history.compactRevision();
        if (startRevision != 0 && startRevision <= compactRevision)
        {
            replies.watch(request, ResultCode.COMPACTED, watchId, current, compactRevision);
            return;
        }
        final Watch watch = watches.register(request.route, watchId, key, prefix, prevValue,
            startRevision == 0 ? current + 1 : startRevision, watcherOf(request));
        replies.watch(request, ResultCode.OK, watchId, current, compactRevision);
        if (watch.startRevision() <= current)
        {
            watches.replay(watch, history, events);
        }
    }

    public void onCancelWatch(final Request request, final long watchId)
    {
        if (!mayActFor(request))
        {
            return;
        }
        final boolean found = watches.cancel(request.route, watchId);
        replies.watch(request, found ? ResultCode.OK : ResultCode.NOT_FOUND, watchId, revision.current(),
            history.compactRevision());
    }

    public void onProgress(final Request request)
    {
        replies.progress(request, revision.current());
    }

    // ------------------------------------------------------------------------------------------------ admin

    public void onStatus(final Request request)
    {
        replies.status(request, ResultCode.OK, status());
    }

    /**
     * Change replicated limits: the proposal's zeros leave a limit as it is. A quota below the current usage is
     * accepted (growth is then refused until the state shrinks); a lower history bound evicts at once.
     */
    public void onConfigureLimits(final Request request, final LimitsSpec proposal)
    {
        if (!isAdministrator(request))
        {
            replies.reject(request, ResultCode.PERMISSION_DENIED);
            return;
        }
        if (!limits.accepts(proposal))
        {
            replies.reject(request, ResultCode.INVALID_ARGUMENT);
            return;
        }
        limits.update(proposal);
        history.trim();
        replies.status(request, ResultCode.OK, status());
    }

    // ------------------------------------------------------------------------------------------------ operations

    /**
     * A page of the live sessions, in id order, after {@code afterSessionId}: an operator's view (id, client name,
     * TTL, when it was last renewed). While authentication is on, administrators only.
     */
    public void onListSessions(final Request request, final long afterSessionId, final int maxCount)
    {
        if (auth.isEnabled() && !isAdministrator(request))
        {
            replies.reject(request, ResultCode.PERMISSION_DENIED);
            return;
        }
        final boolean more = sessions.page(afterSessionId, pageSize(maxCount), nowMs, sessionPage);
        replies.sessionList(request, ResultCode.OK, nowMs, sessionPage, more);
        sessionPage.clear();
    }

    /**
     * A page of the locks in use (held, awaited or in lock-delay), in name order, after {@code after}: needs read on
     * every lock name.
     */
    public void onListLocks(final Request request, final Key after, final int maxCount)
    {
        if (auth.isEnabled() && !routes.isOperator(request.route) &&
            !auth.allows(request.userId, ResourceType.LOCK, after.bytes(), 0, Permission.READ))
        {
            replies.reject(request, ResultCode.PERMISSION_DENIED);
            return;
        }
        final boolean more = locks.page(after, pageSize(maxCount), lockPage);
        replies.lockList(request, ResultCode.OK, lockPage, more);
        lockPage.clear();
    }

    /**
     * End a session now, exactly as if its TTL had run out: locks released with lock-delay, candidacies withdrawn,
     * ephemeral keys deleted, its owner told SESSION_EXPIRED. Administrators only.
     */
    public void onExpireSession(final Request request, final long sessionId)
    {
        if (!isAdministrator(request))
        {
            replies.reject(request, ResultCode.PERMISSION_DENIED);
            return;
        }
        begin();
        final Session session = sessions.get(sessionId);
        if (session == null)
        {
            replies.session(request, sessions.codeForMissing(sessionId), sessionId, 0);
        }
        else
        {
            end(session, true);
            replies.session(request, ResultCode.OK, sessionId, session.ttlMs());
        }
        commit();
    }

    /**
     * An operator's request for a snapshot now: passed to the node's maintenance (which has the leader take it), and
     * answered once it is in the log. Administrators only.
     */
    public void onRequestSnapshot(final Request request)
    {
        if (!isAdministrator(request))
        {
            replies.reject(request, ResultCode.PERMISSION_DENIED);
            return;
        }
        events.snapshotRequested();
        replies.admin(request, ResultCode.OK, "snapshot requested: the leader takes it within a second or two");
    }

    private static int pageSize(final int maxCount)
    {
        return maxCount <= 0 ? MAX_LIST_PAGE : Math.min(maxCount, MAX_LIST_PAGE);
    }

    // ------------------------------------------------------------------------------------------------ auth

    public void onUserChange(
        final Request request,
        final UserOp op,
        final String user,
        final String role,
        final int iterations,
        final byte[] salt,
        final byte[] storedKey,
        final byte[] serverKey)
    {
        authRequests.onUserChange(
            request, isAdministrator(request), op, user, role, iterations, salt, storedKey, serverKey);
    }

    public void onRoleChange(
        final Request request,
        final RoleOp op,
        final String role,
        final ResourceType resource,
        final int permissions,
        final byte[] prefix)
    {
        authRequests.onRoleChange(request, isAdministrator(request), op, role, resource, permissions, prefix);
    }

    public void onAuthSwitch(final Request request, final boolean enable)
    {
        authRequests.onAuthSwitch(request, isAdministrator(request), enable);
    }

    public void onAuthList(final Request request, final AuthListKind kind, final String name)
    {
        authRequests.onAuthList(request, isAdministrator(request), kind, name);
    }

    /**
     * A gateway starts a client's login (a gateway never forwards a client's own AuthBegin or Authenticate).
     */
    public void onAuthBegin(final Request request, final String user)
    {
        authRequests.onAuthBegin(request, user);
    }

    public void onAuthenticate(final Request request, final String user, final byte[] authMessage, final byte[] proof)
    {
        authRequests.onAuthenticate(request, user, authMessage, proof);
    }

    /**
     * Counters and digest of the state as it is now.
     */
    public StatusView status()
    {
        status.revision = revision.current();
        status.compactRevision = history.compactRevision();
        status.sessions = sessions.size();
        status.locks = locks.size();
        status.elections = elections.size();
        status.keys = kv.size();
        status.watches = watches.size();
        status.historyEvents = history.size();
        status.historyBytes = history.bytes();
        status.maxValueLength = limits.maxValueLength();
        status.historyMaxEvents = limits.historyMaxEvents();
        status.historyMaxBytes = limits.historyMaxBytes();
        status.stateDigest = digest();
        status.stateBytes = stateBytes();
        status.stateQuotaBytes = limits.stateQuotaBytes();
        status.maxKeysPerSession = limits.maxKeysPerSession();
        status.maxBytesPerSession = limits.maxBytesPerSession();
        status.maxSequentialPerSession = limits.maxSequentialPerSession();
        status.maxLocksPerSession = limits.maxLocksPerSession();
        status.maxWatchesPerConnection = limits.maxWatchesPerConnection();
        return status;
    }

    /**
     * Accounted bytes of the whole replicated state, the history included ({@link StateBudget}).
     */
    public long stateBytes()
    {
        return budget.mainBytes() + history.bytes();
    }

    /**
     * What a session is charged with: {@code {keys, bytes, sequential keys}}, all 0 when nothing.
     */
    public long[] chargeOf(final long sessionId)
    {
        final SessionCharge charge = kv.chargeOf(sessionId);
        return charge == null ? new long[3] : new long[]{ charge.keys(), charge.bytes(), charge.sequential() };
    }

    /**
     * Ids of the live sessions, in order.
     */
    public long[] liveSessionIds()
    {
        final ArrayList<Session> live = sessions.sortedById();
        final long[] ids = new long[live.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = live.get(i).sessionId();
        }
        return ids;
    }

    /**
     * The same figure recomputed from scratch by walking the state, with every live session's charge: tests and
     * diagnostics compare it with the running account.
     */
    public FootprintRecount recount()
    {
        final FootprintRecount recount = new FootprintRecount();
        visit(recount);
        return recount;
    }

    /**
     * A 64-bit hash of the whole replicated state.
     */
    public long digest()
    {
        return digest(new StateDigest());
    }

    /**
     * The digest as a given digest rule computes it (an older snapshot version's).
     */
    public long digest(final StateDigest digest)
    {
        visit(digest);
        return digest.value();
    }

    // ------------------------------------------------------------------------------------------------ snapshot

    /**
     * Walk the whole state in canonical order.
     */
    public void visit(final StateVisitor visitor)
    {
        final StateHeader header = new StateHeader();
        header.revision = revision.current();
        header.compactRevision = history.compactRevision();
        header.nextSessionId = sessions.nextSessionId();
        header.nextLockId = locks.nextLockId();
        header.nextClaimId = locks.nextClaimId();
        header.nextElectionId = elections.candidates().nextLockId();
        header.nextCandidateId = elections.candidates().nextClaimId();
        header.maxValueLength = limits.maxValueLength();
        header.historyMaxEvents = limits.historyMaxEvents();
        header.historyMaxBytes = limits.historyMaxBytes();
        header.stateQuotaBytes = limits.stateQuotaBytes();
        header.maxKeysPerSession = limits.maxKeysPerSession();
        header.maxBytesPerSession = limits.maxBytesPerSession();
        header.maxSequentialPerSession = limits.maxSequentialPerSession();
        header.maxLocksPerSession = limits.maxLocksPerSession();
        header.maxWatchesPerConnection = limits.maxWatchesPerConnection();
        header.clockOffsetMs = clock.offsetMs();
        header.clockNowMs = clock.nowMs();
        visitor.header(header);
        for (final Session session : sessions.sortedById())
        {
            visitor.session(session);
            for (int i = 0, n = session.outcomeCount(); i < n; i++)
            {
                visitor.outcome(session.sessionId(), session.outcomeAt(i));
            }
        }
        for (final KvEntry entry : kv.entries())
        {
            visitor.kvEntry(entry);
        }
        for (final LockQueue lock : locks.locks())
        {
            visitor.lock(false, lock);
        }
        for (final LockQueue lock : elections.candidates().locks())
        {
            visitor.lock(true, lock);
        }
        for (final Watch watch : watches.sorted())
        {
            visitor.watch(watch);
        }
        for (int i = 0, n = history.size(); i < n; i++)
        {
            visitor.historyEvent(history.get(i));
        }
        visitor.auth(auth);
        visitor.end();
    }

    /**
     * Rebuilds the state from snapshot records, in the order {@link #visit} produces them.
     */
    public StateLoader loader()
    {
        return new StateLoader(this);
    }

    Revision revisionCounter()
    {
        return revision;
    }

    ReplicatedLimits limits()
    {
        return limits;
    }

    LeaseClock clock()
    {
        return clock;
    }

    StateBudget budget()
    {
        return budget;
    }

    ChangeHistory history()
    {
        return history;
    }

    KvStore kv()
    {
        return kv;
    }

    SessionTable sessions()
    {
        return sessions;
    }

    LockTable locks()
    {
        return locks;
    }

    ElectionTable elections()
    {
        return elections;
    }

    WatchRegistry watches()
    {
        return watches;
    }

    AuthTable auth()
    {
        return auth;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void begin()
    {
        revision.beginCommand();
    }

    /**
     * End of a command: tell watches what changed, then keep it in history.
     */
    private void commit()
    {
        if (!changes.isEmpty())
        {
            watches.dispatch(changes, events);
            history.append(changes);
            changes.clear();
        }
    }

    /**
     * The live session of a mutation, or null after answering: unknown or expired session, bad sequence numbers,
     * a retry (answered with the remembered outcome), or too many unacknowledged answers.
     */
    private Session mutationSession(final Request request)
    {
        final Session session = liveSession(request.sessionId);
        if (session == null)
        {
            replies.reject(request, sessions.codeForMissing(request.sessionId));
            return null;
        }
        if (!owns(request, session))
        {
            replies.reject(request, ResultCode.SESSION_NOT_OWNED);
            return null;
        }
        if (request.requestSeq <= 0 || request.ackedSeq < 0 || request.ackedSeq >= request.requestSeq)
        {
            replies.reject(request, ResultCode.INVALID_ARGUMENT);
            return null;
        }
        final Outcome outcome = session.outcome(request.requestSeq);
        if (outcome != null)
        {
            replay(request, outcome);
            return null;
        }
        if (request.requestSeq <= session.ackedSeq())
        {
            replies.reject(request, ResultCode.SEQUENCE_TOO_OLD);
            return null;
        }
        if (session.outcomesAbove(Math.max(session.ackedSeq(), request.ackedSeq)) >=
            WardenLimits.MAX_UNACKNOWLEDGED_PER_SESSION)
        {
            replies.reject(request, ResultCode.LIMIT_EXCEEDED);
            return null;
        }
        return session;
    }

    /**
     * Does the request's connection speak for the session's owner (the gateway principal that opened or last resumed
     * it)? A session without an owner (from an older snapshot) is claimed by this one.
     */
    private boolean owns(final Request request, final Session session)
    {
        final long caller = routes.ownerOf(request.route);
        if (session.owner() == 0)
        {
            session.owner(caller);
        }
        return session.owner() == caller;
    }

    /**
     * A request that names a session (a watch or cancel may, though watches belong to the connection): is it live and
     * this gateway's? Answers the refusal when not. A request naming no session passes.
     */
    private boolean mayActFor(final Request request)
    {
        if (request.sessionId == 0)
        {
            return true;
        }
        // not liveSession: ending an expired session here would change state outside a command
        final Session session = sessions.get(request.sessionId);
        if (session == null || session.expiryMs() <= nowMs)
        {
            replies.reject(request,
                session == null ? sessions.codeForMissing(request.sessionId) : ResultCode.SESSION_EXPIRED);
            return false;
        }
        if (!owns(request, session))
        {
            replies.reject(request, ResultCode.SESSION_NOT_OWNED);
            return false;
        }
        return true;
    }

    /**
     * May the request administer the cell (limits, users, roles, auth)? From an operator's connection always; from a
     * gateway on behalf of a user with the admin permission (whether or not authentication is on), or, while it is
     * off, of a client that presented the gateway's admin credential (a gateway is trusted to name the principal it
     * authenticated).
     */
    private boolean isAdministrator(final Request request)
    {
        if (routes.isOperator(request.route))
        {
            return true;
        }
        return auth.isAdmin(request.userId) ||
            (!auth.isEnabled() && request.userId == Principals.GATEWAY_ADMIN_USER);
    }

    /**
     * May the request's user do this to this name (or every name under this prefix)? Always while authentication is
     * off and for an operator's connection. Answers PERMISSION_DENIED when not.
     */
    private boolean permits(final Request request, final ResourceType resource, final Key name, final int permission)
    {
        if (!auth.isEnabled() || routes.isOperator(request.route) ||
            auth.allows(request.userId, resource, name.bytes(), name.length(), permission))
        {
            return true;
        }
        replies.reject(request, ResultCode.PERMISSION_DENIED);
        return false;
    }

    /**
     * Every part of a txn needs its permission: read for each compare, write for each put and delete of either
     * branch (both branches, since which one runs is not known until it is evaluated).
     */
    private boolean permitsTxn(final Request request, final TxnCommand txn)
    {
        if (!auth.isEnabled() || routes.isOperator(request.route))
        {
            return true;
        }
        boolean allowed = true;
        for (int i = 0, n = txn.compareCount(); allowed && i < n; i++)
        {
            final Key key = txn.compare(i).key;
            allowed = auth.allows(request.userId, ResourceType.KEY, key.bytes(), key.length(), Permission.READ);
        }
        for (int i = 0, n = txn.thenCount(); allowed && i < n; i++)
        {
            final Key key = txn.thenOp(i).key;
            allowed = auth.allows(request.userId, ResourceType.KEY, key.bytes(), key.length(), Permission.WRITE);
        }
        for (int i = 0, n = txn.elseCount(); allowed && i < n; i++)
        {
            final Key key = txn.elseOp(i).key;
            allowed = auth.allows(request.userId, ResourceType.KEY, key.bytes(), key.length(), Permission.WRITE);
        }
        if (!allowed)
        {
            replies.reject(request, ResultCode.PERMISSION_DENIED);
        }
        return allowed;
    }

    /**
     * Whose read permission filters a new watch's events: its user's while authentication is on (an operator's
     * watch sees everything).
     */
    private long watcherOf(final Request request)
    {
        return routes.isOperator(request.route) ? Watch.EVERYTHING : request.userId;
    }

    private void remember(
        final Session session,
        final Request request,
        final Outcome.Kind kind,
        final ResultCode code,
        final long a,
        final long b,
        final long c)
    {
        remember(session, request, kind, code, a, b, c, null);
    }

    private static void remember(
        final Session session,
        final Request request,
        final Outcome.Kind kind,
        final ResultCode code,
        final long a,
        final long b,
        final long c,
        final Key key)
    {
        session.acknowledge(request.ackedSeq);
        session.route(request.route);
        session.remember(request.requestSeq, kind, code, a, b, c, key);
    }

    private void replay(final Request request, final Outcome outcome)
    {
        switch (outcome.kind)
        {
            case SESSION:
                replies.session(request, outcome.code, outcome.a, outcome.b);
                break;
            case LOCK:
                replies.lock(request, outcome.code, outcome.a, outcome.b);
                break;
            case ELECTION:
                replies.election(request, outcome.code, outcome.a);
                break;
            case PUT:
                replies.put(request, outcome.code, outcome.a, outcome.b, outcome.c);
                break;
            case DELETE:
                replies.delete(request, outcome.code, outcome.a, outcome.b);
                break;
            case TXN:
                replies.txn(request, outcome.code, outcome.a);
                break;
            case SEQUENTIAL:
                replies.sequential(request, outcome.code, outcome.a, outcome.key);
                break;
            default:
                replies.reject(request, outcome.code);
                break;
        }
    }

    /**
     * Does a growing command fit? First the caps of its session ({@code withinCaps}, from a check that filled
     * {@link #quota} when it failed), then the state quota. Answers QUOTA_EXCEEDED with the limit and the usage when
     * it does not fit.
     */
    private boolean admits(final Request request, final boolean withinCaps, final long growthBytes)
    {
        if (withinCaps && budget.fits(growthBytes, limits))
        {
            return true;
        }
        if (withinCaps)
        {
            quota.refuse(QuotaCheck.Limit.STATE, 0, limits.mainQuotaBytes(), budget.mainBytes(), growthBytes);
        }
        refuse(request);
        return false;
    }

    private void refuse(final Request request)
    {
        replies.refuse(request, ResultCode.QUOTA_EXCEEDED, quota.limitValue(), quota.usage(), quota.detail());
    }

    private void rejectOrRefuse(final Request request, final ResultCode code)
    {
        if (code == ResultCode.QUOTA_EXCEEDED)
        {
            refuse(request);
        }
        else
        {
            replies.reject(request, code);
        }
    }

    private boolean checkName(final Request request, final Key name)
    {
        return checkWritable(request, KeyRules.checkName(name.bytes(), name.length()));
    }

    private boolean checkElectionName(final Request request, final Key election)
    {
        return checkWritable(request, ElectionTable.checkName(election));
    }

    private boolean checkValue(final Request request, final int valueLength)
    {
        return checkWritable(request, kv.checkValue(valueLength));
    }

    private boolean checkWritable(final Request request, final ResultCode code)
    {
        if (code != ResultCode.OK)
        {
            replies.reject(request, code);
            return false;
        }
        return true;
    }

    /**
     * The session if it is live now. A session whose deadline has passed is expired on the spot, in this command,
     * even if its expiry timer has not been delivered yet: expiry is exact to the log's clock.
     */
    private Session liveSession(final long sessionId)
    {
        final Session session = sessions.get(sessionId);
        if (session != null && session.expiryMs() <= nowMs)
        {
            end(session, true);
            return null;
        }
        return session;
    }

    private long routeOf(final long sessionId)
    {
        final Session session = sessions.get(sessionId);
        return session == null ? 0 : session.route();
    }

    private final class LockEvents implements ClaimListener
    {
        public void onGranted(final LockQueue lock, final LockClaim claim)
        {
            events.lockEnded(
                routeOf(claim.sessionId()), claim.sessionId(), claim.requestSeq(), ResultCode.OK, claim.token(),
                lock.name());
        }

        public void onWaitEnded(final LockQueue lock, final LockClaim claim, final ResultCode code)
        {
            events.lockEnded(routeOf(claim.sessionId()), claim.sessionId(), claim.requestSeq(), code, 0, lock.name());
        }
    }

    private final class ElectionEvents implements ClaimListener
    {
        public void onGranted(final LockQueue lock, final LockClaim claim)
        {
            events.electionEnded(
                routeOf(claim.sessionId()), claim.sessionId(), claim.requestSeq(), ResultCode.OK, claim.token(),
                lock.name());
        }

        public void onWaitEnded(final LockQueue lock, final LockClaim claim, final ResultCode code)
        {
            events.electionEnded(
                routeOf(claim.sessionId()), claim.sessionId(), claim.requestSeq(), code, 0, lock.name());
        }
    }
}
