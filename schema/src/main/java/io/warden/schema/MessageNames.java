package io.warden.schema;

import io.warden.schema.protocol.*;

/**
 * The schema's name of a message template, for metric labels and log lines: {@code MessageNames.of(30)} is
 * {@code "Put"}. A template this build does not know (a newer peer's) is named {@code "template_<id>"}, so a label
 * never fails and never hides that something new arrived.
 */
public final class MessageNames
{
    private static final int MAX_TEMPLATE_ID = 399;
    private static final String[] NAMES = new String[MAX_TEMPLATE_ID + 1];

    static
    {
        name(OpenSessionDecoder.TEMPLATE_ID, "OpenSession");
        name(ResumeSessionDecoder.TEMPLATE_ID, "ResumeSession");
        name(KeepAliveBatchDecoder.TEMPLATE_ID, "KeepAliveBatch");
        name(CloseSessionDecoder.TEMPLATE_ID, "CloseSession");
        name(AcquireDecoder.TEMPLATE_ID, "Acquire");
        name(ReleaseDecoder.TEMPLATE_ID, "Release");
        name(CheckFenceDecoder.TEMPLATE_ID, "CheckFence");
        name(DescribeLockDecoder.TEMPLATE_ID, "DescribeLock");
        name(LockStatusDecoder.TEMPLATE_ID, "LockStatus");
        name(CampaignDecoder.TEMPLATE_ID, "Campaign");
        name(ProclaimDecoder.TEMPLATE_ID, "Proclaim");
        name(ResignDecoder.TEMPLATE_ID, "Resign");
        name(LeaderDecoder.TEMPLATE_ID, "Leader");
        name(PutDecoder.TEMPLATE_ID, "Put");
        name(GetDecoder.TEMPLATE_ID, "Get");
        name(DeleteDecoder.TEMPLATE_ID, "Delete");
        name(RangeDecoder.TEMPLATE_ID, "Range");
        name(TxnDecoder.TEMPLATE_ID, "Txn");
        name(CreateSequentialDecoder.TEMPLATE_ID, "CreateSequential");
        name(WatchDecoder.TEMPLATE_ID, "Watch");
        name(CancelWatchDecoder.TEMPLATE_ID, "CancelWatch");
        name(ProgressDecoder.TEMPLATE_ID, "Progress");
        name(OnBehalfDecoder.TEMPLATE_ID, "OnBehalf");
        name(ConnectDecoder.TEMPLATE_ID, "Connect");
        name(ClientKeepAliveDecoder.TEMPLATE_ID, "ClientKeepAlive");
        name(DisconnectDecoder.TEMPLATE_ID, "Disconnect");
        name(GatewayInfoDecoder.TEMPLATE_ID, "GatewayInfo");
        name(ConnectProofDecoder.TEMPLATE_ID, "ConnectProof");
        name(SessionResponseDecoder.TEMPLATE_ID, "SessionResponse");
        name(KeepAliveResponseDecoder.TEMPLATE_ID, "KeepAliveResponse");
        name(LockResponseDecoder.TEMPLATE_ID, "LockResponse");
        name(LockDescriptionDecoder.TEMPLATE_ID, "LockDescription");
        name(ElectionResponseDecoder.TEMPLATE_ID, "ElectionResponse");
        name(LeaderResponseDecoder.TEMPLATE_ID, "LeaderResponse");
        name(PutResponseDecoder.TEMPLATE_ID, "PutResponse");
        name(GetResponseDecoder.TEMPLATE_ID, "GetResponse");
        name(DeleteResponseDecoder.TEMPLATE_ID, "DeleteResponse");
        name(RangeResponseDecoder.TEMPLATE_ID, "RangeResponse");
        name(TxnResponseDecoder.TEMPLATE_ID, "TxnResponse");
        name(SequentialResponseDecoder.TEMPLATE_ID, "SequentialResponse");
        name(WatchResponseDecoder.TEMPLATE_ID, "WatchResponse");
        name(ProgressResponseDecoder.TEMPLATE_ID, "ProgressResponse");
        name(ErrorResponseDecoder.TEMPLATE_ID, "ErrorResponse");
        name(ConnectResponseDecoder.TEMPLATE_ID, "ConnectResponse");
        name(ClientKeepAliveResponseDecoder.TEMPLATE_ID, "ClientKeepAliveResponse");
        name(FrameBatchDecoder.TEMPLATE_ID, "FrameBatch");
        name(WatchEndedDecoder.TEMPLATE_ID, "WatchEnded");
        name(WatchProgressDecoder.TEMPLATE_ID, "WatchProgress");
        name(GatewayEventDecoder.TEMPLATE_ID, "GatewayEvent");
        name(GatewayInfoResponseDecoder.TEMPLATE_ID, "GatewayInfoResponse");
        name(SharedWatchEventsDecoder.TEMPLATE_ID, "SharedWatchEvents");
        name(ConnectChallengeDecoder.TEMPLATE_ID, "ConnectChallenge");
        name(LockEventDecoder.TEMPLATE_ID, "LockEvent");
        name(ElectionEventDecoder.TEMPLATE_ID, "ElectionEvent");
        name(SessionEventDecoder.TEMPLATE_ID, "SessionEvent");
        name(WatchEventsDecoder.TEMPLATE_ID, "WatchEvents");
        name(StatusDecoder.TEMPLATE_ID, "Status");
        name(ConfigureLimitsDecoder.TEMPLATE_ID, "ConfigureLimits");
        name(AuthBeginDecoder.TEMPLATE_ID, "AuthBegin");
        name(AuthenticateDecoder.TEMPLATE_ID, "Authenticate");
        name(UserChangeDecoder.TEMPLATE_ID, "UserChange");
        name(RoleChangeDecoder.TEMPLATE_ID, "RoleChange");
        name(AuthSwitchDecoder.TEMPLATE_ID, "AuthSwitch");
        name(AuthListDecoder.TEMPLATE_ID, "AuthList");
        name(ListSessionsDecoder.TEMPLATE_ID, "ListSessions");
        name(ListLocksDecoder.TEMPLATE_ID, "ListLocks");
        name(ExpireSessionDecoder.TEMPLATE_ID, "ExpireSession");
        name(RequestSnapshotDecoder.TEMPLATE_ID, "RequestSnapshot");
        name(StatusResponseDecoder.TEMPLATE_ID, "StatusResponse");
        name(AuthBeginResponseDecoder.TEMPLATE_ID, "AuthBeginResponse");
        name(AuthenticateResponseDecoder.TEMPLATE_ID, "AuthenticateResponse");
        name(AuthListResponseDecoder.TEMPLATE_ID, "AuthListResponse");
        name(AdminResponseDecoder.TEMPLATE_ID, "AdminResponse");
        name(SessionListDecoder.TEMPLATE_ID, "SessionList");
        name(LockListDecoder.TEMPLATE_ID, "LockList");
    }

    private MessageNames()
    {
    }

    /**
     * @param templateId an SBE template id of {@code warden-protocol.xml}.
     * @return its message name, or {@code template_<id>} if this build does not know it.
     */
    public static String of(final int templateId)
    {
        final String name = templateId >= 0 && templateId <= MAX_TEMPLATE_ID ? NAMES[templateId] : null;
        return null == name ? "template_" + templateId : name;
    }

    private static void name(final int templateId, final String name)
    {
        NAMES[templateId] = name;
    }
}
