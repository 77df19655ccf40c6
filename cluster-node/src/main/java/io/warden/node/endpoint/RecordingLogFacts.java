package io.warden.node.endpoint;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import org.agrona.collections.LongHashSet;

import java.io.File;

/**
 * What a node's {@code recording.log} says about its snapshots: which recordings are snapshots (the rest of the
 * archive's recordings are the log) and when the newest valid snapshot was taken (cluster time, milliseconds on
 * Warden's clock). Read afresh on every call; the file is small and Aeron only appends to it or flips flags.
 * <pre>{@code
 * RecordingLogFacts facts = RecordingLogFacts.read(new File("run/node-0/cluster"));
 * if (facts.hasSnapshot()) { long ageMs = System.currentTimeMillis() - facts.newestSnapshotTimestampMs(); }
 * }</pre>
 *
 * @param snapshotRecordingIds       recording ids of every snapshot entry, valid or not (their files exist either
 *                                   way until purged).
 * @param newestSnapshotTimestampMs  timestamp of the newest valid consensus-module snapshot, or
 *                                   {@link Long#MIN_VALUE} if there is none.
 */
public record RecordingLogFacts(LongHashSet snapshotRecordingIds, long newestSnapshotTimestampMs)
{
    /** What an absent or unreadable {@code recording.log} gives. */
    public static final RecordingLogFacts NONE = new RecordingLogFacts(new LongHashSet(), Long.MIN_VALUE);

    /**
     * @param clusterDir the node's cluster directory.
     * @return the facts, or {@link #NONE} if there is no readable {@code recording.log}.
     */
    public static RecordingLogFacts read(final File clusterDir)
    {
        if (!new File(clusterDir, RecordingLog.RECORDING_LOG_FILE_NAME).isFile())
        {
            return NONE;
        }
        try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
        {
            final LongHashSet snapshots = new LongHashSet();
            long newestMs = Long.MIN_VALUE;
            long newestPosition = Long.MIN_VALUE;
            for (final RecordingLog.Entry entry : recordingLog.entries())
            {
                if (RecordingLog.ENTRY_TYPE_SNAPSHOT != entry.type)
                {
                    continue;
                }
                snapshots.add(entry.recordingId);
                if (entry.isValid && ConsensusModule.Configuration.SERVICE_ID == entry.serviceId &&
                    entry.logPosition >= newestPosition)
                {
                    newestPosition = entry.logPosition;
                    newestMs = entry.timestamp;
                }
            }
            return new RecordingLogFacts(snapshots, newestMs);
        }
        catch (final RuntimeException ex)
        {
            return NONE;
        }
    }

    /**
     * @return whether there is a valid snapshot.
     */
    public boolean hasSnapshot()
    {
        return Long.MIN_VALUE != newestSnapshotTimestampMs;
    }
}
