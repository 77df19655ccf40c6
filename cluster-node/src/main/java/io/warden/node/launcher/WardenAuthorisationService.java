package io.warden.node.launcher;

import io.aeron.cluster.AllowBackupAndStandbyAuthorisationService;
import io.aeron.cluster.codecs.AdminRequestDecoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.security.AuthorisationService;

/**
 * The consensus module's authorisation: everything Aeron allows by default (backup query, heartbeat, standby
 * snapshot) plus, when enabled, the {@code SNAPSHOT} admin request, so that {@code AeronCluster
 * .sendAdminRequestToTakeASnapshot} works. Aeron's default refuses it.
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
        if (AllowBackupAndStandbyAuthorisationService.INSTANCE.isAuthorised(
            protocolId, actionId, type, encodedPrincipal))
        {
            return true;
        }

        return isAdminSnapshotAllowed &&
            MessageHeaderDecoder.SCHEMA_ID == protocolId &&
            AdminRequestDecoder.TEMPLATE_ID == actionId &&
            AdminRequestType.SNAPSHOT == type;
    }
}
