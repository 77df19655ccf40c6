package io.warden.bench.chaos.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * When, on the harness clock, a place in the committed log happened, as far as the clients' own records show:
 * bounds, never a reading of any node's clock. Every anchor is a client operation whose effect is at a known log
 * position (a put's revision, a lock grant's token) with its invoke and return times: its command was appended after
 * it was invoked and before it returned. The leader appends in position order, so a log entry at position {@code p}
 * happened no earlier than the latest invoke of an anchor at or before {@code p}, and no later than the earliest
 * return of an anchor at or after {@code p}.
 * <pre>{@code
 * TimeMap time = TimeMap.of(List.of(new TimeMap.Anchor(100, 5_000, 6_000), new TimeMap.Anchor(300, 7_000, 9_000)));
 * time.earliestNs(200);  // 5_000: after the put at 100 was invoked
 * time.latestNs(200);    // 9_000: before the put at 300 returned
 * }</pre>
 * All times come from one monotonic clock (the harness's {@code System.nanoTime()}, which on Linux is every process's
 * {@code CLOCK_MONOTONIC}), so a wall-clock step anywhere moves none of them. Immutable.
 */
public final class TimeMap
{
    /** Returned by {@link #earliestNs} when no anchor bounds a position from below. */
    public static final long UNKNOWN_EARLIEST = Long.MIN_VALUE;
    /** Returned by {@link #latestNs} when no anchor bounds a position from above. */
    public static final long UNKNOWN_LATEST = Long.MAX_VALUE;

    /**
     * A client operation whose command is at a known log position.
     *
     * @param position   the command's log position.
     * @param invokeNs   when the operation was sent.
     * @param completeNs when its answer arrived.
     */
    public record Anchor(long position, long invokeNs, long completeNs)
    {
        /**
         * Checks the interval is ordered.
         */
        public Anchor
        {
            if (completeNs < invokeNs)
            {
                throw new IllegalArgumentException("anchor completes before it is invoked: " + invokeNs + " > " +
                    completeNs);
            }
        }
    }

    private final long[] positions;
    private final long[] earliestUpTo;
    private final long[] latestFrom;

    private TimeMap(final List<Anchor> sorted)
    {
        final int n = sorted.size();
        positions = new long[n];
        earliestUpTo = new long[n];
        latestFrom = new long[n];
        long earliest = UNKNOWN_EARLIEST;
        for (int i = 0; i < n; i++)
        {
            positions[i] = sorted.get(i).position();
            earliest = Math.max(earliest, sorted.get(i).invokeNs());
            earliestUpTo[i] = earliest;
        }
        long latest = UNKNOWN_LATEST;
        for (int i = n - 1; i >= 0; i--)
        {
            latest = Math.min(latest, sorted.get(i).completeNs());
            latestFrom[i] = latest;
        }
    }

    /**
     * A map from anchors in any order.
     *
     * @param anchors the anchors.
     * @return the map.
     */
    public static TimeMap of(final List<Anchor> anchors)
    {
        final List<Anchor> sorted = new ArrayList<>(anchors);
        sorted.sort(Comparator.comparingLong(Anchor::position));
        return new TimeMap(sorted);
    }

    /**
     * A map without anchors: every bound unknown.
     *
     * @return the map.
     */
    public static TimeMap empty()
    {
        return new TimeMap(List.of());
    }

    /**
     * The earliest time the log entry at {@code position} can have happened.
     *
     * @param position a log position.
     * @return nanoseconds on the harness clock, or {@link #UNKNOWN_EARLIEST}.
     */
    public long earliestNs(final long position)
    {
        final int i = lastAtOrBefore(position);
        return i < 0 ? UNKNOWN_EARLIEST : earliestUpTo[i];
    }

    /**
     * The latest time the log entry at {@code position} can have happened.
     *
     * @param position a log position.
     * @return nanoseconds on the harness clock, or {@link #UNKNOWN_LATEST}.
     */
    public long latestNs(final long position)
    {
        final int i = lastAtOrBefore(position - 1) + 1;
        return i >= positions.length ? UNKNOWN_LATEST : latestFrom[i];
    }

    /**
     * The earliest time of the end of the observation: the latest invoke of any anchor.
     *
     * @return nanoseconds on the harness clock, or {@link #UNKNOWN_EARLIEST}.
     */
    public long observedUntilNs()
    {
        return positions.length == 0 ? UNKNOWN_EARLIEST : earliestUpTo[positions.length - 1];
    }

    /**
     * How many anchors it was built from.
     *
     * @return the count.
     */
    public int anchors()
    {
        return positions.length;
    }

    private int lastAtOrBefore(final long position)
    {
        int index = Arrays.binarySearch(positions, position);
        if (index >= 0)
        {
            while (index + 1 < positions.length && positions[index + 1] == position)
            {
                index++;
            }
            return index;
        }
        return -index - 2;
    }
}
