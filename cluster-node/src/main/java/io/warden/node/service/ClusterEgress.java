package io.warden.node.service;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Egress through Aeron client sessions. Offers are bounded: back-pressure and admin actions are retried a few times
 * with the cluster's idle strategy (which keeps the container's duty work going), anything else drops the frame.
 * A slow or dead connection must never stall the log; clients recover what was dropped by asking again.
 * <p>
 * On followers every offer is mocked as a success by Aeron, so this class behaves the same on every node apart from
 * its drop counter, which is a local metric and never read by the state machine.
 */
public final class ClusterEgress implements EgressSink
{
    /** Retries of a back-pressured offer before the frame is dropped. */
    public static final int MAX_OFFER_ATTEMPTS = 20;

    private final Cluster cluster;
    private final IdleStrategy idleStrategy;
    private long droppedFrames;

    public ClusterEgress(final Cluster cluster)
    {
        this.cluster = cluster;
        this.idleStrategy = cluster.idleStrategy();
    }

    public void send(final long route, final DirectBuffer buffer, final int offset, final int length)
    {
        final ClientSession session = route == 0 ? null : cluster.getClientSession(route);
        if (session == null)
        {
            droppedFrames++;
            return;
        }
        for (int attempt = 0; attempt < MAX_OFFER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                break;
            }
            idleStrategy.idle();
        }
        droppedFrames++;
    }

    /**
     * Frames not delivered (connection gone, not connected, or back-pressured for too long). Local metric only.
     */
    public long droppedFrames()
    {
        return droppedFrames;
    }
}
