package io.warden.schema;

import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes every cluster request into a buffer: the one place where requests are written, used by the client, the
 * gateway's own requests, tools and tests. Not thread-safe; keep one per thread or agent.
 * <p>
 * Each method writes header and body at {@code offset} and returns the frame length. The common fields are set first
 * with {@link #header(long, long, long, long)}; they stay until changed.
 * <pre>{@code
 * RequestWriter writer = new RequestWriter();
 * int length = writer.header(correlationId, sessionId, seq, ackedSeq).put(buffer, 0, false, "/config/a", bytes);
 * }</pre>
 */
public final class RequestWriter
{
    private static final byte[] EMPTY = new byte[0];
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OpenSessionEncoder openSession = new OpenSessionEncoder();
    private final ResumeSessionEncoder resumeSession = new ResumeSessionEncoder();
    private final KeepAliveBatchEncoder keepAliveBatch = new KeepAliveBatchEncoder();
    private final CloseSessionEncoder closeSession = new CloseSessionEncoder();
    private final AcquireEncoder acquire = new AcquireEncoder();
    private final ReleaseEncoder release = new ReleaseEncoder();
    private final CheckFenceEncoder checkFence = new CheckFenceEncoder();
    private final DescribeLockEncoder describeLock = new DescribeLockEncoder();
    private final LockStatusEncoder lockStatus = new LockStatusEncoder();
    private final CampaignEncoder campaign = new CampaignEncoder();
    private final ProclaimEncoder proclaim = new ProclaimEncoder();
    private final ResignEncoder resign = new ResignEncoder();
    private final LeaderEncoder leader = new LeaderEncoder();
    private final PutEncoder put = new PutEncoder();
    private final GetEncoder get = new GetEncoder();
    private final DeleteEncoder delete = new DeleteEncoder();
    private final RangeEncoder range = new RangeEncoder();
    private final TxnEncoder txn = new TxnEncoder();
    private final CreateSequentialEncoder createSequential = new CreateSequentialEncoder();
    private final WatchEncoder watch = new WatchEncoder();
    private final CancelWatchEncoder cancelWatch = new CancelWatchEncoder();
    private final ProgressEncoder progress = new ProgressEncoder();
    private final StatusEncoder status = new StatusEncoder();
    private final ConfigureLimitsEncoder configureLimits = new ConfigureLimitsEncoder();
    private final AuthBeginEncoder authBegin = new AuthBeginEncoder();
    private final AuthenticateEncoder authenticate = new AuthenticateEncoder();
    private final UserChangeEncoder userChange = new UserChangeEncoder();
    private final RoleChangeEncoder roleChange = new RoleChangeEncoder();
    private final AuthSwitchEncoder authSwitch = new AuthSwitchEncoder();
    private final AuthListEncoder authList = new AuthListEncoder();
    private final ListSessionsEncoder listSessions = new ListSessionsEncoder();
    private final ListLocksEncoder listLocks = new ListLocksEncoder();
    private final ExpireSessionEncoder expireSession = new ExpireSessionEncoder();
    private final RequestSnapshotEncoder requestSnapshot = new RequestSnapshotEncoder();
    private final OnBehalfEncoder onBehalf = new OnBehalfEncoder();
    private final ConnectProofEncoder connectProof = new ConnectProofEncoder();
    private final ConnectEncoder connect = new ConnectEncoder();
    private final ClientKeepAliveEncoder clientKeepAlive = new ClientKeepAliveEncoder();
    private final DisconnectEncoder disconnect = new DisconnectEncoder();
    private final GatewayInfoEncoder gatewayInfo = new GatewayInfoEncoder();

    private long correlationId;
    private long sessionId;
    private long requestSeq;
    private long ackedSeq;

    /**
     * Set the request header written by the following calls.
     */
    public RequestWriter header(
        final long correlationId, final long sessionId, final long requestSeq, final long ackedSeq)
    {
        this.correlationId = correlationId;
        this.sessionId = sessionId;
        this.requestSeq = requestSeq;
        this.ackedSeq = ackedSeq;
        return this;
    }

    private void writeHeader(final RequestHeaderEncoder h)
    {
        h.correlationId(correlationId).sessionId(sessionId).requestSeq(requestSeq).ackedSeq(ackedSeq);
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public int openSession(final MutableDirectBuffer buffer, final int offset, final long ttlMs, final long secret,
        final String clientName)
    {
        openSession.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(openSession.header());
        final byte[] name = utf8(clientName);
        openSession.ttlMs(ttlMs).secret(secret).putClientName(name, 0, name.length);
        return HEADER + openSession.encodedLength();
    }

    public int resumeSession(final MutableDirectBuffer buffer, final int offset, final long secret)
    {
        resumeSession.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(resumeSession.header());
        resumeSession.secret(secret);
        return HEADER + resumeSession.encodedLength();
    }

    public int keepAliveBatch(final MutableDirectBuffer buffer, final int offset, final long[] sessionIds,
        final int count)
    {
        return keepAliveBatch(buffer, offset, sessionIds, null, count);
    }

    /**
     * A keepalive batch that says, per session, how long its client had been silent (null: all 0).
     */
    public int keepAliveBatch(final MutableDirectBuffer buffer, final int offset, final long[] sessionIds,
        final int[] silentMs, final int count)
    {
        keepAliveBatch.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(keepAliveBatch.header());
        final KeepAliveBatchEncoder.SessionsEncoder sessions = keepAliveBatch.sessionsCount(count);
        for (int i = 0; i < count; i++)
        {
            sessions.next().sessionId(sessionIds[i]).silentMs(silentMs == null ? 0 : silentMs[i]);
        }
        return HEADER + keepAliveBatch.encodedLength();
    }

    public int closeSession(final MutableDirectBuffer buffer, final int offset)
    {
        closeSession.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(closeSession.header());
        return HEADER + closeSession.encodedLength();
    }

    public int acquire(final MutableDirectBuffer buffer, final int offset, final String name, final LockMode mode,
        final long waitTimeoutMs, final long lockDelayMs)
    {
        acquire.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(acquire.header());
        final byte[] n = utf8(name);
        acquire.mode(mode).waitTimeoutMs(waitTimeoutMs).lockDelayMs(lockDelayMs).putName(n, 0, n.length);
        return HEADER + acquire.encodedLength();
    }

    public int release(final MutableDirectBuffer buffer, final int offset, final String name, final long token)
    {
        release.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(release.header());
        final byte[] n = utf8(name);
        release.token(token).putName(n, 0, n.length);
        return HEADER + release.encodedLength();
    }

    public int checkFence(final MutableDirectBuffer buffer, final int offset, final String name, final long token)
    {
        checkFence.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(checkFence.header());
        final byte[] n = utf8(name);
        checkFence.token(token).putName(n, 0, n.length);
        return HEADER + checkFence.encodedLength();
    }

    public int describeLock(final MutableDirectBuffer buffer, final int offset, final String name)
    {
        describeLock.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(describeLock.header());
        final byte[] n = utf8(name);
        describeLock.putName(n, 0, n.length);
        return HEADER + describeLock.encodedLength();
    }

    public int lockStatus(final MutableDirectBuffer buffer, final int offset, final String name)
    {
        lockStatus.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(lockStatus.header());
        final byte[] n = utf8(name);
        lockStatus.putName(n, 0, n.length);
        return HEADER + lockStatus.encodedLength();
    }

    public int campaign(final MutableDirectBuffer buffer, final int offset, final String election, final byte[] value)
    {
        campaign.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(campaign.header());
        final byte[] n = utf8(election);
        campaign.putElection(n, 0, n.length).putValue(value, 0, value.length);
        return HEADER + campaign.encodedLength();
    }

    public int proclaim(final MutableDirectBuffer buffer, final int offset, final String election, final long term,
        final byte[] value)
    {
        proclaim.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(proclaim.header());
        final byte[] n = utf8(election);
        proclaim.term(term).putElection(n, 0, n.length).putValue(value, 0, value.length);
        return HEADER + proclaim.encodedLength();
    }

    public int resign(final MutableDirectBuffer buffer, final int offset, final String election, final long term)
    {
        resign.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(resign.header());
        final byte[] n = utf8(election);
        resign.term(term).putElection(n, 0, n.length);
        return HEADER + resign.encodedLength();
    }

    public int leader(final MutableDirectBuffer buffer, final int offset, final String election)
    {
        leader.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(leader.header());
        final byte[] n = utf8(election);
        leader.putElection(n, 0, n.length);
        return HEADER + leader.encodedLength();
    }

    public int put(final MutableDirectBuffer buffer, final int offset, final boolean ephemeral, final String key,
        final byte[] value)
    {
        return put(buffer, offset, ephemeral, utf8(key), value, 0, value.length);
    }

    public int put(final MutableDirectBuffer buffer, final int offset, final boolean ephemeral, final byte[] key,
        final byte[] value, final int valueOffset, final int valueLength)
    {
        put.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(put.header());
        put.flags().clear().ephemeral(ephemeral);
        put.putKey(key, 0, key.length).putValue(value, valueOffset, valueLength);
        return HEADER + put.encodedLength();
    }

    public int get(final MutableDirectBuffer buffer, final int offset, final String key)
    {
        get.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(get.header());
        final byte[] k = utf8(key);
        get.putKey(k, 0, k.length);
        return HEADER + get.encodedLength();
    }

    public int delete(final MutableDirectBuffer buffer, final int offset, final String key, final boolean prefix)
    {
        delete.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(delete.header());
        delete.flags().clear().prefix(prefix);
        final byte[] k = utf8(key);
        delete.putKey(k, 0, k.length);
        return HEADER + delete.encodedLength();
    }

    public int range(final MutableDirectBuffer buffer, final int offset, final String prefix, final String startAfter,
        final int pageSize, final long atRevision)
    {
        range.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(range.header());
        final byte[] p = utf8(prefix);
        final byte[] s = utf8(startAfter);
        range.pageSize(pageSize).atRevision(atRevision).putPrefix(p, 0, p.length).putStartAfter(s, 0, s.length);
        return HEADER + range.encodedLength();
    }

    /**
     * Write a transaction described by a {@link TxnSpec}.
     */
    public int txn(final MutableDirectBuffer buffer, final int offset, final TxnSpec spec)
    {
        txn.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(txn.header());
        final TxnEncoder.ComparesEncoder compares = txn.comparesCount(spec.compares.size());
        for (final TxnSpec.Compare c : spec.compares)
        {
            compares.next().target(c.target).op(c.op).number(c.number)
                .putKey(c.key, 0, c.key.length).putValue(c.value, 0, c.value.length);
        }
        final TxnEncoder.ThenOpsEncoder thenOps = txn.thenOpsCount(spec.thenOps.size());
        for (final TxnSpec.Op o : spec.thenOps)
        {
            thenOps.next().opType(o.type);
            thenOps.flags().clear().ephemeral(o.ephemeral);
            thenOps.putKey(o.key, 0, o.key.length).putValue(o.value, 0, o.value.length);
        }
        final TxnEncoder.ElseOpsEncoder elseOps = txn.elseOpsCount(spec.elseOps.size());
        for (final TxnSpec.Op o : spec.elseOps)
        {
            elseOps.next().opType(o.type);
            elseOps.flags().clear().ephemeral(o.ephemeral);
            elseOps.putKey(o.key, 0, o.key.length).putValue(o.value, 0, o.value.length);
        }
        return HEADER + txn.encodedLength();
    }

    public int createSequential(final MutableDirectBuffer buffer, final int offset, final boolean ephemeral,
        final String prefix, final byte[] value)
    {
        createSequential.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(createSequential.header());
        createSequential.flags().clear().ephemeral(ephemeral);
        final byte[] p = utf8(prefix);
        createSequential.putPrefix(p, 0, p.length).putValue(value, 0, value.length);
        return HEADER + createSequential.encodedLength();
    }

    public int watch(final MutableDirectBuffer buffer, final int offset, final long watchId, final String key,
        final boolean prefix, final boolean prevValue, final long startRevision)
    {
        watch.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(watch.header());
        watch.watchId(watchId).startRevision(startRevision);
        watch.flags().clear().prefix(prefix).prevValue(prevValue);
        final byte[] k = utf8(key);
        watch.putKey(k, 0, k.length);
        return HEADER + watch.encodedLength();
    }

    public int cancelWatch(final MutableDirectBuffer buffer, final int offset, final long watchId)
    {
        cancelWatch.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(cancelWatch.header());
        cancelWatch.watchId(watchId);
        return HEADER + cancelWatch.encodedLength();
    }

    public int progress(final MutableDirectBuffer buffer, final int offset)
    {
        progress.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(progress.header());
        return HEADER + progress.encodedLength();
    }

    public int status(final MutableDirectBuffer buffer, final int offset)
    {
        status.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(status.header());
        return HEADER + status.encodedLength();
    }

    public int configureLimits(final MutableDirectBuffer buffer, final int offset, final int maxValueLength,
        final int historyMaxEvents, final long historyMaxBytes)
    {
        return configureLimits(buffer, offset, new LimitsSpec()
            .maxValueLength(maxValueLength).historyMaxEvents(historyMaxEvents).historyMaxBytes(historyMaxBytes));
    }

    /**
     * Propose new replicated limits (every field is written; the spec's zeros leave a limit as it is).
     */
    public int configureLimits(final MutableDirectBuffer buffer, final int offset, final LimitsSpec limits)
    {
        configureLimits.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(configureLimits.header());
        configureLimits
            .maxValueLength(limits.maxValueLength)
            .historyMaxEvents(limits.historyMaxEvents)
            .historyMaxBytes(limits.historyMaxBytes)
            .stateQuotaBytes(limits.stateQuotaBytes)
            .maxKeysPerSession(limits.maxKeysPerSession)
            .maxBytesPerSession(limits.maxBytesPerSession)
            .maxSequentialPerSession(limits.maxSequentialPerSession)
            .maxLocksPerSession(limits.maxLocksPerSession)
            .maxWatchesPerConnection(limits.maxWatchesPerConnection);
        return HEADER + configureLimits.encodedLength();
    }

    /**
     * Ask for a user's salt and iterations, to challenge its client (gateway to cluster).
     */
    public int authBegin(final MutableDirectBuffer buffer, final int offset, final String user)
    {
        authBegin.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(authBegin.header());
        final byte[] u = utf8(user);
        authBegin.putUser(u, 0, u.length);
        return HEADER + authBegin.encodedLength();
    }

    /**
     * Have the cell check a client's SCRAM proof over {@code authMessage} (gateway to cluster).
     */
    public int authenticate(
        final MutableDirectBuffer buffer, final int offset, final String user, final byte[] authMessage,
        final byte[] proof)
    {
        authenticate.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(authenticate.header());
        final byte[] u = utf8(user);
        authenticate.putUser(u, 0, u.length).putAuthMessage(authMessage, 0, authMessage.length)
            .putProof(proof, 0, proof.length);
        return HEADER + authenticate.encodedLength();
    }

    /**
     * Add, delete or re-password a user, or grant or revoke it a role. The credential fields are used by ADD and
     * PASSWD only ({@link Scram} derives them; the password itself is never written); pass null elsewhere.
     */
    public int userChange(
        final MutableDirectBuffer buffer, final int offset, final UserOp op, final String user, final String role,
        final int iterations, final byte[] salt, final byte[] storedKey, final byte[] serverKey)
    {
        userChange.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(userChange.header());
        final byte[] u = utf8(user);
        final byte[] r = utf8(role == null ? "" : role);
        final byte[] s = salt == null ? EMPTY : salt;
        final byte[] stored = storedKey == null ? EMPTY : storedKey;
        final byte[] server = serverKey == null ? EMPTY : serverKey;
        userChange.op(op).iterations(iterations).putUser(u, 0, u.length).putRole(r, 0, r.length)
            .putSalt(s, 0, s.length).putStoredKey(stored, 0, stored.length).putServerKey(server, 0, server.length);
        return HEADER + userChange.encodedLength();
    }

    /**
     * Add or delete a role, or grant or revoke it permissions ({@code Permissions} bits) on a prefix.
     */
    public int roleChange(
        final MutableDirectBuffer buffer, final int offset, final RoleOp op, final String role,
        final ResourceType resource, final int permissions, final String prefix)
    {
        roleChange.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(roleChange.header());
        final byte[] r = utf8(role);
        final byte[] p = utf8(prefix == null ? "" : prefix);
        roleChange.op(op).resource(resource == null ? ResourceType.KEY : resource);
        roleChange.permissions().clear()
            .read((permissions & 1) != 0).write((permissions & 2) != 0).acquire((permissions & 4) != 0)
            .campaign((permissions & 8) != 0).watch((permissions & 16) != 0).admin((permissions & 32) != 0);
        roleChange.putRole(r, 0, r.length).putPrefix(p, 0, p.length);
        return HEADER + roleChange.encodedLength();
    }

    /**
     * Turn authentication on (needs user root with role root) or off.
     */
    public int authSwitch(final MutableDirectBuffer buffer, final int offset, final boolean enable)
    {
        authSwitch.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(authSwitch.header());
        authSwitch.enable(enable ? BooleanType.TRUE : BooleanType.FALSE);
        return HEADER + authSwitch.encodedLength();
    }

    /**
     * List users or roles, or show one ({@code name} for USER and ROLE).
     */
    public int authList(final MutableDirectBuffer buffer, final int offset, final AuthListKind kind, final String name)
    {
        authList.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(authList.header());
        final byte[] n = utf8(name == null ? "" : name);
        authList.kind(kind).putName(n, 0, n.length);
        return HEADER + authList.encodedLength();
    }

    /**
     * One page of the live sessions: those with an id above {@code afterSessionId}, at most {@code limit}.
     */
    public int listSessions(final MutableDirectBuffer buffer, final int offset, final long afterSessionId,
        final int limit)
    {
        listSessions.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(listSessions.header());
        listSessions.afterSessionId(afterSessionId).maxCount(limit);
        return HEADER + listSessions.encodedLength();
    }

    /**
     * One page of the locks in use: those whose name sorts after {@code after} (empty from the first), at most
     * {@code limit}.
     */
    public int listLocks(final MutableDirectBuffer buffer, final int offset, final String after, final int limit)
    {
        listLocks.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(listLocks.header());
        final byte[] n = utf8(after == null ? "" : after);
        listLocks.maxCount(limit).putAfter(n, 0, n.length);
        return HEADER + listLocks.encodedLength();
    }

    /**
     * End a session now, as if its TTL had run out (operators only).
     */
    public int expireSession(final MutableDirectBuffer buffer, final int offset, final long sessionId)
    {
        expireSession.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(expireSession.header());
        expireSession.sessionId(sessionId);
        return HEADER + expireSession.encodedLength();
    }

    /**
     * Ask the cell's leader for a snapshot now (operators only).
     */
    public int requestSnapshot(final MutableDirectBuffer buffer, final int offset)
    {
        requestSnapshot.wrapAndApplyHeader(buffer, offset, header);
        writeHeader(requestSnapshot.header());
        return HEADER + requestSnapshot.encodedLength();
    }

    /**
     * The envelope a gateway puts before a forwarded request: write it, then the request right after it at
     * {@code offset + onBehalfLength()}.
     */
    public int onBehalf(final MutableDirectBuffer buffer, final int offset, final long userId)
    {
        onBehalf.wrapAndApplyHeader(buffer, offset, header).userId(userId);
        return HEADER + onBehalf.encodedLength();
    }

    /**
     * Bytes of the {@code OnBehalf} envelope (the inner request starts this far after it).
     */
    public static int onBehalfLength()
    {
        return HEADER + OnBehalfEncoder.BLOCK_LENGTH;
    }

    /**
     * Open a connection to a gateway (uses only the correlation id of the header), without logging in.
     */
    public int connect(final MutableDirectBuffer buffer, final int offset, final String credential,
        final String clientName, final String responseChannel, final int responseStreamId)
    {
        return connect(buffer, offset, credential, clientName, responseChannel, responseStreamId, "", EMPTY, "");
    }

    /**
     * Open a connection to a gateway and log in: as {@code user} (the gateway answers ConnectChallenge, which
     * {@link #connectProof} answers), or with a {@code token} an earlier login issued. Empty strings for neither.
     */
    public int connect(final MutableDirectBuffer buffer, final int offset, final String credential,
        final String clientName, final String responseChannel, final int responseStreamId, final String user,
        final byte[] clientNonce, final String token)
    {
        connect.wrapAndApplyHeader(buffer, offset, header);
        final byte[] c = utf8(credential);
        final byte[] n = utf8(clientName);
        final byte[] r = utf8(responseChannel);
        final byte[] u = utf8(user);
        final byte[] t = utf8(token);
        connect.correlationId(correlationId).responseStreamId(responseStreamId)
            .putCredential(c, 0, c.length).putClientName(n, 0, n.length).putResponseChannel(r, 0, r.length)
            .putUser(u, 0, u.length).putClientNonce(clientNonce, 0, clientNonce.length).putToken(t, 0, t.length);
        return HEADER + connect.encodedLength();
    }

    /**
     * Answer a ConnectChallenge with the SCRAM proof (uses only the correlation id of the header).
     */
    public int connectProof(final MutableDirectBuffer buffer, final int offset, final byte[] proof)
    {
        connectProof.wrapAndApplyHeader(buffer, offset, header);
        connectProof.correlationId(correlationId).putProof(proof, 0, proof.length);
        return HEADER + connectProof.encodedLength();
    }

    /**
     * Tell the gateway this client is alive and holds these sessions (uses only the correlation id of the header).
     */
    public int clientKeepAlive(final MutableDirectBuffer buffer, final int offset, final long[] sessionIds,
        final int count)
    {
        clientKeepAlive.wrapAndApplyHeader(buffer, offset, header);
        final ClientKeepAliveEncoder.SessionsEncoder sessions = clientKeepAlive.correlationId(correlationId)
            .sessionsCount(count);
        for (int i = 0; i < count; i++)
        {
            sessions.next().sessionId(sessionIds[i]);
        }
        return HEADER + clientKeepAlive.encodedLength();
    }

    /**
     * Leave a gateway (uses only the correlation id of the header).
     */
    public int disconnect(final MutableDirectBuffer buffer, final int offset)
    {
        disconnect.wrapAndApplyHeader(buffer, offset, header);
        disconnect.correlationId(correlationId);
        return HEADER + disconnect.encodedLength();
    }

    /**
     * Ask a gateway what it knows of the cluster (uses only the correlation id of the header).
     */
    public int gatewayInfo(final MutableDirectBuffer buffer, final int offset)
    {
        gatewayInfo.wrapAndApplyHeader(buffer, offset, header);
        gatewayInfo.correlationId(correlationId);
        return HEADER + gatewayInfo.encodedLength();
    }

    /**
     * Read the correlation id of any request frame.
     */
    public static long correlationId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] empty()
    {
        return EMPTY;
    }
}
