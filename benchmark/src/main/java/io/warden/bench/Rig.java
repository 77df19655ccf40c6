package io.warden.bench;

import io.warden.bench.report.ReportWriter;
import io.warden.bench.report.RunSummary;
import io.warden.bench.report.SummaryTable;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.bench.workload.Progress;
import io.warden.bench.workload.TargetWarmup;
import io.warden.bench.workload.Workload;
import io.warden.bench.workload.WorkloadContext;
import io.warden.bench.workload.WorkloadResult;
import io.warden.bench.workload.WorkloadSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a suite: for each target, start it, warm it up ({@link TargetWarmup}, unmeasured), run each workload it
 * supports (recording the others as skipped), stop it;
 * after each workload the reports under the output directory are rewritten, so an interrupted run keeps what it
 * measured. A target is closed (its processes stopped by pid) also when the JVM is shut down by a signal. Used from
 * one thread.
 * <pre>{@code
 * RunSummary summary = new Rig(settings, environment, Path.of("results/now"), progress)
 *     .run(List.of(() -> Targets.create("zookeeper", environment)), Workloads.byNames(List.of("kv-put")));
 * }</pre>
 */
public final class Rig
{
    private final WorkloadSettings settings;
    private final TargetEnvironment environment;
    private final Path outDir;
    private final Progress progress;
    private final String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private String command;
    private volatile Target current;

    /**
     * A rig.
     *
     * @param settings    workload settings.
     * @param environment repository, run directory, classpath.
     * @param outDir      where the reports go.
     * @param progress    progress display.
     */
    public Rig(
        final WorkloadSettings settings, final TargetEnvironment environment, final Path outDir, final Progress progress)
    {
        this.settings = settings;
        this.environment = environment;
        this.outDir = outDir;
        this.progress = progress;
    }

    /**
     * Record the command line in the reports.
     *
     * @param command the command line.
     * @return this.
     */
    public Rig command(final String command)
    {
        this.command = command;
        return this;
    }

    /**
     * Run every workload against every target, in order.
     *
     * @param targets   makes each target (not yet started).
     * @param workloads workloads in order.
     * @return the summary, also written under the output directory.
     * @throws IOException on failure to write the reports.
     */
    public RunSummary run(final List<Supplier<Target>> targets, final List<Workload> workloads) throws IOException
    {
        final List<RunSummary.TargetInfo> infos = new ArrayList<>();
        final List<WorkloadResult> results = new ArrayList<>();
        final Thread shutdownHook = new Thread(() ->
        {
            final Target target = current;
            if (null != target)
            {
                System.err.println("[rig] interrupted: stopping " + target.name());
                target.close();
            }
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try
        {
            for (final Supplier<Target> supplier : targets)
            {
                runTarget(supplier.get(), workloads, infos, results);
            }
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException ignore)
            {
                // already shutting down
            }
        }
        final RunSummary summary = summary(infos, results);
        ReportWriter.write(outDir, summary);
        return summary;
    }

    private RunSummary summary(final List<RunSummary.TargetInfo> infos, final List<WorkloadResult> results)
    {
        return new RunSummary(startedAt, command, settings, List.copyOf(infos), List.copyOf(results));
    }

    private void runTarget(
        final Target target,
        final List<Workload> workloads,
        final List<RunSummary.TargetInfo> infos,
        final List<WorkloadResult> results) throws IOException
    {
        current = target;
        String error = null;
        final int infoIndex = infos.size();
        infos.add(new RunSummary.TargetInfo(target.name(), "(starting)", "", null));
        try
        {
            progress.begin(target.name(), "start");
            progress.note("starting " + target.name());
            final long startNs = System.nanoTime();
            target.start();
            progress.note(String.format(java.util.Locale.ROOT, "%s started in %.1f s: %s", target.name(),
                (System.nanoTime() - startNs) / 1e9, target.durability()));
            infos.set(infoIndex, new RunSummary.TargetInfo(target.name(), target.durability(), target.describe(), null));

            final WorkloadContext context = new WorkloadContext(target, settings, progress, environment, runId);
            progress.begin(target.name(), "target-warmup");
            final long warmupErrors = TargetWarmup.run(context);
            if (warmupErrors > 0)
            {
                progress.note("target warm-up: " + warmupErrors + " operations failed");
            }
            for (final Workload workload : workloads)
            {
                if (!target.capabilities().containsAll(workload.requires()))
                {
                    final List<Object> missing = new ArrayList<>(workload.requires());
                    missing.removeAll(target.capabilities());
                    results.add(WorkloadResult.skipped(target.name(), workload.name(), target.durability(),
                        "not supported by " + target.name() + " (needs " + missing + ")"));
                    continue;
                }
                progress.begin(target.name(), workload.name());
                final long workloadStartNs = System.nanoTime();
                try
                {
                    final List<WorkloadResult> produced = workload.run(context);
                    results.addAll(produced);
                    for (final WorkloadResult result : produced)
                    {
                        progress.note(String.format(java.util.Locale.ROOT, "done %s in %.1f s: %,.0f %s, errors %d",
                            result.key(), (System.nanoTime() - workloadStartNs) / 1e9, result.throughputOpsPerSec(),
                            result.throughputUnit(), result.errors()));
                    }
                }
                catch (final Exception | AssertionError ex)
                {
                    progress.note("FAILED " + workload.name() + ": " + ex);
                    ex.printStackTrace();
                    results.add(new WorkloadResult(target.name(), workload.name(), null, target.durability())
                        .failed(String.valueOf(ex)));
                }
                ReportWriter.write(outDir, summary(infos, results));
            }
        }
        catch (final Exception ex)
        {
            error = "could not start: " + ex.getMessage();
            progress.note("FAILED to start " + target.name() + ": " + ex);
            for (final Workload workload : workloads)
            {
                results.add(WorkloadResult.skipped(target.name(), workload.name(), "(not started)", error));
            }
        }
        finally
        {
            progress.begin(target.name(), "stop");
            progress.note("stopping " + target.name());
            target.close();
            current = null;
            if (null != error)
            {
                infos.set(infoIndex, new RunSummary.TargetInfo(target.name(), "(not started)", "", error));
            }
            ReportWriter.write(outDir, summary(infos, results));
        }
    }

    /**
     * Print a summary as the plain table.
     *
     * @param summary the run.
     * @return the table.
     */
    public static String table(final RunSummary summary)
    {
        return SummaryTable.render(summary);
    }
}
