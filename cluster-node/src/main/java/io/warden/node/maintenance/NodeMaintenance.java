package io.warden.node.maintenance;

import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aeron.cluster.service.Cluster;
import io.warden.node.service.WardenService;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The node's housekeeping thread. Once a second it
 * <ul>
 *     <li>on the leader, while the consensus module is ACTIVE: toggles a snapshot (what {@code ClusterTool snapshot}
 *     does) when the {@link SnapshotSchedule} says one is due; the leader puts it in the log and every member takes
 *     it at the same position;</li>
 *     <li>on every member, after each snapshot it took (its snapshot counter moved) and once at start: purges what
 *     the {@link RetentionPlan} no longer needs;</li>
 *     <li>says when the node's role or leadership term changes (a line an operator can find an election by).</li>
 * </ul>
 * A failure is logged (once per distinct message) and tried again on the next round; it never stops the node.
 * <pre>{@code
 * NodeMaintenance maintenance = NodeMaintenance.start(
 *     memberId, clusterDir, policy, driver.consensusModule().context(), config::newMaintenanceArchiveContext, out);
 * ...
 * maintenance.close();
 * }</pre>
 */
public final class NodeMaintenance implements Runnable, AutoCloseable
{
    /** How often the thread looks at the counters. */
    public static final long ROUND_MS = 1_000;

    private final int memberId;
    private final File clusterDir;
    private final SnapshotPolicy policy;
    private final ConsensusModule.Context consensusModule;
    private final ArchivePurger purger;
    private final PrintStream out;
    private volatile boolean isClosed;
    private Thread thread;
    private SnapshotSchedule schedule;
    private long snapshotsSeen = -1;
    private boolean isPurgeDue = true;
    private String lastFailure;
    private Cluster.Role lastRole;
    private long lastTerm = Long.MIN_VALUE;
    private long latestSnapshot;
    private long operatorRequestHandled;

    private NodeMaintenance(
        final int memberId,
        final File clusterDir,
        final SnapshotPolicy policy,
        final ConsensusModule.Context consensusModule,
        final Supplier<AeronArchive.Context> archiveContext,
        final PrintStream out)
    {
        this.memberId = memberId;
        this.clusterDir = clusterDir;
        this.policy = policy;
        this.consensusModule = consensusModule;
        this.purger = new ArchivePurger(archiveContext);
        this.out = out;
    }

    /**
     * Start the thread for a launched node.
     *
     * @param memberId        the node's member id (for its log lines and thread name).
     * @param clusterDir      the node's cluster directory, holding {@code recording.log}.
     * @param policy          when to snapshot and what to keep.
     * @param consensusModule the launched consensus module's context (its counters).
     * @param archiveContext  a new client context for the node's own archive, each time it is asked.
     * @param out             where to say what was done.
     * @return the running maintenance; close it before the node.
     */
    public static NodeMaintenance start(
        final int memberId,
        final File clusterDir,
        final SnapshotPolicy policy,
        final ConsensusModule.Context consensusModule,
        final Supplier<AeronArchive.Context> archiveContext,
        final PrintStream out)
    {
        final NodeMaintenance maintenance =
            new NodeMaintenance(memberId, clusterDir, policy, consensusModule, archiveContext, out);
        final Thread thread = new Thread(maintenance, "warden-maintenance-" + memberId);
        thread.setDaemon(true);
        maintenance.thread = thread;
        thread.start();
        return maintenance;
    }

