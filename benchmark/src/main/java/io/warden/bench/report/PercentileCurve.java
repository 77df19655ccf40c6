package io.warden.bench.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A histogram as points of a latency-by-percentile curve on HdrHistogram's log percentile axis: x is
 * {@code log10(1 / (1 - percentile))}, so 0% → 0, 90% → 1, 99% → 2, 99.9% → 3; y is the latency in milliseconds.
 * The 100th percentile (the maximum) is placed at the last decade the sample count supports.
 */
public final class PercentileCurve
{
    /** Highest x the charts show: 99.999%. */
    public static final double MAX_X = 5;

    private PercentileCurve()
    {
    }

    /**
     * One point.
     *
     * @param x       log percentile position.
     * @param valueMs latency.
     */
    public record Point(double x, double valueMs)
    {
    }

    /**
     * The x position of a percentile.
     *
     * @param percentile 0 to 100.
     * @return {@code log10(1 / (1 - percentile/100))}, capped at {@link #MAX_X}.
     */
    public static double x(final double percentile)
    {
        final double fraction = percentile / 100.0;
        if (fraction >= 1.0)
        {
            return MAX_X;
        }
        return Math.min(MAX_X, Math.log10(1.0 / (1.0 - fraction)));
    }

    /**
     * The x position the maximum of a histogram of {@code count} samples is drawn at: one decade past where the
     * samples thin out, i.e. {@code log10(count)}, at least 1 and at most {@link #MAX_X}.
     *
     * @param count sample count.
     * @return x of the last point.
     */
    public static double maxX(final long count)
    {
        return Math.max(1.0, Math.min(MAX_X, Math.ceil(Math.log10(Math.max(1, count)))));
    }

    /**
     * The curve of a histogram of nanoseconds.
     *
     * @param histogram the histogram.
     * @return points in rising x, empty for an empty histogram.
     */
    public static List<Point> of(final Histogram histogram)
    {
        final List<Point> points = new ArrayList<>();
        final long count = histogram.getTotalCount();
        if (0 == count)
        {
            return points;
        }
        final double lastX = maxX(count);
        for (final HistogramIterationValue value : histogram.percentiles(HgrmWriter.PERCENTILE_TICKS_PER_HALF_DISTANCE))
        {
            final double x = Math.min(lastX, x(value.getPercentileLevelIteratedTo()));
            final double valueMs = histogram.highestEquivalentValue(value.getValueIteratedTo()) / HgrmWriter.NS_PER_MS;
            if (!points.isEmpty() && points.get(points.size() - 1).x() >= x)
            {
                final Point last = points.remove(points.size() - 1);
                points.add(new Point(last.x(), Math.max(last.valueMs(), valueMs)));
            }
            else
            {
                points.add(new Point(x, valueMs));
            }
        }
        final double maxMs = histogram.getMaxValue() / HgrmWriter.NS_PER_MS;
        final Point last = points.get(points.size() - 1);
        if (last.x() < lastX)
        {
            points.add(new Point(lastX, maxMs));
        }
        else
        {
            points.set(points.size() - 1, new Point(last.x(), Math.max(last.valueMs(), maxMs)));
        }
        return points;
    }
}
