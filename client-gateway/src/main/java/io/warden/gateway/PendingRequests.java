package io.warden.gateway;

import io.warden.schema.Principals;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.MessageHeaderEncoder;
import io.warden.schema.protocol.OnBehalfEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * Requests forwarded to the cluster and not yet answered, by the gateway's own correlation id, in send order, and a
 * queue of the ones still to (re-)send.
 */
final class PendingRequests
{
    private static final int CORRELATION_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Bytes an {@code OnBehalf} envelope adds in front of the request it carries. */
    private static final int ENVELOPE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + OnBehalfEncoder.BLOCK_LENGTH;
    /** Heap of one pending request besides its frame: the record, the array header, the table entry. */
    static final int REQUEST_OVERHEAD_BYTES = 128;

    private final Long2ObjectHashMap<PendingRequest> byId = new Long2ObjectHashMap<>();
    private final ArrayDeque<PendingRequest> toSend = new ArrayDeque<>();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final OnBehalfEncoder onBehalf = new OnBehalfEncoder();
    private PendingRequest oldest;
    private PendingRequest newest;
    private long nextCorrelationId = 1;
    private long bytes;

    int size()
    {
        return byId.size();
    }

    /**
     * Heap the pending requests hold (their frames and records), for the gateway's memory budget.
     */
    long bytes()
    {
        return bytes;
    }

    /**
     * Record a request and queue it for sending. The frame is copied, with the correlation id replaced by the
     * gateway's own.
     */
    PendingRequest add(
        final ClientConnection connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final PendingRequest.Handler handler,
        final long nowNs)
    {
        return add(connection, templateId, buffer, offset, length, handler, nowNs, Principals.NO_USER);
    }

    /**
     * Record a request and queue it for sending, wrapped in an {@code OnBehalf} envelope naming the user it acts for
     * unless that is {@link Principals#NO_USER}.
     */
    PendingRequest add(
        final ClientConnection connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final PendingRequest.Handler handler,
        final long nowNs,
        final long onBehalfOf)
    {
        final long id = nextCorrelationId++;
        final int envelope = onBehalfOf == Principals.NO_USER ? 0 : ENVELOPE_LENGTH;
        final byte[] frame = new byte[envelope + length];
        view.wrap(frame);
        if (envelope > 0)
        {
            onBehalf.wrapAndApplyHeader(view, 0, headerEncoder).userId(onBehalfOf);
        }
        view.putBytes(envelope, buffer, offset, length);
        final long clientCorrelationId = buffer.getLong(offset + CORRELATION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        view.putLong(envelope + CORRELATION_OFFSET, id, ByteOrder.LITTLE_ENDIAN);
        final PendingRequest request = new PendingRequest(
            id, connection, clientCorrelationId, templateId, frame, handler, nowNs);
        byId.put(id, request);
        bytes += frame.length + REQUEST_OVERHEAD_BYTES;
        if (newest == null)
        {
            oldest = request;
        }
        else
        {
            newest.next = request;
            request.previous = newest;
        }
        newest = request;
        request.queued = true;
        toSend.addLast(request);
        return request;
    }

    /**
     * The request answered by a frame with this correlation id, now removed; null if it is not ours or was answered.
     */
    PendingRequest complete(final long gatewayCorrelationId)
    {
        final PendingRequest request = byId.remove(gatewayCorrelationId);
        if (request != null)
        {
            unlink(request);
        }
        return request;
    }

    private void unlink(final PendingRequest request)
    {
        bytes -= request.frame.length + REQUEST_OVERHEAD_BYTES;
        if (request.previous == null)
        {
            oldest = request.next;
        }
        else
        {
            request.previous.next = request.next;
        }
        if (request.next == null)
        {
            newest = request.previous;
        }
        else
        {
            request.next.previous = request.previous;
        }
        request.previous = null;
        request.next = null;
    }

    /**
     * Queue every unanswered request again, oldest first (after a leader change or reconnect).
     */
    void requeueAll()
    {
        toSend.clear();
        for (PendingRequest r = oldest; r != null; r = r.next)
        {
            r.queued = true;
            toSend.addLast(r);
        }
    }

    /**
     * Offer queued requests in order until the sender refuses one.
     *
     * @param sender offers a frame; a positive result means accepted.
     * @return how many were sent.
     */
    int send(final FrameSender sender)
    {
        int sent = 0;
        while (!toSend.isEmpty())
        {
            final PendingRequest request = toSend.peekFirst();
            if (!byId.containsKey(request.gatewayCorrelationId))
            {
                toSend.pollFirst();
                continue;
            }
            view.wrap(request.frame);
            if (sender.offer(view, 0, request.frame.length) <= 0)
            {
                break;
            }
            toSend.pollFirst();
            request.queued = false;
            sent++;
        }
        return sent;
    }

    /**
     * Drop every request of a connection that has gone (their answers have nowhere to go; the cluster still applies
     * those already sent).
     */
    void removeConnection(final ClientConnection connection)
    {
        PendingRequest r = oldest;
        while (r != null)
        {
            final PendingRequest next = r.next;
            if (r.connection == connection)
            {
                byId.remove(r.gatewayCorrelationId);
                unlink(r);
            }
            r = next;
        }
    }

    /**
     * Offers a frame to the cluster.
     */
    @FunctionalInterface
    interface FrameSender
    {
        long offer(MutableDirectBuffer buffer, int offset, int length);
    }

    static long correlationIdOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CORRELATION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    static void putCorrelationId(final MutableDirectBuffer buffer, final int offset, final long correlationId)
    {
        buffer.putLong(offset + CORRELATION_OFFSET, correlationId, ByteOrder.LITTLE_ENDIAN);
    }
}
