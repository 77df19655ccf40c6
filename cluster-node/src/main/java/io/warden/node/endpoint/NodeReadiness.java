package io.warden.node.endpoint;

import io.aeron.AeronCounters;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.warden.node.metrics.MetricCounters;

/**
 * Whether a node can serve: its consensus module is {@code ACTIVE}, no election is running (so the cell has a leader
 * this node follows or is, and a follower has caught up: Aeron closes an election only after the follower's catch-up
 * phases), its role is leader or follower, and its service has started. Judged from the node's counters, the same
 * way on any thread.
 * <pre>{@code
 * String reason = NodeReadiness.notReadyReason(counters);   // null when ready
 * }</pre>
 */
public final class NodeReadiness
{
    private static final long MISSING = Long.MIN_VALUE;

    private NodeReadiness()
    {
    }

    /**
     * @param counters the node's counters.
     * @return why the node is not ready, in one line, or null when it is.
     */
    public static String notReadyReason(final NodeCounters counters)
    {
        return notReadyReason(
            counters.value(AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID, MISSING),
            counters.value(AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, MISSING),
            counters.value(AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID, MISSING),
            counters.exists(MetricCounters.SERVICE_UP_TYPE_ID));
    }

    /**
     * The judgement on raw counter values.
     *
     * @param moduleState    consensus module state code, or {@link Long#MIN_VALUE} if there is no such counter.
     * @param electionState  election state code, or {@link Long#MIN_VALUE}.
     * @param role           node role code, or {@link Long#MIN_VALUE}.
     * @param isServiceUp    whether the service has started.
     * @return why the node is not ready, or null when it is.
     */
    static String notReadyReason(
        final long moduleState, final long electionState, final long role, final boolean isServiceUp)
    {
        if (MISSING == moduleState || MISSING == electionState || MISSING == role)
        {
            return "the consensus module has not started";
        }
        try
        {
            return judge(moduleState, electionState, role, isServiceUp);
        }
        catch (final RuntimeException ex)
        {
            return "unreadable consensus counters: " + ex.getMessage();
        }
    }

    private static String judge(
        final long moduleState, final long electionState, final long role, final boolean isServiceUp)
    {
        final ConsensusModule.State module = ConsensusModule.State.get(moduleState);
        if (ConsensusModule.State.ACTIVE != module)
        {
            return "the consensus module is " + module + ", not ACTIVE";
        }
        final ElectionState election = ElectionState.get(electionState);
        if (ElectionState.CLOSED != election)
        {
            return "an election is in progress (" + election + "): no leader yet";
        }
        final Cluster.Role nodeRole = Cluster.Role.get(role);
        if (Cluster.Role.LEADER != nodeRole && Cluster.Role.FOLLOWER != nodeRole)
        {
            return "the node is " + nodeRole + ", neither leader nor follower";
        }
        if (!isServiceUp)
        {
            return "the service has not started";
        }
        return null;
    }
}
