package io.warden.schema;

import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;

/**
 * The first look at every inbound frame, on the node and at the gateway: is it ours, is it a request we know, is its
 * version one we speak, and is it long enough for its fixed block? Variable-length parts are checked by decoding them
 * against a buffer bounded to the frame.
 */
public final class FrameCheck
{
    /** Schema version this build writes and the newest it reads. */
    public static final int PROTOCOL_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;

    /** Oldest protocol version this build still reads. */
    public static final int MIN_PROTOCOL_VERSION = 1;

    private static final int MAX_TEMPLATE_ID = 399;
    private static final int[] REQUEST_BLOCK_LENGTHS = new int[MAX_TEMPLATE_ID + 1];

    static
    {
        register(OpenSessionDecoder.TEMPLATE_ID, OpenSessionDecoder.BLOCK_LENGTH);
        register(ResumeSessionDecoder.TEMPLATE_ID, ResumeSessionDecoder.BLOCK_LENGTH);
        register(KeepAliveBatchDecoder.TEMPLATE_ID, KeepAliveBatchDecoder.BLOCK_LENGTH);
        register(CloseSessionDecoder.TEMPLATE_ID, CloseSessionDecoder.BLOCK_LENGTH);
        register(AcquireDecoder.TEMPLATE_ID, AcquireDecoder.BLOCK_LENGTH);
        register(ReleaseDecoder.TEMPLATE_ID, ReleaseDecoder.BLOCK_LENGTH);
        register(CheckFenceDecoder.TEMPLATE_ID, CheckFenceDecoder.BLOCK_LENGTH);
        register(DescribeLockDecoder.TEMPLATE_ID, DescribeLockDecoder.BLOCK_LENGTH);
        register(LockStatusDecoder.TEMPLATE_ID, LockStatusDecoder.BLOCK_LENGTH);
        register(CampaignDecoder.TEMPLATE_ID, CampaignDecoder.BLOCK_LENGTH);
        register(ProclaimDecoder.TEMPLATE_ID, ProclaimDecoder.BLOCK_LENGTH);
        register(ResignDecoder.TEMPLATE_ID, ResignDecoder.BLOCK_LENGTH);
        register(LeaderDecoder.TEMPLATE_ID, LeaderDecoder.BLOCK_LENGTH);
        register(PutDecoder.TEMPLATE_ID, PutDecoder.BLOCK_LENGTH);
        register(GetDecoder.TEMPLATE_ID, GetDecoder.BLOCK_LENGTH);
        register(DeleteDecoder.TEMPLATE_ID, DeleteDecoder.BLOCK_LENGTH);
        register(RangeDecoder.TEMPLATE_ID, RangeDecoder.BLOCK_LENGTH);
        register(TxnDecoder.TEMPLATE_ID, TxnDecoder.BLOCK_LENGTH);
        register(CreateSequentialDecoder.TEMPLATE_ID, CreateSequentialDecoder.BLOCK_LENGTH);
        register(WatchDecoder.TEMPLATE_ID, WatchDecoder.BLOCK_LENGTH);
        register(CancelWatchDecoder.TEMPLATE_ID, CancelWatchDecoder.BLOCK_LENGTH);
        register(ProgressDecoder.TEMPLATE_ID, ProgressDecoder.BLOCK_LENGTH);
        register(StatusDecoder.TEMPLATE_ID, StatusDecoder.BLOCK_LENGTH);
        register(ConfigureLimitsDecoder.TEMPLATE_ID, ConfigureLimitsDecoder.BLOCK_LENGTH);
        register(AuthBeginDecoder.TEMPLATE_ID, AuthBeginDecoder.BLOCK_LENGTH);
        register(AuthenticateDecoder.TEMPLATE_ID, AuthenticateDecoder.BLOCK_LENGTH);
        register(UserChangeDecoder.TEMPLATE_ID, UserChangeDecoder.BLOCK_LENGTH);
        register(RoleChangeDecoder.TEMPLATE_ID, RoleChangeDecoder.BLOCK_LENGTH);
        register(AuthSwitchDecoder.TEMPLATE_ID, AuthSwitchDecoder.BLOCK_LENGTH);
        register(AuthListDecoder.TEMPLATE_ID, AuthListDecoder.BLOCK_LENGTH);
        register(ListSessionsDecoder.TEMPLATE_ID, ListSessionsDecoder.BLOCK_LENGTH);
        register(ListLocksDecoder.TEMPLATE_ID, ListLocksDecoder.BLOCK_LENGTH);
        register(ExpireSessionDecoder.TEMPLATE_ID, ExpireSessionDecoder.BLOCK_LENGTH);
        register(RequestSnapshotDecoder.TEMPLATE_ID, RequestSnapshotDecoder.BLOCK_LENGTH);
        register(OnBehalfDecoder.TEMPLATE_ID, OnBehalfDecoder.BLOCK_LENGTH);
        register(ConnectDecoder.TEMPLATE_ID, ConnectDecoder.BLOCK_LENGTH);
        register(ConnectProofDecoder.TEMPLATE_ID, ConnectProofDecoder.BLOCK_LENGTH);
        register(ClientKeepAliveDecoder.TEMPLATE_ID, ClientKeepAliveDecoder.BLOCK_LENGTH);
        register(DisconnectDecoder.TEMPLATE_ID, DisconnectDecoder.BLOCK_LENGTH);
        register(GatewayInfoDecoder.TEMPLATE_ID, GatewayInfoDecoder.BLOCK_LENGTH);
    }

