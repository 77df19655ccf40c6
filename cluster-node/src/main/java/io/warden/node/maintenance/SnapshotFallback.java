package io.warden.node.maintenance;

import io.aeron.cluster.RecordingLog;

import java.io.File;
import java.io.PrintStream;
import java.util.TreeSet;

/**
 * What a node does when its service could not read the latest snapshot (a bit flip, a truncated file): mark that
 * snapshot invalid in {@code recording.log} and start again from the one before (every node keeps the log from its
 * oldest kept snapshot on, so that replay is possible), or, when there is no older one, refuse to start with a
 * message that names the file. Never a silent start from an empty state.
 * <pre>{@code
 * String refusal = SnapshotFallback.fallBack(memberId, clusterDir, archiveDir, failure.toString(), System.out);
 * if (null != refusal) { throw new IllegalStateException(refusal); }   // else launch the node again
 * }</pre>
 */
public final class SnapshotFallback
{
    /** The node runs one service, id 0 ({@code NodeConfig.SERVICE_ID}; this room may not import the launcher). */
    private static final int SERVICE_ID = 0;

    private SnapshotFallback()
    {
    }

    /**
     * Fall back to the snapshot before the latest, on a stopped node.
     *
     * @param memberId   the node (for the log line).
     * @param clusterDir its cluster directory.
     * @param archiveDir its archive directory (to name the file).
     * @param failure    why the snapshot could not be read.
     * @param out        where to say what was done.
     * @return null once the latest snapshot is invalidated and an older one remains; otherwise why the node cannot
     * start, naming the file.
     */
    public static String fallBack(
        final int memberId, final File clusterDir, final File archiveDir, final String failure, final PrintStream out)
    {
        try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
        {
            final RecordingLog.Entry latest = recordingLog.getLatestSnapshot(SERVICE_ID);
            if (null == latest)
            {
                return "node " + memberId + " could not read a snapshot (" + failure + ") but " +
                    new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME) + " lists none";
            }

            final TreeSet<Long> validPositions = new TreeSet<>();
            for (final RecordingLog.Entry entry : recordingLog.entries())
            {
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT == entry.type && entry.isValid)
                {
                    validPositions.add(entry.logPosition);
                }
            }
            final String what = "the latest snapshot (recording " + latest.recordingId + ", files " +
                new File(archiveDir, latest.recordingId + "-*.rec") + ", log position " + latest.logPosition + ")";
            final Long previous = validPositions.lower(latest.logPosition);
            if (null == previous)
            {
                return "node " + memberId + " refuses to start: " + what + " cannot be read (" + failure +
                    ") and there is no older snapshot to fall back to; restore this node from a backup or seed it " +
                    "from the other members (README: Replacing a member)";
            }

            recordingLog.invalidateLatestSnapshot();
            out.println("node " + memberId + ": " + what + " cannot be read (" + failure + "); it is marked invalid " +
                "in recording.log and the node starts again from the snapshot at log position " + previous +
                " and the log after it");
            out.flush();
            return null;
        }
    }
}
