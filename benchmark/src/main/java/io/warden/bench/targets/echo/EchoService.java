package io.warden.bench.targets.echo;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The {@code aeron-echo} ceiling: a {@link ClusteredService} that sends every message back to the session that sent
 * it, unchanged, with a bounded number of offer attempts ({@value #MAX_OFFER_ATTEMPTS}; an echo that cannot be sent
 * is dropped and the client's request times out). No state, so snapshots are empty. Every message still goes
 * through Aeron Cluster's replicated log, so a round trip costs what a Warden command costs without Warden.
 * <p>
 * Thread: the service container's agent thread.
 */
public final class EchoService implements ClusteredService
{
    /** Offer attempts per echo. */
    public static final int MAX_OFFER_ATTEMPTS = 3;

    private IdleStrategy idleStrategy;
    private long droppedEchoes;

    /**
     * {@inheritDoc}
     */
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        idleStrategy = cluster.idleStrategy();
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        for (int attempt = 0; attempt < MAX_OFFER_ATTEMPTS; attempt++)
        {
            if (session.offer(buffer, offset, length) > 0)
            {
                return;
            }
            idleStrategy.idle();
        }
        droppedEchoes++;
    }

    /**
     * {@inheritDoc}
     */
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onRoleChange(final Cluster.Role newRole)
    {
        System.out.println("echo role " + newRole + " (dropped echoes so far " + droppedEchoes + ")");
        System.out.flush();
    }

    /**
     * {@inheritDoc}
     */
    public void onTerminate(final Cluster cluster)
    {
    }
}
