package io.warden.bench.chaos.control;

import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.warden.schema.snapshot.KvRecordDecoder;
import io.warden.schema.snapshot.MessageHeaderDecoder;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A bit flip in a stopped node's snapshot recording, as a failing disk would make it: walks the Aeron frames of a
 * recording segment file ({@code <recordingId>-0.rec}) and inverts the last byte of the middle Warden key record
 * (a byte of its value), leaving Aeron's framing intact so that the file replays and Warden's own checks (the
 * state digest in the snapshot's end record) must catch it.
 * <pre>{@code
 * boolean flipped = SnapshotCorruption.flipKeyRecordByte(archiveDir.resolve(recordingId + "-0.rec"));
 * }</pre>
 */
public final class SnapshotCorruption
{
    private SnapshotCorruption()
    {
    }

    /**
     * Invert one byte of a key record in a snapshot recording file.
     *
     * @param segmentFile the recording's first segment file.
     * @return the file offset of the byte flipped, or -1 if the file holds no key record.
     */
    public static long flipKeyRecordByte(final Path segmentFile)
    {
        try (FileChannel channel = FileChannel.open(segmentFile, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            final UnsafeBuffer file = new UnsafeBuffer(mapped);
            final List<Long> lastBytes = new ArrayList<>();
            int offset = 0;
            while (offset + DataHeaderFlyweight.HEADER_LENGTH <= file.capacity())
            {
                final int frameLength = file.getInt(offset + DataHeaderFlyweight.FRAME_LENGTH_FIELD_OFFSET,
                    ByteOrder.LITTLE_ENDIAN);
                if (frameLength <= 0)
                {
                    break;
                }
                final int type = file.getShort(offset + DataHeaderFlyweight.TYPE_FIELD_OFFSET,
                    ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                final int payload = offset + DataHeaderFlyweight.HEADER_LENGTH;
                final byte flags = file.getByte(offset + DataHeaderFlyweight.FLAGS_FIELD_OFFSET);
                final boolean isFirstFragment = (flags & FrameDescriptor.BEGIN_FRAG_FLAG) != 0;
                if (DataHeaderFlyweight.HDR_TYPE_DATA == type && isFirstFragment &&
                    frameLength >= DataHeaderFlyweight.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH + 1)
                {
                    final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(file, payload);
                    if (KvRecordDecoder.SCHEMA_ID == header.schemaId() &&
                        KvRecordDecoder.TEMPLATE_ID == header.templateId())
                    {
                        lastBytes.add((long)(offset + frameLength - 1));
                    }
                }
                offset += BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
            }
            if (lastBytes.isEmpty())
            {
                return -1;
            }
            final long target = lastBytes.get(lastBytes.size() / 2);
            file.putByte((int)target, (byte)~file.getByte((int)target));
            mapped.force();
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
