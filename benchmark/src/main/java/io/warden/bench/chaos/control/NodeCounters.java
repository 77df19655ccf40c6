package io.warden.bench.chaos.control;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.service.ClusterCounters;
import io.warden.node.service.WardenService;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A node's Aeron counters read from outside the process, by mapping its media driver's CnC file: role, commit
 * position, leadership term, election count, error counts, and Warden's snapshot digest and position
 * ({@link WardenService#SNAPSHOT_DIGEST_COUNTER_TYPE_ID}, {@link WardenService#SNAPSHOT_POSITION_COUNTER_TYPE_ID}).
 * It can also set the consensus module's control toggle to take a snapshot.
 * <p>
 * Every call maps the file afresh and unmaps it (a restarted node has a new CnC file), so the values are current
 * and nothing is left mapped. Stateless apart from the directory; safe from any thread.
 */
public final class NodeCounters
{
    /** Role counter value of a follower. */
    public static final long ROLE_FOLLOWER = 0;
    /** Role counter value of a candidate. */
    public static final long ROLE_CANDIDATE = 1;
    /** Role counter value of the leader. */
    public static final long ROLE_LEADER = 2;

    private final File cncFile;
    private final int clusterId;

    /**
     * Counters of the node whose media driver lives in {@code aeronDir}.
     *
     * @param aeronDir  the node's Aeron directory.
     * @param clusterId the cluster id.
     */
    public NodeCounters(final File aeronDir, final int clusterId)
    {
        this.cncFile = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        this.clusterId = clusterId;
    }

    /**
     * One reading of the counters that matter to the harness.
     *
     * @param role              {@link #ROLE_LEADER}, {@link #ROLE_FOLLOWER}, {@link #ROLE_CANDIDATE}, or -1.
     * @param commitPosition    the cluster commit position, or -1.
     * @param leadershipTermId  the leadership term, or -1.
     * @param elections         elections this node has seen, or -1.
     * @param serviceErrors     errors counted by the service container (must stay 0), or -1.
     * @param moduleErrors      errors counted by the consensus module, or -1.
     * @param snapshotDigest    Warden's state digest at its latest snapshot, or 0.
     * @param snapshotPosition  the log position of that snapshot, or 0 (none yet) or -1 (no counter).
     */
    public record Reading(
        long role,
        long commitPosition,
        long leadershipTermId,
        long elections,
        long serviceErrors,
        long moduleErrors,
        long snapshotDigest,
        long snapshotPosition)
    {
        /** A reading of a node whose counters cannot be read (down, or still starting). */
        public static final Reading NONE = new Reading(-1, -1, -1, -1, -1, -1, 0, -1);

        /**
         * Is this node the leader?
         *
         * @return true for the leader role.
         */
        public boolean isLeader()
        {
            return role == ROLE_LEADER;
        }
    }

    /**
     * Read the counters now.
     *
     * @return the reading, or {@link Reading#NONE} when the CnC file is missing or unreadable.
     */
    public Reading read()
    {
        if (!cncFile.exists())
        {
            return Reading.NONE;
        }
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapExistingFile(cncFile, "cnc");
            final CountersReader counters = countersOf(mapped);
            if (null == counters)
            {
                return Reading.NONE;
            }
            return new Reading(
                clusterValue(counters, AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID),
                clusterValue(counters, AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID),
                clusterValue(counters, AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID),
                clusterValue(counters, AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID),
                clusterValue(counters, AeronCounters.CLUSTER_CLUSTERED_SERVICE_ERROR_COUNT_TYPE_ID),
                clusterValue(counters, AeronCounters.CLUSTER_CONSENSUS_MODULE_ERROR_COUNT_TYPE_ID),
                typeValue(counters, WardenService.SNAPSHOT_DIGEST_COUNTER_TYPE_ID, 0),
                typeValue(counters, WardenService.SNAPSHOT_POSITION_COUNTER_TYPE_ID, -1));
        }
        catch (final RuntimeException ex)
        {
            return Reading.NONE;
        }
        finally
        {
            if (null != mapped)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    /**
     * Ask this node's consensus module to take a snapshot (Aeron's control toggle, what {@code ClusterTool snapshot}
     * does). Only the leader acts on it; the whole cluster then snapshots at one log position.
     *
     * @return true when the toggle was set (it was neutral).
     */
    public boolean requestSnapshot()
    {
        if (!cncFile.exists())
        {
            return false;
        }
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapExistingFile(cncFile, "cnc");
            final CountersReader counters = countersOf(mapped);
            if (null == counters)
            {
                return false;
            }
            final AtomicCounter toggle = ClusterControl.findControlToggle(counters, clusterId);
            return null != toggle && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
        finally
        {
            if (null != mapped)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    private static CountersReader countersOf(final MappedByteBuffer mapped)
    {
        final DirectBuffer metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
        final int version = metaData.getInt(CncFileDescriptor.cncVersionOffset(0));
        if (0 == version)
        {
            return null;
        }
        CncFileDescriptor.checkVersion(version);
        final AtomicBuffer meta = CncFileDescriptor.createCountersMetaDataBuffer(mapped, metaData);
        final AtomicBuffer values = CncFileDescriptor.createCountersValuesBuffer(mapped, metaData);
        return new CountersReader(meta, values, StandardCharsets.US_ASCII);
    }

    private long clusterValue(final CountersReader counters, final int typeId)
    {
        final int counterId = ClusterCounters.find(counters, typeId, clusterId);
        return counterId < 0 ? -1 : counters.getCounterValue(counterId);
    }

    private static long typeValue(final CountersReader counters, final int typeId, final long missing)
    {
        final long[] value = { missing };
        final boolean[] found = { false };
        counters.forEach((counterId, counterTypeId, keyBuffer, label) ->
        {
            if (counterTypeId == typeId && !found[0] &&
                counters.getCounterState(counterId) == CountersReader.RECORD_ALLOCATED)
            {
                value[0] = counters.getCounterValue(counterId);
                found[0] = true;
            }
        });
        return value[0];
    }
}
