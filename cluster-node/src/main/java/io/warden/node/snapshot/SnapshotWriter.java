package io.warden.node.snapshot;

import io.warden.node.domain.Outcome;
import io.warden.node.domain.StateDigest;
import io.warden.node.domain.StateHeader;
import io.warden.node.domain.StateVisitor;
import io.warden.node.domain.WardenStateMachine;
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
import io.warden.schema.snapshot.*;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the state as snapshot records, one at a time, into a {@link RecordSink}.
 */
public final class SnapshotWriter implements StateVisitor
{
    /** Version of the record layout; a loader refuses any other. */
    public static final int FORMAT_VERSION = 1;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SnapshotBeginEncoder begin = new SnapshotBeginEncoder();
    private final SessionRecordEncoder sessionRecord = new SessionRecordEncoder();
    private final OutcomeRecordEncoder outcomeRecord = new OutcomeRecordEncoder();
    private final KvRecordEncoder kvRecord = new KvRecordEncoder();
    private final LockRecordEncoder lockRecord = new LockRecordEncoder();
    private final ClaimRecordEncoder claimRecord = new ClaimRecordEncoder();
    private final WatchRecordEncoder watchRecord = new WatchRecordEncoder();
    private final HistoryRecordEncoder historyRecord = new HistoryRecordEncoder();
    private final SnapshotEndEncoder endRecord = new SnapshotEndEncoder();
    private final AuthRecordEncoder authRecord = new AuthRecordEncoder();
    private final UserRecordEncoder userRecord = new UserRecordEncoder();
    private final RoleRecordEncoder roleRecord = new RoleRecordEncoder();
    private StateDigest digest;
    private RecordSink sink;
    private long records;

    /**
     * Write the whole state of a state machine as records into a sink.
     *
     * @return the state digest, as written into the end record.
     */
    public long write(final WardenStateMachine state, final RecordSink sink)
    {
        this.sink = sink;
        this.records = 0;
        this.digest = new StateDigest();
        state.visit(this);
        this.sink = null;
        return digest.value();
    }

    public void header(final StateHeader h)
    {
        digest.header(h);
        begin.wrapAndApplyHeader(buffer, 0, header)
            .formatVersion(FORMAT_VERSION)
            .revision(h.revision)
            .compactRevision(h.compactRevision)
            .nextSessionId(h.nextSessionId)
            .nextLockId(h.nextLockId)
            .nextClaimId(h.nextClaimId)
            .nextElectionId(h.nextElectionId)
            .nextCandidateId(h.nextCandidateId)
            .maxValueLength(h.maxValueLength)
            .historyMaxEvents(h.historyMaxEvents)
            .historyMaxBytes(h.historyMaxBytes)
            .stateQuotaBytes(h.stateQuotaBytes)
            .maxKeysPerSession(h.maxKeysPerSession)
            .maxBytesPerSession(h.maxBytesPerSession)
            .maxSequentialPerSession(h.maxSequentialPerSession)
            .maxLocksPerSession(h.maxLocksPerSession)
            .maxWatchesPerConnection(h.maxWatchesPerConnection)
            .clockOffsetMs(h.clockOffsetMs)
            .clockNowMs(h.clockNowMs);
        emit(begin.encodedLength());
    }

    public void session(final Session s)
    {
        digest.session(s);
        sessionRecord.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(s.sessionId())
            .secret(s.secret())
            .ttlMs(s.ttlMs())
            .openedMs(s.openedMs())
            .expiryMs(s.expiryMs())
            .route(s.route())
            .ackedSeq(s.ackedSeq())
            .owner(s.owner())
            .putClientName(s.clientName(), 0, s.clientName().length);
        emit(sessionRecord.encodedLength());
    }

