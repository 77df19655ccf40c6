package io.warden.bench;

import io.warden.bench.report.ReportWriter;
import io.warden.bench.report.RunSummary;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.bench.workload.Progress;
import io.warden.bench.workload.Workload;
import io.warden.bench.workload.WorkloadResult;
import io.warden.bench.workload.WorkloadSettings;
import io.warden.bench.workload.Workloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The load rig's command line: runs a suite of workloads against chosen targets and writes {@code summary.txt},
 * {@code summary.json}, one {@code .hgrm} per histogram and {@code report.html} under {@code --out}.
 * <pre>
 * scripts/warden-bench.sh --targets warden,aeron-echo,zookeeper,etcd --quick
 * scripts/warden-bench.sh --targets warden,etcd --workloads kv-put,kv-get --clients 32 --duration 10s --rate 2000
 * </pre>
 * Exit status 0 when every selected workload ran (or was skipped as unsupported), 1 when a target did not start or a
 * workload failed, 2 for bad options.
 */
@Command(
    name = "warden-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Load rig: runs workloads against warden, aeron-echo, zookeeper and etcd on loopback and writes " +
        "summary.txt, summary.json, .hgrm files and report.html.")
public final class LoadRig implements Callable<Integer>
{
    @Option(names = "--targets", split = ",", defaultValue = "warden",
        description = "Targets, in order: warden, warden-sync0, warden-sync1, warden-sync2, aeron-echo, zookeeper, " +
            "etcd; warden-syncN is warden at warden.file.sync.level=N, warden has the profile's level " +
            "(default: ${DEFAULT-VALUE}).")
    private List<String> targets;

    @Option(names = "--workloads", split = ",", defaultValue = "all",
        description = "Workloads or 'all': lock-uncontended, lock-contended, kv-put, kv-get, watch-fanout, " +
            "session-expiry, mixed, failover (default: ${DEFAULT-VALUE}).")
    private List<String> workloads;

    @Option(names = "--clients", description = "Client threads, each with its own connection and session " +
        "(default 32; --quick 8).")
    private Integer clients;

    @Option(names = "--duration", description = "Measured time per load phase, e.g. 10s, 500ms (default 10s; " +
        "--quick 3s).")
    private String duration;

    @Option(names = "--warmup", description = "Warm-up before each load phase (default 3s; --quick 1s).")
    private String warmup;

    @Option(names = "--rate", description = "Open loop at this many operations per second over all clients, " +
        "latency from each request's intended send time; absent: closed loop.")
    private Double rate;

    @Option(names = "--watchers", split = ",", description = "Watcher counts of watch-fanout (default 1000,10000).")
    private int[] watchers;

    @Option(names = "--watch-updates", description = "Updates the watch-fanout writer makes (default 100; " +
        "--quick 20), at 10/s.")
    private Integer watchUpdates;

    @Option(names = "--ttl", description = "Session / lease TTL of every client, e.g. 2s (default 2s).")
    private String ttl;

    @Option(names = "--expiry-trials", description = "Holder kills in session-expiry (default 5; --quick 2).")
    private Integer expiryTrials;

    @Option(names = "--failover-duration", description = "Measured time of failover; the leader dies a third of " +
        "the way in (default 12s; --quick 8s).")
    private String failoverDuration;

    @Option(names = "--value-size", description = "Bytes per written value (default 64).")
    private Integer valueSize;

    @Option(names = "--out", description = "Output directory (default results/<timestamp>).")
    private Path out;

    @Option(names = "--quick", description = "Short everything: a few seconds per workload, 8 clients.")
    private boolean quick;

    @Option(names = "--repo", description = "Warden repository root (default: found from the working directory).")
    private Path repo;

    @Option(names = "--run-dir", description = "Data, logs and pid files of the targets (default <repo>/run/bench).")
    private Path runDir;

    @Option(names = "--progress-interval", defaultValue = "2s",
        description = "How often progress is printed on stderr (default ${DEFAULT-VALUE}; 0 for none).")
    private String progressInterval;

