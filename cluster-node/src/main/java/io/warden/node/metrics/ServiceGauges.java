package io.warden.node.metrics;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.warden.node.domain.Census;
import io.warden.node.domain.WardenStateMachine;
import org.agrona.CloseHelper;

import java.util.concurrent.TimeUnit;

/**
 * What the service publishes about itself, as Aeron counters ({@link MetricCounters}): answers and events by type and
 * result, the state's size and census, the leader of the latest term, and egress that did not get out. Counting is
 * done as commands are applied (a map increment); publishing in {@link #doBackgroundWork}, at most every
 * {@link #PUBLISH_INTERVAL_NS}, with a census of the state at most every {@link #CENSUS_INTERVAL_NS} and only after
 * something was applied. Nothing here is read by the state machine.
 * <pre>{@code
 * gauges = new ServiceGauges(cluster.aeron(), cluster.memberId());   // onStart
 * gauges.onApplying();                                               // before each command, timer, session event
 * gauges.onApplied();                                                // after it
 * gauges.doBackgroundWork(nowNs, state, egress.droppedFrames(), responder.oversizedFrames(), egress.backlogBytes(),
 *     egress.cutConnections());
 * }</pre>
 */
public final class ServiceGauges implements AutoCloseable
{
    /** Longest a published figure lags the state (apart from the census). */
    public static final long PUBLISH_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Longest the census (sessions, keys, locks, watches) lags the state. A census reads the tables' sizes and passes
     * over the locks in use, never over keys or sessions, so it is cheap; it is still taken only after a change.
     */
    public static final long CENSUS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Aeron aeron;
    private final ResultTally requests;
    private final ResultTally events;
    private final Census census = new Census();
    private final Counter sessions;
    private final Counter keys;
    private final Counter stateBytes;
    private final Counter stateQuotaBytes;
    private final Counter watches;
    private final Counter locks;
    private final Counter lockHolders;
    private final Counter lockWaiters;
    private final Counter elections;
    private final Counter revision;
    private final Counter leaderMemberId;
    private final Counter egressDropped;
    private final Counter egressOversized;
    private final Counter egressBacklogBytes;
    private final Counter egressCutConnections;
    private Counter serviceUp;
    private boolean isCensusDue = true;
    private boolean isApplying;
    private long nextPublishNs;
    private long nextCensusNs;
    private boolean hasPublished;
    private boolean hasCensus;

    /**
     * @param aeron    the node's Aeron client ({@code cluster.aeron()}).
     * @param memberId the node's member id, for the labels.
     */
    public ServiceGauges(final Aeron aeron, final int memberId)
    {
        this.aeron = aeron;
        this.requests = new ResultTally(MetricCounters.REQUESTS_TYPE_ID, "requests", memberId);
        this.events = new ResultTally(MetricCounters.EVENTS_TYPE_ID, "events", memberId);
        final String suffix = ": memberId=" + memberId;
        sessions = aeron.addCounter(MetricCounters.SESSIONS_TYPE_ID, "Warden sessions" + suffix);
        keys = aeron.addCounter(MetricCounters.KEYS_TYPE_ID, "Warden keys" + suffix);
        stateBytes = aeron.addCounter(MetricCounters.STATE_BYTES_TYPE_ID, "Warden state bytes" + suffix);
        stateQuotaBytes = aeron.addCounter(MetricCounters.STATE_QUOTA_BYTES_TYPE_ID, "Warden state quota" + suffix);
        watches = aeron.addCounter(MetricCounters.WATCHES_TYPE_ID, "Warden watches" + suffix);
        locks = aeron.addCounter(MetricCounters.LOCKS_TYPE_ID, "Warden locks" + suffix);
        lockHolders = aeron.addCounter(MetricCounters.LOCK_HOLDERS_TYPE_ID, "Warden lock holders" + suffix);
        lockWaiters = aeron.addCounter(MetricCounters.LOCK_WAITERS_TYPE_ID, "Warden lock waiters" + suffix);
        elections = aeron.addCounter(MetricCounters.ELECTIONS_TYPE_ID, "Warden elections" + suffix);
        revision = aeron.addCounter(MetricCounters.REVISION_TYPE_ID, "Warden revision" + suffix);
        leaderMemberId = aeron.addCounter(MetricCounters.LEADER_MEMBER_ID_TYPE_ID, "Warden leader member" + suffix);
        leaderMemberId.setRelease(-1);
        egressDropped = aeron.addCounter(MetricCounters.EGRESS_DROPPED_TYPE_ID, "Warden egress dropped" + suffix);
        egressOversized = aeron.addCounter(
            MetricCounters.EGRESS_OVERSIZED_TYPE_ID, "Warden egress oversized" + suffix);
        egressBacklogBytes = aeron.addCounter(
            MetricCounters.EGRESS_BACKLOG_BYTES_TYPE_ID, "Warden egress backlog bytes" + suffix);
        egressCutConnections = aeron.addCounter(
            MetricCounters.EGRESS_CUT_CONNECTIONS_TYPE_ID, "Warden egress cut connections" + suffix);
    }

