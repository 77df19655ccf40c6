package io.warden.gateway;

import io.warden.schema.FrameCheck;
import io.warden.schema.RequestCheck;
import io.warden.schema.protocol.AuthBeginDecoder;
import io.warden.schema.protocol.AuthSwitchDecoder;
import io.warden.schema.protocol.AuthenticateDecoder;
import io.warden.schema.protocol.CancelWatchDecoder;
import io.warden.schema.protocol.ClientKeepAliveDecoder;
import io.warden.schema.protocol.ConfigureLimitsDecoder;
import io.warden.schema.protocol.ConnectDecoder;
import io.warden.schema.protocol.ConnectProofDecoder;
import io.warden.schema.protocol.DisconnectDecoder;
import io.warden.schema.protocol.ExpireSessionDecoder;
import io.warden.schema.protocol.GatewayInfoDecoder;
import io.warden.schema.protocol.KeepAliveBatchDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.RequestSnapshotDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.RoleChangeDecoder;
import io.warden.schema.protocol.UserChangeDecoder;
import io.warden.schema.protocol.WatchDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Reads one frame from a client before the gateway acts on it: its header ({@link FrameCheck}), its body
 * ({@link RequestCheck}), and the fields the gateway answers from itself. Every frame ends in exactly one call to the
 * {@link Listener}: unreadable, refused, or one of the requests, already checked. Bytes in, outcomes out, no Aeron, so
 * it can be fuzzed without a media driver.
 * <p>
 * Every field is read through a view bounded to the frame, so a length that points outside it fails the check
 * instead of reading whatever follows in the term buffer.
 * <p>
 * Thread: the gateway agent's (holds flyweights).
 *
 * @param <C> the connection a frame came from, handed back to the listener as it is.
 */
