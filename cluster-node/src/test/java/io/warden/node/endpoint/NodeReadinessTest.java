package io.warden.node.endpoint;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class NodeReadinessTest
{
    private static final long ACTIVE = ConsensusModule.State.ACTIVE.code();
    private static final long CLOSED = ElectionState.CLOSED.code();
    private static final long FOLLOWER = Cluster.Role.FOLLOWER.code();

    @Test
    void aLeaderOrFollowerOfAnActiveModuleWithNoElectionAndAStartedServiceIsReady()
    {
        assertNull(NodeReadiness.notReadyReason(ACTIVE, CLOSED, FOLLOWER, true));
        assertNull(NodeReadiness.notReadyReason(ACTIVE, CLOSED, Cluster.Role.LEADER.code(), true));
    }

    @Test
    void saysWhyANodeIsNotReady()
    {
        assertEquals("the consensus module has not started",
            NodeReadiness.notReadyReason(Long.MIN_VALUE, CLOSED, FOLLOWER, true));
        assertEquals("the consensus module is SNAPSHOT, not ACTIVE",
            NodeReadiness.notReadyReason(ConsensusModule.State.SNAPSHOT.code(), CLOSED, FOLLOWER, true));
        assertEquals("an election is in progress (CANVASS): no leader yet",
            NodeReadiness.notReadyReason(ACTIVE, ElectionState.CANVASS.code(), FOLLOWER, true));
        assertEquals("the node is CANDIDATE, neither leader nor follower",
            NodeReadiness.notReadyReason(ACTIVE, CLOSED, Cluster.Role.CANDIDATE.code(), true));
        assertEquals("the service has not started", NodeReadiness.notReadyReason(ACTIVE, CLOSED, FOLLOWER, false));
        final String unreadable = NodeReadiness.notReadyReason(99, CLOSED, FOLLOWER, true);
        assertTrue(unreadable.startsWith("unreadable consensus counters: ") && unreadable.contains("99"), unreadable);
    }
}