    /**
     * Answers by request type and result: give it to the responder.
     */
    public ResultTally requests()
    {
        return requests;
    }

    /**
     * Events by type and result: give it to the responder.
     */
    public ResultTally events()
    {
        return events;
    }

    /**
     * The service has loaded its snapshot: from now on it applies the log (readiness waits for this).
     *
     * @param memberId the node's member id, for the label.
     */
    public void onServiceStarted(final int memberId)
    {
        serviceUp = aeron.addCounter(MetricCounters.SERVICE_UP_TYPE_ID, "Warden service up: memberId=" + memberId);
        serviceUp.setRelease(1);
    }

    /**
     * A callback that applies something (a command, a timer, a session event, a snapshot) begins. Until it ends,
     * background work publishes nothing: Aeron may run it from inside the callback (an egress offer that idles),
     * when the state is half changed.
     */
    public void onApplying()
    {
        isApplying = true;
    }

    /**
     * The callback ended: the next census may differ. (After a callback that threw, the next one to end resets
     * this.)
     */
    public void onApplied()
    {
        isApplying = false;
        isCensusDue = true;
    }

    /**
     * A new leadership term was applied.
     *
     * @param leaderMemberId its leader.
     */
    public void onNewLeadershipTerm(final int leaderMemberId)
    {
        this.leaderMemberId.setRelease(leaderMemberId);
    }

    /**
     * Publish what is due.
     *
     * @param nowNs           Aeron's {@code doBackgroundWork} time.
     * @param state           the state machine (read only).
     * @param droppedFrames   egress frames not delivered so far.
     * @param oversizedFrames replies too large for the egress so far.
     * @param backlogBytes    bytes waiting for back-pressured connections now.
     * @param cutConnections  connections cut for a backlog past its bound so far.
     * @return work done (1 when something was published).
     */
    public int doBackgroundWork(
        final long nowNs,
        final WardenStateMachine state,
        final long droppedFrames,
        final long oversizedFrames,
        final long backlogBytes,
        final long cutConnections)
    {
        if (isApplying || hasPublished && nowNs - nextPublishNs < 0)
        {
            return 0;
        }
        hasPublished = true;
        nextPublishNs = nowNs + PUBLISH_INTERVAL_NS;
        revision.setRelease(state.revision());
        stateBytes.setRelease(state.stateBytes());
        egressDropped.setRelease(droppedFrames);
        egressOversized.setRelease(oversizedFrames);
        egressBacklogBytes.setRelease(backlogBytes);
        egressCutConnections.setRelease(cutConnections);
        requests.publish(aeron);
        events.publish(aeron);
        if (isCensusDue && (!hasCensus || nowNs - nextCensusNs >= 0))
        {
            isCensusDue = false;
            hasCensus = true;
            nextCensusNs = nowNs + CENSUS_INTERVAL_NS;
            state.census(census);
            sessions.setRelease(census.sessions);
            keys.setRelease(census.keys);
            watches.setRelease(census.watches);
            locks.setRelease(census.locks);
            lockHolders.setRelease(census.lockHolders);
            lockWaiters.setRelease(census.lockWaiters);
            elections.setRelease(census.elections);
            stateQuotaBytes.setRelease(census.stateQuotaBytes);
        }
        return 1;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(requests, events, sessions, keys, stateBytes, stateQuotaBytes, watches, locks,
            lockHolders, lockWaiters, elections, revision, leaderMemberId, egressDropped, egressOversized,
            egressBacklogBytes, egressCutConnections, serviceUp);
    }
}