    /**
     * Run the rig.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        quietLogging();
        final CommandLine commandLine = new CommandLine(new LoadRig());
        commandLine.setExitCodeExceptionMapper(ex -> 2);
        System.exit(commandLine.execute(args));
    }

    /**
     * Make the peer clients' logging (slf4j-simple) print warnings only, unless set otherwise.
     */
    public static void quietLogging()
    {
        if (null == System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"))
        {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // ZooKeeper's client logs every refused reconnect with a stack trace during failover; keep the real errors.
        for (final String logger : new String[]{"org.apache.zookeeper", "org.apache.curator"})
        {
            final String name = "org.slf4j.simpleLogger.log." + logger;
            if (null == System.getProperty(name))
            {
                System.setProperty(name, "error");
            }
        }
    }

    /**
     * Parse a duration: a number with {@code ms}, {@code s} or {@code m}, or a plain number of seconds.
     *
     * @param text e.g. {@code 10s}, {@code 500ms}, {@code 2}.
     * @return milliseconds.
     */
    public static long parseDurationMs(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            if (value.endsWith("ms"))
            {
                return Long.parseLong(value.substring(0, value.length() - 2).trim());
            }
            if (value.endsWith("s"))
            {
                return Math.round(Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 1000);
            }
            if (value.endsWith("m"))
            {
                return Math.round(Double.parseDouble(value.substring(0, value.length() - 1).trim()) * 60_000);
            }
            return Math.round(Double.parseDouble(value) * 1000);
        }
        catch (final NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException("not a duration: '" + text + "' (try 10s or 500ms)");
        }
    }

    /**
     * The settings the options ask for.
     *
     * @return settings.
     */
    WorkloadSettings settings()
    {
        final WorkloadSettings settings = quick ? WorkloadSettings.quick() : new WorkloadSettings();
        if (null != clients)
        {
            settings.clients(clients);
        }
        if (null != duration)
        {
            settings.durationMs(parseDurationMs(duration));
        }
        if (null != warmup)
        {
            settings.warmupMs(parseDurationMs(warmup));
        }
        if (null != rate)
        {
            settings.rateOpsPerSec(rate);
        }
        if (null != watchers)
        {
            settings.watcherCounts(watchers);
        }
        if (null != watchUpdates)
        {
            settings.watchUpdates(watchUpdates);
        }
        if (null != ttl)
        {
            settings.ttlMs(parseDurationMs(ttl));
        }
        if (null != expiryTrials)
        {
            settings.expiryTrials(expiryTrials);
        }
        if (null != failoverDuration)
        {
            settings.failoverDurationMs(parseDurationMs(failoverDuration));
        }
        if (null != valueSize)
        {
            settings.valueLength(valueSize);
        }
        return settings;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        final WorkloadSettings settings;
        final List<Workload> selected;
        try
        {
            settings = settings();
            selected = Workloads.byNames(workloads);
            for (final String target : targets)
            {
                if (!Targets.NAMES.contains(target))
                {
                    throw new IllegalArgumentException("unknown target '" + target + "'; known: " + Targets.NAMES);
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("warden-bench: " + ex.getMessage());
            return 2;
        }

        final Path repoDir = null != repo ? repo.toAbsolutePath() :
            TargetEnvironment.findRepoDir(Path.of("").toAbsolutePath());
        final TargetEnvironment environment = new TargetEnvironment(repoDir,
            null != runDir ? runDir.toAbsolutePath() : repoDir.resolve("run").resolve("bench"),
            System.getProperty("java.class.path"));
        final Path outDir = null != out ? out.toAbsolutePath() : Path.of("results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();

        System.err.println("warden-bench: targets " + targets + ", workloads " +
            selected.stream().map(Workload::name).toList() + ", " + settings + "; output " + outDir);
        final List<Supplier<Target>> suppliers = new ArrayList<>();
        for (final String name : targets)
        {
            suppliers.add(() -> Targets.create(name, environment));
        }

        final RunSummary summary;
        try (Progress progress = new Progress(System.err, parseDurationMs(progressInterval)))
        {
            summary = new Rig(settings, environment, outDir, progress)
                .command("warden-bench " + String.join(" ", commandLineArgs()))
                .run(suppliers, selected);
        }

        System.out.println();
        System.out.print(Rig.table(summary));
        System.out.println();
        System.out.println("reports: " + outDir.resolve(ReportWriter.SUMMARY_TXT) + ", " +
            outDir.resolve(ReportWriter.SUMMARY_JSON) + ", " + outDir.resolve(ReportWriter.REPORT_HTML) +
            " and one .hgrm per histogram in " + outDir);
        final boolean isFailed = summary.results().stream().map(WorkloadResult::skippedReason)
            .anyMatch(reason -> null != reason && (reason.startsWith("failed") || reason.startsWith("could not")));
        return isFailed ? 1 : 0;
    }

    private List<String> commandLineArgs()
    {
        final List<String> args = new ArrayList<>();
        args.add("--targets " + String.join(",", targets));
        args.add("--workloads " + String.join(",", workloads));
        if (quick)
        {
            args.add("--quick");
        }
        if (null != clients)
        {
            args.add("--clients " + clients);
        }
        if (null != duration)
        {
            args.add("--duration " + duration);
        }
        if (null != warmup)
        {
            args.add("--warmup " + warmup);
        }
        if (null != rate)
        {
            args.add("--rate " + rate);
        }
        if (null != watchers)
        {
            args.add("--watchers " + String.join(",", Arrays.stream(watchers).mapToObj(Integer::toString).toList()));
        }
        if (null != ttl)
        {
            args.add("--ttl " + ttl);
        }
        return args;
    }
}
