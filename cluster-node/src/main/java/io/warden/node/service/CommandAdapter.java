package io.warden.node.service;

import io.warden.node.domain.Key;
import io.warden.node.domain.Request;
import io.warden.node.domain.Slice;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.kv.TxnCommand;
import io.warden.schema.FrameCheck;
import io.warden.schema.LimitsSpec;
import io.warden.schema.Principals;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one inbound frame and calls the state machine. Each frame is first checked ({@link FrameCheck}: schema,
 * version, template, fixed block), then decoded completely against a view bounded to the frame, so a length field
 * that points outside the frame fails the decode, not the node. Only a fully decoded, exactly sized frame reaches the
 * domain; anything else is answered with {@code MALFORMED}, {@code UNKNOWN_MESSAGE} or {@code UNSUPPORTED_VERSION}
 * and changes nothing.
 */
public final class CommandAdapter
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Longest name, salt, key, proof or auth message an auth request may carry. */
    private static final int MAX_AUTH_BYTES = 1024;

    private final WardenStateMachine state;
    private final EgressResponder responder;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer varView = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Request request = new Request();
    private final Key name = Key.probe();
    private final Key key = Key.probe();
    private final Key second = Key.probe();
    private final Slice value = new Slice();
    private final TxnCommand txn = new TxnCommand();
    private final LongArrayList sessionIds = new LongArrayList();
    private final LongArrayList silences = new LongArrayList();

    private final OpenSessionDecoder openSession = new OpenSessionDecoder();
    private final ResumeSessionDecoder resumeSession = new ResumeSessionDecoder();
    private final KeepAliveBatchDecoder keepAliveBatch = new KeepAliveBatchDecoder();
    private final CloseSessionDecoder closeSession = new CloseSessionDecoder();
    private final AcquireDecoder acquire = new AcquireDecoder();
    private final ReleaseDecoder release = new ReleaseDecoder();
    private final CheckFenceDecoder checkFence = new CheckFenceDecoder();
    private final DescribeLockDecoder describeLock = new DescribeLockDecoder();
    private final LockStatusDecoder lockStatus = new LockStatusDecoder();
    private final CampaignDecoder campaign = new CampaignDecoder();
    private final ProclaimDecoder proclaim = new ProclaimDecoder();
    private final ResignDecoder resign = new ResignDecoder();
    private final LeaderDecoder leader = new LeaderDecoder();
    private final PutDecoder put = new PutDecoder();
    private final GetDecoder get = new GetDecoder();
    private final DeleteDecoder delete = new DeleteDecoder();
    private final RangeDecoder range = new RangeDecoder();
    private final TxnDecoder txnDecoder = new TxnDecoder();
    private final CreateSequentialDecoder createSequential = new CreateSequentialDecoder();
    private final WatchDecoder watch = new WatchDecoder();
    private final CancelWatchDecoder cancelWatch = new CancelWatchDecoder();
    private final ProgressDecoder progress = new ProgressDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final ConfigureLimitsDecoder configureLimits = new ConfigureLimitsDecoder();
    private final OnBehalfDecoder onBehalf = new OnBehalfDecoder();
    private final AuthBeginDecoder authBegin = new AuthBeginDecoder();
    private final AuthenticateDecoder authenticate = new AuthenticateDecoder();
    private final UserChangeDecoder userChange = new UserChangeDecoder();
    private final RoleChangeDecoder roleChange = new RoleChangeDecoder();
    private final AuthSwitchDecoder authSwitch = new AuthSwitchDecoder();
    private final AuthListDecoder authList = new AuthListDecoder();
    private final ListSessionsDecoder listSessions = new ListSessionsDecoder();
    private final ListLocksDecoder listLocks = new ListLocksDecoder();
    private final ExpireSessionDecoder expireSession = new ExpireSessionDecoder();
    private final RequestSnapshotDecoder requestSnapshot = new RequestSnapshotDecoder();

    private final LimitsSpec proposal = new LimitsSpec();

    // Decoded scalars, valid between decode and apply.
    private long number1;
    private long number2;
    private long number3;
    private int int1;
    private boolean flag1;
    private boolean flag2;
    private LockMode mode;
    private String text1;
    private String text2;
    private byte[] bytes1;
    private byte[] bytes2;
    private byte[] bytes3;
    private UserOp userOp;
    private RoleOp roleOp;
    private ResourceType resource;
    private AuthListKind listKind;

    public CommandAdapter(final WardenStateMachine state, final EgressResponder responder)
    {
        this.state = state;
        this.responder = responder;
    }

    /**
     * Apply one inbound frame from a connection.
     */
    public void onMessage(final long route, final DirectBuffer buffer, final int offset, final int length)
    {
        frame.wrap(buffer, offset, length);
        ResultCode check = FrameCheck.checkRequest(frame, 0, length, header);
        long userId = Principals.NO_USER;
        int innerLength = length;
        if (check == ResultCode.OK && header.templateId() == OnBehalfDecoder.TEMPLATE_ID)
        {
            // the envelope a gateway wraps a request in: the principal, then the request whole
            onBehalf.wrap(frame, HEADER, header.blockLength(), header.version());
            userId = onBehalf.userId();
            final int innerOffset = HEADER + header.blockLength();
            innerLength = length - innerOffset;
            frame.wrap(buffer, offset + innerOffset, innerLength);
            check = FrameCheck.checkRequest(frame, 0, innerLength, header);
            if (check == ResultCode.OK && header.templateId() == OnBehalfDecoder.TEMPLATE_ID)
            {
                check = ResultCode.MALFORMED;
            }
        }
        if (check != ResultCode.OK)
        {
            responder.error(route, FrameCheck.correlationIdOf(frame, 0, innerLength), check,
                FrameCheck.templateIdOf(frame, 0, innerLength));
            return;
        }
        final int templateId = header.templateId();
        final int decodedLength;
        try
        {
            decodedLength = decode(templateId, route, header.blockLength(), header.version());
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            responder.error(route, FrameCheck.correlationIdOf(frame, 0, innerLength), ResultCode.MALFORMED, templateId);
            return;
        }
        if (decodedLength != innerLength)
        {
            responder.error(route, request.correlationId, ResultCode.MALFORMED, templateId);
            return;
        }
        if (!state.isRouteAdmitted(route))
        {
            responder.error(route, request.correlationId, ResultCode.LIMIT_EXCEEDED, templateId);
            return;
        }
        request.userId = userId;
        apply(templateId);
    }

    private void readHeader(final int templateId, final long route, final RequestHeaderDecoder h)
    {
        request.set(templateId, route, h.correlationId(), h.sessionId(), h.requestSeq(), h.ackedSeq());
    }

    private Key readKey(final Key target, final VarWrapper wrapper)
    {
        wrapper.wrap(varView);
        return target.set(varView, 0, varView.capacity());
    }

    private Slice readValue(final VarWrapper wrapper)
    {
        wrapper.wrap(varView);
        return value.wrap(varView, 0, varView.capacity());
    }

    private byte[] readBytes(final VarWrapper wrapper)
    {
        return readBounded(wrapper, Integer.MAX_VALUE);
    }

    /**
     * A user or role name: at most a few times the longest name (the domain gives the exact rule and its reason);
     * a longer one fails the decode.
     */
    private String readName(final VarWrapper wrapper)
    {
        return new String(readBounded(wrapper, MAX_AUTH_BYTES), StandardCharsets.UTF_8);
    }

    private byte[] readBounded(final VarWrapper wrapper, final int maxLength)
    {
        wrapper.wrap(varView);
        if (varView.capacity() > maxLength)
        {
            throw new IllegalArgumentException("field longer than " + maxLength);
        }
        final byte[] bytes = new byte[varView.capacity()];
        varView.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Wraps a var-data field into a view (the generated {@code wrapX} methods).
     */
    @FunctionalInterface
    private interface VarWrapper
    {
        void wrap(DirectBuffer view);
    }

    private static <E extends Enum<E>> E required(final E value, final E nullValue)
    {
        if (value == nullValue)
        {
            throw new IllegalArgumentException("null enum value");
        }
        return value;
    }

    /**
     * Decode the frame into this adapter's fields. Reads only; the state is not touched.
     *
     * @return the number of bytes the message occupies, header included.
     */
    private int decode(final int templateId, final long route, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case OpenSessionDecoder.TEMPLATE_ID:
                openSession.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, openSession.header());
                number1 = openSession.ttlMs();
                number2 = openSession.secret();
                readValue(openSession::wrapClientName);
                return openSession.limit();

            case ResumeSessionDecoder.TEMPLATE_ID:
                resumeSession.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, resumeSession.header());
                number1 = resumeSession.secret();
                return resumeSession.limit();

            case KeepAliveBatchDecoder.TEMPLATE_ID:
                keepAliveBatch.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, keepAliveBatch.header());
                FrameCheck.checkGroupBlock(frame, keepAliveBatch.limit(),
                    KeepAliveBatchDecoder.SessionsDecoder.sbeBlockLength());
                sessionIds.clear();
                silences.clear();
                for (final KeepAliveBatchDecoder.SessionsDecoder s : keepAliveBatch.sessions())
                {
                    sessionIds.addLong(s.sessionId());
                    silences.addLong(s.silentMs());
                }
                return keepAliveBatch.limit();

            case CloseSessionDecoder.TEMPLATE_ID:
                closeSession.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, closeSession.header());
                return closeSession.limit();

            case AcquireDecoder.TEMPLATE_ID:
                acquire.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, acquire.header());
                mode = acquire.mode();
                number1 = acquire.waitTimeoutMs();
                number2 = acquire.lockDelayMs();
                readKey(name, acquire::wrapName);
                return acquire.limit();

            case ReleaseDecoder.TEMPLATE_ID:
                release.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, release.header());
                number1 = release.token();
                readKey(name, release::wrapName);
                return release.limit();

            case CheckFenceDecoder.TEMPLATE_ID:
                checkFence.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, checkFence.header());
                number1 = checkFence.token();
                readKey(name, checkFence::wrapName);
                return checkFence.limit();

            case DescribeLockDecoder.TEMPLATE_ID:
                describeLock.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, describeLock.header());
                readKey(name, describeLock::wrapName);
                return describeLock.limit();

            case LockStatusDecoder.TEMPLATE_ID:
                lockStatus.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, lockStatus.header());
                readKey(name, lockStatus::wrapName);
                return lockStatus.limit();

            case CampaignDecoder.TEMPLATE_ID:
                campaign.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, campaign.header());
                readKey(name, campaign::wrapElection);
                readValue(campaign::wrapValue);
                return campaign.limit();

            case ProclaimDecoder.TEMPLATE_ID:
                proclaim.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, proclaim.header());
                number1 = proclaim.term();
                readKey(name, proclaim::wrapElection);
                readValue(proclaim::wrapValue);
                return proclaim.limit();

            case ResignDecoder.TEMPLATE_ID:
                resign.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, resign.header());
                number1 = resign.term();
                readKey(name, resign::wrapElection);
                return resign.limit();

            case LeaderDecoder.TEMPLATE_ID:
                leader.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, leader.header());
                readKey(name, leader::wrapElection);
                return leader.limit();

            case PutDecoder.TEMPLATE_ID:
                put.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, put.header());
                flag1 = put.flags().ephemeral();
                readKey(key, put::wrapKey);
                readValue(put::wrapValue);
                return put.limit();

            case GetDecoder.TEMPLATE_ID:
                get.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, get.header());
                readKey(key, get::wrapKey);
                return get.limit();

            case DeleteDecoder.TEMPLATE_ID:
                delete.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, delete.header());
                flag1 = delete.flags().prefix();
                readKey(key, delete::wrapKey);
                return delete.limit();

            case RangeDecoder.TEMPLATE_ID:
                range.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, range.header());
                int1 = range.pageSize();
                number1 = range.atRevision();
                readKey(key, range::wrapPrefix);
                readKey(second, range::wrapStartAfter);
                return range.limit();

            case TxnDecoder.TEMPLATE_ID:
                return decodeTxn(templateId, route, blockLength, version);

            case CreateSequentialDecoder.TEMPLATE_ID:
                createSequential.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, createSequential.header());
                flag1 = createSequential.flags().ephemeral();
                readKey(key, createSequential::wrapPrefix);
                readValue(createSequential::wrapValue);
                return createSequential.limit();

            case WatchDecoder.TEMPLATE_ID:
                watch.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, watch.header());
                number1 = watch.watchId();
                number2 = watch.startRevision();
                flag1 = watch.flags().prefix();
                flag2 = watch.flags().prevValue();
                readKey(key, watch::wrapKey);
                return watch.limit();

            case CancelWatchDecoder.TEMPLATE_ID:
                cancelWatch.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, cancelWatch.header());
                number1 = cancelWatch.watchId();
                return cancelWatch.limit();

            case ProgressDecoder.TEMPLATE_ID:
                progress.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, progress.header());
                return progress.limit();

            case StatusDecoder.TEMPLATE_ID:
                status.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, status.header());
                return status.limit();

            case ConfigureLimitsDecoder.TEMPLATE_ID:
                configureLimits.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, configureLimits.header());
                proposal.clear()
                    .maxValueLength(configureLimits.maxValueLength())
                    .historyMaxEvents(configureLimits.historyMaxEvents())
                    .historyMaxBytes(configureLimits.historyMaxBytes());
                if (version >= 3)
                {
                    proposal.stateQuotaBytes(configureLimits.stateQuotaBytes())
                        .maxKeysPerSession(configureLimits.maxKeysPerSession())
                        .maxBytesPerSession(configureLimits.maxBytesPerSession())
                        .maxSequentialPerSession(configureLimits.maxSequentialPerSession())
                        .maxLocksPerSession(configureLimits.maxLocksPerSession())
                        .maxWatchesPerConnection(configureLimits.maxWatchesPerConnection());
                }
                return configureLimits.limit();

            case AuthBeginDecoder.TEMPLATE_ID:
                authBegin.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, authBegin.header());
                text1 = readName(authBegin::wrapUser);
                return authBegin.limit();

            case AuthenticateDecoder.TEMPLATE_ID:
                authenticate.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, authenticate.header());
                text1 = readName(authenticate::wrapUser);
                bytes1 = readBounded(authenticate::wrapAuthMessage, MAX_AUTH_BYTES);
                bytes2 = readBounded(authenticate::wrapProof, MAX_AUTH_BYTES);
                return authenticate.limit();

            case UserChangeDecoder.TEMPLATE_ID:
                userChange.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, userChange.header());
                userOp = required(userChange.op(), UserOp.NULL_VAL);
                int1 = userChange.iterations();
                text1 = readName(userChange::wrapUser);
                text2 = readName(userChange::wrapRole);
                bytes1 = readBounded(userChange::wrapSalt, MAX_AUTH_BYTES);
                bytes2 = readBounded(userChange::wrapStoredKey, MAX_AUTH_BYTES);
                bytes3 = readBounded(userChange::wrapServerKey, MAX_AUTH_BYTES);
                return userChange.limit();

            case RoleChangeDecoder.TEMPLATE_ID:
                roleChange.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, roleChange.header());
                roleOp = required(roleChange.op(), RoleOp.NULL_VAL);
                resource = required(roleChange.resource(), ResourceType.NULL_VAL);
                int1 = frame.getByte(HEADER + RoleChangeDecoder.permissionsEncodingOffset()) & 0xFF;
                text1 = readName(roleChange::wrapRole);
                bytes1 = readBounded(roleChange::wrapPrefix, WardenLimits.MAX_KEY_LENGTH);
                return roleChange.limit();

            case AuthSwitchDecoder.TEMPLATE_ID:
                authSwitch.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, authSwitch.header());
                flag1 = required(authSwitch.enable(), BooleanType.NULL_VAL) == BooleanType.TRUE;
                return authSwitch.limit();

            case AuthListDecoder.TEMPLATE_ID:
                authList.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, authList.header());
                listKind = required(authList.kind(), AuthListKind.NULL_VAL);
                text1 = readName(authList::wrapName);
                return authList.limit();

            case ListSessionsDecoder.TEMPLATE_ID:
                listSessions.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, listSessions.header());
                number1 = listSessions.afterSessionId();
                int1 = listSessions.maxCount();
                return listSessions.limit();

            case ListLocksDecoder.TEMPLATE_ID:
                listLocks.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, listLocks.header());
                int1 = listLocks.maxCount();
                readKey(name, listLocks::wrapAfter);
                return listLocks.limit();

            case ExpireSessionDecoder.TEMPLATE_ID:
                expireSession.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, expireSession.header());
                number1 = expireSession.sessionId();
                return expireSession.limit();

            case RequestSnapshotDecoder.TEMPLATE_ID:
                requestSnapshot.wrap(frame, HEADER, blockLength, version);
                readHeader(templateId, route, requestSnapshot.header());
                return requestSnapshot.limit();

            default:
                throw new IllegalStateException("no decoder for template " + templateId);
        }
    }

    private int decodeTxn(final int templateId, final long route, final int blockLength, final int version)
    {
        txnDecoder.wrap(frame, HEADER, blockLength, version);
        readHeader(templateId, route, txnDecoder.header());
        txn.reset();
        FrameCheck.checkGroupBlock(frame, txnDecoder.limit(), TxnDecoder.ComparesDecoder.sbeBlockLength());
        for (final TxnDecoder.ComparesDecoder c : txnDecoder.compares())
        {
            final TxnCommand.Compare compare = txn.addCompare();
            compare.target = required(c.target(), CompareTarget.NULL_VAL);
            compare.op = required(c.op(), CompareOp.NULL_VAL);
            compare.number = c.number();
            readKey(compare.key, c::wrapKey);
            compare.value = readBytes(c::wrapValue);
        }
        FrameCheck.checkGroupBlock(frame, txnDecoder.limit(), TxnDecoder.ThenOpsDecoder.sbeBlockLength());
        for (final TxnDecoder.ThenOpsDecoder o : txnDecoder.thenOps())
        {
            final TxnCommand.Op op = txn.addThen();
            op.type = required(o.opType(), TxnOpType.NULL_VAL);
            op.ephemeral = o.flags().ephemeral();
            readKey(op.key, o::wrapKey);
            op.value = readBytes(o::wrapValue);
        }
        FrameCheck.checkGroupBlock(frame, txnDecoder.limit(), TxnDecoder.ElseOpsDecoder.sbeBlockLength());
        for (final TxnDecoder.ElseOpsDecoder o : txnDecoder.elseOps())
        {
            final TxnCommand.Op op = txn.addElse();
            op.type = required(o.opType(), TxnOpType.NULL_VAL);
            op.ephemeral = o.flags().ephemeral();
            readKey(op.key, o::wrapKey);
            op.value = readBytes(o::wrapValue);
        }
        return txnDecoder.limit();
    }

    /**
     * Call the state machine with what {@link #decode} read.
     */
    private void apply(final int templateId)
    {
        switch (templateId)
        {
            case OpenSessionDecoder.TEMPLATE_ID:
                state.onOpenSession(request, number1, number2, value);
                break;
            case ResumeSessionDecoder.TEMPLATE_ID:
                state.onResumeSession(request, number1);
                break;
            case KeepAliveBatchDecoder.TEMPLATE_ID:
                state.onKeepAliveBatch(request, sessionIds, silences);
                break;
            case CloseSessionDecoder.TEMPLATE_ID:
                state.onCloseSession(request);
                break;
            case AcquireDecoder.TEMPLATE_ID:
                state.onAcquire(request, mode, number1, number2, name);
                break;
            case ReleaseDecoder.TEMPLATE_ID:
                state.onRelease(request, number1, name);
                break;
            case CheckFenceDecoder.TEMPLATE_ID:
                state.onCheckFence(request, number1, name);
                break;
            case DescribeLockDecoder.TEMPLATE_ID:
                state.onDescribeLock(request, name);
                break;
            case LockStatusDecoder.TEMPLATE_ID:
                state.onLockStatus(request, name);
                break;
            case CampaignDecoder.TEMPLATE_ID:
                state.onCampaign(request, name, value);
                break;
            case ProclaimDecoder.TEMPLATE_ID:
                state.onProclaim(request, number1, name, value);
                break;
            case ResignDecoder.TEMPLATE_ID:
                state.onResign(request, number1, name);
                break;
            case LeaderDecoder.TEMPLATE_ID:
                state.onLeader(request, name);
                break;
            case PutDecoder.TEMPLATE_ID:
                state.onPut(request, flag1, key, value);
                break;
            case GetDecoder.TEMPLATE_ID:
                state.onGet(request, key);
                break;
            case DeleteDecoder.TEMPLATE_ID:
                state.onDelete(request, flag1, key);
                break;
            case RangeDecoder.TEMPLATE_ID:
                state.onRange(request, int1, number1, key, second);
                break;
            case TxnDecoder.TEMPLATE_ID:
                state.onTxn(request, txn);
                break;
            case CreateSequentialDecoder.TEMPLATE_ID:
                state.onCreateSequential(request, flag1, key, value);
                break;
            case WatchDecoder.TEMPLATE_ID:
                state.onWatch(request, number1, number2, flag1, flag2, key);
                break;
            case CancelWatchDecoder.TEMPLATE_ID:
                state.onCancelWatch(request, number1);
                break;
            case ProgressDecoder.TEMPLATE_ID:
                state.onProgress(request);
                break;
            case StatusDecoder.TEMPLATE_ID:
                state.onStatus(request);
                break;
            case ConfigureLimitsDecoder.TEMPLATE_ID:
                state.onConfigureLimits(request, proposal);
                break;
            case AuthBeginDecoder.TEMPLATE_ID:
                state.onAuthBegin(request, text1);
                break;
            case AuthenticateDecoder.TEMPLATE_ID:
                state.onAuthenticate(request, text1, bytes1, bytes2);
                break;
            case UserChangeDecoder.TEMPLATE_ID:
                state.onUserChange(request, userOp, text1, text2, int1, bytes1, bytes2, bytes3);
                break;
            case RoleChangeDecoder.TEMPLATE_ID:
                state.onRoleChange(request, roleOp, text1, resource, int1, bytes1);
                break;
            case AuthSwitchDecoder.TEMPLATE_ID:
                state.onAuthSwitch(request, flag1);
                break;
            case AuthListDecoder.TEMPLATE_ID:
                state.onAuthList(request, listKind, text1);
                break;
            case ListSessionsDecoder.TEMPLATE_ID:
                state.onListSessions(request, number1, int1);
                break;
            case ListLocksDecoder.TEMPLATE_ID:
                state.onListLocks(request, name, int1);
                break;
            case ExpireSessionDecoder.TEMPLATE_ID:
                state.onExpireSession(request, number1);
                break;
            case RequestSnapshotDecoder.TEMPLATE_ID:
                state.onRequestSnapshot(request);
                break;
            default:
                responder.error(request.route, request.correlationId, ResultCode.UNKNOWN_MESSAGE, templateId);
                break;
        }
    }
}
