package io.warden.node.maintenance;

/**
 * A node's snapshot and purge settings ({@code warden.snapshot.*}).
 * <pre>{@code
 * new SnapshotPolicy(64L << 20, TimeUnit.HOURS.toNanos(1), 2, true);
 * }</pre>
 *
 * @param logBytes   log growth since the latest snapshot that makes the leader ask for one, 0 for never.
 * @param intervalNs time since the latest snapshot that makes the leader ask for one if the log moved, 0 for never.
 * @param keep       snapshots every node keeps (with the log from the oldest of them on), at least 1.
 * @param purge      whether to purge older log segments and snapshots at all.
 */
public record SnapshotPolicy(long logBytes, long intervalNs, int keep, boolean purge)
{
    /**
     * Does this policy ever ask for a snapshot by itself?
     *
     * @return true if either trigger is on.
     */
    public boolean snapshotsByItself()
    {
        return logBytes > 0 || intervalNs > 0;
    }
}
