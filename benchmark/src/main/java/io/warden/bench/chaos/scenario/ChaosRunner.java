package io.warden.bench.chaos.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs chaos scenarios one after another and prints one line per scenario (seed, operations ok/fail/unknown,
 * faults by type, recovery times, violations by kind, acknowledged writes lost) and, last, a plain
 * {@code N passed, N failed} line. A failed run keeps its history, audit stream and node logs under
 * {@code target/chaos/<scenario>/<seed>/}; a passed one deletes them.
 * <pre>
 * java -cp ... io.warden.bench.chaos.scenario.ChaosRunner                 # the fast tier, F0-F9
 * java -cp ... io.warden.bench.chaos.scenario.ChaosRunner --scenario F2 --seed 42
 * java -cp ... io.warden.bench.chaos.scenario.ChaosRunner --soak [--minutes 30]
 * scripts/warden-chaos.sh [--soak] [--scenario F2,F5] [--seed N]        # the same, building first
 * </pre>
 * Exit status: 0 when nothing failed (skipped scenarios do not fail the run), 1 otherwise, 2 on bad arguments.
 */
public final class ChaosRunner
{
    /** System property: keep every run's directory, not only failed ones. */
    public static final String KEEP_PROP_NAME = "warden.chaos.keep";

    private final Path baseDir;
    private final PrintStream out;
    private final List<ScenarioResult> results = new ArrayList<>();

    /**
     * A runner.
     *
     * @param baseDir where run directories go.
     * @param out     where the lines are printed.
     */
    public ChaosRunner(final Path baseDir, final PrintStream out)
    {
        this.baseDir = baseDir;
        this.out = out;
    }

    /**
     * Run one scenario with a seed, print its line, and keep its artifacts if it failed.
     *
     * @param scenario the scenario.
     * @param seed     the seed.
     * @return its result.
     */
    public ScenarioResult run(final Scenario scenario, final long seed)
    {
        out.println("---- " + scenario.id() + " " + scenario.title() + " seed=" + seed);
        out.flush();
        final ScenarioContext ctx = new ScenarioContext(scenario, seed, baseDir);
        final long startNs = System.nanoTime();
        Throwable failure = null;
        try
        {
            scenario.run(ctx);
            ctx.finish();
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        ScenarioResult result = ctx.result((System.nanoTime() - startNs) / 1_000_000, failure);
        try
        {
            ctx.close(result.status() == ScenarioResult.Status.FAILED || Boolean.getBoolean(KEEP_PROP_NAME));
        }
        catch (final RuntimeException ex)
        {
            result = ctx.result((System.nanoTime() - startNs) / 1_000_000, ex);
        }
        if (result.status() == ScenarioResult.Status.FAILED)
        {
            if (null != failure && !(failure instanceof ScenarioContext.SkipException))
            {
                failure.printStackTrace(out);
            }
            for (final String detail : result.details())
            {
                out.println("     " + detail);
            }
            if (null != result.artifacts())
            {
                out.println("     kept: " + result.artifacts());
            }
        }
        out.println(result.line());
        out.flush();
        results.add(result);
        return result;
    }

    /**
     * Every result so far.
     *
     * @return a copy.
     */
    public List<ScenarioResult> results()
    {
        return List.copyOf(results);
    }

    /**
     * Print the totals: figures, skipped count, then {@code N passed, N failed}.
     *
     * @param totalMs wall time of the whole run.
     */
    public void printTotals(final long totalMs)
    {
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        long ops = 0;
        long unknown = 0;
        long lost = 0;
        for (final ScenarioResult r : results)
        {
            switch (r.status())
            {
                case PASSED -> passed++;
                case FAILED -> failed++;
                default -> skipped++;
            }
            ops += r.opsOk() + r.opsFail() + r.opsUnknown();
            unknown += r.opsUnknown();
            lost += r.lostAcked();
        }
        out.printf("chaos: %d scenarios in %.1fs, %d operations checked (%d unknown), %d acknowledged writes lost%n",
            results.size(), totalMs / 1000.0, ops, unknown, lost);
        if (skipped > 0)
        {
            out.println(skipped + " skipped");
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
    }

    /**
     * Did every scenario pass or skip?
     *
     * @return true when none failed.
     */
    public boolean allPassed()
    {
        return results.stream().noneMatch(r -> r.status() == ScenarioResult.Status.FAILED);
    }

    /**
     * Run scenarios from the command line.
     *
     * @param args {@code [--soak] [--scenario ID[,ID]] [--seed N] [--out DIR] [--minutes M] [--list]}.
     */
    public static void main(final String[] args)
    {
        boolean soak = false;
        String only = null;
        Long seed = Long.getLong("warden.chaos.seed");
        Path out = Path.of("target/chaos");
        int minutes = 20;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--soak" -> soak = true;
                case "--scenario" -> only = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--list" ->
                {
                    Scenarios.all(minutes).forEach(s -> System.out.println(s.id() + " " + s.title()));
                    return;
                }
                default ->
                {
                    System.err.println("usage: ChaosRunner [--soak] [--scenario ID[,ID]] [--seed N] [--out DIR] " +
                        "[--minutes M] [--list]");
                    System.exit(2);
                }
            }
        }
        final List<Scenario> scenarios = null != only ? Scenarios.select(only, minutes) :
            soak ? Scenarios.soak(minutes) : Scenarios.fastTier();
        final ChaosRunner runner = new ChaosRunner(out, System.out);
        final long startNs = System.nanoTime();
        final long first = null != seed ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        System.out.println("chaos: " + scenarios.size() + " scenarios, seeds from " + first +
            " (scenario i gets seed " + first + " + i; rerun one with --scenario ID --seed S)");
        for (int i = 0; i < scenarios.size(); i++)
        {
            runner.run(scenarios.get(i), first + i);
        }
        runner.printTotals((System.nanoTime() - startNs) / 1_000_000);
        System.exit(runner.allPassed() ? 0 : 1);
    }
}
