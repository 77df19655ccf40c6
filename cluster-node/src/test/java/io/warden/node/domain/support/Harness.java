package io.warden.node.domain.support;

import io.warden.node.domain.Key;
import io.warden.node.domain.Request;
import io.warden.node.domain.Slice;
import io.warden.node.domain.WardenStateMachine;
import io.warden.schema.LimitsSpec;
import io.warden.schema.Principals;
import io.warden.schema.Scram;
import io.warden.schema.protocol.AcquireDecoder;
import io.warden.schema.protocol.AuthBeginDecoder;
import io.warden.schema.protocol.AuthListDecoder;
import io.warden.schema.protocol.AuthListKind;
import io.warden.schema.protocol.AuthSwitchDecoder;
import io.warden.schema.protocol.AuthenticateDecoder;
import io.warden.schema.protocol.CampaignDecoder;
import io.warden.schema.protocol.CancelWatchDecoder;
import io.warden.schema.protocol.CheckFenceDecoder;
import io.warden.schema.protocol.CloseSessionDecoder;
import io.warden.schema.protocol.ConfigureLimitsDecoder;
import io.warden.schema.protocol.CreateSequentialDecoder;
import io.warden.schema.protocol.DeleteDecoder;
import io.warden.schema.protocol.DescribeLockDecoder;
import io.warden.schema.protocol.ExpireSessionDecoder;
import io.warden.schema.protocol.GetDecoder;
import io.warden.schema.protocol.KeepAliveBatchDecoder;
import io.warden.schema.protocol.LeaderDecoder;
import io.warden.schema.protocol.ListLocksDecoder;
import io.warden.schema.protocol.ListSessionsDecoder;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.LockStatusDecoder;
import io.warden.schema.protocol.OpenSessionDecoder;
import io.warden.schema.protocol.ProclaimDecoder;
import io.warden.schema.protocol.ProgressDecoder;
import io.warden.schema.protocol.PutDecoder;
import io.warden.schema.protocol.RangeDecoder;
import io.warden.schema.protocol.ReleaseDecoder;
import io.warden.schema.protocol.RequestSnapshotDecoder;
import io.warden.schema.protocol.ResignDecoder;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.ResumeSessionDecoder;
import io.warden.schema.protocol.RoleChangeDecoder;
import io.warden.schema.protocol.RoleOp;
import io.warden.schema.protocol.StatusDecoder;
import io.warden.schema.protocol.TxnDecoder;
import io.warden.schema.protocol.UserChangeDecoder;
import io.warden.schema.protocol.UserOp;
import io.warden.schema.protocol.WatchDecoder;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

import java.nio.charset.StandardCharsets;

/**
 * Drives one {@link WardenStateMachine} the way the command adapter would, with recording fakes for its ports and a
 * manual clock. Helpers only build a {@link Request} and the arguments, call the public {@code onX} method, and
 * return the one reply it produced (they fail if a request gets no reply or more than one).
 * <p>
 * Mutations get the next {@code requestSeq} of their session automatically and, unless {@link #autoAck(boolean)} is
 * turned off, acknowledge every earlier one ({@code ackedSeq = requestSeq - 1}), as a client that waits for each
 * answer would. {@link #withSeq} and {@link #withRequest} pin the identity of the next mutation, to test retries.
 * Reads carry session 0 and sequence 0. Every request goes out on the current {@link #route()}.
 */
public final class Harness
{
    public static final long DEFAULT_ROUTE = 1;
    /** The connection of an operator tool, open from the start: {@link #configureLimits} goes through it. */
    public static final long OPERATOR_ROUTE = 900;
    /** The principal of every route a test uses without opening it first: they all belong to one gateway. */
    public static final String GATEWAY_PRINCIPAL = "gateway:harness";
    public static final long START_MS = 1_000_000;
    public static final long DEFAULT_TTL_MS = 10_000;

