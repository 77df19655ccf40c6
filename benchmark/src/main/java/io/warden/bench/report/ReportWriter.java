package io.warden.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes every output of a run under one directory: {@code summary.txt}, {@code summary.json}, one {@code .hgrm} per
 * histogram and {@code report.html}.
 */
public final class ReportWriter
{
    /** Plain table. */
    public static final String SUMMARY_TXT = "summary.txt";
    /** JSON summary. */
    public static final String SUMMARY_JSON = "summary.json";
    /** HTML report. */
    public static final String REPORT_HTML = "report.html";
    /** Directory of the report's charts as standalone SVG files. */
    public static final String PLOTS_DIR = "plots";

    private ReportWriter()
    {
    }

    /**
     * Write everything.
     *
     * @param dir     output directory (created if missing).
     * @param summary the run.
     * @return the files written.
     * @throws IOException on failure to write.
     */
    public static List<Path> write(final Path dir, final RunSummary summary) throws IOException
    {
        Files.createDirectories(dir);
        final List<Path> files = new ArrayList<>();
        files.add(Files.writeString(dir.resolve(SUMMARY_TXT), SummaryTable.render(summary), StandardCharsets.UTF_8));
        files.add(Files.writeString(dir.resolve(SUMMARY_JSON), JsonSummary.render(summary), StandardCharsets.UTF_8));
        files.addAll(HgrmWriter.writeAll(dir, summary.results()));
        files.add(Files.writeString(dir.resolve(REPORT_HTML), HtmlReport.render(summary), StandardCharsets.UTF_8));
        final Path plots = Files.createDirectories(dir.resolve(PLOTS_DIR));
        for (final Map.Entry<String, String> chart : HtmlReport.charts(summary).entrySet())
        {
            files.add(Files.writeString(plots.resolve(chart.getKey()), chart.getValue(), StandardCharsets.UTF_8));
        }
        return files;
    }
}
