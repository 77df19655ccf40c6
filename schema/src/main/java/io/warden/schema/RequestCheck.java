package io.warden.schema;

import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A gateway's look inside a cluster request before forwarding it: the whole frame decodes within its length (no
 * field pointing outside it, nothing trailing), enums are known, and keys, values and sizes pass the shared rules
 * ({@link KeyRules}, {@link WardenLimits}). Limits that are replicated state (the configured largest value) are only
 * checked against their ceiling here; the node, which knows the current value, has the last word.
 * <p>
 * Not thread-safe; one per agent.
 */
public final class RequestCheck
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[] scratch = new byte[256];
    private final OpenSessionDecoder openSession = new OpenSessionDecoder();
    private final KeepAliveBatchDecoder keepAliveBatch = new KeepAliveBatchDecoder();
    private final AcquireDecoder acquire = new AcquireDecoder();
    private final ReleaseDecoder release = new ReleaseDecoder();
    private final CheckFenceDecoder checkFence = new CheckFenceDecoder();
    private final DescribeLockDecoder describeLock = new DescribeLockDecoder();
    private final ListLocksDecoder listLocks = new ListLocksDecoder();
    private final LockStatusDecoder lockStatus = new LockStatusDecoder();
    private final CampaignDecoder campaign = new CampaignDecoder();
    private final ProclaimDecoder proclaim = new ProclaimDecoder();
    private final ResignDecoder resign = new ResignDecoder();
    private final LeaderDecoder leader = new LeaderDecoder();
    private final PutDecoder put = new PutDecoder();
    private final GetDecoder get = new GetDecoder();
    private final DeleteDecoder delete = new DeleteDecoder();
    private final RangeDecoder range = new RangeDecoder();
    private final TxnDecoder txn = new TxnDecoder();
    private final CreateSequentialDecoder createSequential = new CreateSequentialDecoder();
    private final WatchDecoder watch = new WatchDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final ClientKeepAliveDecoder clientKeepAlive = new ClientKeepAliveDecoder();
    private final ConnectProofDecoder connectProof = new ConnectProofDecoder();
    private final UserChangeDecoder userChange = new UserChangeDecoder();
    private final RoleChangeDecoder roleChange = new RoleChangeDecoder();
    private final AuthListDecoder authList = new AuthListDecoder();

    /**
     * Check a request frame whose header passed {@link FrameCheck#checkClientFrame}.
     *
     * @return {@link ResultCode#OK} or why the request cannot be forwarded.
     */
    public ResultCode check(
        final DirectBuffer buffer, final int offset, final int length, final MessageHeaderDecoder header)
    {
        frame.wrap(buffer, offset, length);
        try
        {
            final ResultCode code = checkBody(header.templateId(), header.blockLength(), header.version(), length);
            return code;
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            return ResultCode.MALFORMED;
        }
    }

    private ResultCode checkBody(final int templateId, final int blockLength, final int version, final int length)
    {
        final ResultCode code;
        final int limit;
        switch (templateId)
        {
            case OpenSessionDecoder.TEMPLATE_ID:
                openSession.wrap(frame, HEADER, blockLength, version);
                code = openSession.clientNameLength() > WardenLimits.MAX_CLIENT_NAME_LENGTH ?
                    ResultCode.INVALID_ARGUMENT : ResultCode.OK;
                openSession.skipClientName();
                limit = openSession.limit();
                break;
            case KeepAliveBatchDecoder.TEMPLATE_ID:
                keepAliveBatch.wrap(frame, HEADER, blockLength, version);
                FrameCheck.checkGroupBlock(frame, keepAliveBatch.limit(),
                    KeepAliveBatchDecoder.SessionsDecoder.sbeBlockLength());
                final KeepAliveBatchDecoder.SessionsDecoder sessions = keepAliveBatch.sessions();
                code = sessions.count() > WardenLimits.MAX_KEEPALIVE_BATCH ? ResultCode.LIMIT_EXCEEDED : ResultCode.OK;
                while (sessions.hasNext())
                {
                    sessions.next();
                }
                limit = keepAliveBatch.limit();
                break;
            case AcquireDecoder.TEMPLATE_ID:
                acquire.wrap(frame, HEADER, blockLength, version);
                code = acquire.mode() == LockMode.NULL_VAL ? ResultCode.INVALID_ARGUMENT : name(acquire::wrapName);
                limit = acquire.limit();
                break;
            case ReleaseDecoder.TEMPLATE_ID:
                release.wrap(frame, HEADER, blockLength, version);
                code = name(release::wrapName);
                limit = release.limit();
                break;
            case CheckFenceDecoder.TEMPLATE_ID:
                checkFence.wrap(frame, HEADER, blockLength, version);
                code = name(checkFence::wrapName);
                limit = checkFence.limit();
                break;
            case DescribeLockDecoder.TEMPLATE_ID:
                describeLock.wrap(frame, HEADER, blockLength, version);
                code = name(describeLock::wrapName);
                limit = describeLock.limit();
                break;
            case ListLocksDecoder.TEMPLATE_ID:
                listLocks.wrap(frame, HEADER, blockLength, version);
                code = prefix(listLocks::wrapAfter);
                limit = listLocks.limit();
                break;
            case LockStatusDecoder.TEMPLATE_ID:
                lockStatus.wrap(frame, HEADER, blockLength, version);
                code = name(lockStatus::wrapName);
                limit = lockStatus.limit();
                break;
            case CampaignDecoder.TEMPLATE_ID:
                campaign.wrap(frame, HEADER, blockLength, version);
                code = first(election(campaign::wrapElection), value(campaign::wrapValue));
                limit = campaign.limit();
                break;
            case ProclaimDecoder.TEMPLATE_ID:
                proclaim.wrap(frame, HEADER, blockLength, version);
                code = first(election(proclaim::wrapElection), value(proclaim::wrapValue));
                limit = proclaim.limit();
                break;
            case ResignDecoder.TEMPLATE_ID:
                resign.wrap(frame, HEADER, blockLength, version);
                code = election(resign::wrapElection);
                limit = resign.limit();
                break;
            case LeaderDecoder.TEMPLATE_ID:
                leader.wrap(frame, HEADER, blockLength, version);
                code = election(leader::wrapElection);
                limit = leader.limit();
                break;
            case PutDecoder.TEMPLATE_ID:
                put.wrap(frame, HEADER, blockLength, version);
                code = first(writableName(put::wrapKey), value(put::wrapValue));
                limit = put.limit();
                break;
            case GetDecoder.TEMPLATE_ID:
                get.wrap(frame, HEADER, blockLength, version);
                code = name(get::wrapKey);
                limit = get.limit();
                break;
            case DeleteDecoder.TEMPLATE_ID:
                delete.wrap(frame, HEADER, blockLength, version);
                code = delete.flags().prefix() ? writablePrefix(delete::wrapKey) : writableName(delete::wrapKey);
                limit = delete.limit();
                break;
            case RangeDecoder.TEMPLATE_ID:
                range.wrap(frame, HEADER, blockLength, version);
                code = first(prefix(range::wrapPrefix), prefix(range::wrapStartAfter));
                limit = range.limit();
                break;
            case TxnDecoder.TEMPLATE_ID:
                txn.wrap(frame, HEADER, blockLength, version);
                code = checkTxn();
                limit = txn.limit();
                break;
            case CreateSequentialDecoder.TEMPLATE_ID:
                createSequential.wrap(frame, HEADER, blockLength, version);
                code = first(sequentialPrefix(createSequential::wrapPrefix), value(createSequential::wrapValue));
                limit = createSequential.limit();
                break;
            case WatchDecoder.TEMPLATE_ID:
                watch.wrap(frame, HEADER, blockLength, version);
                code = watch.flags().prefix() ? prefix(watch::wrapKey) : name(watch::wrapKey);
                limit = watch.limit();
                break;
            case ConnectDecoder.TEMPLATE_ID:
                connect.wrap(frame, HEADER, blockLength, version);
                connect.skipCredential();
                final ResultCode nameCode = connect.clientNameLength() > WardenLimits.MAX_CLIENT_NAME_LENGTH ?
                    ResultCode.INVALID_ARGUMENT : ResultCode.OK;
                connect.skipClientName();
                connect.skipResponseChannel();
                if (version < 4)
                {
                    code = nameCode;
                }
                else
                {
                    final int user = connect.userLength();
                    connect.skipUser();
                    final int nonce = connect.clientNonceLength();
                    connect.skipClientNonce();
                    final int token = connect.tokenLength();
                    connect.skipToken();
                    code = first(nameCode, user > WardenLimits.MAX_AUTH_NAME_LENGTH || nonce > Scram.NONCE_LENGTH * 4 ||
                        token > WardenLimits.MAX_TOKEN_LENGTH ? ResultCode.INVALID_ARGUMENT : ResultCode.OK);
                }
                limit = connect.limit();
                break;
            case ConnectProofDecoder.TEMPLATE_ID:
                connectProof.wrap(frame, HEADER, blockLength, version);
                code = connectProof.proofLength() != Scram.KEY_LENGTH ? ResultCode.INVALID_ARGUMENT : ResultCode.OK;
                connectProof.skipProof();
                limit = connectProof.limit();
                break;
            case UserChangeDecoder.TEMPLATE_ID:
                userChange.wrap(frame, HEADER, blockLength, version);
                code = userChange.op() == UserOp.NULL_VAL ? ResultCode.MALFORMED : ResultCode.OK;
                userChange.skipUser();
                userChange.skipRole();
                userChange.skipSalt();
                userChange.skipStoredKey();
                userChange.skipServerKey();
                limit = userChange.limit();
                break;
            case RoleChangeDecoder.TEMPLATE_ID:
                roleChange.wrap(frame, HEADER, blockLength, version);
                code = roleChange.op() == RoleOp.NULL_VAL || roleChange.resource() == ResourceType.NULL_VAL ?
                    ResultCode.MALFORMED : ResultCode.OK;
                roleChange.skipRole();
                roleChange.skipPrefix();
                limit = roleChange.limit();
                break;
            case AuthListDecoder.TEMPLATE_ID:
                authList.wrap(frame, HEADER, blockLength, version);
                code = authList.kind() == AuthListKind.NULL_VAL ? ResultCode.MALFORMED : ResultCode.OK;
                authList.skipName();
                limit = authList.limit();
                break;
            case ClientKeepAliveDecoder.TEMPLATE_ID:
                clientKeepAlive.wrap(frame, HEADER, blockLength, version);
                FrameCheck.checkGroupBlock(frame, clientKeepAlive.limit(),
                    ClientKeepAliveDecoder.SessionsDecoder.sbeBlockLength());
                final ClientKeepAliveDecoder.SessionsDecoder held = clientKeepAlive.sessions();
                code = held.count() > WardenLimits.MAX_SESSIONS_PER_CLIENT ? ResultCode.LIMIT_EXCEEDED : ResultCode.OK;
                while (held.hasNext())
                {
                    held.next();
                }
                limit = clientKeepAlive.limit();
                break;
            default:
                // Fixed-size requests (ResumeSession, CloseSession, CancelWatch, Progress, Status, ConfigureLimits,
                // AuthSwitch, Disconnect, ListSessions, ExpireSession, RequestSnapshot; AuthBegin and Authenticate,
                // which the gateway does not take from clients): the header check already proved the block is
                // there.
                code = ResultCode.OK;
                limit = HEADER + blockLength;
                break;
        }
        return limit != length ? ResultCode.MALFORMED : code;
    }

    private ResultCode checkTxn()
    {
        FrameCheck.checkGroupBlock(frame, txn.limit(), TxnDecoder.ComparesDecoder.sbeBlockLength());
        final TxnDecoder.ComparesDecoder compares = txn.compares();
        int ops = compares.count();
        long bytes = 0;
        ResultCode code = ResultCode.OK;
        while (compares.hasNext())
        {
            compares.next();
            if (compares.target() == CompareTarget.NULL_VAL || compares.op() == CompareOp.NULL_VAL)
            {
                code = first(code, ResultCode.MALFORMED);
            }
            code = first(code, name(compares::wrapKey));
            bytes += view.capacity();
            compares.wrapValue(view);
            bytes += view.capacity();
        }
        FrameCheck.checkGroupBlock(frame, txn.limit(), TxnDecoder.ThenOpsDecoder.sbeBlockLength());
        final TxnDecoder.ThenOpsDecoder thenOps = txn.thenOps();
        ops += thenOps.count();
        while (thenOps.hasNext())
        {
            thenOps.next();
            code = first(code, txnOp(thenOps.opType(), thenOps::wrapKey));
            bytes += view.capacity();
            code = first(code, value(thenOps::wrapValue));
            bytes += view.capacity();
        }
        FrameCheck.checkGroupBlock(frame, txn.limit(), TxnDecoder.ElseOpsDecoder.sbeBlockLength());
        final TxnDecoder.ElseOpsDecoder elseOps = txn.elseOps();
        ops += elseOps.count();
        while (elseOps.hasNext())
        {
            elseOps.next();
            code = first(code, txnOp(elseOps.opType(), elseOps::wrapKey));
            bytes += view.capacity();
            code = first(code, value(elseOps::wrapValue));
            bytes += view.capacity();
        }
        if (ops > WardenLimits.MAX_TXN_OPS || bytes > WardenLimits.MAX_TXN_BYTES)
        {
            code = first(code, ResultCode.LIMIT_EXCEEDED);
        }
        return code;
    }

    private ResultCode txnOp(final TxnOpType type, final VarWrapper key)
    {
        switch (type)
        {
            case PUT:
            case DELETE:
                return writableName(key);
            case DELETE_PREFIX:
                return writablePrefix(key);
            default:
                key.wrap(view);
                return ResultCode.MALFORMED;
        }
    }

    private static ResultCode first(final ResultCode a, final ResultCode b)
    {
        return a != ResultCode.OK ? a : b;
    }

    /**
     * Wraps a var-data field into a view (the generated {@code wrapX} methods).
     */
    @FunctionalInterface
    private interface VarWrapper
    {
        void wrap(DirectBuffer view);
    }

    private int load(final VarWrapper field)
    {
        field.wrap(view);
        final int length = view.capacity();
        if (scratch.length < length)
        {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        view.getBytes(0, scratch, 0, length);
        return length;
    }

    private ResultCode name(final VarWrapper field)
    {
        final int length = load(field);
        return KeyRules.checkName(scratch, length);
    }

    private ResultCode prefix(final VarWrapper field)
    {
        final int length = load(field);
        return KeyRules.checkPrefix(scratch, length);
    }

    private ResultCode writableName(final VarWrapper field)
    {
        final int length = load(field);
        return KeyRules.checkWritableName(scratch, length);
    }

    private ResultCode writablePrefix(final VarWrapper field)
    {
        final int length = load(field);
        return KeyRules.checkWritablePrefix(scratch, length);
    }

    private ResultCode sequentialPrefix(final VarWrapper field)
    {
        final int length = load(field);
        return KeyRules.checkSequentialPrefix(scratch, length);
    }

    private ResultCode election(final VarWrapper field)
    {
        final int length = load(field);
        return KeyRules.checkElectionName(scratch, length);
    }

    private ResultCode value(final VarWrapper field)
    {
        field.wrap(view);
        return view.capacity() > WardenLimits.MAX_VALUE_LENGTH_CEILING ? ResultCode.VALUE_TOO_LARGE : ResultCode.OK;
    }
}