    private final RecordingReplies replies = new RecordingReplies();
    private final RecordingEvents events = new RecordingEvents();
    private final ManualTimers timers = new ManualTimers();
    private final WardenStateMachine machine = new WardenStateMachine(replies, events, timers);
    private final Request request = new Request();
    private final Slice slice = new Slice();
    private final Long2LongHashMap lastSeqBySession = new Long2LongHashMap(0);
    private final Long2LongHashMap secretBySession = new Long2LongHashMap(0);
    private long nowMs;
    private final org.agrona.collections.LongHashSet openedRoutes = new org.agrona.collections.LongHashSet();
    private long route = DEFAULT_ROUTE;
    private long nextCorrelationId = 1;
    private long nextSecret = 0x5EC2E7_0000L;
    private boolean autoAck = true;
    private long userId = Principals.NO_USER;
    private boolean pinned;
    private long pinnedCorrelationId;
    private long pinnedSeq;
    private long pinnedAckedSeq;

    public Harness()
    {
        this(START_MS);
    }

    public Harness(final long startMs)
    {
        nowMs = startMs;
        machine.time(startMs);
        machine.onRouteOpened(OPERATOR_ROUTE, "operator:harness".getBytes(StandardCharsets.US_ASCII));
        openedRoutes.add(OPERATOR_ROUTE);
        route(DEFAULT_ROUTE);
    }

