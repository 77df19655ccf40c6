package io.warden.node.launcher;

import io.aeron.cluster.AllowBackupAndStandbyAuthorisationService;
import io.aeron.cluster.codecs.AdminRequestDecoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.BackupQueryDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.security.AuthorisationService;
import io.warden.schema.trust.CellProof;

/**
 * The consensus module's authorisation: what Aeron allows by default (heartbeat, standby snapshot) to a connection the
 * {@link io.warden.node.trust.CellAuthenticator} admitted, a backup query only from an operator's (a backup receives
 * the whole state, so a gateway's secret must not be enough to take one), plus, when enabled, the
 * {@code SNAPSHOT} admin request from an operator's connection (principal {@code operator:...}), so that
 * {@code AeronCluster.sendAdminRequestToTakeASnapshot} works for an operator tool and is refused to a gateway.
 * Aeron's default refuses it to everyone.
 */
public final class WardenAuthorisationService implements AuthorisationService
{
    private final boolean isAdminSnapshotAllowed;

    /**
     * Create the service.
     *
     * @param isAdminSnapshotAllowed whether cluster clients may ask the leader for a snapshot.
     */
    public WardenAuthorisationService(final boolean isAdminSnapshotAllowed)
    {
        this.isAdminSnapshotAllowed = isAdminSnapshotAllowed;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isAuthorised(
        final int protocolId, final int actionId, final Object type, final byte[] encodedPrincipal)
    {
        if (MessageHeaderDecoder.SCHEMA_ID == protocolId && BackupQueryDecoder.TEMPLATE_ID == actionId)
        {
            return CellProof.isOperator(encodedPrincipal);
        }
        if (AllowBackupAndStandbyAuthorisationService.INSTANCE.isAuthorised(
            protocolId, actionId, type, encodedPrincipal))
        {
            return true;
        }

        return isAdminSnapshotAllowed &&
            CellProof.isOperator(encodedPrincipal) &&
            MessageHeaderDecoder.SCHEMA_ID == protocolId &&
            AdminRequestDecoder.TEMPLATE_ID == actionId &&
            AdminRequestType.SNAPSHOT == type;
    }
}
