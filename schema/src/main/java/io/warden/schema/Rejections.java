package io.warden.schema;

import io.warden.schema.protocol.*;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the refusal of a request: its own response type, the given code, every other field empty. The node and the
 * gateway refuse the same request with the same bytes. Not thread-safe; one per agent.
 */
public final class Rejections
{
    private static final byte[] EMPTY = new byte[0];

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SessionResponseEncoder sessionResponse = new SessionResponseEncoder();
    private final KeepAliveResponseEncoder keepAliveResponse = new KeepAliveResponseEncoder();
    private final LockResponseEncoder lockResponse = new LockResponseEncoder();
    private final LockDescriptionEncoder lockDescription = new LockDescriptionEncoder();
    private final ElectionResponseEncoder electionResponse = new ElectionResponseEncoder();
    private final LeaderResponseEncoder leaderResponse = new LeaderResponseEncoder();
    private final PutResponseEncoder putResponse = new PutResponseEncoder();
    private final GetResponseEncoder getResponse = new GetResponseEncoder();
    private final DeleteResponseEncoder deleteResponse = new DeleteResponseEncoder();
    private final RangeResponseEncoder rangeResponse = new RangeResponseEncoder();
    private final TxnResponseEncoder txnResponse = new TxnResponseEncoder();
    private final SequentialResponseEncoder sequentialResponse = new SequentialResponseEncoder();
    private final WatchResponseEncoder watchResponse = new WatchResponseEncoder();
    private final ProgressResponseEncoder progressResponse = new ProgressResponseEncoder();
    private final StatusResponseEncoder statusResponse = new StatusResponseEncoder();
    private final ConnectResponseEncoder connectResponse = new ConnectResponseEncoder();
    private final ClientKeepAliveResponseEncoder clientKeepAliveResponse = new ClientKeepAliveResponseEncoder();
    private final GatewayInfoResponseEncoder gatewayInfoResponse = new GatewayInfoResponseEncoder();
    private final ErrorResponseEncoder errorResponse = new ErrorResponseEncoder();
    private final AuthBeginResponseEncoder authBeginResponse = new AuthBeginResponseEncoder();
    private final AuthenticateResponseEncoder authenticateResponse = new AuthenticateResponseEncoder();
    private final AuthListResponseEncoder authListResponse = new AuthListResponseEncoder();
    private final AdminResponseEncoder adminResponse = new AdminResponseEncoder();
    private final SessionListEncoder sessionList = new SessionListEncoder();
    private final LockListEncoder lockList = new LockListEncoder();

