package io.warden.node.maintenance;

/**
 * When a cell should snapshot: once the log has grown by {@code logBytes} since the latest snapshot, or once
 * {@code intervalNs} have passed since it and the log has moved at all (an idle cell is not snapshotted again).
 * Either trigger is off when zero.
 * <pre>{@code
 * SnapshotSchedule schedule = new SnapshotSchedule(64 << 20, TimeUnit.HOURS.toNanos(1), System.nanoTime(), 0);
 * String reason = schedule.due(System.nanoTime(), commitPosition);   // null while none is due
 * }</pre>
 */
public final class SnapshotSchedule
{
    private final long logBytes;
    private final long intervalNs;
    private long lastPosition;
    private long lastNs;

    /**
     * @param logBytes       log growth that makes a snapshot due, 0 for never.
     * @param intervalNs     time that makes a snapshot due if the log moved, 0 for never.
     * @param nowNs          the current time of a monotonic clock.
     * @param latestPosition log position of the latest snapshot, 0 if there is none.
     */
    public SnapshotSchedule(final long logBytes, final long intervalNs, final long nowNs, final long latestPosition)
    {
        this.logBytes = logBytes;
        this.intervalNs = intervalNs;
        this.lastNs = nowNs;
        this.lastPosition = latestPosition;
    }

    /**
     * A snapshot was taken (or requested) at this position: count growth and time from here.
     *
     * @param nowNs    the current time.
     * @param position the snapshot's log position.
     */
    public void onSnapshot(final long nowNs, final long position)
    {
        lastNs = nowNs;
        lastPosition = Math.max(lastPosition, position);
    }

    /**
     * Is a snapshot due?
     *
     * @param nowNs          the current time.
     * @param commitPosition the cell's commit position.
     * @return why one is due, or null if none is.
     */
    public String due(final long nowNs, final long commitPosition)
    {
        final long growth = commitPosition - lastPosition;
        if (logBytes > 0 && growth >= logBytes)
        {
            return growth + " bytes of log since the latest snapshot (threshold " + logBytes + ")";
        }
        if (intervalNs > 0 && growth > 0 && nowNs - lastNs >= intervalNs)
        {
            return (nowNs - lastNs) / 1_000_000 + " ms since the latest snapshot and " + growth + " bytes of log";
        }

        return null;
    }

    /**
     * The log position growth is counted from.
     *
     * @return the latest snapshot's position as far as this schedule knows.
     */
    public long lastPosition()
    {
        return lastPosition;
    }
}
