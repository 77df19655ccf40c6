/**
 * Keeping a node's disk bounded while it runs for months: {@link io.warden.node.maintenance.NodeMaintenance} is a
 * thread in the node's process that asks the cell for a snapshot when
 * {@link io.warden.node.maintenance.SnapshotSchedule} says one is due (log growth since the latest, or time), and after every snapshot purges what
 * {@link io.warden.node.maintenance.RetentionPlan} no longer needs: log segments older than the oldest snapshot kept,
 * and the recordings of older snapshots.
 * <p>
 * None of this touches replicated state: a snapshot is requested through Aeron's cluster control toggle, which the
 * leader turns into a log entry every member acts on at the same position, and purging only removes files that no
 * recovery from a kept snapshot reads. Deciding by role and by the local clock is therefore allowed here, unlike in
 * the state machine.
 * <p>
 * Thread: its own ({@code warden-maintenance-<id>}); it reads the consensus module's counters and the node's
 * {@code recording.log}, and talks to the node's archive over IPC. Must not import: {@code io.warden.node.domain},
 * {@code io.warden.node.service}.
 */
package io.warden.node.maintenance;
