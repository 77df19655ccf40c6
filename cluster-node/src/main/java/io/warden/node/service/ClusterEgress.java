package io.warden.node.service;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;

/**
 * Egress through Aeron client sessions, never waiting on a slow connection: the service thread offers each frame
 * once; a frame a back-pressured connection cannot take now waits in that connection's backlog (after which every
 * later frame to it waits too, so its answers and events stay in order), and the backlogs are offered again at the
 * start of every log callback (Aeron refuses offers from background work; a live cell's log moves at least with every
 * gateway's keepalives) and before each new frame to that connection. A connection whose backlog would pass its bound is cut: the
 * node closes its cluster session (the close goes through the log, so every member drops the connection and its
 * watches at the same point), drops what waited, and the gateway reconnects and resumes its sessions and watches
 * from their revisions. A gateway that pauses (SIGSTOP, swap, GC) therefore costs the others nothing: the leader
 * goes on applying the log and answering them.
 * <p>
 * On followers every offer is mocked as a success by Aeron, so nothing ever waits there and nothing is cut; the
 * backlogs, the cut and the counters are the leader's alone. The state machine never reads any of it: whether a
 * frame got out changes nothing replicated, and a cut reaches the state only as the log's session-close event.
 * <pre>{@code
 * ClusterEgress egress = new ClusterEgress(cluster, 16 * 1024 * 1024);
 * egress.send(route, buffer, 0, length);
 * egress.drain(); // at the start of each log callback
 * }</pre>
 */
public final class ClusterEgress implements EgressSink
{
    private final Cluster cluster;
    private final long backlogLimitBytes;
    private final Long2ObjectHashMap<Backlog> backlogs = new Long2ObjectHashMap<>();
    private long backlogBytes;
    private long droppedFrames;
    private long cutConnections;

    /**
     * @param cluster           the service's cluster.
     * @param backlogLimitBytes most bytes that may wait for one connection before it is cut.
     */
    public ClusterEgress(final Cluster cluster, final long backlogLimitBytes)
    {
        this.cluster = cluster;
        this.backlogLimitBytes = backlogLimitBytes;
    }

    public void send(final long route, final DirectBuffer buffer, final int offset, final int length)
    {
        final ClientSession session = route == 0 ? null : cluster.getClientSession(route);
        if (session == null)
        {
            droppedFrames++;
            forget(route);
            return;
        }
        Backlog backlog = backlogs.get(route);
        if (backlog != null)
        {
            if (!backlog.isCut)
            {
                drain(session, backlog);
            }
            if (!backlog.frames.isEmpty() || backlog.isCut)
            {
                enqueue(route, session, backlog, buffer, offset, length);
                return;
            }
            backlogs.remove(route);
        }
        final long result = session.offer(buffer, offset, length);
        if (result > 0)
        {
            return;
        }
        if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            backlog = new Backlog();
            backlogs.put(route, backlog);
            enqueue(route, session, backlog, buffer, offset, length);
            return;
        }
        droppedFrames++;
    }

    /**
     * Offer what waits, in order, to every connection that has a backlog, without waiting: the service calls it at
     * the start of every log callback (never from background work, where Aeron refuses offers).
     *
     * @return frames sent.
     */
    public int drain()
    {
        if (backlogs.isEmpty())
        {
            return 0;
        }
        int sent = 0;
        final Long2ObjectHashMap<Backlog>.EntryIterator it = backlogs.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            final Backlog backlog = it.getValue();
            if (backlog.isCut)
            {
                continue;
            }
            final ClientSession session = cluster.getClientSession(it.getLongKey());
            if (session == null)
            {
                droppedFrames += backlog.frames.size();
                release(backlog);
                it.remove();
                continue;
            }
            sent += drain(session, backlog);
            if (backlog.frames.isEmpty())
            {
                it.remove();
            }
        }
        return sent;
    }

    /**
     * The connection closed (its close event was applied): forget whatever waited for it.
     *
     * @param route the connection.
     */
    public void onRouteClosed(final long route)
    {
        forget(route);
    }

    /**
     * Frames not delivered: the connection gone or not connected, or dropped with a cut connection's backlog. Local
     * metric only.
     *
     * @return the count so far.
     */
    public long droppedFrames()
    {
        return droppedFrames;
    }

    /**
     * Bytes waiting for back-pressured connections now. Local metric only.
     *
     * @return the bytes.
     */
    public long backlogBytes()
    {
        return backlogBytes;
    }

    /**
     * Connections cut because their backlog passed its bound. Local metric only.
     *
     * @return the count so far.
     */
    public long cutConnections()
    {
        return cutConnections;
    }

    private int drain(final ClientSession session, final Backlog backlog)
    {
        int sent = 0;
        byte[] frame;
        while ((frame = backlog.frames.peekFirst()) != null)
        {
            backlog.view.wrap(frame);
            if (session.offer(backlog.view, 0, frame.length) <= 0)
            {
                break;
            }
            backlog.frames.pollFirst();
            backlog.bytes -= frame.length;
            backlogBytes -= frame.length;
            sent++;
        }
        return sent;
    }

    private void enqueue(
        final long route,
        final ClientSession session,
        final Backlog backlog,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (backlog.isCut)
        {
            droppedFrames++;
            return;
        }
        if (backlog.bytes + length > backlogLimitBytes)
        {
            // it cannot keep up: cut it rather than wait for it or let the backlog grow without bound
            droppedFrames += backlog.frames.size() + 1;
            release(backlog);
            backlog.isCut = true;
            cutConnections++;
            session.close();
            return;
        }
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        backlog.frames.addLast(frame);
        backlog.bytes += length;
        backlogBytes += length;
    }

    private void forget(final long route)
    {
        final Backlog backlog = backlogs.remove(route);
        if (backlog != null)
        {
            droppedFrames += backlog.frames.size();
            release(backlog);
        }
    }

    private void release(final Backlog backlog)
    {
        backlogBytes -= backlog.bytes;
        backlog.bytes = 0;
        backlog.frames.clear();
    }

    /** What waits for one connection. */
    private static final class Backlog
    {
        final ArrayDeque<byte[]> frames = new ArrayDeque<>();
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        long bytes;
        boolean isCut;
    }
}