    private FrameCheck()
    {
    }

    private static void register(final int templateId, final int blockLength)
    {
        REQUEST_BLOCK_LENGTHS[templateId] = blockLength;
    }

    /**
     * The shortest block a request of this template may have at this version: its fields as of that version.
     * {@code ConfigureLimits} gained its quota and caps in version 3, so a version 1 or 2 frame carries the shorter
     * block (and the node reads only what that version has).
     */
    static int minimumBlockLength(final int templateId, final int version)
    {
        if (templateId == ConfigureLimitsDecoder.TEMPLATE_ID && version < 3)
        {
            return ConfigureLimitsDecoder.stateQuotaBytesEncodingOffset();
        }
        return REQUEST_BLOCK_LENGTHS[templateId];
    }

    /**
     * Is this template id a request that the cluster applies?
     */
    public static boolean isClusterRequest(final int templateId)
    {
        return templateId > 0 && templateId <= MAX_TEMPLATE_ID && REQUEST_BLOCK_LENGTHS[templateId] > 0 &&
            !isGatewayRequest(templateId);
    }

    /**
     * Is this template id a request that ends at the gateway (connection handshake, client keepalive)?
     */
    public static boolean isGatewayRequest(final int templateId)
    {
        return templateId >= 80 && templateId < 100 && REQUEST_BLOCK_LENGTHS[templateId] > 0;
    }

    /**
     * Check the header of a frame arriving at a cluster node: only cluster requests are accepted.
     *
     * @param header decoder to wrap; on {@link ResultCode#OK} it is left wrapped over the frame.
     * @return {@link ResultCode#OK}, {@link ResultCode#MALFORMED}, {@link ResultCode#UNKNOWN_MESSAGE} or
     * {@link ResultCode#UNSUPPORTED_VERSION}.
     */
    public static ResultCode checkRequest(
        final DirectBuffer buffer, final int offset, final int length, final MessageHeaderDecoder header)
    {
        final ResultCode code = checkFrame(buffer, offset, length, header);
        return code == ResultCode.OK && isGatewayRequest(header.templateId()) ? ResultCode.UNKNOWN_MESSAGE : code;
    }

