package io.warden.gateway;

import io.warden.schema.RequestWriter;
import io.warden.schema.Scram;
import io.warden.schema.protocol.AuthBeginDecoder;
import io.warden.schema.protocol.AuthBeginResponseDecoder;
import io.warden.schema.protocol.AuthenticateDecoder;
import io.warden.schema.protocol.AuthenticateResponseDecoder;
import io.warden.schema.protocol.ConnectChallengeEncoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.MessageHeaderEncoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A client's login at connect, SCRAM-SHA-256 style, so that no password crosses the network: the gateway asks the
 * cell for the user's salt and iterations (AuthBegin), sends them with a fresh nonce of its own (ConnectChallenge),
 * takes the client's proof (ConnectProof) and has the cell check it (Authenticate). The cell answers with the user's
 * id, which the gateway then puts on every request of the connection; the client gets a token for later connects.
 * A login that fails anywhere ends the connection with UNAUTHORISED (UNAVAILABLE when the cell cannot be asked);
 * the client cannot tell an unknown user from a wrong password.
 * <p>
 * Thread: the gateway agent's.
 */
final class ClientLogin
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final byte[] EMPTY = new byte[0];

    /**
     * What a login needs of the gateway.
     */
    interface Gateway
    {
        boolean isClusterConnected();

        PendingRequest toCluster(int templateId, DirectBuffer buffer, int offset, int length, PendingRequest.Handler h);

        void toClient(ClientConnection connection, DirectBuffer buffer, int offset, int length);

        /**
         * The connection is logged in as {@code connection.userId}: answer its Connect OK with this token and the
         * cell's server signature (empty for a token login).
         */
        void loggedIn(ClientConnection connection, String token, byte[] serverSignature);

        /**
         * The login failed: answer the Connect with this code and end the connection.
         */
        void loginFailed(ClientConnection connection, ResultCode code, String detail);
    }

    private final Gateway gateway;
    private final LoginTokens tokens;
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final AuthBeginResponseDecoder authBeginResponse = new AuthBeginResponseDecoder();
    private final AuthenticateResponseDecoder authenticateResponse = new AuthenticateResponseDecoder();
    private final ConnectChallengeEncoder challenge = new ConnectChallengeEncoder();

    ClientLogin(final Gateway gateway, final LoginTokens tokens)
    {
        this.gateway = gateway;
        this.tokens = tokens;
    }

    /**
     * A connection whose Connect named a token: logged in at once if this gateway issued it and it has not expired.
     */
    void withToken(final ClientConnection connection, final String token, final long nowNs)
    {
        final LoginTokens.Entry entry = tokens.lookup(token, nowNs);
        if (entry == null)
        {
            gateway.loginFailed(connection, ResultCode.UNAUTHORISED, "unknown or expired token");
            return;
        }
        connection.userId = entry.userId;
        connection.user = entry.user;
        gateway.loggedIn(connection, "", EMPTY);
    }

    /**
     * A connection whose Connect named a user: ask the cell for the user's salt.
     */
    void begin(final ClientConnection connection, final long nowNs)
    {
        if (!gateway.isClusterConnected())
        {
            gateway.loginFailed(connection, ResultCode.UNAVAILABLE, "the gateway cannot reach the cluster to log in");
            return;
        }
        connection.loginStartNs = nowNs;
        writer.header(0, 0, 0, 0);
        final int length = writer.authBegin(buffer, 0, connection.user);
        gateway.toCluster(AuthBeginDecoder.TEMPLATE_ID, buffer, 0, length,
            (request, frame, offset, frameLength, templateId) -> onSalt(connection, frame, offset, templateId));
    }

    private void onSalt(final ClientConnection connection, final DirectBuffer frame, final int offset,
        final int templateId)
    {
        if (connection.state != ClientConnection.State.LOGGING_IN)
        {
            return;
        }
        if (templateId != AuthBeginResponseDecoder.TEMPLATE_ID)
        {
            gateway.loginFailed(connection, ResultCode.UNAVAILABLE, "the cluster did not answer the login");
            return;
        }
        header.wrap(frame, offset);
        authBeginResponse.wrap(frame, offset + HEADER, header.blockLength(), header.version());
        if (authBeginResponse.code() != ResultCode.OK)
        {
            gateway.loginFailed(connection, ResultCode.UNAUTHORISED, "login refused");
            return;
        }
        connection.iterations = authBeginResponse.iterations();
        connection.salt = new byte[authBeginResponse.saltLength()];
        authBeginResponse.getSalt(connection.salt, 0, connection.salt.length);
        connection.serverNonce = Scram.newNonce();
        final int length = HEADER + challenge.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(connection.connectCorrelationId)
            .iterations(connection.iterations)
            .putSalt(connection.salt, 0, connection.salt.length)
            .putServerNonce(connection.serverNonce, 0, connection.serverNonce.length)
            .encodedLength();
        gateway.toClient(connection, buffer, 0, length);
    }

    /**
     * The client's answer to the challenge: have the cell check it.
     */
    void onProof(final ClientConnection connection, final byte[] proof)
    {
        if (connection.serverNonce == null || connection.authMessage != null)
        {
            gateway.loginFailed(connection, ResultCode.UNAUTHORISED, "proof before the challenge, or twice");
            return;
        }
        connection.authMessage = Scram.authMessage(connection.user, connection.clientNonce, connection.serverNonce,
            connection.salt, connection.iterations);
        writer.header(0, 0, 0, 0);
        final int length = writer.authenticate(buffer, 0, connection.user, connection.authMessage, proof);
        gateway.toCluster(AuthenticateDecoder.TEMPLATE_ID, buffer, 0, length,
            (request, frame, offset, frameLength, templateId) -> onVerdict(connection, frame, offset, templateId));
    }

    private void onVerdict(final ClientConnection connection, final DirectBuffer frame, final int offset,
        final int templateId)
    {
        if (connection.state != ClientConnection.State.LOGGING_IN)
        {
            return;
        }
        if (templateId != AuthenticateResponseDecoder.TEMPLATE_ID)
        {
            gateway.loginFailed(connection, ResultCode.UNAVAILABLE, "the cluster did not answer the login");
            return;
        }
        header.wrap(frame, offset);
        authenticateResponse.wrap(frame, offset + HEADER, header.blockLength(), header.version());
        if (authenticateResponse.code() != ResultCode.OK)
        {
            gateway.loginFailed(connection, ResultCode.UNAUTHORISED, "bad user or password");
            return;
        }
        connection.userId = authenticateResponse.userId();
        final byte[] signature = new byte[authenticateResponse.serverSignatureLength()];
        authenticateResponse.getServerSignature(signature, 0, signature.length);
        connection.salt = null;
        connection.serverNonce = null;
        connection.clientNonce = null;
        connection.authMessage = null;
        gateway.loggedIn(
            connection, tokens.issue(connection.userId, connection.user, connection.loginStartNs), signature);
    }
}
