package io.warden.bench.report;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The percentiles every report shows, in milliseconds, from a histogram of nanoseconds.
 *
 * @param count  number of samples.
 * @param meanMs mean.
 * @param p50Ms  median.
 * @param p90Ms  90th percentile.
 * @param p99Ms  99th percentile.
 * @param p999Ms 99.9th percentile.
 * @param maxMs  largest sample.
 */
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
    double maxMs)
{
    private static final double NS_PER_MS = 1_000_000.0;

    /**
     * The statistics of a histogram of nanoseconds.
     *
     * @param histogram the histogram.
     * @return its statistics; all NaN if it is empty.
     */
    public static LatencyStats of(final Histogram histogram)
    {
        final long count = histogram.getTotalCount();
        if (0 == count)
        {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencyStats(
            count,
            histogram.getMean() / NS_PER_MS,
            histogram.getValueAtPercentile(50) / NS_PER_MS,
            histogram.getValueAtPercentile(90) / NS_PER_MS,
            histogram.getValueAtPercentile(99) / NS_PER_MS,
            histogram.getValueAtPercentile(99.9) / NS_PER_MS,
            histogram.getMaxValue() / NS_PER_MS);
    }

    /**
     * As a JSON-ready map.
     *
     * @return count, mean, p50, p90, p99, p99.9 and max in ms.
     */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", count);
        map.put("meanMs", meanMs);
        map.put("p50Ms", p50Ms);
        map.put("p90Ms", p90Ms);
        map.put("p99Ms", p99Ms);
        map.put("p999Ms", p999Ms);
        map.put("maxMs", maxMs);
        return map;
    }
}
