package io.warden.node.audit;

import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.aeron.protocol.HeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the messages of one archived recording straight from its segment files ({@code <recordingId>-<base>.rec}),
 * with no archive or media driver running: what an offline tool needs to look at a stopped node's log or snapshot,
 * or at a backup. Fragmented messages are reassembled; padding is skipped. A segment file's offset is its
 * position minus its base, so reading can begin at any position where a message begins (a snapshot's log position,
 * or 0), even when purging has removed the segments before it.
 * <pre>{@code
 * long end = RecordingFiles.read(archiveDir, recordingId, 0, (buffer, offset, length, endPosition) -> { });
 * }</pre>
 * Read the files of a stopped node, or of a recording nobody writes any more.
 */
public final class RecordingFiles
{
    /** Receives each whole message of a recording. */
    @FunctionalInterface
    public interface MessageHandler
    {
        /**
         * A message.
         *
         * @param buffer      holding the message.
         * @param offset      where it begins (after the Aeron data header).
         * @param length      its length.
         * @param endPosition the recording position after it (what {@code Header.position()} says when it is read
         *                    live).
         */
        void onMessage(DirectBuffer buffer, int offset, int length, long endPosition);
    }

    private RecordingFiles()
    {
    }

    /**
     * Base positions of a recording's segment files, ascending: what purging has left of it.
     *
     * @param archiveDir  the archive directory.
     * @param recordingId the recording.
     * @return the base positions, empty if it has no files.
     */
    public static long[] segmentBases(final File archiveDir, final long recordingId)
    {
        final String prefix = recordingId + "-";
        final String[] names = archiveDir.list((dir, name) -> name.startsWith(prefix) && name.endsWith(".rec"));
        return null == names ? new long[0] : Arrays.stream(names)
            .mapToLong(name -> Long.parseLong(name.substring(prefix.length(), name.length() - ".rec".length())))
            .sorted()
            .toArray();
    }

    /**
     * Can the recording be read from a position: is there a segment file that covers it?
     *
     * @param archiveDir  the archive directory.
     * @param recordingId the recording.
     * @param position    where reading would begin.
     * @return true if the segment holding the position is on disk.
     */
    public static boolean holds(final File archiveDir, final long recordingId, final long position)
    {
        final long[] bases = segmentBases(archiveDir, recordingId);
        return bases.length > 0 && bases[0] <= position;
    }

    /**
     * Read every message of a recording from a position to the end of its recorded data.
     *
     * @param archiveDir    the archive directory.
     * @param recordingId   the recording.
     * @param startPosition a position where a message begins, covered by a segment file.
     * @param handler       receives the messages in order.
     * @return the position after the last frame read.
     * @throws IllegalStateException if no segment file covers the start position.
     */
    public static long read(
        final File archiveDir, final long recordingId, final long startPosition, final MessageHandler handler)
    {
        final long[] bases = segmentBases(archiveDir, recordingId);
        if (0 == bases.length || bases[0] > startPosition)
        {
            throw new IllegalStateException("the archive " + archiveDir + " no longer holds recording " + recordingId +
                " from position " + startPosition +
                (0 == bases.length ? "" : " (its files begin at " + bases[0] + ")"));
        }
        final Assembler assembler = new Assembler(handler);
        long position = startPosition;
        for (int i = 0; i < bases.length; i++)
        {
            final long base = bases[i];
            final long next = i + 1 < bases.length ? bases[i + 1] : Long.MAX_VALUE;
            if (next <= position)
            {
                continue;
            }
            final long end = readSegment(
                new File(archiveDir, recordingId + "-" + base + ".rec").toPath(), base, position, assembler);
            if (end < 0)
            {
                position = -end - 1;
                break;
            }
            position = end;
        }
        return position;
    }

    /**
     * @return the position after the last frame, or -(that position) - 1 when the recorded data ended here.
     */
    private static long readSegment(final Path file, final long base, final long from, final Assembler assembler)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = (int)(from - base);
        while (offset + DataHeaderFlyweight.HEADER_LENGTH <= bytes.length)
        {
            final int frameLength = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            if (frameLength <= 0)
            {
                return -(base + offset) - 1;
            }
            final int type = buffer.getShort(offset + HeaderFlyweight.TYPE_FIELD_OFFSET, ByteOrder.LITTLE_ENDIAN) &
                0xFFFF;
            final int alignedLength = BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
            final long endPosition = base + offset + alignedLength;
            if (type == HeaderFlyweight.HDR_TYPE_DATA)
            {
                assembler.onFragment(buffer, offset + DataHeaderFlyweight.HEADER_LENGTH,
                    frameLength - DataHeaderFlyweight.HEADER_LENGTH,
                    buffer.getByte(offset + HeaderFlyweight.FLAGS_FIELD_OFFSET), endPosition);
            }
            offset += alignedLength;
        }
        return base + offset;
    }

    private static final class Assembler
    {
        private final MessageHandler handler;
        private final ExpandableArrayBuffer fragments = new ExpandableArrayBuffer(64 * 1024);
        private int fragmentsLength = -1;

        Assembler(final MessageHandler handler)
        {
            this.handler = handler;
        }

        void onFragment(
            final DirectBuffer buffer, final int offset, final int length, final byte flags, final long endPosition)
        {
            if ((flags & FrameDescriptor.UNFRAGMENTED) == FrameDescriptor.UNFRAGMENTED)
            {
                handler.onMessage(buffer, offset, length, endPosition);
            }
            else if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) == FrameDescriptor.BEGIN_FRAG_FLAG)
            {
                fragments.putBytes(0, buffer, offset, length);
                fragmentsLength = length;
            }
            else if (fragmentsLength >= 0)
            {
                fragments.putBytes(fragmentsLength, buffer, offset, length);
                fragmentsLength += length;
                if ((flags & FrameDescriptor.END_FRAG_FLAG) == FrameDescriptor.END_FRAG_FLAG)
                {
                    handler.onMessage(fragments, 0, fragmentsLength, endPosition);
                    fragmentsLength = -1;
                }
            }
        }
    }
}
