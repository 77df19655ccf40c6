package io.warden.node.domain;

import io.warden.schema.WardenLimits;

/**
 * Limits that change what the state machine accepts. They are state, changed only by a command in the log, so every
 * node applies the same ones; never read from local configuration.
 */
public final class ReplicatedLimits
{
    private int maxValueLength = WardenLimits.DEFAULT_MAX_VALUE_LENGTH;
    private int historyMaxEvents = WardenLimits.DEFAULT_HISTORY_MAX_EVENTS;
    private long historyMaxBytes = WardenLimits.DEFAULT_HISTORY_MAX_BYTES;

    public int maxValueLength()
    {
        return maxValueLength;
    }

    public int historyMaxEvents()
    {
        return historyMaxEvents;
    }

    public long historyMaxBytes()
    {
        return historyMaxBytes;
    }

    /**
     * Are these values acceptable? 0 means "leave as is".
     */
    public static boolean isValid(final int maxValueLength, final int historyMaxEvents, final long historyMaxBytes)
    {
        return maxValueLength >= 0 && maxValueLength <= WardenLimits.MAX_VALUE_LENGTH_CEILING &&
            historyMaxEvents >= 0 && historyMaxEvents <= WardenLimits.MAX_HISTORY_MAX_EVENTS &&
            historyMaxBytes >= 0 && historyMaxBytes <= WardenLimits.MAX_HISTORY_MAX_BYTES;
    }

    /**
     * Apply new values; 0 leaves a limit as it is. Call {@link #isValid} first.
     */
    public void update(final int maxValueLength, final int historyMaxEvents, final long historyMaxBytes)
    {
        if (maxValueLength > 0)
        {
            this.maxValueLength = maxValueLength;
        }
        if (historyMaxEvents > 0)
        {
            this.historyMaxEvents = historyMaxEvents;
        }
        if (historyMaxBytes > 0)
        {
            this.historyMaxBytes = historyMaxBytes;
        }
    }
}