    public void run()
    {
        while (!isClosed)
        {
            try
            {
                if (!round())
                {
                    return;
                }
                lastFailure = null;
            }
            catch (final RuntimeException ex)
            {
                final String failure = String.valueOf(ex);
                if (!failure.equals(lastFailure))
                {
                    say("maintenance will retry: " + failure);
                    lastFailure = failure;
                }
            }

            try
            {
                Thread.sleep(ROUND_MS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    /**
     * Stop the thread and wait for it (a purge in progress finishes first).
     */
    public void close()
    {
        isClosed = true;
        if (null != thread && Thread.currentThread() != thread)
        {
            thread.interrupt();
            try
            {
                thread.join(10_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One look at the counters.
     *
     * @return false once the consensus module has closed its counters (the node is stopping).
     */
    private boolean round()
    {
        final AtomicCounter snapshotCounter = consensusModule.snapshotCounter();
        if (null == snapshotCounter || snapshotCounter.isClosed())
        {
            return false;
        }

        final long nowNs = System.nanoTime();
        final long snapshots = snapshotCounter.get();
        if (snapshots != snapshotsSeen)
        {
            final boolean isFirstRound = snapshotsSeen < 0;
            snapshotsSeen = snapshots;
            final long latest = latestSnapshotPosition();
            latestSnapshot = latest;
            if (null == schedule)
            {
                schedule = new SnapshotSchedule(policy.logBytes(), policy.intervalNs(), nowNs, latest);
            }
            else
            {
                schedule.onSnapshot(nowNs, latest);
            }
            isPurgeDue |= !isFirstRound;
        }

        final ConsensusModule.State moduleState = ConsensusModule.State.get(consensusModule.moduleStateCounter());
        if (ConsensusModule.State.ACTIVE != moduleState)
        {
            return true;
        }

        if (isPurgeDue && policy.purge())
        {
            purge();
        }
        isPurgeDue = false;

        final Cluster.Role role = Cluster.Role.get(consensusModule.clusterNodeRoleCounter());
        final long term = consensusModule.leadershipTermIdCounter().get();
        if (role != lastRole || term != lastTerm)
        {
            say("is " + role + " in leadership term " + term);
            lastRole = role;
            lastTerm = term;
        }
        if (Cluster.Role.LEADER == role)
        {
            final long requested = operatorRequestPosition();
            if (requested > latestSnapshot && requested > operatorRequestHandled &&
                ClusterControl.ToggleState.SNAPSHOT.toggle(consensusModule.controlToggleCounter()))
            {
                operatorRequestHandled = requested;
                schedule.onSnapshot(nowNs, consensusModule.commitPositionCounter().get());
                say("asks the cell for a snapshot: an operator asked for one at log position " + requested);
            }
        }
        if (policy.snapshotsByItself() && Cluster.Role.LEADER == role)
        {
            final long commitPosition = consensusModule.commitPositionCounter().get();
            final String reason = schedule.due(nowNs, commitPosition);
            if (null != reason && ClusterControl.ToggleState.SNAPSHOT.toggle(consensusModule.controlToggleCounter()))
            {
                // counted from the request, so a slow snapshot is not requested twice
                schedule.onSnapshot(nowNs, commitPosition);
                say("asks the cell for a snapshot: " + reason);
            }
        }

        return true;
    }

    /**
     * The log position of the latest operator request for a snapshot this node's service applied (0 if none), from
     * the service's counter in the node's own media driver.
     */
    private long operatorRequestPosition()
    {
        final CountersReader counters = consensusModule.aeron().countersReader();
        final long[] position = { 0 };
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (WardenService.SNAPSHOT_REQUEST_COUNTER_TYPE_ID == typeId &&
                CountersReader.RECORD_ALLOCATED == counters.getCounterState(counterId))
            {
                position[0] = Math.max(position[0], counters.getCounterValue(counterId));
            }
        });
        return position[0];
    }

    private long latestSnapshotPosition()
    {
        try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
        {
            final RecordingLog.Entry latest = recordingLog.getLatestSnapshot(ConsensusModule.Configuration.SERVICE_ID);
            return null == latest ? 0 : latest.logPosition;
        }
    }

    private void purge()
    {
        final RetentionPlan plan;
        try (RecordingLog recordingLog = new RecordingLog(clusterDir, false))
        {
            plan = RetentionPlan.of(recordingLog.entries(), policy.keep());
        }

        final ArchivePurger.Purged purged = purger.purge(plan);
        if (purged.removedAnything())
        {
            say("purged " + purged.logSegments() + " log segment(s) and " + purged.snapshots() +
                " old snapshot(s); the log now starts at " + purged.logStartPosition() +
                ", snapshots kept at log positions " + plan.keptPositions());
        }
    }

    private void say(final String what)
    {
        out.println(java.time.Instant.now() + " node " + memberId + " " + what);
        out.flush();
    }
}
