package io.warden.node.domain;

import io.warden.schema.LimitsSpec;
import io.warden.schema.WardenLimits;

/**
 * Limits that change what the state machine accepts. They are state, changed only by a command in the log, so every
 * node applies the same ones; never read from local configuration.
 * <p>
 * A change arrives as a {@link LimitsSpec} ({@code ConfigureLimits}), in which 0 means "leave as is":
 * <pre>{@code
 * LimitsSpec proposal = new LimitsSpec().stateQuotaBytes(512L << 20);
 * if (limits.accepts(proposal)) { limits.update(proposal); }
 * }</pre>
 */
public final class ReplicatedLimits
{
    private int maxValueLength = WardenLimits.DEFAULT_MAX_VALUE_LENGTH;
    private int historyMaxEvents = WardenLimits.DEFAULT_HISTORY_MAX_EVENTS;
    private long historyMaxBytes = WardenLimits.DEFAULT_HISTORY_MAX_BYTES;
    private long stateQuotaBytes = WardenLimits.DEFAULT_STATE_QUOTA_BYTES;
    private int maxKeysPerSession = WardenLimits.DEFAULT_MAX_KEYS_PER_SESSION;
    private long maxBytesPerSession = WardenLimits.DEFAULT_MAX_BYTES_PER_SESSION;
    private int maxSequentialPerSession = WardenLimits.DEFAULT_MAX_SEQUENTIAL_PER_SESSION;
    private int maxLocksPerSession = WardenLimits.MAX_LOCKS_PER_SESSION;
    private int maxWatchesPerConnection = WardenLimits.MAX_WATCHES_PER_CONNECTION;

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
     * Budget of the whole accounted state, history included.
     */
    public long stateQuotaBytes()
    {
        return stateQuotaBytes;
    }

    /**
     * What everything but the history may hold: the history has its own bound inside the quota, so the two together
     * never exceed it.
     */
    public long mainQuotaBytes()
    {
        return stateQuotaBytes - historyMaxBytes;
    }

    public int maxKeysPerSession()
    {
        return maxKeysPerSession;
    }

    public long maxBytesPerSession()
    {
        return maxBytesPerSession;
    }

    public int maxSequentialPerSession()
    {
        return maxSequentialPerSession;
    }

    public int maxLocksPerSession()
    {
        return maxLocksPerSession;
    }

    public int maxWatchesPerConnection()
    {
        return maxWatchesPerConnection;
    }

    /**
     * Is this proposal acceptable on top of these limits? Every value must be 0 or within its ceiling, and the
     * result must leave the state quota at least {@link WardenLimits#MIN_STATE_QUOTA_HEADROOM_BYTES} above the
     * history's bound. A quota below the current usage is accepted: growth is refused until the state shrinks.
     */
    public boolean accepts(final LimitsSpec proposal)
    {
        final boolean inRange =
            within(proposal.maxValueLength(), WardenLimits.MAX_VALUE_LENGTH_CEILING) &&
            within(proposal.historyMaxEvents(), WardenLimits.MAX_HISTORY_MAX_EVENTS) &&
            within(proposal.historyMaxBytes(), WardenLimits.MAX_HISTORY_MAX_BYTES) &&
            within(proposal.stateQuotaBytes(), WardenLimits.MAX_STATE_QUOTA_BYTES) &&
            within(proposal.maxKeysPerSession(), Integer.MAX_VALUE) &&
            within(proposal.maxBytesPerSession(), WardenLimits.MAX_STATE_QUOTA_BYTES) &&
            within(proposal.maxSequentialPerSession(), Integer.MAX_VALUE) &&
            within(proposal.maxLocksPerSession(), WardenLimits.MAX_LOCKS_PER_SESSION_CEILING) &&
            within(proposal.maxWatchesPerConnection(), WardenLimits.MAX_WATCHES_PER_CONNECTION_CEILING);
        if (!inRange)
        {
            return false;
        }
        final long quota = pick(proposal.stateQuotaBytes(), stateQuotaBytes);
        final long history = pick(proposal.historyMaxBytes(), historyMaxBytes);
        return quota - history >= WardenLimits.MIN_STATE_QUOTA_HEADROOM_BYTES;
    }

    private static boolean within(final long value, final long ceiling)
    {
        return value >= 0 && value <= ceiling;
    }

    /**
     * Apply a proposal; its zeros leave a limit as it is. Call {@link #accepts} first.
     */
    public void update(final LimitsSpec proposal)
    {
        maxValueLength = pick(proposal.maxValueLength(), maxValueLength);
        historyMaxEvents = pick(proposal.historyMaxEvents(), historyMaxEvents);
        historyMaxBytes = pick(proposal.historyMaxBytes(), historyMaxBytes);
        stateQuotaBytes = pick(proposal.stateQuotaBytes(), stateQuotaBytes);
        maxKeysPerSession = pick(proposal.maxKeysPerSession(), maxKeysPerSession);
        maxBytesPerSession = pick(proposal.maxBytesPerSession(), maxBytesPerSession);
        maxSequentialPerSession = pick(proposal.maxSequentialPerSession(), maxSequentialPerSession);
        maxLocksPerSession = pick(proposal.maxLocksPerSession(), maxLocksPerSession);
        maxWatchesPerConnection = pick(proposal.maxWatchesPerConnection(), maxWatchesPerConnection);
    }

    private static int pick(final int proposed, final int current)
    {
        return proposed > 0 ? proposed : current;
    }

    private static long pick(final long proposed, final long current)
    {
        return proposed > 0 ? proposed : current;
    }

    @Override
    public String toString()
    {
        return "ReplicatedLimits{maxValueLength=" + maxValueLength + ", historyMaxEvents=" + historyMaxEvents +
            ", historyMaxBytes=" + historyMaxBytes + ", stateQuotaBytes=" + stateQuotaBytes +
            ", maxKeysPerSession=" + maxKeysPerSession + ", maxBytesPerSession=" + maxBytesPerSession +
            ", maxSequentialPerSession=" + maxSequentialPerSession + ", maxLocksPerSession=" + maxLocksPerSession +
            ", maxWatchesPerConnection=" + maxWatchesPerConnection + '}';
    }
}
