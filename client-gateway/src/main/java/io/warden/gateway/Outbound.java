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
 * back-pressured; when the queue grows past its bound the client is a slow consumer and the caller sheds its watch
 * traffic ({@link #dropWatchFrames()}). Answers to requests are never dropped.
 */
final class Outbound
{
    static final int FRAME_LENGTH_PREFIX = Integer.BYTES;
    private static final int BATCH_OVERHEAD =
        MessageHeaderEncoder.ENCODED_LENGTH + FrameBatchEncoder.BLOCK_LENGTH + FrameBatchEncoder.framesHeaderLength();

    private final ExpandableArrayBuffer queue = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final FrameBatchEncoder batch = new FrameBatchEncoder();
    private int head;
    private int tail;
    private int frames;

    /**
     * Queue one frame.
     */
    void append(final DirectBuffer buffer, final int offset, final int length)
    {
        queue.putInt(tail, length, ByteOrder.LITTLE_ENDIAN);
        queue.putBytes(tail + FRAME_LENGTH_PREFIX, buffer, offset, length);
        tail += FRAME_LENGTH_PREFIX + length;
        frames++;
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
            head = 0;
            tail = 0;
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
            final int templateId = queue.getShort(read + FRAME_LENGTH_PREFIX + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            final int size = FRAME_LENGTH_PREFIX + length;
            if (templateId != WatchEventsDecoder.TEMPLATE_ID && templateId != SharedWatchEventsDecoder.TEMPLATE_ID &&
                templateId != WatchProgressDecoder.TEMPLATE_ID)
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
        return before - (tail - head);
    }
}