final class ClientFrameAdapter<C>
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Every cluster request block starts with its RequestHeader: correlation id, then session id. */
    private static final int SESSION_ID_OFFSET = HEADER + Long.BYTES;

    /**
     * What a frame turned out to be. The connection is the one given to {@link #onFrame}.
     */
    interface Listener<C>
    {
        /**
         * The header is not one the gateway reads (too short, other schema, unknown template, unsupported version,
         * block longer than the frame): answer with an {@code ErrorResponse}.
         */
        void onUnreadable(C connection, long correlationId, ResultCode code, int templateId);

        /**
         * A request with a readable header failed its checks: answer in the request's own response type.
         */
        void onRefused(C connection, int templateId, long correlationId, ResultCode code);

        /**
         * A {@code Connect} on a connection that has connected already.
         */
        void onConnectAgain(C connection);

        /**
         * A {@code ConnectProof}: the client's answer to a login challenge (its length already checked).
         */
        void onConnectProof(C connection, byte[] proof);

        /**
         * A {@code ClientKeepAlive}; the group is positioned at its first entry, each one within the frame.
         */
        void onClientKeepAlive(C connection, long correlationId, ClientKeepAliveDecoder.SessionsDecoder sessions);

        void onDisconnect(C connection);

        void onGatewayInfo(C connection, long correlationId);

        /**
         * A {@code Watch} whose key passed the key rules and whose start revision is not negative.
         */
        void onWatch(
            C connection,
            long correlationId,
            long watchId,
            long startRevision,
            byte[] key,
            boolean prefix,
            boolean prevValue);

        void onCancelWatch(C connection, long correlationId, long watchId);

        /**
         * A request that administers the cell ({@code ConfigureLimits}, users, roles, the auth switch, expiring a
         * session, asking for a snapshot): from the admin credential or a logged-in user only, otherwise fit to
         * forward. (AuthList is forwarded for anyone: the cell
         * tells anyone whether auth is on, and the users and roles only to an administrator.)
         */
        void onAdminRequest(
            C connection, int templateId, DirectBuffer buffer, int offset, int length, long correlationId);

        /**
         * A cluster request fit to forward as it is, carrying {@code sessionId} (0 for none).
         */
        void onClusterRequest(
            C connection,
            int templateId,
            long sessionId,
            DirectBuffer buffer,
            int offset,
            int length,
            long correlationId);
    }

    private final Listener<C> listener;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RequestCheck requestCheck = new RequestCheck();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final ClientKeepAliveDecoder clientKeepAlive = new ClientKeepAliveDecoder();
    private final WatchDecoder watch = new WatchDecoder();
    private final CancelWatchDecoder cancelWatch = new CancelWatchDecoder();
    private final ConnectProofDecoder connectProof = new ConnectProofDecoder();

    ClientFrameAdapter(final Listener<C> listener)
    {
        this.listener = listener;
    }

    /**
     * The first frame of an image that has no connection: is it a {@code Connect} to take up?
     *
     * @return {@link ResultCode#OK}, {@link ResultCode#UNSUPPORTED_VERSION} (take it up to refuse it, so the client
     * learns why), or null: drop the frame, there is nowhere to answer it.
     */
    ResultCode connectCode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ResultCode code = FrameCheck.checkClientFrame(buffer, offset, length, header);
        if (FrameCheck.templateIdOf(buffer, offset, length) == ConnectDecoder.TEMPLATE_ID &&
            (code == ResultCode.OK || code == ResultCode.UNSUPPORTED_VERSION))
        {
            return code;
        }
        return null;
    }

    /**
     * A frame from a connected client.
     */
    void onFrame(final C connection, final DirectBuffer buffer, final int offset, final int length)
    {
        final ResultCode frameCode = FrameCheck.checkClientFrame(buffer, offset, length, header);
        final int templateId = FrameCheck.templateIdOf(buffer, offset, length);
        final long correlationId = FrameCheck.correlationIdOf(buffer, offset, length);
        if (frameCode != ResultCode.OK)
        {
            listener.onUnreadable(connection, correlationId, frameCode, templateId);
            return;
        }
        final ResultCode check = requestCheck.check(buffer, offset, length, header);
        if (check != ResultCode.OK)
        {
            listener.onRefused(connection, templateId, correlationId, check);
            return;
        }
        frame.wrap(buffer, offset, length);
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID:
                listener.onConnectAgain(connection);
                break;
            case ClientKeepAliveDecoder.TEMPLATE_ID:
                clientKeepAlive.wrap(frame, HEADER, header.blockLength(), header.version());
                listener.onClientKeepAlive(connection, clientKeepAlive.correlationId(), clientKeepAlive.sessions());
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                listener.onDisconnect(connection);
                break;
            case GatewayInfoDecoder.TEMPLATE_ID:
                listener.onGatewayInfo(connection, correlationId);
                break;
            case KeepAliveBatchDecoder.TEMPLATE_ID:
                // the gateway alone renews sessions at the cluster; a client may not
                listener.onRefused(connection, templateId, correlationId, ResultCode.UNAUTHORISED);
                break;
            case WatchDecoder.TEMPLATE_ID:
                onWatch(connection, correlationId);
                break;
            case CancelWatchDecoder.TEMPLATE_ID:
                cancelWatch.wrap(frame, HEADER, header.blockLength(), header.version());
                listener.onCancelWatch(connection, correlationId, cancelWatch.watchId());
                break;
            case ConnectProofDecoder.TEMPLATE_ID:
                connectProof.wrap(frame, HEADER, header.blockLength(), header.version());
                final byte[] proof = new byte[connectProof.proofLength()];
                connectProof.getProof(proof, 0, proof.length);
                listener.onConnectProof(connection, proof);
                break;
            case AuthBeginDecoder.TEMPLATE_ID:
            case AuthenticateDecoder.TEMPLATE_ID:
                // a gateway's own steps of a login; a client may not check passwords through it
                listener.onRefused(connection, templateId, correlationId, ResultCode.PERMISSION_DENIED);
                break;
            case ConfigureLimitsDecoder.TEMPLATE_ID:
            case UserChangeDecoder.TEMPLATE_ID:
            case RoleChangeDecoder.TEMPLATE_ID:
            case AuthSwitchDecoder.TEMPLATE_ID:
            case ExpireSessionDecoder.TEMPLATE_ID:
            case RequestSnapshotDecoder.TEMPLATE_ID:
                listener.onAdminRequest(connection, templateId, buffer, offset, length, correlationId);
                break;
            default:
                final long sessionId = frame.getLong(SESSION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
                listener.onClusterRequest(connection, templateId, sessionId, buffer, offset, length, correlationId);
                break;
        }
    }

    private void onWatch(final C connection, final long correlationId)
    {
        watch.wrap(frame, HEADER, header.blockLength(), header.version());
        final long watchId = watch.watchId();
        final long startRevision = watch.startRevision();
        final boolean prefix = watch.flags().prefix();
        final boolean prevValue = watch.flags().prevValue();
        final byte[] key = new byte[watch.keyLength()];
        watch.getKey(key, 0, key.length);
        if (startRevision < 0)
        {
            listener.onRefused(connection, WatchDecoder.TEMPLATE_ID, correlationId, ResultCode.INVALID_ARGUMENT);
            return;
        }
        listener.onWatch(connection, correlationId, watchId, startRevision, key, prefix, prevValue);
    }
}
