package io.warden.bench.chaos;

import io.warden.bench.chaos.control.Firewall;
import io.warden.bench.chaos.control.Leftovers;
import io.warden.bench.chaos.scenario.ChaosRunner;
import io.warden.bench.chaos.scenario.Scenario;
import io.warden.bench.chaos.scenario.ScenarioResult;
import io.warden.bench.chaos.scenario.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fast tier of the fault-injection suite (F0–F13, F2-5 and F6-5 on five nodes, and the negative controls F5n and
 * F10n) against real node, gateway and client processes on 127.0.1.x, in the default {@code mvn verify}. Each scenario prints one line (seed,
 * operations ok/fail/unknown, faults by type, recovery times, violations by kind, acknowledged writes lost) and the
 * run ends with {@code N passed, N failed}. The verdicts asserted: F5n (the client pause without fencing) must be
 * caught as an L5 violation; F10n (a wall-clock step on {@code warden.cluster.clock=wall}) must be caught as a node
 * that stops (C1) or a forced election (C2), with nothing but clock-step invariants violated; every other scenario
 * must have no violation (which includes node service errors, replay and digest
 * mismatches), lose no acknowledged write, and pass. F6 needs root and iptables ({@code .ci/run} installs it); where
 * they are missing it is reported as skipped, loudly, with the reason. After the run no child process, tmpfs
 * directory or firewall chain of this JVM may be left.
 * <p>
 * Seeds are random and printed; {@code -Dwarden.chaos.seed=N} runs every scenario with seed N, and
 * {@code -Dwarden.chaos.scenarios=F2,F5n} runs only those. Failed runs keep their history, audit stream and node
 * logs under {@code benchmark/target/chaos/<scenario>/<seed>/}.
 */
final class ChaosFastTierIT
{
    /** A scenario that has not finished in this time is stopped and failed (the longest takes about a minute). */
    private static final long SCENARIO_TIMEOUT_MINUTES = 5;
    private static final Path BASE_DIR = Path.of("target/chaos");
    private static final ChaosRunner RUNNER = new ChaosRunner(BASE_DIR, System.out);
    private static final long START_NS = System.nanoTime();

    @TestFactory
    Stream<DynamicTest> fastTier()
    {
        final String only = System.getProperty("warden.chaos.scenarios");
        final List<Scenario> scenarios = null == only || only.isBlank() ? Scenarios.fastTier() :
            Scenarios.select(only, 0);
        final Long fixedSeed = Long.getLong("warden.chaos.seed");
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            tests.add(DynamicTest.dynamicTest(scenario.id() + " " + scenario.title(), () ->
            {
                final long seed = null != fixedSeed ? fixedSeed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
                assertVerdict(run(scenario, seed));
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void totalsAndNothingLeftBehind() throws IOException
    {
        RUNNER.printTotals((System.nanoTime() - START_NS) / 1_000_000);
        assertEquals(0, Leftovers.liveProcesses(), "child processes left running");
        final String prefix = "warden-chaos-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> shm = Files.list(Path.of("/dev/shm")))
        {
            final List<Path> left = shm.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertTrue(left.isEmpty(), "tmpfs directories left: " + left);
        }
        assertEquals(List.of(), Firewall.installedRules(), "firewall rules left behind");
    }

    private static ScenarioResult run(final Scenario scenario, final long seed) throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "chaos-" + scenario.id()));
        try
        {
            final Future<ScenarioResult> result = executor.submit(() -> RUNNER.run(scenario, seed));
            try
            {
                return result.get(SCENARIO_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            }
            catch (final TimeoutException ex)
            {
                result.cancel(true);
                executor.shutdown();
                executor.awaitTermination(2, TimeUnit.MINUTES);
                return fail(scenario.id() + " seed=" + seed + " did not finish within " + SCENARIO_TIMEOUT_MINUTES +
                    " minutes; it was interrupted and cleaned up");
            }
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    private static void assertVerdict(final ScenarioResult r)
    {
        if (r.status() == ScenarioResult.Status.SKIPPED)
        {
            System.out.println("!!!! " + r.id() + " SKIPPED: " + r.reason() + " (run .ci/run as root, or install " +
                "iptables, to run it)");
            Assumptions.abort(r.id() + " skipped: " + r.reason());
        }
        final String where = r.line() + (null != r.artifacts() ? "; kept " + r.artifacts() : "") + "; " + r.details();
        if ("F10n".equals(r.id()))
        {
            assertTrue(r.violations().getOrDefault("C1", 0) + r.violations().getOrDefault("C2", 0) > 0,
                "F10n (the leader's wall clock 5 min ahead on warden.cluster.clock=wall) must stop a node (C1) or " +
                "force an election (C2): " + where);
        }
        else if ("S4n".equals(r.id()))
        {
            assertTrue(r.violations().getOrDefault("S2", 0) + r.violations().getOrDefault("C1", 0) > 0,
                "S4n (every wall clock 60 s back on warden.cluster.clock=wall) must keep a dead session past its " +
                "TTL (S2) or stop a node (C1): " + where);
        }
        else if ("F5n".equals(r.id()))
        {
            assertTrue(r.violations().getOrDefault("L5", 0) > 0,
                "F5n (client pause without fencing) must be caught as an L5 violation: " + where);
            assertEquals(1, r.violations().size(), "F5n must show only the expected L5 violation: " + where);
        }
        else
        {
            assertTrue(r.violations().isEmpty(), "violations: " + where);
            assertEquals(0, r.violations().getOrDefault("service-error", 0), "node service errors: " + where);
        }
        assertEquals(0, r.lostAcked(), "acknowledged writes lost: " + where);
        assertEquals(ScenarioResult.Status.PASSED, r.status(), where);
    }
}
