package io.warden.bench.report;

import io.warden.bench.workload.LoadLoop;
import io.warden.bench.workload.WorkloadResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plain-text summary ({@code summary.txt}, also printed at the end of a run): the settings, each target's
 * durability, then one row per target, workload and operation with count, throughput (on the primary operation's
 * row), errors and latency percentiles in milliseconds, and the derived metrics under each result.
 */
public final class SummaryTable
{
    private static final String[] HEADER =
        {"target", "workload", "op", "count", "throughput", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
            "max ms"};

    private SummaryTable()
    {
    }

    /**
     * Render a run as text.
     *
     * @param summary the run.
     * @return the table.
     */
    public static String render(final RunSummary summary)
    {
        final StringBuilder out = new StringBuilder();
        out.append("Warden load rig, started ").append(summary.startedAt()).append('\n');
        out.append("settings: ").append(summary.settings()).append('\n');
        if (null != summary.command())
        {
            out.append("command: ").append(summary.command()).append('\n');
        }
        out.append('\n').append("durability:\n");
        for (final RunSummary.TargetInfo target : summary.targets())
        {
            out.append(String.format(Locale.ROOT, "  %-11s %s%n", target.name(), target.durability()));
            out.append(String.format(Locale.ROOT, "  %-11s %s%n", "", target.description()));
            if (null != target.error())
            {
                out.append(String.format(Locale.ROOT, "  %-11s ERROR: %s%n", "", target.error()));
            }
        }
        out.append('\n');

        final List<String[]> rows = new ArrayList<>();
        final List<String> trailers = new ArrayList<>();
        rows.add(HEADER);
        for (final WorkloadResult result : summary.results())
        {
            addRows(rows, trailers, result);
        }
        out.append(format(rows, trailers));
        return out.toString();
    }

    private static void addRows(final List<String[]> rows, final List<String> trailers, final WorkloadResult result)
    {
        if (result.isSkipped())
        {
            rows.add(new String[]{result.target(), result.key(), "-", "-", "-", "-", "-", "-", "-", "-", "-"});
            trailers.add(rows.size() - 1 + "\t" + result.skippedReason());
            return;
        }

        boolean isFirst = true;
        for (final String op : orderedOps(result))
        {
            final Histogram histogram = result.histograms().get(op);
            final LatencyStats stats = LatencyStats.of(histogram);
            final boolean isPrimary = op.equals(result.primaryOp());
            rows.add(new String[]{
                isFirst ? result.target() : "",
                isFirst ? result.key() : "",
                op,
                Long.toString(stats.count()),
                isPrimary && !"n/a".equals(result.throughputUnit()) ?
                    String.format(Locale.ROOT, "%,.0f %s", result.throughputOpsPerSec(), result.throughputUnit()) : "",
                isPrimary ? Long.toString(result.errors()) : "",
                ms(stats.p50Ms()), ms(stats.p90Ms()), ms(stats.p99Ms()), ms(stats.p999Ms()), ms(stats.maxMs())});
            isFirst = false;
        }
        if (isFirst)
        {
            rows.add(new String[]{result.target(), result.key(), "-", "0", "", Long.toString(result.errors()),
                "-", "-", "-", "-", "-"});
        }

        final StringBuilder trailer = new StringBuilder();
        for (final Map.Entry<String, Number> metric : result.metrics().entrySet())
        {
            trailer.append(trailer.length() > 0 ? "  " : "").append(metric.getKey()).append('=')
                .append(number(metric.getValue()));
        }
        for (final String note : result.notes())
        {
            trailer.append(trailer.length() > 0 ? "\n" : "").append("note: ").append(note);
        }
        if (trailer.length() > 0)
        {
            trailers.add(rows.size() - 1 + "\t" + trailer);
        }
    }

    /**
     * Operations of a result, primary first, each {@code .uncorrected} right after its corrected operation.
     *
     * @param result the result.
     * @return operation names.
     */
    public static List<String> orderedOps(final WorkloadResult result)
    {
        final List<String> ops = new ArrayList<>();
        final String primary = result.primaryOp();
        if (null != primary && result.histograms().containsKey(primary))
        {
            ops.add(primary);
            if (result.histograms().containsKey(primary + LoadLoop.UNCORRECTED_SUFFIX))
            {
                ops.add(primary + LoadLoop.UNCORRECTED_SUFFIX);
            }
        }
        for (final String op : result.histograms().keySet())
        {
            if (!ops.contains(op))
            {
                ops.add(op);
            }
        }
        return ops;
    }

    private static String format(final List<String[]> rows, final List<String> trailers)
    {
        final int columns = HEADER.length;
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int c = 0; c < columns; c++)
            {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }

        final StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++)
        {
            final String[] row = rows.get(r);
            if (r > 0 && !row[0].isEmpty())
            {
                out.append('\n');
            }
            final StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                final boolean isLeft = c < 3;
                final String cell = row[c];
                final String padded = isLeft ?
                    cell + " ".repeat(widths[c] - cell.length()) : " ".repeat(widths[c] - cell.length()) + cell;
                line.append(c > 0 ? "  " : "").append(padded);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (0 == r)
            {
                out.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
            for (final String trailer : trailers)
            {
                final int tab = trailer.indexOf('\t');
                if (Integer.parseInt(trailer.substring(0, tab)) == r)
                {
                    for (final String text : trailer.substring(tab + 1).split("\n"))
                    {
                        out.append("    ").append(text).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A latency in milliseconds with three significant digits or so.
     *
     * @param valueMs milliseconds.
     * @return text, {@code -} for NaN.
     */
    public static String ms(final double valueMs)
    {
        if (Double.isNaN(valueMs))
        {
            return "-";
        }
        if (valueMs >= 100)
        {
            return String.format(Locale.ROOT, "%,.0f", valueMs);
        }
        if (valueMs >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", valueMs);
        }
        return String.format(Locale.ROOT, "%.2f", valueMs);
    }

    /**
     * A metric value: integers as integers, others with up to three decimals, NaN as {@code n/a}.
     *
     * @param value the number.
     * @return text.
     */
    public static String number(final Number value)
    {
        if (value instanceof Double || value instanceof Float)
        {
            final double v = value.doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v))
            {
                return "n/a";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15)
            {
                return Long.toString((long)v);
            }
            return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
        }
        return String.valueOf(value);
    }
}