    public void outcome(final long sessionId, final Outcome o)
    {
        digest.outcome(sessionId, o);
        outcomeRecord.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId)
            .requestSeq(o.requestSeq)
            .kind((short)o.kind.ordinal())
            .code(o.code.value())
            .a(o.a)
            .b(o.b)
            .c(o.c)
            .hasKey(o.key != null ? Bool.TRUE : Bool.FALSE);
        if (o.key != null)
        {
            outcomeRecord.putKey(o.key.bytes(), 0, o.key.length());
        }
        else
        {
            outcomeRecord.putKey(new byte[0], 0, 0);
        }
        emit(outcomeRecord.encodedLength());
    }

    public void kvEntry(final KvEntry e)
    {
        digest.kvEntry(e);
        kvRecord.wrapAndApplyHeader(buffer, 0, header)
            .createRevision(e.createRevision())
            .modRevision(e.modRevision())
            .version(e.version())
            .ownerSessionId(e.ownerSessionId())
            .chargedSessionId(e.chargedSessionId())
            .sequential(e.sequential() ? Bool.TRUE : Bool.FALSE)
            .putKey(e.key().bytes(), 0, e.key().length())
            .putValue(e.value(), 0, e.value().length);
        emit(kvRecord.encodedLength());
    }

    public void lock(final boolean election, final LockQueue lock)
    {
        digest.lock(election, lock);
        lockRecord.wrapAndApplyHeader(buffer, 0, header)
            .election(election ? Bool.TRUE : Bool.FALSE)
            .lockId(lock.lockId())
            .delayUntilMs(lock.delayUntilMs())
            .claims(lock.holderCount() + lock.waiterCount())
            .putName(lock.name().bytes(), 0, lock.name().length());
        emit(lockRecord.encodedLength());
        for (int i = 0; i < lock.holderCount(); i++)
        {
            claim(lock.holder(i));
        }
        for (int i = 0; i < lock.waiterCount(); i++)
        {
            claim(lock.waiter(i));
        }
    }

    private void claim(final LockClaim c)
    {
        claimRecord.wrapAndApplyHeader(buffer, 0, header)
            .claimId(c.claimId())
            .sessionId(c.sessionId())
            .requestSeq(c.requestSeq())
            .mode(c.mode().value())
            .lockDelayMs(c.lockDelayMs())
            .sinceMs(c.sinceMs())
            .deadlineMs(c.deadlineMs())
            .token(c.token())
            .putValue(c.value(), 0, c.value().length);
        emit(claimRecord.encodedLength());
    }

    public void watch(final Watch w)
    {
        digest.watch(w);
        watchRecord.wrapAndApplyHeader(buffer, 0, header)
            .route(w.route())
            .watchId(w.watchId())
            .startRevision(w.startRevision())
            .prefix(w.isPrefix() ? Bool.TRUE : Bool.FALSE)
            .prevValue(w.withPrevValue() ? Bool.TRUE : Bool.FALSE)
            .watcher(w.watcher())
            .putKey(w.key().bytes(), 0, w.key().length());
        emit(watchRecord.encodedLength());
    }

    public void historyEvent(final ChangeEvent e)
    {
        digest.historyEvent(e);
        historyRecord.wrapAndApplyHeader(buffer, 0, header)
            .eventType(e.type().value())
            .revision(e.revision())
            .createRevision(e.createRevision())
            .modRevision(e.modRevision())
            .version(e.version())
            .ownerSessionId(e.ownerSessionId())
            .prevCreateRevision(e.prevCreateRevision())
            .prevModRevision(e.prevModRevision())
            .prevVersion(e.prevVersion())
            .prevOwnerSessionId(e.prevOwnerSessionId())
            .putKey(e.key().bytes(), 0, e.key().length())
            .putValue(e.value(), 0, e.value().length)
            .putPrevValue(e.prevValue(), 0, e.prevValue().length);
        emit(historyRecord.encodedLength());
    }

    public void auth(final AuthTable auth)
    {
        digest.auth(auth);
        if (auth.isPristine())
        {
            return;
        }
        authRecord.wrapAndApplyHeader(buffer, 0, header)
            .enabled(auth.isEnabled() ? Bool.TRUE : Bool.FALSE)
            .nextUserId(auth.nextUserId());
        emit(authRecord.encodedLength());
        for (final User user : auth.users())
        {
            final byte[] name = user.name().getBytes(StandardCharsets.UTF_8);
            final byte[] roles = String.join(",", user.roles()).getBytes(StandardCharsets.UTF_8);
            userRecord.wrapAndApplyHeader(buffer, 0, header)
                .userId(user.userId())
                .iterations(user.iterations())
                .putName(name, 0, name.length)
                .putSalt(user.salt(), 0, user.salt().length)
                .putStoredKey(user.storedKey(), 0, user.storedKey().length)
                .putServerKey(user.serverKey(), 0, user.serverKey().length)
                .putRoles(roles, 0, roles.length);
            emit(userRecord.encodedLength());
        }
        for (final Role role : auth.roles())
        {
            final RoleRecordEncoder.GrantsEncoder grants = roleRecord.wrapAndApplyHeader(buffer, 0, header)
                .grantsCount(role.grants().size());
            for (final Grant grant : role.grants())
            {
                grants.next()
                    .resource(grant.resource().value())
                    .permissions((short)grant.permissions())
                    .putPrefix(grant.prefix(), 0, grant.prefix().length);
            }
            final byte[] name = role.name().getBytes(StandardCharsets.UTF_8);
            roleRecord.putName(name, 0, name.length);
            emit(roleRecord.encodedLength());
        }
    }

    public void end()
    {
        digest.end();
        endRecord.wrapAndApplyHeader(buffer, 0, header)
            .recordCount(records)
            .stateDigest(digest.value());
        emit(endRecord.encodedLength());
    }

    private void emit(final int bodyLength)
    {
        records++;
        sink.onRecord(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
