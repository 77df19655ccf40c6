/**
 * Backups and restores of a cell. {@link io.warden.node.backup.CellBackup} runs Aeron's {@code ClusterBackup} in a
 * process of its own ({@link io.warden.node.backup.BackupLauncher}, {@code scripts/warden-backup.sh}): it follows
 * a running cell as an operator, keeps its latest snapshots and records the log after them, on another disk or host.
 * {@link io.warden.node.backup.Restore} ({@link io.warden.node.backup.RestoreLauncher},
 * {@code scripts/warden-restore.sh}) seeds a node's empty directories from such a backup, whole or up to a log
 * position, for a new cell or for a member whose disk died.
 * <p>
 * Nothing here touches replicated state: a backup holds the cell's own recordings, and a restored node recovers from
 * them exactly as a restarted one does. Thread: the caller's, and Aeron's agent threads. Must not import:
 * {@code io.warden.node.domain}, {@code io.warden.node.service}.
 */
package io.warden.node.backup;
