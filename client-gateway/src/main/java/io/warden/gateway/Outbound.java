package io.warden.gateway;

import io.aeron.Publication;
import io.warden.schema.protocol.FrameBatchEncoder;
import io.warden.schema.protocol.MessageHeaderEncoder;
import io.warden.schema.protocol.SharedWatchEventsDecoder;
import io.warden.schema.protocol.WatchEventsDecoder;
import io.warden.schema.protocol.WatchProgressDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * What a gateway still has to send to one client: frames queued during a duty cycle and flushed at its end, several
 * at a time in a {@code FrameBatch}, one Aeron message each. Frames wait here while the client's publication is
 * back-pressured; when the queue grows past its bound, or all queues together past the gateway's ({@link Total}), the
 * client is a slow consumer and the caller sheds its watch traffic ({@link #dropWatchFrames()}). Answers to requests
 * are never dropped.
 * <p>
 * Memory: every connection's queued bytes are added up in one {@link Total}; a queue that grew past
 * {@link #RETAINED_CAPACITY} for a burst is given back once it drains, so an idle connection holds at most that; the
 * buffer a batch is assembled in is one per gateway, shared by every connection (one agent thread flushes them in
 * turn).
 */
final class Outbound
{
    static final int FRAME_LENGTH_PREFIX = Integer.BYTES;
    /** Largest queue capacity kept once the queue is empty; a larger one is dropped for a fresh small one. */
    static final int RETAINED_CAPACITY = 16 * 1024;
    private static final int INITIAL_CAPACITY = 4096;
    private static final int BATCH_OVERHEAD =
        MessageHeaderEncoder.ENCODED_LENGTH + FrameBatchEncoder.BLOCK_LENGTH + FrameBatchEncoder.framesHeaderLength();

    /**
     * Bytes queued in every connection's {@link Outbound} of one gateway.
     */
    static final class Total
    {
        private long bytes;

        long bytes()
        {
            return bytes;
        }
    }

    private final Total total;
    private final ExpandableArrayBuffer message;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final FrameBatchEncoder batch = new FrameBatchEncoder();
    private ExpandableArrayBuffer queue = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private int head;
    private int tail;
    private int frames;

    /**
     * @param total   the gateway's sum of queued bytes, kept up to date by this queue.
     * @param message the gateway's buffer for assembling a batch, shared by every connection's queue.
     */
    Outbound(final Total total, final ExpandableArrayBuffer message)
    {
        this.total = total;
        this.message = message;
    }

    /**
     * Queue one frame.
     */
    void append(final DirectBuffer buffer, final int offset, final int length)
    {
        queue.putInt(tail, length, ByteOrder.LITTLE_ENDIAN);
        queue.putBytes(tail + FRAME_LENGTH_PREFIX, buffer, offset, length);
        tail += FRAME_LENGTH_PREFIX + length;
        frames++;
        total.bytes += FRAME_LENGTH_PREFIX + length;
    }

    /**
     * Is this frame watch traffic, which may be shed (events and progress), rather than an answer or a session event?
     */
    static boolean isWatchFrame(final DirectBuffer buffer, final int offset)
    {
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return templateId == WatchEventsDecoder.TEMPLATE_ID || templateId == SharedWatchEventsDecoder.TEMPLATE_ID ||
            templateId == WatchProgressDecoder.TEMPLATE_ID;
    }

    /**
     * Bytes waiting to be sent.
     */
    int pendingBytes()
    {
        return tail - head;
    }

    int pendingFrames()
    {
        return frames;
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    /**
     * Send as much as the publication takes.
     *
     * @return frames sent, or -1 if the publication is gone (closed, not connected, or full for ever).
     */
    int flush(final Publication publication)
    {
        final int maxMessageLength = publication.maxMessageLength();
        int sent = 0;
        while (head < tail)
        {
            final int firstLength = queue.getInt(head, ByteOrder.LITTLE_ENDIAN);
            int end = head + FRAME_LENGTH_PREFIX + firstLength;
            int count = 1;
            while (end < tail)
            {
                final int nextLength = queue.getInt(end, ByteOrder.LITTLE_ENDIAN);
                if (BATCH_OVERHEAD + (end + FRAME_LENGTH_PREFIX + nextLength - head) > maxMessageLength)
                {
                    break;
                }
                end += FRAME_LENGTH_PREFIX + nextLength;
                count++;
            }
            final long result;
            if (count == 1)
            {
                result = publication.offer(queue, head + FRAME_LENGTH_PREFIX, firstLength);
            }
            else
            {
                batch.wrapAndApplyHeader(message, 0, header).putFrames(queue, head, end - head);
                result = publication.offer(message, 0, MessageHeaderEncoder.ENCODED_LENGTH + batch.encodedLength());
            }
            if (result > 0)
            {
                total.bytes -= end - head;
                head = end;
                frames -= count;
                sent += count;
            }
            else if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                break;
            }
            else
            {
                return -1;
            }
        }
        if (head == tail)
        {
            emptied();
        }
        else if (head > queue.capacity() / 2)
        {
            queue.putBytes(0, queue, head, tail - head);
            tail -= head;
            head = 0;
        }
        return sent;
    }

    /**
     * Drop every queued watch event and progress frame, keeping answers and other events in order.
     *
     * @return bytes dropped.
     */
    int dropWatchFrames()
    {
        final int before = tail - head;
        int write = 0;
        int kept = 0;
        int read = head;
        while (read < tail)
        {
            final int length = queue.getInt(read, ByteOrder.LITTLE_ENDIAN);
            final int size = FRAME_LENGTH_PREFIX + length;
            if (!isWatchFrame(queue, read + FRAME_LENGTH_PREFIX))
            {
                if (write != read)
                {
                    queue.putBytes(write, queue, read, size);
                }
                write += size;
                kept++;
            }
            read += size;
        }
        head = 0;
        tail = write;
        frames = kept;
        total.bytes -= before - tail;
        if (tail == 0)
        {
            emptied();
        }
        return before - tail;
    }

    /**
     * Forget everything queued (the connection is gone).
     */
    void clear()
    {
        total.bytes -= tail - head;
        frames = 0;
        emptied();
    }

    private void emptied()
    {
        head = 0;
        tail = 0;
        if (queue.capacity() > RETAINED_CAPACITY)
        {
            queue = new ExpandableArrayBuffer(INITIAL_CAPACITY);
        }
    }
}
