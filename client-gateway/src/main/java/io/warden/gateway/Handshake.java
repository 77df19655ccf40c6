package io.warden.gateway;

import io.aeron.ExclusivePublication;
import io.warden.schema.protocol.ResultCode;

/**
 * A Connect being answered: the decoded frame, the verdict (decided before anything else is made) and the
 * publication to the client, which is being added. An accepted handshake becomes a {@link ClientConnection} when the
 * publication is up; a refused one sends its ConnectResponse on a publication of the smallest term length and closes
 * it. At most {@link GatewayConfig#maxHandshakes()} exist at once.
 */
final class Handshake
{
    final int imageSessionId;
    final long correlationId;
    final int protocolVersion;
    final boolean admin;
    /** Null when refused (nobody asks a refused client its name). */
    final String clientName;
    final ResultCode code;
    final String detail;
    final long registrationId;
    final long startNs;
    /** The user to log in as, or empty. */
    final String user;
    final byte[] clientNonce;
    /** A token of an earlier login, or empty. */
    final String token;
    ExclusivePublication publication;

    Handshake(
        final int imageSessionId,
        final long correlationId,
        final int protocolVersion,
        final boolean admin,
        final String clientName,
        final ResultCode code,
        final String detail,
        final long registrationId,
        final long startNs,
        final String user,
        final byte[] clientNonce,
        final String token)
    {
        this.imageSessionId = imageSessionId;
        this.correlationId = correlationId;
        this.protocolVersion = protocolVersion;
        this.admin = admin;
        this.clientName = clientName;
        this.code = code;
        this.detail = detail;
        this.registrationId = registrationId;
        this.startNs = startNs;
        this.user = user;
        this.clientNonce = clientNonce;
        this.token = token;
    }

    boolean accepted()
    {
        return code == ResultCode.OK;
    }
}
