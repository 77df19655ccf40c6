package io.warden.node.snapshot;

import io.warden.node.domain.Key;
import io.warden.node.domain.Outcome;
import io.warden.node.domain.StateDigest;
import io.warden.node.domain.StateHeader;
import io.warden.node.domain.StateLoader;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.snapshot.*;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a fresh state machine from snapshot records, one {@link #onRecord} call per record, in order. Strict: a
 * record of another schema or version, a record out of place, a missing end, or a count or digest that does not match
 * what was rebuilt throws {@link SnapshotException}.
 */
public final class SnapshotReader implements RecordSink
{
    /** Oldest snapshot schema version this build reads. */
    public static final int MIN_SCHEMA_VERSION = 1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotBeginDecoder begin = new SnapshotBeginDecoder();
    private final SessionRecordDecoder sessionRecord = new SessionRecordDecoder();
    private final OutcomeRecordDecoder outcomeRecord = new OutcomeRecordDecoder();
    private final KvRecordDecoder kvRecord = new KvRecordDecoder();
    private final LockRecordDecoder lockRecord = new LockRecordDecoder();
    private final ClaimRecordDecoder claimRecord = new ClaimRecordDecoder();
    private final WatchRecordDecoder watchRecord = new WatchRecordDecoder();
    private final HistoryRecordDecoder historyRecord = new HistoryRecordDecoder();
    private final SnapshotEndDecoder endRecord = new SnapshotEndDecoder();
    private final AuthRecordDecoder authRecord = new AuthRecordDecoder();
    private final UserRecordDecoder userRecord = new UserRecordDecoder();
    private final RoleRecordDecoder roleRecord = new RoleRecordDecoder();
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final WardenStateMachine state;
    private final StateLoader loader;
    private long records;
    private int claimsExpected;
    private boolean begun;
    private boolean ended;

    public SnapshotReader(final WardenStateMachine state)
    {
        this.state = state;
        this.loader = state.loader();
    }

    /**
     * Has the end record been read and verified?
     */
    public boolean isComplete()
    {
        return ended;
    }

    public void onRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        if (ended)
        {
            throw new SnapshotException("record after the end of the snapshot");
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new SnapshotException("record too short: " + length);
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.version() < MIN_SCHEMA_VERSION ||
            header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new SnapshotException("not a Warden snapshot record: schema " + header.schemaId() + " version " +
                header.version());
        }
        final int templateId = header.templateId();
        if (!begun && templateId != SnapshotBeginDecoder.TEMPLATE_ID)
        {
            throw new SnapshotException("snapshot does not start with SnapshotBegin");
        }
        if (claimsExpected > 0 && templateId != ClaimRecordDecoder.TEMPLATE_ID)
        {
            throw new SnapshotException("lock is missing " + claimsExpected + " claim records");
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        try
        {
            record.wrap(buffer, offset, length);
            apply(templateId, record, MessageHeaderDecoder.ENCODED_LENGTH, blockLength, version);
        }
        catch (final SnapshotException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new SnapshotException("corrupt snapshot record " + records + " (template " + templateId + "): " + ex);
        }
    }

    private void apply(
        final int templateId, final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case SnapshotBeginDecoder.TEMPLATE_ID:
                onBegin(buffer, bodyOffset, blockLength, version);
                break;
            case SessionRecordDecoder.TEMPLATE_ID:
                onSession(buffer, bodyOffset, blockLength, version);
                break;
            case OutcomeRecordDecoder.TEMPLATE_ID:
                onOutcome(buffer, bodyOffset, blockLength, version);
                break;
            case KvRecordDecoder.TEMPLATE_ID:
                onKv(buffer, bodyOffset, blockLength, version);
                break;
            case LockRecordDecoder.TEMPLATE_ID:
                onLock(buffer, bodyOffset, blockLength, version);
                break;
            case ClaimRecordDecoder.TEMPLATE_ID:
                onClaim(buffer, bodyOffset, blockLength, version);
                break;
            case WatchRecordDecoder.TEMPLATE_ID:
                onWatch(buffer, bodyOffset, blockLength, version);
                break;
            case HistoryRecordDecoder.TEMPLATE_ID:
                onHistory(buffer, bodyOffset, blockLength, version);
                break;
            case AuthRecordDecoder.TEMPLATE_ID:
                authRecord.wrap(buffer, bodyOffset, blockLength, version);
                loader.auth(authRecord.enabled() == Bool.TRUE, authRecord.nextUserId());
                break;
            case UserRecordDecoder.TEMPLATE_ID:
                onUser(buffer, bodyOffset, blockLength, version);
                break;
            case RoleRecordDecoder.TEMPLATE_ID:
                onRole(buffer, bodyOffset, blockLength, version);
                break;
            case SnapshotEndDecoder.TEMPLATE_ID:
                onEnd(buffer, bodyOffset, blockLength, version);
                return;
            default:
                throw new SnapshotException("unknown snapshot record template " + templateId);
        }
        records++;
    }

    private void onBegin(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        if (begun)
        {
            throw new SnapshotException("second SnapshotBegin");
        }
        begin.wrap(buffer, offset, blockLength, version);
        if (begin.formatVersion() != SnapshotWriter.FORMAT_VERSION)
        {
            throw new SnapshotException("unsupported snapshot format " + begin.formatVersion());
        }
        final StateHeader h = new StateHeader();
        h.revision = begin.revision();
        h.compactRevision = begin.compactRevision();
        h.nextSessionId = begin.nextSessionId();
        h.nextLockId = begin.nextLockId();
        h.nextClaimId = begin.nextClaimId();
        h.nextElectionId = begin.nextElectionId();
        h.nextCandidateId = begin.nextCandidateId();
        h.maxValueLength = begin.maxValueLength();
        h.historyMaxEvents = begin.historyMaxEvents();
        h.historyMaxBytes = begin.historyMaxBytes();
        if (version >= 2)
        {
            h.stateQuotaBytes = begin.stateQuotaBytes();
            h.maxKeysPerSession = begin.maxKeysPerSession();
            h.maxBytesPerSession = begin.maxBytesPerSession();
            h.maxSequentialPerSession = begin.maxSequentialPerSession();
            h.maxLocksPerSession = begin.maxLocksPerSession();
            h.maxWatchesPerConnection = begin.maxWatchesPerConnection();
            h.clockOffsetMs = begin.clockOffsetMs();
            h.clockNowMs = begin.clockNowMs();
        }
        loader.header(h);
        begun = true;
    }

    private void onSession(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        sessionRecord.wrap(buffer, offset, blockLength, version);
        final long sessionId = sessionRecord.sessionId();
        final long secret = sessionRecord.secret();
        final long ttlMs = sessionRecord.ttlMs();
        final long openedMs = sessionRecord.openedMs();
        final long expiryMs = sessionRecord.expiryMs();
        final long route = sessionRecord.route();
        final long ackedSeq = sessionRecord.ackedSeq();
        final long owner = version < 3 ? 0 : sessionRecord.owner();
        final byte[] clientName = new byte[bounded(sessionRecord.clientNameLength())];
        sessionRecord.getClientName(clientName, 0, clientName.length);
        loader.session(sessionId, secret, ttlMs, clientName, openedMs, expiryMs, route, ackedSeq).owner(owner);
    }

    private void onOutcome(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        outcomeRecord.wrap(buffer, offset, blockLength, version);
        final long sessionId = outcomeRecord.sessionId();
        if (sessionId <= 0)
        {
            throw new SnapshotException("outcome of no session");
        }
        final long requestSeq = outcomeRecord.requestSeq();
        final Outcome.Kind kind = Outcome.Kind.get(outcomeRecord.kind());
        final ResultCode code = ResultCode.get(outcomeRecord.code());
        final long a = outcomeRecord.a();
        final long b = outcomeRecord.b();
        final long c = outcomeRecord.c();
        final boolean hasKey = outcomeRecord.hasKey() == Bool.TRUE;
        final byte[] keyBytes = new byte[bounded(outcomeRecord.keyLength())];
        outcomeRecord.getKey(keyBytes, 0, keyBytes.length);
        final Key key = hasKey ? Key.copyOf(keyBytes, 0, keyBytes.length) : null;
        loader.outcome(sessionId, new Outcome().set(requestSeq, kind, code, a, b, c, key));
    }

    private void onKv(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        kvRecord.wrap(buffer, offset, blockLength, version);
        final long createRevision = kvRecord.createRevision();
        final long modRevision = kvRecord.modRevision();
        final long entryVersion = kvRecord.version();
        final long owner = kvRecord.ownerSessionId();
        final long charged = version >= 2 ? kvRecord.chargedSessionId() : 0;
        final boolean sequential = version >= 2 && kvRecord.sequential() == Bool.TRUE;
        final Key key = readKey(kvRecord.keyLength(), kvRecord::getKey);
        final byte[] value = new byte[bounded(kvRecord.valueLength())];
        kvRecord.getValue(value, 0, value.length);
        loader.kvEntry(
            new KvEntry(key, value, createRevision, modRevision, entryVersion, owner).charge(charged, sequential));
    }

    private void onLock(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        lockRecord.wrap(buffer, offset, blockLength, version);
        final boolean election = lockRecord.election() == Bool.TRUE;
        final long lockId = lockRecord.lockId();
        final long delayUntilMs = lockRecord.delayUntilMs();
        final int claims = lockRecord.claims();
        final Key name = readKey(lockRecord.nameLength(), lockRecord::getName);
        if (claims < 0)
        {
            throw new SnapshotException("negative claim count");
        }
        loader.lock(election, name, lockId, delayUntilMs);
        claimsExpected = claims;
    }

    private void onClaim(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        if (claimsExpected == 0)
        {
            throw new SnapshotException("claim record outside a lock");
        }
        claimRecord.wrap(buffer, offset, blockLength, version);
        final long claimId = claimRecord.claimId();
        final long sessionId = claimRecord.sessionId();
        final long requestSeq = claimRecord.requestSeq();
        final LockMode mode = LockMode.get(claimRecord.mode());
        final long lockDelayMs = claimRecord.lockDelayMs();
        final long sinceMs = claimRecord.sinceMs();
        final long deadlineMs = claimRecord.deadlineMs();
        final long token = claimRecord.token();
        final byte[] value = new byte[bounded(claimRecord.valueLength())];
        claimRecord.getValue(value, 0, value.length);
        loader.claim(claimId, sessionId, requestSeq, mode, lockDelayMs, sinceMs, deadlineMs, token, value);
        claimsExpected--;
    }

    private void onWatch(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        watchRecord.wrap(buffer, offset, blockLength, version);
        final long route = watchRecord.route();
        final long watchId = watchRecord.watchId();
        final long startRevision = watchRecord.startRevision();
        final boolean prefix = watchRecord.prefix() == Bool.TRUE;
        final boolean prevValue = watchRecord.prevValue() == Bool.TRUE;
        final long watcher = version < 3 ? 0 : watchRecord.watcher();
        final Key key = readKey(watchRecord.keyLength(), watchRecord::getKey);
        loader.watch(route, watchId, key, prefix, prevValue, startRevision, watcher);
    }

    private void onUser(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        userRecord.wrap(buffer, offset, blockLength, version);
        final long userId = userRecord.userId();
        final int iterations = userRecord.iterations();
        final String name = new String(readBytes(userRecord.nameLength(), userRecord::getName), StandardCharsets.UTF_8);
        final byte[] salt = readBytes(userRecord.saltLength(), userRecord::getSalt);
        final byte[] storedKey = readBytes(userRecord.storedKeyLength(), userRecord::getStoredKey);
        final byte[] serverKey = readBytes(userRecord.serverKeyLength(), userRecord::getServerKey);
        final String roles =
            new String(readBytes(userRecord.rolesLength(), userRecord::getRoles), StandardCharsets.UTF_8);
        loader.user(userId, name, iterations, salt, storedKey, serverKey,
            roles.isEmpty() ? new String[0] : roles.split(","));
    }

    private void onRole(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        roleRecord.wrap(buffer, offset, blockLength, version);
        final List<Object[]> grants = new ArrayList<>();
        for (final RoleRecordDecoder.GrantsDecoder grant : roleRecord.grants())
        {
            final ResourceType resource = ResourceType.get(grant.resource());
            final int permissions = grant.permissions();
            grants.add(new Object[]{ resource, readBytes(grant.prefixLength(), grant::getPrefix), permissions });
        }
        final String name = new String(readBytes(roleRecord.nameLength(), roleRecord::getName), StandardCharsets.UTF_8);
        loader.role(name);
        for (final Object[] grant : grants)
        {
            loader.grant(name, (ResourceType)grant[0], (byte[])grant[1], (Integer)grant[2]);
        }
    }

    private byte[] readBytes(final int length, final VarDataReader reader)
    {
        final byte[] bytes = new byte[bounded(length)];
        reader.read(bytes, 0, length);
        return bytes;
    }

    private void onHistory(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        historyRecord.wrap(buffer, offset, blockLength, version);
        final EventType type = EventType.get(historyRecord.eventType());
        final long revision = historyRecord.revision();
        final long createRevision = historyRecord.createRevision();
        final long modRevision = historyRecord.modRevision();
        final long eventVersion = historyRecord.version();
        final long owner = historyRecord.ownerSessionId();
        final long prevCreateRevision = historyRecord.prevCreateRevision();
        final long prevModRevision = historyRecord.prevModRevision();
        final long prevVersion = historyRecord.prevVersion();
        final long prevOwner = historyRecord.prevOwnerSessionId();
        final Key key = readKey(historyRecord.keyLength(), historyRecord::getKey);
        final byte[] value = new byte[bounded(historyRecord.valueLength())];
        historyRecord.getValue(value, 0, value.length);
        final byte[] prevValue = new byte[bounded(historyRecord.prevValueLength())];
        historyRecord.getPrevValue(prevValue, 0, prevValue.length);
        loader.historyEvent(new ChangeEvent(type, revision, key, value, createRevision, modRevision, eventVersion, owner,
            prevValue, prevCreateRevision, prevModRevision, prevVersion, prevOwner));
    }

    private void onEnd(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        endRecord.wrap(buffer, offset, blockLength, version);
        if (endRecord.recordCount() != records)
        {
            throw new SnapshotException("snapshot has " + records + " records, its end says " + endRecord.recordCount());
        }
        final long digest = state.digest(new StateDigest(version >= 2));
        if (endRecord.stateDigest() != digest)
        {
            throw new SnapshotException("state digest mismatch after load: expected " + endRecord.stateDigest() +
                ", rebuilt " + digest);
        }
        ended = true;
    }

    /**
     * Reads var data into a fresh array: (destination, offset, length) -> bytes read.
     */
    @FunctionalInterface
    private interface VarDataReader
    {
        int read(byte[] destination, int offset, int length);
    }

    /**
     * A var-data length from a record, which cannot exceed the record itself.
     */
    private int bounded(final int length)
    {
        if (length < 0 || length > record.capacity())
        {
            throw new SnapshotException("var data of " + length + " bytes in a record of " + record.capacity());
        }
        return length;
    }

    private Key readKey(final int length, final VarDataReader reader)
    {
        return Key.copyOf(readBytes(length, reader), 0, length);
    }
}