    /**
     * A connection opened with a principal (as the log's session-open event carries it). Routes never opened are
     * each their own owner.
     *
     * @return whether it is admitted.
     */
    public boolean routeOpened(final long route, final String principal)
    {
        openedRoutes.add(route);
        machine.time(nowMs);
        return machine.onRouteOpened(route, principal.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Change replicated limits from the current route (not necessarily an operator's).
     */
    public Reply configureLimitsFromRoute(final LimitsSpec proposal)
    {
        final int before = begin();
        machine.onConfigureLimits(read(ConfigureLimitsDecoder.TEMPLATE_ID, 0), proposal);
        return answer(before);
    }

    public WardenStateMachine machine()
    {
        return machine;
    }

    public RecordingReplies replies()
    {
        return replies;
    }

    public RecordingEvents events()
    {
        return events;
    }

    public ManualTimers timers()
    {
        return timers;
    }

    // ------------------------------------------------------------------------------------------------ clock

    public long nowMs()
    {
        return nowMs;
    }

    /**
     * Move the clock forward, firing every timer that falls due on the way at its own deadline.
     */
    public void advance(final long ms)
    {
        advanceTo(nowMs + ms);
    }

    public void advanceTo(final long targetMs)
    {
        if (targetMs < nowMs)
        {
            throw new IllegalArgumentException("time goes forward: " + targetMs + " < " + nowMs);
        }
        timers.fireDue(nowMs, targetMs, machine);
        nowMs = targetMs;
        machine.time(nowMs);
    }

    /**
     * Move the clock forward without firing anything (timers become due but are delivered later, if ever).
     */
    public void jumpTo(final long targetMs)
    {
        if (targetMs < nowMs)
        {
            throw new IllegalArgumentException("time goes forward: " + targetMs + " < " + nowMs);
        }
        nowMs = targetMs;
        machine.time(nowMs);
    }

    /**
     * Deliver every timer due now at the current time (late).
     */
    public int fireDueTimers()
    {
        final int fired = timers.fireDue(nowMs, machine);
        machine.time(nowMs);
        return fired;
    }

    // ------------------------------------------------------------------------------------------------ identity

    public long route()
    {
        return route;
    }

    /**
     * Send the following requests through another connection.
     */
    public Harness route(final long route)
    {
        this.route = route;
        if (openedRoutes.add(route))
        {
            // a route a test did not open itself is another connection of the same gateway
            machine.onRouteOpened(route, GATEWAY_PRINCIPAL.getBytes(StandardCharsets.US_ASCII));
        }
        return this;
    }

    /**
     * Send the following requests on behalf of this user, as a gateway's OnBehalf envelope names it
     * ({@link Principals#NO_USER} for none).
     */
    public Harness asUser(final long userId)
    {
        this.userId = userId;
        return this;
    }

    /**
     * Whether mutations acknowledge every earlier sequence of their session (default true) or nothing (ackedSeq 0).
     */
    public Harness autoAck(final boolean autoAck)
    {
        this.autoAck = autoAck;
        return this;
    }

    /**
     * Give the next mutation this sequence and acknowledgement (with a fresh correlation id).
     */
    public Harness withSeq(final long requestSeq, final long ackedSeq)
    {
        return withRequest(0, requestSeq, ackedSeq);
    }

    /**
     * Give the next mutation this correlation id (0 for a fresh one), sequence and acknowledgement, as a retry would.
     */
    public Harness withRequest(final long correlationId, final long requestSeq, final long ackedSeq)
    {
        pinned = true;
        pinnedCorrelationId = correlationId;
        pinnedSeq = requestSeq;
        pinnedAckedSeq = ackedSeq;
        return this;
    }

    /**
     * The highest sequence used so far by a session's mutations.
     */
    public long lastSeq(final long sessionId)
    {
        return lastSeqBySession.get(sessionId);
    }

    /**
     * The secret a session was opened with through this harness.
     */
    public long secretOf(final long sessionId)
    {
        return secretBySession.get(sessionId);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    public void newLeadershipTerm()
    {
        machine.onNewLeadershipTerm(nowMs);
    }

    /**
     * A new leadership term under a leader whose clock reads {@code logMs}, ahead of or behind the last leader's: the
     * harness clock (log time) jumps there, either way.
     */
    public void newLeaderWithClockAt(final long logMs)
    {
        nowMs = logMs;
        machine.onNewLeadershipTerm(logMs);
    }

    public void routeClosed(final long route)
    {
        openedRoutes.remove(route);
        machine.time(nowMs);
        machine.onRouteClosed(route);
    }

    public long digest()
    {
        return machine.digest();
    }

    public long revision()
    {
        return machine.revision();
    }

    // ------------------------------------------------------------------------------------------------ sessions

    /**
     * Open a session with a fresh secret; fails unless it is opened.
     *
     * @return the session id.
     */
    public long openSession(final long ttlMs)
    {
        final long secret = nextSecret++;
        final Reply.Session reply = openSession(ttlMs, secret, "client-" + secret).as(Reply.Session.class);
        if (reply.code() != ResultCode.OK)
        {
            throw new AssertionError("open failed: " + reply);
        }
        return reply.sessionId();
    }

    public long openSession()
    {
        return openSession(DEFAULT_TTL_MS);
    }

    public Reply openSession(final long ttlMs, final long secret, final String clientName)
    {
        final int before = begin();
        machine.onOpenSession(read(OpenSessionDecoder.TEMPLATE_ID, 0), ttlMs, secret, slice(clientName));
        final Reply reply = answer(before);
        if (reply instanceof Reply.Session && reply.code() == ResultCode.OK)
        {
            secretBySession.put(((Reply.Session)reply).sessionId(), secret);
        }
        return reply;
    }

    public Reply resumeSession(final long sessionId, final long secret)
    {
        final int before = begin();
        machine.onResumeSession(read(ResumeSessionDecoder.TEMPLATE_ID, sessionId), secret);
        return answer(before);
    }

    public Reply keepAlive(final long... sessionIds)
    {
        final LongArrayList ids = new LongArrayList();
        for (final long id : sessionIds)
        {
            ids.addLong(id);
        }
        return keepAlive(ids);
    }

    public Reply keepAlive(final LongArrayList sessionIds)
    {
        final LongArrayList silences = new LongArrayList();
        for (int i = 0; i < sessionIds.size(); i++)
        {
            silences.addLong(0);
        }
        return keepAlive(sessionIds, silences);
    }

    /**
     * A keepalive batch saying how long each session's client had been silent.
     */
    public Reply keepAlive(final LongArrayList sessionIds, final LongArrayList silentMs)
    {
        final int before = begin();
        machine.onKeepAliveBatch(read(KeepAliveBatchDecoder.TEMPLATE_ID, 0), sessionIds, silentMs);
        return answer(before);
    }

    public Reply closeSession(final long sessionId)
    {
        final int before = begin();
        machine.onCloseSession(mutation(CloseSessionDecoder.TEMPLATE_ID, sessionId));
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ locks

    public Reply acquire(
        final long sessionId, final String name, final LockMode mode, final long waitTimeoutMs, final long lockDelayMs)
    {
        return acquire(sessionId, Key.of(name), mode, waitTimeoutMs, lockDelayMs);
    }

    public Reply acquire(
        final long sessionId, final Key name, final LockMode mode, final long waitTimeoutMs, final long lockDelayMs)
    {
        final int before = begin();
        machine.onAcquire(mutation(AcquireDecoder.TEMPLATE_ID, sessionId), mode, waitTimeoutMs, lockDelayMs, name);
        return answer(before);
    }

    /**
     * Exclusive acquire without lock-delay; {@code waitTimeoutMs} 0 is a try-lock, -1 waits for ever.
     */
    public Reply acquire(final long sessionId, final String name, final long waitTimeoutMs)
    {
        return acquire(sessionId, name, LockMode.EXCLUSIVE, waitTimeoutMs, 0);
    }

    /**
     * Release a held lock, or withdraw a queued claim with token 0.
     */
    public Reply release(final long sessionId, final String name, final long token)
    {
        final int before = begin();
        machine.onRelease(mutation(ReleaseDecoder.TEMPLATE_ID, sessionId), token, Key.of(name));
        return answer(before);
    }

    public Reply checkFence(final String name, final long token)
    {
        final int before = begin();
        machine.onCheckFence(read(CheckFenceDecoder.TEMPLATE_ID, 0), token, Key.of(name));
        return answer(before);
    }

    public Reply describeLock(final String name)
    {
        final int before = begin();
        machine.onDescribeLock(read(DescribeLockDecoder.TEMPLATE_ID, 0), Key.of(name));
        return answer(before);
    }

    public Reply lockStatus(final long sessionId, final String name)
    {
        final int before = begin();
        machine.onLockStatus(read(LockStatusDecoder.TEMPLATE_ID, sessionId), Key.of(name));
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ elections

    public Reply campaign(final long sessionId, final String election, final String value)
    {
        return campaign(sessionId, Key.of(election), utf8(value));
    }

    public Reply campaign(final long sessionId, final Key election, final byte[] value)
    {
        final int before = begin();
        machine.onCampaign(mutation(CampaignDecoder.TEMPLATE_ID, sessionId), election, slice.wrap(value));
        return answer(before);
    }

    public Reply proclaim(final long sessionId, final String election, final long term, final String value)
    {
        return proclaim(sessionId, election, term, utf8(value));
    }

    public Reply proclaim(final long sessionId, final String election, final long term, final byte[] value)
    {
        final int before = begin();
        machine.onProclaim(mutation(ProclaimDecoder.TEMPLATE_ID, sessionId), term, Key.of(election), slice.wrap(value));
        return answer(before);
    }

    /**
     * Step down (the term) or withdraw a queued candidacy (term 0).
     */
    public Reply resign(final long sessionId, final String election, final long term)
    {
        final int before = begin();
        machine.onResign(mutation(ResignDecoder.TEMPLATE_ID, sessionId), term, Key.of(election));
        return answer(before);
    }

    public Reply leader(final String election)
    {
        final int before = begin();
        machine.onLeader(read(LeaderDecoder.TEMPLATE_ID, 0), Key.of(election));
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ key-value

    public Reply put(final long sessionId, final String key, final String value)
    {
        return put(sessionId, Key.of(key), utf8(value), false);
    }

    public Reply putEphemeral(final long sessionId, final String key, final String value)
    {
        return put(sessionId, Key.of(key), utf8(value), true);
    }

    public Reply put(final long sessionId, final Key key, final byte[] value, final boolean ephemeral)
    {
        final int before = begin();
        machine.onPut(mutation(PutDecoder.TEMPLATE_ID, sessionId), ephemeral, key, slice.wrap(value));
        return answer(before);
    }

    public Reply get(final String key)
    {
        return get(Key.of(key));
    }

    public Reply get(final Key key)
    {
        final int before = begin();
        machine.onGet(read(GetDecoder.TEMPLATE_ID, 0), key);
        return answer(before);
    }

    public Reply delete(final long sessionId, final String key)
    {
        return delete(sessionId, Key.of(key), false);
    }

    public Reply deletePrefix(final long sessionId, final String prefix)
    {
        return delete(sessionId, Key.of(prefix), true);
    }

    public Reply delete(final long sessionId, final Key key, final boolean prefix)
    {
        final int before = begin();
        machine.onDelete(mutation(DeleteDecoder.TEMPLATE_ID, sessionId), prefix, key);
        return answer(before);
    }

    /**
     * The first page (largest size) of the keys under a prefix, now.
     */
    public Reply range(final String prefix)
    {
        return range(prefix, "", 0, 0);
    }

    public Reply range(final String prefix, final String startAfter, final int pageSize, final long atRevision)
    {
        return range(Key.of(prefix), Key.of(startAfter), pageSize, atRevision);
    }

    public Reply range(final Key prefix, final Key startAfter, final int pageSize, final long atRevision)
    {
        final int before = begin();
        machine.onRange(read(RangeDecoder.TEMPLATE_ID, 0), pageSize, atRevision, prefix, startAfter);
        return answer(before);
    }

    public Reply txn(final long sessionId, final TxnBuilder txn)
    {
        final int before = begin();
        machine.onTxn(mutation(TxnDecoder.TEMPLATE_ID, sessionId), txn.command());
        return answer(before);
    }

    public Reply createSequential(
        final long sessionId, final String prefix, final String value, final boolean ephemeral)
    {
        return createSequential(sessionId, Key.of(prefix), utf8(value), ephemeral);
    }

    public Reply createSequential(
        final long sessionId, final Key prefix, final byte[] value, final boolean ephemeral)
    {
        final int before = begin();
        machine.onCreateSequential(
            mutation(CreateSequentialDecoder.TEMPLATE_ID, sessionId), ephemeral, prefix, slice.wrap(value));
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ watches

    /**
     * Register (or resume) a watch of the current route; {@code startRevision} 0 means from now.
     */
    public Reply watch(
        final long watchId, final String key, final boolean prefix, final boolean prevValue, final long startRevision)
    {
        return watch(watchId, Key.of(key), prefix, prevValue, startRevision);
    }

    public Reply watch(
        final long watchId, final Key key, final boolean prefix, final boolean prevValue, final long startRevision)
    {
        final int before = begin();
        machine.onWatch(read(WatchDecoder.TEMPLATE_ID, 0), watchId, startRevision, prefix, prevValue, key);
        return answer(before);
    }

    public Reply cancelWatch(final long watchId)
    {
        final int before = begin();
        machine.onCancelWatch(read(CancelWatchDecoder.TEMPLATE_ID, 0), watchId);
        return answer(before);
    }

    public Reply progress()
    {
        final int before = begin();
        machine.onProgress(read(ProgressDecoder.TEMPLATE_ID, 0));
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ admin

    public Reply status()
    {
        final int before = begin();
        machine.onStatus(read(StatusDecoder.TEMPLATE_ID, 0));
        return answer(before);
    }

    /**
     * Change replicated limits; 0 leaves a limit as it is.
     */
    public Reply configureLimits(final int maxValueLength, final int historyMaxEvents, final long historyMaxBytes)
    {
        return configureLimits(new LimitsSpec()
            .maxValueLength(maxValueLength).historyMaxEvents(historyMaxEvents).historyMaxBytes(historyMaxBytes));
    }

    /**
     * Change replicated limits; the proposal's zeros leave a limit as it is.
     */
    public Reply configureLimits(final LimitsSpec proposal)
    {
        final int before = begin();
        final Request operator = read(ConfigureLimitsDecoder.TEMPLATE_ID, 0);
        operator.route = OPERATOR_ROUTE;
        machine.onConfigureLimits(operator, proposal);
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ operations

    public Reply listSessions(final long afterSessionId, final int maxCount)
    {
        final int before = begin();
        machine.onListSessions(read(ListSessionsDecoder.TEMPLATE_ID, 0), afterSessionId, maxCount);
        return answer(before);
    }

    public Reply listLocks(final String after, final int maxCount)
    {
        final int before = begin();
        machine.onListLocks(read(ListLocksDecoder.TEMPLATE_ID, 0), Key.of(after), maxCount);
        return answer(before);
    }

    public Reply expireSession(final long sessionId)
    {
        final int before = begin();
        machine.onExpireSession(read(ExpireSessionDecoder.TEMPLATE_ID, 0), sessionId);
        return answer(before);
    }

    public Reply requestSnapshot()
    {
        final int before = begin();
        machine.onRequestSnapshot(read(RequestSnapshotDecoder.TEMPLATE_ID, 0));
        return answer(before);
    }

    // ------------------------------------------------------------------------------------------------ auth

    /**
     * Add a user with this password (salted and hashed here, as the CLI does), from the current route and user.
     */
    public Reply addUser(final String name, final String password)
    {
        return userChange(UserOp.ADD, name, "", password);
    }

    public Reply passwd(final String name, final String password)
    {
        return userChange(UserOp.PASSWD, name, "", password);
    }

    public Reply deleteUser(final String name)
    {
        return userChange(UserOp.DELETE, name, "", null);
    }

    public Reply grantRole(final String user, final String role)
    {
        return userChange(UserOp.GRANT_ROLE, user, role, null);
    }

    public Reply revokeRole(final String user, final String role)
    {
        return userChange(UserOp.REVOKE_ROLE, user, role, null);
    }

    private Reply userChange(final UserOp op, final String user, final String role, final String password)
    {
        byte[] salt = null;
        byte[] stored = null;
        byte[] server = null;
        if (password != null)
        {
            salt = utf8("salt-of-" + user);
            final byte[] salted = Scram.saltedPassword(password.toCharArray(), salt, Scram.MIN_ITERATIONS);
            stored = Scram.storedKey(salted);
            server = Scram.serverKey(salted);
        }
        final int before = begin();
        machine.onUserChange(read(UserChangeDecoder.TEMPLATE_ID, 0), op, user, role, Scram.MIN_ITERATIONS, salt,
            stored, server);
        return answer(before);
    }

    public Reply addRole(final String role)
    {
        return roleChange(RoleOp.ADD, role, ResourceType.KEY, 0, "");
    }

    public Reply deleteRole(final String role)
    {
        return roleChange(RoleOp.DELETE, role, ResourceType.KEY, 0, "");
    }

    public Reply grant(final String role, final ResourceType resource, final String prefix, final int permissions)
    {
        return roleChange(RoleOp.GRANT, role, resource, permissions, prefix);
    }

    public Reply revoke(final String role, final ResourceType resource, final String prefix, final int permissions)
    {
        return roleChange(RoleOp.REVOKE, role, resource, permissions, prefix);
    }

    private Reply roleChange(
        final RoleOp op, final String role, final ResourceType resource, final int permissions, final String prefix)
    {
        final int before = begin();
        machine.onRoleChange(read(RoleChangeDecoder.TEMPLATE_ID, 0), op, role, resource, permissions, utf8(prefix));
        return answer(before);
    }

    public Reply authSwitch(final boolean enable)
    {
        final int before = begin();
        machine.onAuthSwitch(read(AuthSwitchDecoder.TEMPLATE_ID, 0), enable);
        return answer(before);
    }

    public Reply authList(final AuthListKind kind, final String name)
    {
        final int before = begin();
        machine.onAuthList(read(AuthListDecoder.TEMPLATE_ID, 0), kind, name);
        return answer(before);
    }

    public Reply authBegin(final String user)
    {
        final int before = begin();
        machine.onAuthBegin(read(AuthBeginDecoder.TEMPLATE_ID, 0), user);
        return answer(before);
    }

    public Reply authenticate(final String user, final byte[] authMessage, final byte[] proof)
    {
        final int before = begin();
        machine.onAuthenticate(read(AuthenticateDecoder.TEMPLATE_ID, 0), user, authMessage, proof);
        return answer(before);
    }

    /**
     * Log in as a gateway does (AuthBegin, then Authenticate with the client's proof).
     *
     * @return the Authenticate reply.
     */
    public Reply.Authenticate login(final String user, final String password)
    {
        final Reply.AuthBegin begin = authBegin(user).as(Reply.AuthBegin.class);
        final byte[] message = Scram.authMessage(
            user, utf8("client-nonce"), utf8("server-nonce"), begin.salt(), begin.iterations());
        final byte[] salted = Scram.saltedPassword(password.toCharArray(), begin.salt(), begin.iterations());
        return authenticate(user, message, Scram.clientProof(salted, message)).as(Reply.Authenticate.class);
    }

    /**
     * From the operator's route: add user root holding role root and turn authentication on. The current route and
     * user are kept.
     */
    public long enableAuthWithRoot()
    {
        final long previousRoute = route;
        final long previousUser = userId;
        route(OPERATOR_ROUTE).asUser(Principals.NO_USER);
        addUser(Principals.ROOT, "root-password");
        grantRole(Principals.ROOT, Principals.ROOT);
        final Reply reply = authSwitch(true);
        final long rootId = login(Principals.ROOT, "root-password").userId();
        route(previousRoute).asUser(previousUser);
        if (reply.code() != ResultCode.OK)
        {
            throw new AssertionError("auth enable refused: " + reply);
        }
        return rootId;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private int begin()
    {
        machine.time(nowMs);
        return replies.size();
    }

    private Reply answer(final int before)
    {
        final int produced = replies.size() - before;
        if (produced != 1)
        {
            throw new AssertionError("expected exactly one reply to " + request + " but got " + produced);
        }
        return replies.last();
    }

    private Request read(final int templateId, final long sessionId)
    {
        request.set(templateId, route, nextCorrelationId++, sessionId, 0, 0).userId = userId;
        return request;
    }

    private Request mutation(final int templateId, final long sessionId)
    {
        final long correlationId;
        final long seq;
        final long ackedSeq;
        final long lastSeq = lastSeqBySession.get(sessionId);
        if (pinned)
        {
            pinned = false;
            correlationId = pinnedCorrelationId != 0 ? pinnedCorrelationId : nextCorrelationId++;
            seq = pinnedSeq;
            ackedSeq = pinnedAckedSeq;
        }
        else
        {
            correlationId = nextCorrelationId++;
            seq = lastSeq + 1;
            ackedSeq = autoAck ? seq - 1 : 0;
        }
        lastSeqBySession.put(sessionId, Math.max(lastSeq, seq));
        request.set(templateId, route, correlationId, sessionId, seq, ackedSeq).userId = userId;
        return request;
    }

    private Slice slice(final String text)
    {
        return slice.wrap(utf8(text));
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