    /**
     * Write the refusal of a request of {@code templateId} at {@code offset}.
     *
     * @return the frame length, header included.
     */
    public int write(
        final MutableDirectBuffer buffer,
        final int offset,
        final int templateId,
        final long correlationId,
        final ResultCode code)
    {
        final int bodyLength;
        switch (templateId)
        {
            case OpenSessionDecoder.TEMPLATE_ID:
            case ResumeSessionDecoder.TEMPLATE_ID:
            case CloseSessionDecoder.TEMPLATE_ID:
            case ExpireSessionDecoder.TEMPLATE_ID:
                bodyLength = sessionResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).sessionId(0).ttlMs(0).encodedLength();
                break;
            case KeepAliveBatchDecoder.TEMPLATE_ID:
                keepAliveResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).failuresCount(0);
                bodyLength = keepAliveResponse.encodedLength();
                break;
            case AcquireDecoder.TEMPLATE_ID:
            case ReleaseDecoder.TEMPLATE_ID:
            case CheckFenceDecoder.TEMPLATE_ID:
            case LockStatusDecoder.TEMPLATE_ID:
                bodyLength = lockResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).token(0).delayRemainingMs(0).encodedLength();
                break;
            case DescribeLockDecoder.TEMPLATE_ID:
                lockDescription.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).delayUntilMs(0).holdersCount(0);
                lockDescription.waitersCount(0);
                bodyLength = lockDescription.encodedLength();
                break;
            case CampaignDecoder.TEMPLATE_ID:
            case ProclaimDecoder.TEMPLATE_ID:
            case ResignDecoder.TEMPLATE_ID:
                bodyLength = electionResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).term(0).encodedLength();
                break;
            case LeaderDecoder.TEMPLATE_ID:
                bodyLength = leaderResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).term(0).leaderSessionId(0).revision(0).candidates(0)
                    .putValue(EMPTY, 0, 0).encodedLength();
                break;
            case PutDecoder.TEMPLATE_ID:
                bodyLength = putResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).createRevision(0).version(0).encodedLength();
                break;
            case GetDecoder.TEMPLATE_ID:
                bodyLength = getResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).createRevision(0).modRevision(0).version(0)
                    .ownerSessionId(0).putValue(EMPTY, 0, 0).encodedLength();
                break;
            case DeleteDecoder.TEMPLATE_ID:
                bodyLength = deleteResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).deleted(0).encodedLength();
                break;
            case RangeDecoder.TEMPLATE_ID:
                rangeResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).more(BooleanType.FALSE).entriesCount(0);
                bodyLength = rangeResponse.encodedLength();
                break;
            case TxnDecoder.TEMPLATE_ID:
                bodyLength = txnResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).encodedLength();
                break;
            case CreateSequentialDecoder.TEMPLATE_ID:
                bodyLength = sequentialResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).putKey(EMPTY, 0, 0).encodedLength();
                break;
            case WatchDecoder.TEMPLATE_ID:
            case CancelWatchDecoder.TEMPLATE_ID:
                bodyLength = watchResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).watchId(0).revision(0).compactRevision(0).encodedLength();
                break;
            case ProgressDecoder.TEMPLATE_ID:
                bodyLength = progressResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).revision(0).encodedLength();
                break;
            case StatusDecoder.TEMPLATE_ID:
            case ConfigureLimitsDecoder.TEMPLATE_ID:
                bodyLength = statusResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).revision(0).compactRevision(0).sessions(0).locks(0)
                    .elections(0).keys(0).watches(0).historyEvents(0).historyBytes(0).maxValueLength(0)
                    .historyMaxEvents(0).historyMaxBytes(0).stateDigest(0).stateBytes(0).stateQuotaBytes(0)
                    .maxKeysPerSession(0).maxBytesPerSession(0).maxSequentialPerSession(0).maxLocksPerSession(0)
                    .maxWatchesPerConnection(0).encodedLength();
                break;
            case AuthBeginDecoder.TEMPLATE_ID:
                bodyLength = authBeginResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).iterations(0).putSalt(EMPTY, 0, 0).encodedLength();
                break;
            case AuthenticateDecoder.TEMPLATE_ID:
                bodyLength = authenticateResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).userId(0).putServerSignature(EMPTY, 0, 0).encodedLength();
                break;
            case AuthListDecoder.TEMPLATE_ID:
                authListResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).enabled(BooleanType.FALSE).itemsCount(0);
                bodyLength = authListResponse.encodedLength();
                break;
            case UserChangeDecoder.TEMPLATE_ID:
            case RoleChangeDecoder.TEMPLATE_ID:
            case AuthSwitchDecoder.TEMPLATE_ID:
            case RequestSnapshotDecoder.TEMPLATE_ID:
                bodyLength = adminResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).putDetail(EMPTY, 0, 0).encodedLength();
                break;
            case ListSessionsDecoder.TEMPLATE_ID:
                sessionList.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).nowMs(0).more(BooleanType.FALSE).sessionsCount(0);
                bodyLength = sessionList.encodedLength();
                break;
            case ListLocksDecoder.TEMPLATE_ID:
                lockList.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).more(BooleanType.FALSE).locksCount(0);
                bodyLength = lockList.encodedLength();
                break;
            case ConnectDecoder.TEMPLATE_ID:
            case ConnectProofDecoder.TEMPLATE_ID:
                bodyLength = connectResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).connectionId(0).maxRequestLength(0).keepAliveIntervalMs(0)
                    .putDetail(EMPTY, 0, 0).putToken(EMPTY, 0, 0).putServerSignature(EMPTY, 0, 0).encodedLength();
                break;
            case ClientKeepAliveDecoder.TEMPLATE_ID:
                clientKeepAliveResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).sessionsCount(0);
                bodyLength = clientKeepAliveResponse.encodedLength();
                break;
            case GatewayInfoDecoder.TEMPLATE_ID:
                bodyLength = gatewayInfoResponse.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(correlationId).code(code).gatewayId(0).leaderMemberId(-1).connections(0).sessions(0)
                    .sharedWatches(0).putIngressEndpoints(EMPTY, 0, 0).encodedLength();
                break;
            default:
                return error(buffer, offset, correlationId, code, templateId);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    /**
     * Write an {@code ErrorResponse}: the answer to a frame that could not be read or is not a known request.
     *
     * @return the frame length, header included.
     */
    public int error(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final ResultCode code,
        final int templateId)
    {
        return error(buffer, offset, correlationId, code, templateId, 0, 0, 0, EMPTY);
    }

    /**
     * Write an {@code ErrorResponse} that says why in full, with the detail as text (the node's rare refusals; the
     * gateway's hot path passes prepared bytes to {@link #error(MutableDirectBuffer, int, long, ResultCode, int, long,
     * long, long, byte[])}).
     * <pre>{@code
     * int length = rejections.refusal(buffer, 0, PutDecoder.TEMPLATE_ID, correlationId, ResultCode.QUOTA_EXCEEDED,
     *     1000, 1000, 0, "keys of session 7 would be exceeded");
     * }</pre>
     *
     * @return the frame length, header included.
     */
    public int refusal(
        final MutableDirectBuffer buffer,
        final int offset,
        final int templateId,
        final long correlationId,
        final ResultCode code,
        final long limit,
        final long usage,
        final long retryAfterMs,
        final String detail)
    {
        return error(buffer, offset, correlationId, code, templateId, limit, usage, retryAfterMs,
            detail.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Write an {@code ErrorResponse} that names a limit (version 3): {@code QUOTA_EXCEEDED} with the limit and the
     * usage it is measured against, {@code RATE_LIMITED} with the allowed rate and when to retry. Every version 3
     * field is always written (zeros and an empty detail when unused): a reader of version 3 decodes the detail, so
     * it must be there.
     *
     * @param detail UTF-8 text for humans, naming the limit.
     * @return the frame length, header included.
     */
    public int error(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final ResultCode code,
        final int templateId,
        final long limitValue,
        final long usageValue,
        final long retryAfterMs,
        final byte[] detail)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + errorResponse.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(correlationId).code(code).templateId(templateId)
            .limitValue(limitValue).usageValue(usageValue).retryAfterMs(retryAfterMs)
            .putDetail(detail, 0, detail.length).encodedLength();
    }
}