    /**
     * Is this template one that only a gateway sends to the cluster, never a client to a gateway: the
     * {@code OnBehalf} envelope (a client must not name its own principal) and the two steps of a user's
     * challenge-response, which the gateway runs for its clients.
     */
    public static boolean isGatewayOnly(final int templateId)
    {
        return templateId == OnBehalfDecoder.TEMPLATE_ID || templateId == AuthBeginDecoder.TEMPLATE_ID ||
            templateId == AuthenticateDecoder.TEMPLATE_ID;
    }

    /**
     * Check the header of a frame arriving at a gateway from a client: cluster requests and gateway requests, but
     * none of the {@linkplain #isGatewayOnly gateway-only} ones ({@link ResultCode#UNKNOWN_MESSAGE}).
     */
    public static ResultCode checkClientFrame(
        final DirectBuffer buffer, final int offset, final int length, final MessageHeaderDecoder header)
    {
        final ResultCode code = checkFrame(buffer, offset, length, header);
        return code == ResultCode.OK && isGatewayOnly(header.templateId()) ? ResultCode.UNKNOWN_MESSAGE : code;
    }

    private static ResultCode checkFrame(
        final DirectBuffer buffer, final int offset, final int length, final MessageHeaderDecoder header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return ResultCode.MALFORMED;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return ResultCode.UNKNOWN_MESSAGE;
        }
        final int version = header.version();
        if (version < MIN_PROTOCOL_VERSION || version > PROTOCOL_VERSION)
        {
            return ResultCode.UNSUPPORTED_VERSION;
        }
        final int templateId = header.templateId();
        if (templateId > MAX_TEMPLATE_ID || REQUEST_BLOCK_LENGTHS[templateId] == 0)
        {
            return ResultCode.UNKNOWN_MESSAGE;
        }
        final int blockLength = header.blockLength();
        if (blockLength < minimumBlockLength(templateId, version) ||
            MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length)
        {
            return ResultCode.MALFORMED;
        }
        return ResultCode.OK;
    }

    /**
     * The correlation id of a request frame, or 0 when the frame is too short to hold one. Every request block starts
     * with its correlation id (inside the {@code RequestHeader} for cluster requests).
     */
    public static long correlationIdOf(final DirectBuffer buffer, final int offset, final int length)
    {
        final int correlationOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES)
        {
            return 0;
        }
        return buffer.getLong(correlationOffset, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The session a cluster request names in its {@code RequestHeader} (after the correlation id), looking inside an
     * {@code OnBehalf} envelope: what an offline reader of the log needs to say who sent a command.
     *
     * @return the session id, or 0 when the request names none or the frame is too short to say.
     */
    public static long sessionIdOf(final DirectBuffer buffer, final int offset, final int length)
    {
        int start = offset;
        int remaining = length;
        if (templateIdOf(buffer, start, remaining) == OnBehalfDecoder.TEMPLATE_ID)
        {
            final int envelope = MessageHeaderDecoder.ENCODED_LENGTH +
                (buffer.getShort(start, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
            start += envelope;
            remaining -= envelope;
        }
        if (remaining < MessageHeaderDecoder.ENCODED_LENGTH + 2 * Long.BYTES)
        {
            return 0;
        }
        return buffer.getLong(
            start + MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Before decoding a repeating group at {@code limit}: its entries must be at least as long as this version's
     * entry block, or the decoder would read one entry's fields out of the next one (or out of the frame).
     *
     * @throws IllegalArgumentException if the group's block is shorter (decoders answer it as MALFORMED).
     */
    public static void checkGroupBlock(final DirectBuffer buffer, final int limit, final int minBlockLength)
    {
        if ((buffer.getShort(limit, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF) < minBlockLength)
        {
            throw new IllegalArgumentException("group entries shorter than " + minBlockLength + " bytes");
        }
    }

    /**
     * The template id of a frame, or 0 when it is too short to hold a header.
     */
    public static int templateIdOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return 0;
        }
        return buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
