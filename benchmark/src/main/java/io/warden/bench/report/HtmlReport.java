package io.warden.bench.report;

import io.warden.bench.workload.LoadLoop;
import io.warden.bench.workload.WorkloadResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script) with the run's settings, each
 * target's durability, the summary table, and per workload one chart per operation overlaying every target's
 * latency-by-percentile curve on HdrHistogram's log percentile axis (x: 0%, 90%, 99%, 99.9%, ...; y: latency in ms on
 * a log scale, since targets differ by orders of magnitude). In open loop the uncorrected (service time) curve of
 * the primary operation is drawn dashed next to the corrected one. Derived metrics and notes follow each chart group.
 */
public final class HtmlReport
{
    /** Chart width in pixels. */
    public static final int WIDTH = 760;
    /** Chart height in pixels. */
    public static final int HEIGHT = 380;

    private static final int LEFT = 70;
    private static final int RIGHT = 180;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;
    private static final String[] PERCENTILE_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    private static final Map<String, String> TARGET_COLOURS = Map.of(
        "warden", "#1f63b4",
        "aeron-echo", "#7a7a7a",
        "zookeeper", "#2a9d3a",
        "etcd", "#d4462d");
    private static final String[] FALLBACK_COLOURS = {"#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"};

    private HtmlReport()
    {
    }

    /**
     * Render a run as an HTML page.
     *
     * @param summary the run.
     * @return the page.
     */
    public static String render(final RunSummary summary)
    {
        final StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .append("<title>Warden load rig ").append(escape(summary.startedAt())).append("</title>\n")
            .append("<style>\n")
            .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;")
            .append("color:#222;max-width:1200px}\n")
            .append("h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}")
            .append("h3{font-size:15px;margin:16px 0 4px}\n")
            .append("table{border-collapse:collapse;font-size:13px;margin:8px 0}")
            .append("td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}")
            .append("td.l,th.l{text-align:left}th{background:#f4f4f4}\n")
            .append(".metrics{font-size:13px;color:#333;margin:4px 0 12px}.note{color:#a33}")
            .append(".skip{color:#888}.charts{display:flex;flex-wrap:wrap;gap:8px}\n")
            .append("svg text{font-family:inherit}\n")
            .append("</style></head><body>\n");

        out.append("<h1>Warden load rig</h1>\n<p>Started ").append(escape(summary.startedAt())).append(". ")
            .append(escape(String.valueOf(summary.settings()))).append("</p>\n");
        if (null != summary.command())
        {
            out.append("<p><code>").append(escape(summary.command())).append("</code></p>\n");
        }

        out.append("<h2>Targets and durability</h2>\n<table><tr><th class=\"l\">target</th>")
            .append("<th class=\"l\">durability</th><th class=\"l\">setup</th></tr>\n");
        for (final RunSummary.TargetInfo target : summary.targets())
        {
            out.append("<tr><td class=\"l\"><b style=\"color:").append(colour(target.name(), summary)).append("\">")
                .append(escape(target.name())).append("</b></td><td class=\"l\">").append(escape(target.durability()))
                .append("</td><td class=\"l\">").append(escape(target.description()))
                .append(null == target.error() ? "" : "<br><span class=\"note\">" + escape(target.error()) + "</span>")
                .append("</td></tr>\n");
        }
        out.append("</table>\n");

        out.append("<h2>Summary</h2>\n");
        summaryTable(out, summary.results(), summary);

        for (final Map.Entry<String, List<WorkloadResult>> entry : byWorkload(summary).entrySet())
        {
            workloadSection(out, entry.getKey(), entry.getValue(), summary);
        }

        out.append("<p style=\"color:#888;font-size:12px\">Latencies from HdrHistogram; one <code>.hgrm</code> file ")
            .append("per curve sits next to this page. Open-loop latencies are measured from each request's ")
            .append("intended send time (coordinated-omission corrected).</p>\n</body></html>\n");
        return out.toString();
    }

