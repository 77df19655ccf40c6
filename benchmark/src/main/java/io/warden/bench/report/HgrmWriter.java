package io.warden.bench.report;

import io.warden.bench.workload.WorkloadResult;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code <target>-<workload>-<op>.hgrm} file per histogram: HdrHistogram's percentile distribution, values in
 * milliseconds (the format HdrHistogram's plotter reads).
 */
public final class HgrmWriter
{
    /** Percentile ticks per half distance, as in HdrHistogram's own examples. */
    public static final int PERCENTILE_TICKS_PER_HALF_DISTANCE = 5;
    /** Nanoseconds per millisecond: the output scaling ratio. */
    public static final double NS_PER_MS = 1_000_000.0;

    private HgrmWriter()
    {
    }

    /**
     * File name of one histogram: lower-case letters, digits, dots, dashes; anything else becomes {@code _}.
     *
     * @param target target name.
     * @param key    workload key.
     * @param op     operation.
     * @return the file name.
     */
    public static String fileName(final String target, final String key, final String op)
    {
        return (target + "-" + key + "-" + op).replaceAll("[^A-Za-z0-9._-]", "_") + ".hgrm";
    }

    /**
     * Write every histogram of every result that has samples.
     *
     * @param dir     output directory.
     * @param results results.
     * @return the files written.
     * @throws IOException on failure to write.
     */
    public static List<Path> writeAll(final Path dir, final List<WorkloadResult> results) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        for (final WorkloadResult result : results)
        {
            for (final Map.Entry<String, Histogram> entry : result.histograms().entrySet())
            {
                if (entry.getValue().getTotalCount() == 0)
                {
                    continue;
                }
                final Path file = dir.resolve(fileName(result.target(), result.key(), entry.getKey()));
                write(file, entry.getValue());
                files.add(file);
            }
        }
        return files;
    }

    /**
     * Write one histogram's percentile distribution in milliseconds.
     *
     * @param file      where.
     * @param histogram values in nanoseconds.
     * @throws IOException on failure to write.
     */
    public static void write(final Path file, final Histogram histogram) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, PERCENTILE_TICKS_PER_HALF_DISTANCE, NS_PER_MS);
        }
    }
}
