package io.warden.bench.report;

import io.warden.bench.workload.Latencies;
import io.warden.bench.workload.LoadLoop;
import io.warden.bench.workload.WorkloadResult;
import io.warden.bench.workload.WorkloadSettings;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report writers on a synthetic run of two targets: the plain table, the JSON summary, the {@code .hgrm} files
 * (percentiles in milliseconds) and the self-contained HTML page with one log-percentile chart per operation.
 */
final class ReportWritersTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** 1..1000 ms uniformly, 10,000 samples: p50 = 500 ms, p99 = 990 ms, max = 1000 ms. */
    private static Histogram uniformMs(final int scale)
    {
        final Histogram histogram = Latencies.newHistogram();
        for (int i = 1; i <= 10_000; i++)
        {
            histogram.recordValue((long)i * MS * scale / 10);
        }
        return histogram;
    }

    private static RunSummary summary()
    {
        final WorkloadResult fast = new WorkloadResult("warden", "kv-put", null, "majority, no fsync")
            .parameter("clients", 8)
            .primaryOp("put")
            .histograms(Map.of("put", uniformMs(1)))
            .ops(10_000)
            .throughput(3_333.3, "ops/s")
            .metric("lostWrites", 0L)
            .metric("recoveryMs", Double.NaN)
            .note("a \"quoted\" <note>");
        final WorkloadResult slow = new WorkloadResult("zookeeper", "kv-put", null, "majority, fsync")
            .parameter("clients", 8)
            .primaryOp("put")
            .histograms(Map.of("put", uniformMs(10), "put" + LoadLoop.UNCORRECTED_SUFFIX, uniformMs(5)))
            .ops(10_000)
            .throughput(333.3, "ops/s")
            .addErrors(2);
        final WorkloadResult skipped = WorkloadResult.skipped("zookeeper", "watch-fanout", "majority, fsync", "why not");
        return new RunSummary("2026-01-01T00:00:00Z", "warden-bench --quick", new WorkloadSettings(),
            List.of(new RunSummary.TargetInfo("warden", "majority, no fsync", "3 nodes", null),
                new RunSummary.TargetInfo("zookeeper", "majority, fsync", "3 members", null)),
            List.of(fast, slow, skipped));
    }

    @Test
    void writesEveryFileWithTheNumbersOfTheHistograms(@TempDir final Path dir) throws Exception
    {
        final List<Path> files = ReportWriter.write(dir, summary());
        assertEquals(7, files.size(), "table, JSON, three .hgrm, the page and one SVG chart: " + files);

        final String table = Files.readString(dir.resolve(ReportWriter.SUMMARY_TXT), StandardCharsets.UTF_8);
        final String wardenRow = table.lines().filter(l -> l.startsWith("warden ")).findFirst().orElseThrow();
        assertTrue(wardenRow.matches(".*put\\s+10000\\s+3,333 ops/s\\s+0\\s+500\\s+900\\s+990\\s+999\\s+1,000"),
            wardenRow);
        assertTrue(table.contains("majority, fsync"), table);
        assertTrue(table.contains("why not"), table);
        assertTrue(table.contains("recoveryMs=n/a"), table);
        assertTrue(table.contains("put.uncorrected"), table);

        final String json = Files.readString(dir.resolve(ReportWriter.SUMMARY_JSON), StandardCharsets.UTF_8);
        assertEquals(3, count(json, "\"target\": "));
        assertTrue(json.contains("\"durability\": \"majority, no fsync\""), json);
        assertTrue(json.contains("\"recoveryMs\": null"), json);
        assertTrue(json.contains("\"note\\\"") || json.contains("a \\\"quoted\\\" <note>"), json);
        final Matcher p99 = Pattern.compile("\"p99Ms\": ([0-9.]+)").matcher(json);
        assertTrue(p99.find());
        assertEquals(990.0, Double.parseDouble(p99.group(1)), 1.0);
        assertTrue(json.contains("\"hgrm\": \"zookeeper-kv-put-put.uncorrected.hgrm\""), json);

        final String hgrm = Files.readString(dir.resolve("warden-kv-put-put.hgrm"), StandardCharsets.US_ASCII);
        final Matcher median = Pattern.compile("(?m)^\\s+([0-9.]+)\\s+0\\.500000000000\\s").matcher(hgrm);
        assertTrue(median.find(), hgrm);
        assertEquals(500.0, Double.parseDouble(median.group(1)), 1.0);
        assertTrue(hgrm.contains("#[Max     =     1000."), hgrm);
        assertTrue(Files.exists(dir.resolve("zookeeper-kv-put-put.uncorrected.hgrm")));
    }

    @Test
    void htmlIsSelfContainedWithOneLogPercentileChartPerOperation(@TempDir final Path dir) throws Exception
    {
        ReportWriter.write(dir, summary());
        final String html = Files.readString(dir.resolve(ReportWriter.REPORT_HTML), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no external stylesheet");
        assertFalse(html.contains("src="), "nothing loaded");
        assertEquals(1, count(html, "<svg"), "one chart: kv-put/put (uncorrected is drawn inside it)");
        assertTrue(html.contains(">99.9%<") && html.contains(">90%<") && html.contains(">0%<"), "percentile axis");
        assertTrue(html.contains("zookeeper (uncorrected)") && html.contains("stroke-dasharray"), "dashed uncorrected");
        assertEquals(3, count(html, "<path d=\"M"), "a curve per target plus the uncorrected one");
        assertTrue(html.contains("a &quot;quoted&quot; &lt;note&gt;"), "escaped note");
        assertTrue(html.contains("why not"));

        final Path svg = dir.resolve(ReportWriter.PLOTS_DIR).resolve("kv-put-put.svg");
        final String chart = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(chart.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), "a standalone SVG image");
        assertTrue(html.contains(chart), "the same chart as in the page");
    }

    @Test
    void percentileCurveUsesTheLogPercentileAxis()
    {
        assertEquals(0.0, PercentileCurve.x(0), 1e-9);
        assertEquals(1.0, PercentileCurve.x(90), 1e-9);
        assertEquals(2.0, PercentileCurve.x(99), 1e-9);
        assertEquals(3.0, PercentileCurve.x(99.9), 1e-9);
        assertEquals(PercentileCurve.MAX_X, PercentileCurve.x(100), 1e-9);
        assertEquals(4.0, PercentileCurve.maxX(10_000), 1e-9);
        assertEquals(1.0, PercentileCurve.maxX(1), 1e-9);

        final List<PercentileCurve.Point> points = PercentileCurve.of(uniformMs(1));
        for (int i = 1; i < points.size(); i++)
        {
            assertTrue(points.get(i).x() > points.get(i - 1).x(), "x rises");
            assertTrue(points.get(i).valueMs() >= points.get(i - 1).valueMs(), "latency never falls");
        }
        final PercentileCurve.Point last = points.get(points.size() - 1);
        assertEquals(4.0, last.x(), 1e-9);
        assertEquals(1000.0, last.valueMs(), 1.0);
        assertTrue(PercentileCurve.of(Latencies.newHistogram()).isEmpty());
    }

    @Test
    void jsonWriterEscapesAndWritesNonFiniteNumbersAsNull()
    {
        final String json = JsonWriter.write(Map.of("k", List.of("a\"b\\c\n\u0001", 1.5, Double.NaN, 3L, true)));
        assertEquals("{\n  \"k\": [\n    \"a\\\"b\\\\c\\n\\u0001\",\n    1.5,\n    null,\n    3,\n    true\n  ]\n}\n",
            json);
        assertEquals("1.23457", JsonWriter.write(1.2345678).trim());
        assertEquals("2", JsonWriter.write(2.0).trim());
    }

    @Test
    void millisecondsAreShownWithAboutThreeDigits()
    {
        assertEquals("0.53", SummaryTable.ms(0.531));
        assertEquals("14.6", SummaryTable.ms(14.61));
        assertEquals("1,234", SummaryTable.ms(1234.4));
        assertEquals("-", SummaryTable.ms(Double.NaN));
        assertEquals("n/a", SummaryTable.number(Double.NaN));
        assertEquals("7", SummaryTable.number(7L));
        assertEquals("0.125", SummaryTable.number(0.125));
        assertEquals("warden-watch-fanout-1000-notify.hgrm", HgrmWriter.fileName("warden", "watch-fanout-1000", "notify"));
        assertEquals("a_b-c-d_e.hgrm", HgrmWriter.fileName("a b", "c", "d/e"));
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length()))
        {
            count++;
        }
        return count;
    }
}