    private static void summaryTable(final StringBuilder out, final List<WorkloadResult> results, final RunSummary run)
    {
        out.append("<table><tr><th class=\"l\">workload</th><th class=\"l\">target</th><th class=\"l\">op</th>")
            .append("<th>throughput</th><th>errors</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>")
            .append("<th>p99.9 ms</th><th>max ms</th></tr>\n");
        for (final WorkloadResult result : results)
        {
            out.append("<tr><td class=\"l\">").append(escape(result.key())).append("</td><td class=\"l\" style=\"color:")
                .append(colour(result.target(), run)).append("\">").append(escape(result.target())).append("</td>");
            if (result.isSkipped())
            {
                out.append("<td class=\"l skip\" colspan=\"8\">").append(escape(result.skippedReason()))
                    .append("</td></tr>\n");
                continue;
            }
            final String op = result.primaryOp();
            final Histogram histogram = null == op ? null : result.histograms().get(op);
            final LatencyStats stats = null == histogram ? null : LatencyStats.of(histogram);
            out.append("<td class=\"l\">").append(escape(String.valueOf(op))).append("</td><td>")
                .append("n/a".equals(result.throughputUnit()) ? "" : String.format(Locale.ROOT, "%,.0f %s",
                    result.throughputOpsPerSec(), escape(result.throughputUnit())))
                .append("</td><td>").append(result.errors()).append("</td>");
            if (null == stats)
            {
                out.append("<td colspan=\"5\">-</td>");
            }
            else
            {
                for (final double value : new double[]{stats.p50Ms(), stats.p90Ms(), stats.p99Ms(), stats.p999Ms(),
                    stats.maxMs()})
                {
                    out.append("<td>").append(SummaryTable.ms(value)).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    /**
     * Every chart of the report as a standalone SVG image (to embed in a README or a wiki), by file name
     * {@code <workload>-<op>.svg}.
     *
     * @param summary the run.
     * @return file name to SVG document, in report order.
     */
    public static Map<String, String> charts(final RunSummary summary)
    {
        final Map<String, String> charts = new LinkedHashMap<>();
        for (final Map.Entry<String, List<WorkloadResult>> entry : byWorkload(summary).entrySet())
        {
            for (final String op : chartedOps(entry.getValue()))
            {
                charts.put(entry.getKey() + "-" + op + ".svg",
                    chart(entry.getKey() + ": " + op, op, entry.getValue(), summary));
            }
        }
        return charts;
    }

    private static Map<String, List<WorkloadResult>> byWorkload(final RunSummary summary)
    {
        final Map<String, List<WorkloadResult>> byKey = new LinkedHashMap<>();
        for (final WorkloadResult result : summary.results())
        {
            byKey.computeIfAbsent(result.key(), key -> new ArrayList<>()).add(result);
        }
        return byKey;
    }

    private static Set<String> chartedOps(final List<WorkloadResult> results)
    {
        final Set<String> ops = new LinkedHashSet<>();
        for (final WorkloadResult result : results)
        {
            for (final String op : SummaryTable.orderedOps(result))
            {
                if (!op.endsWith(LoadLoop.UNCORRECTED_SUFFIX))
                {
                    ops.add(op);
                }
            }
        }
        return ops;
    }

    private static void workloadSection(
        final StringBuilder out, final String key, final List<WorkloadResult> results, final RunSummary run)
    {
        out.append("<h2 id=\"").append(escape(key)).append("\">").append(escape(key)).append("</h2>\n");
        out.append("<div class=\"charts\">\n");
        for (final String op : chartedOps(results))
        {
            out.append(chart(key + ": " + op, op, results, run));
        }
        out.append("</div>\n");

        for (final WorkloadResult result : results)
        {
            out.append("<div class=\"metrics\"><b style=\"color:").append(colour(result.target(), run)).append("\">")
                .append(escape(result.target())).append("</b> ");
            if (result.isSkipped())
            {
                out.append("<span class=\"skip\">").append(escape(result.skippedReason())).append("</span></div>\n");
                continue;
            }
            if (!"n/a".equals(result.throughputUnit()))
            {
                out.append(String.format(Locale.ROOT, "%,.0f %s", result.throughputOpsPerSec(),
                    escape(result.throughputUnit()))).append(" &middot; ");
            }
            out.append("errors ").append(result.errors());
            for (final Map.Entry<String, Number> metric : result.metrics().entrySet())
            {
                out.append(" &middot; ").append(escape(metric.getKey())).append(' ')
                    .append(escape(SummaryTable.number(metric.getValue())));
            }
            out.append("<br><span style=\"color:#777\">");
            final StringBuilder parameters = new StringBuilder();
            for (final Map.Entry<String, Object> parameter : result.parameters().entrySet())
            {
                parameters.append(parameters.length() > 0 ? ", " : "").append(parameter.getKey()).append('=')
                    .append(parameter.getValue());
            }
            out.append(escape(parameters.toString())).append("</span>");
            for (final String note : result.notes())
            {
                out.append("<br><span class=\"note\">").append(escape(note)).append("</span>");
            }
            out.append("</div>\n");
        }
    }

    private record Series(String label, String colour, boolean isDashed, List<PercentileCurve.Point> points)
    {
    }

    /**
     * One SVG chart of an operation's latency percentiles, one curve per result that has the operation.
     *
     * @param title   chart title.
     * @param op      operation.
     * @param results results of one workload key, one per target.
     * @param run     the run (for colours).
     * @return the SVG element.
     */
    static String chart(final String title, final String op, final List<WorkloadResult> results, final RunSummary run)
    {
        final List<Series> series = new ArrayList<>();
        for (final WorkloadResult result : results)
        {
            final Histogram histogram = result.histograms().get(op);
            if (null != histogram && histogram.getTotalCount() > 0)
            {
                series.add(new Series(result.target(), colour(result.target(), run), false,
                    PercentileCurve.of(histogram)));
            }
            final Histogram uncorrected = result.histograms().get(op + LoadLoop.UNCORRECTED_SUFFIX);
            if (null != uncorrected && uncorrected.getTotalCount() > 0)
            {
                series.add(new Series(result.target() + " (uncorrected)", colour(result.target(), run), true,
                    PercentileCurve.of(uncorrected)));
            }
        }

        final StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
            .append(escape(title)).append("</text>\n");
        if (series.isEmpty())
        {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2)
                .append("\" font-size=\"13\" fill=\"#888\">no samples</text>\n</svg>\n");
            return svg.toString();
        }

        double maxX = 1;
        double minMs = Double.MAX_VALUE;
        double maxMs = 0;
        for (final Series s : series)
        {
            for (final PercentileCurve.Point point : s.points())
            {
                maxX = Math.max(maxX, point.x());
                if (point.valueMs() > 0)
                {
                    minMs = Math.min(minMs, point.valueMs());
                }
                maxMs = Math.max(maxMs, point.valueMs());
            }
        }
        maxX = Math.min(PercentileCurve.MAX_X, Math.ceil(maxX));
        if (minMs == Double.MAX_VALUE)
        {
            minMs = 0.001;
        }
        final double logMin = Math.floor(Math.log10(minMs));
        double logMax = Math.ceil(Math.log10(Math.max(maxMs, minMs)));
        if (logMax <= logMin)
        {
            logMax = logMin + 1;
        }

        final double plotWidth = WIDTH - LEFT - RIGHT;
        final double plotHeight = HEIGHT - TOP - BOTTOM;
        final double xScale = plotWidth / maxX;
        final double yLogMin = logMin;
        final double yLogRange = logMax - logMin;

        svg.append("<g font-size=\"11\" fill=\"#555\">\n");
        for (int decade = 0; decade <= (int)maxX; decade++)
        {
            final double px = LEFT + decade * xScale;
            svg.append(line(px, TOP, px, TOP + plotHeight, "#e6e6e6"));
            svg.append(text(px, TOP + plotHeight + 16, "middle", PERCENTILE_LABELS[decade]));
        }
        for (int exponent = (int)logMin; exponent <= (int)logMax; exponent++)
        {
            for (final int mantissa : new int[]{1, 2, 5})
            {
                final double value = mantissa * Math.pow(10, exponent);
                final double logValue = Math.log10(value);
                if (logValue < logMin - 1e-9 || logValue > logMax + 1e-9)
                {
                    continue;
                }
                final double py = TOP + plotHeight - (logValue - yLogMin) / yLogRange * plotHeight;
                svg.append(line(LEFT, py, LEFT + plotWidth, py, 1 == mantissa ? "#d8d8d8" : "#f0f0f0"));
                svg.append(text(LEFT - 6, py + 4, "end", tickLabel(value)));
            }
        }
        svg.append(text(LEFT + plotWidth / 2, HEIGHT - 8, "middle", "percentile (log scale)"));
        svg.append("<text x=\"14\" y=\"").append(fmt(TOP + plotHeight / 2)).append("\" text-anchor=\"middle\" ")
            .append("transform=\"rotate(-90 14 ").append(fmt(TOP + plotHeight / 2)).append(")\">latency ms (log)</text>\n");
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(fmt(plotWidth))
            .append("\" height=\"").append(fmt(plotHeight)).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        svg.append("</g>\n");

        int legendRow = 0;
        for (final Series s : series)
        {
            final StringBuilder path = new StringBuilder();
            for (final PercentileCurve.Point point : s.points())
            {
                final double value = Math.max(point.valueMs(), Math.pow(10, logMin));
                final double px = LEFT + Math.min(point.x(), maxX) * xScale;
                final double py = TOP + plotHeight - (Math.log10(value) - yLogMin) / yLogRange * plotHeight;
                path.append(path.length() == 0 ? "M" : " L").append(fmt(px)).append(',').append(fmt(py));
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.colour())
                .append("\" stroke-width=\"2\"").append(s.isDashed() ? " stroke-dasharray=\"5,4\"" : "")
                .append("><title>").append(escape(s.label())).append("</title></path>\n");

            final double ly = TOP + 10 + legendRow * 18;
            final double lx = LEFT + plotWidth + 14;
            svg.append("<line x1=\"").append(fmt(lx)).append("\" y1=\"").append(fmt(ly)).append("\" x2=\"")
                .append(fmt(lx + 22)).append("\" y2=\"").append(fmt(ly)).append("\" stroke=\"").append(s.colour())
                .append("\" stroke-width=\"2\"").append(s.isDashed() ? " stroke-dasharray=\"5,4\"" : "").append("/>\n");
            svg.append("<text x=\"").append(fmt(lx + 28)).append("\" y=\"").append(fmt(ly + 4))
                .append("\" font-size=\"12\">").append(escape(s.label())).append("</text>\n");
            legendRow++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String tickLabel(final double value)
    {
        if (value >= 1)
        {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(1)).stripTrailingZeros()
            .toPlainString();
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String colour)
    {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) +
            "\" stroke=\"" + colour + "\"/>\n";
    }

    private static String text(final double x, final double y, final String anchor, final String text)
    {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + escape(text) +
            "</text>\n";
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String colour(final String target, final RunSummary run)
    {
        final String known = TARGET_COLOURS.get(target);
        if (null != known)
        {
            return known;
        }
        int index = 0;
        for (final RunSummary.TargetInfo info : run.targets())
        {
            if (info.name().equals(target))
            {
                break;
            }
            index++;
        }
        return FALLBACK_COLOURS[index % FALLBACK_COLOURS.length];
    }

    /**
     * Escape text for HTML.
     *
     * @param text raw text.
     * @return escaped text.
     */
    static String escape(final String text)
    {
        if (null == text)
        {
            return "";
        }
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
