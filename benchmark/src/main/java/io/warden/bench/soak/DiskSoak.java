package io.warden.bench.soak;

import io.warden.client.WardenClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Sustained writes against a running cell, with every node's disk use sampled once a second: puts of 64-byte values
 * over a fixed set of keys, {@code --inflight} at a time through one client, until {@code --puts} are acknowledged.
 * Writes {@code disk.csv} (seconds, puts acknowledged, then MiB per directory) and {@code disk.svg} (MiB over time per
 * directory) to {@code --out}, and prints one line per 10 s. Under automatic snapshots and purging the curves saw-tooth
 * within a bound; without them they climb for as long as the run lasts.
 * <pre>
 * java -cp benchmark/target/warden-bench.jar io.warden.bench.soak.DiskSoak --gateway 127.0.0.1:7000 \
 *     --puts 10000000 --keys 10000 --inflight 512 --dirs run/node-0,run/node-1,run/node-2 --out docs/perf/disk
 * </pre>
 */
public final class DiskSoak
{
    private DiskSoak()
    {
    }

    /**
     * Run the soak.
     *
     * @param args see the class documentation.
     * @throws InterruptedException if interrupted.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        String gateway = "127.0.0.1:7000";
        String credential = "warden";
        long puts = 10_000_000;
        int keys = 10_000;
        int inflight = 512;
        List<Path> dirs = List.of(Path.of("run/node-0"), Path.of("run/node-1"), Path.of("run/node-2"));
        Path out = Path.of("results/disk");
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            final String value = args[i + 1];
            switch (args[i])
            {
                case "--gateway" -> gateway = value;
                case "--credential" -> credential = value;
                case "--puts" -> puts = Long.parseLong(value);
                case "--keys" -> keys = Integer.parseInt(value);
                case "--inflight" -> inflight = Integer.parseInt(value);
                case "--dirs" -> dirs = Arrays.stream(value.split(",")).map(Path::of).toList();
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        final List<double[]> samples = new ArrayList<>();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Semaphore permits = new Semaphore(inflight);
        final byte[] value = new byte[64];
        Arrays.fill(value, (byte)'v');
        final long startNs = System.nanoTime();
        long nextSampleNs = startNs;
        long nextLineNs = startNs;
        try (WardenClient client = WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints(List.of(gateway))
            .credential(credential)
            .clientName("disk-soak")
            .requestTimeoutNs(TimeUnit.SECONDS.toNanos(30))))
        {
            for (long n = 0; n < puts; n++)
            {
                while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS))
                {
                    nextSampleNs = maybeSample(samples, dirs, startNs, nextSampleNs, acknowledged);
                }
                client.put("/soak/" + (n % keys), value).whenComplete((result, error) ->
                {
                    (null == error ? acknowledged : failed).incrementAndGet();
                    permits.release();
                });
                nextSampleNs = maybeSample(samples, dirs, startNs, nextSampleNs, acknowledged);
                if (System.nanoTime() - nextLineNs >= 0)
                {
                    nextLineNs += TimeUnit.SECONDS.toNanos(10);
                    final double[] last = samples.isEmpty() ? new double[2] : samples.get(samples.size() - 1);
                    System.out.printf(Locale.ROOT, "%5.0f s  %,d puts acknowledged (%d failed)  disk MiB %s%n",
                        (System.nanoTime() - startNs) / 1e9, acknowledged.get(), failed.get(),
                        Arrays.toString(Arrays.copyOfRange(last, 2, last.length)));
                }
            }
            permits.acquire(inflight);
        }
        sample(samples, dirs, startNs, acknowledged);
        write(out, dirs, samples, failed.get());
    }

    private static long maybeSample(
        final List<double[]> samples, final List<Path> dirs, final long startNs, final long nextNs,
        final AtomicLong acknowledged)
    {
        if (System.nanoTime() - nextNs < 0)
        {
            return nextNs;
        }
        sample(samples, dirs, startNs, acknowledged);
        return nextNs + TimeUnit.SECONDS.toNanos(1);
    }

    private static void sample(
        final List<double[]> samples, final List<Path> dirs, final long startNs, final AtomicLong acknowledged)
    {
        final double[] sample = new double[2 + dirs.size()];
        sample[0] = (System.nanoTime() - startNs) / 1e9;
        sample[1] = acknowledged.get();
        for (int i = 0; i < dirs.size(); i++)
        {
            sample[2 + i] = Math.round(bytes(dirs.get(i)) / 1024.0 / 1024.0 * 10) / 10.0;
        }
        samples.add(sample);
    }

    /**
     * Bytes the files under a directory occupy on disk (allocated blocks, as {@code du} counts: segment files are
     * preallocated, sparse where the profile says so).
     */
    private static long bytes(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(DiskSoak::allocated).sum();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return 0;
        }
    }

    private static long allocated(final Path file)
    {
        try
        {
            final Object blocks = Files.getAttribute(file, "unix:blocks");
            return blocks instanceof Long count ? count * 512 : Files.size(file);
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException ex)
        {
            try
            {
                return Files.size(file);
            }
            catch (final IOException gone)
            {
                return 0;
            }
        }
    }

    private static void write(final Path out, final List<Path> dirs, final List<double[]> samples, final long failed)
    {
        try
        {
            Files.createDirectories(out);
            final StringBuilder csv = new StringBuilder("seconds,puts_acknowledged");
            dirs.forEach(dir -> csv.append(',').append(dir.getFileName()).append("_mib"));
            csv.append('\n');
            for (final double[] sample : samples)
            {
                csv.append(String.format(Locale.ROOT, "%.1f,%.0f", sample[0], sample[1]));
                for (int i = 2; i < sample.length; i++)
                {
                    csv.append(',').append(sample[i]);
                }
                csv.append('\n');
            }
            Files.writeString(out.resolve("disk.csv"), csv, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("disk.svg"), DiskChart.svg(dirs, samples), StandardCharsets.UTF_8);
            final double[] last = samples.get(samples.size() - 1);
            double peak = 0;
            for (final double[] sample : samples)
            {
                for (int i = 2; i < sample.length; i++)
                {
                    peak = Math.max(peak, sample[i]);
                }
            }
            System.out.printf(Locale.ROOT, "done: %,.0f puts acknowledged, %d failed, in %.0f s; peak %.1f MiB per " +
                "node directory, at the end %s; %s%n", last[1], failed, last[0], peak,
                Arrays.toString(Arrays.copyOfRange(last, 2, last.length)), out.resolve("disk.svg"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
