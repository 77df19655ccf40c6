package io.warden.node.endpoint;

import org.agrona.collections.LongHashSet;

import java.io.File;

/**
 * Bytes a node's archive directory holds on disk, split into log recordings, snapshot recordings and the rest (the
 * catalog, the mark file). A recording's segment files are named {@code <recordingId>-<segmentBase>.rec}; which
 * recordings are snapshots comes from {@code recording.log} ({@link RecordingLogFacts}). Sizes are file lengths, so a
 * sparse or preallocated segment counts at its full length, which is what it may grow to.
 * <pre>{@code
 * ArchiveFiles.Usage usage = ArchiveFiles.usage(new File("run/node-0/archive"), facts.snapshotRecordingIds());
 * }</pre>
 */
public final class ArchiveFiles
{
    private static final String SEGMENT_SUFFIX = ".rec";

    /**
     * Bytes by kind.
     *
     * @param logBytes      segments of the log recordings.
     * @param snapshotBytes segments of the snapshot recordings.
     * @param otherBytes    every other file of the directory.
     */
    public record Usage(long logBytes, long snapshotBytes, long otherBytes)
    {
    }

    private ArchiveFiles()
    {
    }

    /**
     * @param archiveDir           the node's archive directory.
     * @param snapshotRecordingIds which recordings are snapshots.
     * @return the bytes by kind (all 0 if the directory cannot be listed).
     */
    public static Usage usage(final File archiveDir, final LongHashSet snapshotRecordingIds)
    {
        final File[] files = archiveDir.listFiles(File::isFile);
        long log = 0;
        long snapshot = 0;
        long other = 0;
        for (final File file : null == files ? new File[0] : files)
        {
            final long recordingId = recordingIdOf(file.getName());
            final long length = file.length();
            if (recordingId < 0)
            {
                other += length;
            }
            else if (snapshotRecordingIds.contains(recordingId))
            {
                snapshot += length;
            }
            else
            {
                log += length;
            }
        }
        return new Usage(log, snapshot, other);
    }

    /**
     * @param fileName an archive file's name.
     * @return the recording id of a segment file name, or -1 for any other name.
     */
    static long recordingIdOf(final String fileName)
    {
        final int dash = fileName.indexOf('-');
        if (dash <= 0 || !fileName.endsWith(SEGMENT_SUFFIX))
        {
            return -1;
        }
        try
        {
            Long.parseLong(fileName, dash + 1, fileName.length() - SEGMENT_SUFFIX.length(), 10);
            return Long.parseLong(fileName, 0, dash, 10);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
