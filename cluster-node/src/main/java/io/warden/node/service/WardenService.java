package io.warden.node.service;

import io.aeron.Counter;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.snapshot.AeronSnapshots;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Warden's Aeron {@link ClusteredService}: builds the state machine with Aeron-backed ports, loads it from the
 * snapshot, feeds it the log (messages, timers, session closes, new leadership terms) with the log timestamp as its
 * only clock, and writes snapshots. Everything else lives in the adapter, the responder and the domain.
 * <p>
 * Example (what {@code NodeLauncher} does):
 * <pre>{@code
 * new ClusteredServiceContainer.Context().clusteredService(new WardenService(512 * 1024));
 * }</pre>
 */
public final class WardenService implements ClusteredService
{
    /** Largest egress frame when none is configured: a 4 MiB egress term holds frames up to 512 KiB. */
    public static final int DEFAULT_MAX_EGRESS_FRAME_LENGTH = 512 * 1024;

    /**
     * Aeron counter type id of the state digest written with the node's latest snapshot. Every node snapshots at the
     * same log position, so after a snapshot all members must show the same value; tools and tests compare them.
     */
    public static final int SNAPSHOT_DIGEST_COUNTER_TYPE_ID = 9701;

    /**
     * Aeron counter type id of the log position of the node's latest snapshot, taken or loaded at start (0 until there
     * is one). With {@link #SNAPSHOT_DIGEST_COUNTER_TYPE_ID} it shows that a node restored from a backup or restarted
     * holds, at that position, the state the cell had there.
     */
    public static final int SNAPSHOT_POSITION_COUNTER_TYPE_ID = 9702;

    /**
     * Aeron counter type id of the log position of the latest operator request for a snapshot ({@code RequestSnapshot},
     * {@code warden snapshot}) the node applied, 0 if none: the node's maintenance has the leader take a snapshot when
     * it is past the latest snapshot's position.
     */
    public static final int SNAPSHOT_REQUEST_COUNTER_TYPE_ID = 9703;

    private final int maxEgressFrameLength;
    private Cluster cluster;
    private WardenStateMachine state;
    private CommandAdapter adapter;
    private ClusterEgress egress;
    private EgressResponder responder;
    private Counter snapshotDigest;
    private Counter snapshotPosition;
    private Counter snapshotRequest;

    public WardenService()
    {
        this(DEFAULT_MAX_EGRESS_FRAME_LENGTH);
    }

    /**
     * @param maxEgressFrameLength largest frame the node's egress publications carry (egress term length / 8).
     */
    public WardenService(final int maxEgressFrameLength)
    {
        this.maxEgressFrameLength = maxEgressFrameLength;
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.egress = new ClusterEgress(cluster);
        this.responder = new EgressResponder(egress, maxEgressFrameLength);
        this.state = new WardenStateMachine(responder, responder, new ClusterTimers(cluster));
        this.adapter = new CommandAdapter(state, responder);
        this.snapshotDigest = cluster.aeron().addCounter(
            SNAPSHOT_DIGEST_COUNTER_TYPE_ID, "Warden snapshot state digest: memberId=" + cluster.memberId());
        this.snapshotPosition = cluster.aeron().addCounter(
            SNAPSHOT_POSITION_COUNTER_TYPE_ID, "Warden snapshot log position: memberId=" + cluster.memberId());
        this.snapshotRequest = cluster.aeron().addCounter(
            SNAPSHOT_REQUEST_COUNTER_TYPE_ID, "Warden snapshot requested at: memberId=" + cluster.memberId());
        responder.onSnapshotRequested(() -> snapshotRequest.setRelease(cluster.logPosition()));
        if (snapshotImage != null)
        {
            AeronSnapshots.load(state, snapshotImage, cluster.idleStrategy());
            // verified against the snapshot's end record as it loaded; shown like the digest of a snapshot taken
            snapshotDigest.setRelease(state.digest());
            snapshotPosition.setRelease(cluster.logPosition());
        }
        // the connections open at the snapshot came with it (Aeron's part of the snapshot, loaded before this)
        cluster.forEachClientSession(session -> state.onRouteOpened(session.id(), session.encodedPrincipal()));
    }

    /**
     * A connection the node's authenticator admitted: the state machine learns whose it is. One past its principal's
     * bound is closed (every node decides the same from the log; only the leader's close takes effect, and until it
     * does the connection's requests are answered LIMIT_EXCEEDED).
     */
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        if (!state.onRouteOpened(session.id(), session.encodedPrincipal()))
        {
            session.close();
        }
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        state.time(toMillis(timestamp));
        state.onRouteClosed(session.id());
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (session != null)
        {
            state.time(toMillis(timestamp));
            adapter.onMessage(session.id(), buffer, offset, length);
        }
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        state.time(toMillis(timestamp));
        state.onTimer(correlationId);
    }

    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        state.onNewLeadershipTerm(timeUnit.toMillis(timestamp));
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final long digest = AeronSnapshots.take(state, snapshotPublication, cluster.idleStrategy());
        snapshotDigest.setRelease(digest);
        snapshotPosition.setRelease(cluster.logPosition());
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
    }

    public void onTerminate(final Cluster cluster)
    {
        CloseHelper.quietCloseAll(snapshotDigest, snapshotPosition, snapshotRequest);
    }

    /**
     * The state machine (tests and diagnostics only; touch it only from the service thread).
     */
    public WardenStateMachine stateMachine()
    {
        return state;
    }

    /**
     * Egress frames dropped so far (local metric).
     */
    public long droppedEgressFrames()
    {
        return egress == null ? 0 : egress.droppedFrames();
    }

    /**
     * Log timestamps are in the cluster's time unit, which Aeron only knows once a snapshot is loaded or the first
     * leadership term begins (both happen before any message, timer or session event is delivered).
     */
    private long toMillis(final long timestamp)
    {
        return ClusterTimers.unitOf(cluster).toMillis(timestamp);
    }
}
