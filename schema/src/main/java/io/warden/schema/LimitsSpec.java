package io.warden.schema;

/**
 * The replicated limits a {@code ConfigureLimits} request proposes; 0 leaves a limit as it is. The writer encodes it,
 * the node decodes into it and applies it. Fluent, reusable, not thread-safe.
 * <pre>{@code
 * writer.configureLimits(buffer, 0, new LimitsSpec().stateQuotaBytes(512L << 20).maxKeysPerSession(10_000));
 * }</pre>
 */
public final class LimitsSpec
{
    int maxValueLength;
    int historyMaxEvents;
    long historyMaxBytes;
    long stateQuotaBytes;
    int maxKeysPerSession;
    long maxBytesPerSession;
    int maxSequentialPerSession;
    int maxLocksPerSession;
    int maxWatchesPerConnection;

    public LimitsSpec maxValueLength(final int maxValueLength)
    {
        this.maxValueLength = maxValueLength;
        return this;
    }

    public LimitsSpec historyMaxEvents(final int historyMaxEvents)
    {
        this.historyMaxEvents = historyMaxEvents;
        return this;
    }

    public LimitsSpec historyMaxBytes(final long historyMaxBytes)
    {
        this.historyMaxBytes = historyMaxBytes;
        return this;
    }

    public LimitsSpec stateQuotaBytes(final long stateQuotaBytes)
    {
        this.stateQuotaBytes = stateQuotaBytes;
        return this;
    }

    public LimitsSpec maxKeysPerSession(final int maxKeysPerSession)
    {
        this.maxKeysPerSession = maxKeysPerSession;
        return this;
    }

    public LimitsSpec maxBytesPerSession(final long maxBytesPerSession)
    {
        this.maxBytesPerSession = maxBytesPerSession;
        return this;
    }

    public LimitsSpec maxSequentialPerSession(final int maxSequentialPerSession)
    {
        this.maxSequentialPerSession = maxSequentialPerSession;
        return this;
    }

    public LimitsSpec maxLocksPerSession(final int maxLocksPerSession)
    {
        this.maxLocksPerSession = maxLocksPerSession;
        return this;
    }

    public LimitsSpec maxWatchesPerConnection(final int maxWatchesPerConnection)
    {
        this.maxWatchesPerConnection = maxWatchesPerConnection;
        return this;
    }

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

    public long stateQuotaBytes()
    {
        return stateQuotaBytes;
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
     * Set every limit back to 0 ("leave as is").
     */
    public LimitsSpec clear()
    {
        maxValueLength = 0;
        historyMaxEvents = 0;
        historyMaxBytes = 0;
        stateQuotaBytes = 0;
        maxKeysPerSession = 0;
        maxBytesPerSession = 0;
        maxSequentialPerSession = 0;
        maxLocksPerSession = 0;
        maxWatchesPerConnection = 0;
        return this;
    }
}
