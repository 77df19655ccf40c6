package io.warden.bench.workload;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latencies per operation name, in nanoseconds, recorded wait-free from any number of threads into HdrHistogram
 * {@link Recorder}s and read once at the end as {@link Histogram}s. Values above {@link #HIGHEST_TRACKABLE_NS}
 * are clamped to it (and counted in {@link #clampedCount()}).
 */
public final class Latencies
{
    /** Largest latency a histogram holds: 10 minutes. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);
    /** Precision of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Map<String, Recorder> recorderByOp = new ConcurrentHashMap<>();
    private final Map<String, Long> orderByOp = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong clamped = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new empty histogram of the shape every result uses.
     *
     * @return an empty histogram.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * Record one latency.
     *
     * @param op        operation name.
     * @param latencyNs latency; negative values count as 0.
     */
    public void record(final String op, final long latencyNs)
    {
        Recorder recorder = recorderByOp.get(op);
        if (null == recorder)
        {
            recorder = recorderByOp.computeIfAbsent(op, name ->
            {
                orderByOp.putIfAbsent(name, (long)orderByOp.size());
                return new Recorder(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
            });
        }

        long value = Math.max(0, latencyNs);
        if (value > HIGHEST_TRACKABLE_NS)
        {
            clamped.incrementAndGet();
            value = HIGHEST_TRACKABLE_NS;
        }
        recorder.recordValue(value);
    }

    /**
     * Make sure an operation appears in {@link #histograms()} even if nothing was recorded for it.
     *
     * @param op operation name.
     */
    public void declare(final String op)
    {
        recorderByOp.computeIfAbsent(op, name ->
        {
            orderByOp.putIfAbsent(name, (long)orderByOp.size());
            return new Recorder(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
        });
    }

    /**
     * Values that were above the largest trackable latency.
     *
     * @return count of clamped values.
     */
    public long clampedCount()
    {
        return clamped.get();
    }

    /**
     * Everything recorded so far, one histogram per operation in the order operations were first seen. Call once,
     * after the recording threads have stopped.
     *
     * @return histograms by operation name.
     */
    public Map<String, Histogram> histograms()
    {
        final Map<String, Histogram> result = new LinkedHashMap<>();
        recorderByOp.entrySet().stream()
            .sorted(Map.Entry.comparingByKey((a, b) -> Long.compare(orderByOp.get(a), orderByOp.get(b))))
            .forEach(entry ->
            {
                final Histogram histogram = newHistogram();
                histogram.add(entry.getValue().getIntervalHistogram());
                result.put(entry.getKey(), histogram);
            });
        return result;
    }
}
