package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.check.CasRegisterModel;
import io.warden.bench.chaos.check.KvModel;
import io.warden.bench.chaos.check.LinearizabilityChecker;
import io.warden.bench.chaos.check.LinearizabilityResult;
import io.warden.bench.chaos.check.LockSafetyChecker;
import io.warden.bench.chaos.check.SafetyReport;
import io.warden.bench.chaos.check.SessionChecker;
import io.warden.bench.chaos.check.TimeMap;
import io.warden.bench.chaos.check.WatchChecker;
import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.FencedWrite;
import io.warden.bench.chaos.history.JepsenLogs;
import io.warden.bench.chaos.history.LeaseClaim;
import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.SafeClaim;
import io.warden.bench.chaos.history.Silence;
import io.warden.bench.chaos.history.WatchRecord;
import io.warden.bench.chaos.history.WatcherHistory;
import io.warden.bench.chaos.workload.KvWorkload;
import io.warden.node.audit.AuditEvent.Cause;
import io.warden.node.audit.AuditEvent.EndCause;
import io.warden.node.audit.AuditEvent;
import io.warden.node.audit.Change;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * F0: the checkers' self-test, with no cluster. Known-bad histories, one per invariant, go through the very checks
 * the other scenarios use (linearizability with the Warden KV model, acknowledged writes kept, lock safety, session
 * effects, watch delivery), and each must be caught as a violation of the invariant it breaks; the matching good
 * histories must pass. A seeded random register history is checked, then mutated (one read made stale, one
 * acknowledged write dropped from the log) and must then be caught. Where Porcupine's golden histories are at hand
 * (the test classpath, the shared directory or {@code -Dwarden.chaos.fixtures}), all 102 + 6 verdicts must match.
 * A blind checker is a {@code checker-blind}
 * violation, a false alarm a {@code checker-false-positive}; either fails the run, because every other scenario's
 * "0 violations" means nothing without it.
 */
public final class F0CheckerSelfTest implements Scenario
{
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final String K = "/chaos/f0/k";

    private int cases;
    private int caught;

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F0";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "checker-self-test";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        cases = 0;
        caught = 0;
        linearizability(ctx);
        lostWrites(ctx);
        locks(ctx);
        sessions(ctx);
        watches(ctx);
        randomRegisterMutations(ctx, ctx.random());
        goldenFixtures(ctx);
        ctx.note("selftest=" + caught + "/" + cases + "caught");
    }

    // ------------------------------------------------------------------------------------------------ cases

    private void linearizability(final ScenarioContext ctx)
    {
        final List<Op> good = List.of(
            put(1, 0, "a", 1, 0, 10),
            get(2, 1, "a", 1, 20, 30),
            txn(3, 1, 1, "b", 2, 40, 50),
            get(4, 0, "b", 2, 60, 70));
        expectLinearizable(ctx, "register good", good, true);

        expectLinearizable(ctx, "stale read", List.of(
            put(1, 0, "a", 1, 0, 10),
            put(2, 0, "b", 2, 20, 30),
            get(3, 1, "a", 1, 40, 50)), false);
        expectLinearizable(ctx, "read of a value never written", List.of(
            put(1, 0, "a", 1, 0, 10),
            get(2, 1, "zz", 7, 20, 30)), false);
        expectLinearizable(ctx, "two compare-and-swaps won on one revision", List.of(
            put(1, 0, "a", 1, 0, 10),
            txn(2, 0, 1, "x", 2, 20, 30),
            txn(3, 1, 1, "y", 3, 40, 50)), false);
        expectLinearizable(ctx, "write lost then read back old", List.of(
            put(1, 0, "a", 1, 0, 10),
            put(2, 1, "b", 2, 20, 30),
            get(3, 0, null, 0, 40, 50)), false);
    }

    private void lostWrites(final ScenarioContext ctx)
    {
        final List<Op> ops = List.of(put(1, 0, "a", 1, 0, 10), put(2, 0, "b", 2, 20, 30));
        final List<Change> all = List.of(Change.put(1, K), Change.put(2, K));
        expect(ctx, "acknowledged writes all committed", KvWorkload.lostAcknowledgedWrites(ops, all).isEmpty());
        final List<Op> lost = KvWorkload.lostAcknowledgedWrites(ops, List.of(Change.put(1, K)));
        expect(ctx, "acknowledged write missing from the log",
            lost.size() == 1 && lost.get(0).id() == 2);
    }

    private void locks(final ScenarioContext ctx)
    {
        final LockSafetyChecker checker = new LockSafetyChecker();
        final List<AuditEvent> handOver = List.of(
            new AuditEvent.Granted(1, 10, "L", 1, 10, true),
            new AuditEvent.Released(2, 20, "L", 1, 10, Cause.SESSION_END),
            new AuditEvent.Granted(3, 30, "L", 2, 12, true));
        final List<Acquisition> acquisitions = List.of(
            Acquisition.granted("L", 1, 10, 0, 5), Acquisition.granted("L", 2, 12, 25, 35));
        expectReport(ctx, "fenced hand-over", () -> checker.check(handOver, acquisitions, List.of(
            new FencedWrite("db", "L", 1, 10, true),
            new FencedWrite("db", "L", 2, 12, true),
            new FencedWrite("db", "L", 1, 10, false))), null);
        expectReport(ctx, "stale token accepted by an unfenced resource", () -> checker.check(handOver, acquisitions,
            List.of(new FencedWrite("db", "L", 2, 12, true), new FencedWrite("db", "L", 1, 10, true))), "L5");
        expectReport(ctx, "two exclusive holders", () -> checker.check(List.of(
            new AuditEvent.Granted(1, 10, "L", 1, 10, true),
            new AuditEvent.Granted(2, 20, "L", 2, 11, true)), List.of(), List.of()), "L2");
        expectReport(ctx, "token going backwards", () -> checker.check(List.of(
            new AuditEvent.Granted(1, 10, "L", 1, 10, true),
            new AuditEvent.Released(2, 20, "L", 1, 10, Cause.CLIENT),
            new AuditEvent.Granted(3, 30, "L", 2, 9, true)), List.of(), List.of()), "L1");
        expectReport(ctx, "grant seen by a client but not in the log", () -> checker.check(List.of(
            new AuditEvent.Granted(1, 10, "L", 1, 10, true)),
            List.of(Acquisition.granted("L", 1, 10, 0, 5), Acquisition.granted("L", 2, 11, 6, 9)), List.of()), "L4");
        expectReport(ctx, "release by a non-holder", () -> checker.check(List.of(
            new AuditEvent.Granted(1, 10, "L", 1, 10, true),
            new AuditEvent.Released(2, 20, "L", 2, 10, Cause.CLIENT)), List.of(), List.of()), "L6");
    }

    private void sessions(final ScenarioContext ctx)
    {
        final SessionChecker checker = new SessionChecker(Duration.ofMillis(300));
        expectReport(ctx, "expiry releases and deletes once", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END)), harnessTime(1600), List.of(),
            List.of()), null);
        expectReport(ctx, "expiry that never released the lock", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END))), "S3");
        expectReport(ctx, "ephemeral deleted twice", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(6, 1700, "/e", 1, Cause.SESSION_END))), "S3");
        // The log's own times say 1600 ms, after the deadline; the clients' clock says 1400 ms: the log clock jumped.
        expectReport(ctx, "expired before its deadline on the clients' clock", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END)), harnessTime(1400), List.of(),
            List.of()), "S1");
        expectReport(ctx, "expired while its client held a longer lease", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END)), harnessTime(1600),
            List.of(new LeaseClaim(1, TimeUnit.MILLISECONDS.toNanos(1000), TimeUnit.MILLISECONDS.toNanos(2000))),
            List.of()), "S1");
        expectReport(ctx, "silent session never expired", () -> checker.check(withEnd(), harnessTime(5000),
            List.of(), List.of()), "S2");
        expectReport(ctx, "stopped client's session expired late", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END)), harnessTime(1600), List.of(),
            List.of(new Silence(1, TimeUnit.MILLISECONDS.toNanos(200)))), "S2");
        expectReport(ctx, "ended session resurrected", () -> checker.check(withEnd(
            new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END),
            new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END),
            new AuditEvent.KeepAlive(6, 1700, 1))), "S4");
        expectReport(ctx, "holder told its lock is safe after it left", () -> new LockSafetyChecker().checkSafeClaims(
            withEnd(new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED),
            new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END)), List.of(
            new SafeClaim("L", 1, 2, TimeUnit.MILLISECONDS.toNanos(1700))), harnessTime(1600)), "L7");
    }

    /**
     * Session 1 (ttl 1000 ms) opens at 0, renews at 500, takes lock L and ephemeral key /e, then these events.
     */
    private static List<AuditEvent> withEnd(final AuditEvent... end)
    {
        final List<AuditEvent> audit = new ArrayList<>(List.of(
            new AuditEvent.SessionOpened(1, 0, 1, 1000),
            new AuditEvent.Granted(2, 100, "L", 1, 2, true),
            new AuditEvent.EphemeralCreated(3, 200, "/e", 1),
            new AuditEvent.KeepAlive(4, 500, 1)));
        audit.addAll(List.of(end));
        return audit;
    }

    /**
     * When {@link #withEnd} positions 1-4 happened on the clients' clock (0, 100, 200 and 500 ms, exactly), and
     * position 5 (the end, or the last observation) at {@code endMs}.
     */
    private static TimeMap harnessTime(final long endMs)
    {
        final List<TimeMap.Anchor> anchors = new ArrayList<>();
        final long[] ms = { 0, 100, 200, 500, endMs };
        for (int i = 0; i < ms.length; i++)
        {
            final long ns = TimeUnit.MILLISECONDS.toNanos(ms[i]);
            anchors.add(new TimeMap.Anchor(i + 1, ns, ns));
        }
        return TimeMap.of(anchors);
    }

    private void watches(final ScenarioContext ctx)
    {
        final List<Change> committed = List.of(
            Change.put(1, "/x/a"), Change.put(2, "/x/b"), Change.put(3, "/y/c"), Change.put(4, "/x/a"),
            Change.delete(5, "/x/a"), Change.put(5, "/x/b"));
        final WatchRecord a1 = new WatchRecord.Event(Change.put(1, "/x/a"));
        final WatchRecord b2 = new WatchRecord.Event(Change.put(2, "/x/b"));
        final WatchRecord a4 = new WatchRecord.Event(Change.put(4, "/x/a"));
        final WatchRecord a5 = new WatchRecord.Event(Change.delete(5, "/x/a"));
        final WatchRecord b5 = new WatchRecord.Event(Change.put(5, "/x/b"));
        final WatchChecker checker = new WatchChecker();
        expectReport(ctx, "complete ordered watch stream", () -> checker.check(committed,
            List.of(new WatcherHistory("w", "/x/", true, 1, List.of(a1, b2, a4, a5, b5))), 5), null);
        expectReport(ctx, "watch event skipped", () -> checker.check(committed,
            List.of(new WatcherHistory("w", "/x/", true, 1, List.of(a1, a4, a5, b5))), 5), "W3");
        expectReport(ctx, "watch event delivered twice", () -> checker.check(committed,
            List.of(new WatcherHistory("w", "/x/", true, 1, List.of(a1, b2, b2, a4, a5, b5))), 5), "W2");
        expectReport(ctx, "watch events out of order", () -> checker.check(committed,
            List.of(new WatcherHistory("w", "/x/", true, 1, List.of(a1, a4, b2, a5, b5))), 5), "W1");
        expectReport(ctx, "watch event that was never committed", () -> checker.check(committed,
            List.of(new WatcherHistory("w", "/x/", true, 1,
            List.of(a1, b2, new WatchRecord.Event(Change.put(3, "/x/z")), a4, a5, b5))), 5), "W4");
        expectReport(ctx, "resume that silently jumps a compaction", () -> checker.check(committed,
            List.of(new WatcherHistory("w", "/x/", true, 1, List.of(a1,
            new WatchRecord.Cancelled(WatchRecord.CancelReason.COMPACTED), new WatchRecord.Resumed(5, false),
            a5, b5))), 5), "W3");
    }

    /**
     * A seeded sequential history over three keys (puts, CAS, reads, none overlapping) must pass; the same with
     * one read answered from an older version, or with one acknowledged write missing from the log, must not.
     */
    private void randomRegisterMutations(final ScenarioContext ctx, final SplittableRandom random)
    {
        final String[] keys = { "/chaos/f0/r0", "/chaos/f0/r1", "/chaos/f0/r2" };
        final Map<String, String> value = new HashMap<>();
        final Map<String, Long> modRevision = new HashMap<>();
        final Map<String, String> previousValue = new HashMap<>();
        final Map<String, Long> previousRevision = new HashMap<>();
        final List<Op> ops = new ArrayList<>();
        final List<Change> committed = new ArrayList<>();
        final List<Integer> staleCandidates = new ArrayList<>();
        long revision = 0;
        long t = 0;
        for (int i = 0; i < 300; i++)
        {
            final String key = keys[random.nextInt(keys.length)];
            final int process = random.nextInt(4);
            final int kind = random.nextInt(3);
            final long id = i + 1;
            if (kind == 0)
            {
                final String v = "v" + i;
                revision++;
                remember(key, value, modRevision, previousValue, previousRevision);
                value.put(key, v);
                modRevision.put(key, revision);
                committed.add(Change.put(revision, key));
                ops.add(Op.ok(id, process, "put", key, List.of(v), List.of(Long.toString(revision)), t, t + 5));
            }
            else if (kind == 1)
            {
                final long expected = modRevision.getOrDefault(key, 0L) - (random.nextInt(4) == 0 ? 1 : 0);
                final String v = "c" + i;
                if (expected == modRevision.getOrDefault(key, 0L))
                {
                    revision++;
                    remember(key, value, modRevision, previousValue, previousRevision);
                    value.put(key, v);
                    modRevision.put(key, revision);
                    committed.add(Change.put(revision, key));
                    ops.add(Op.ok(id, process, "txn", key, List.of(Long.toString(expected), v),
                        List.of("true", Long.toString(revision)), t, t + 5));
                }
                else
                {
                    ops.add(Op.ok(id, process, "txn", key, List.of(Long.toString(expected), v), List.of("false"),
                        t, t + 5));
                }
            }
            else
            {
                if (previousRevision.containsKey(key))
                {
                    staleCandidates.add(ops.size());
                }
                ops.add(Op.ok(id, process, "get", key, List.of(),
                    Op.values(value.get(key), Long.toString(modRevision.getOrDefault(key, 0L))), t, t + 5));
            }
            t += 10;
        }
        expectLinearizable(ctx, "random register history", ops, true);
        expect(ctx, "random register history: nothing lost", KvWorkload.lostAcknowledgedWrites(ops, committed)
            .isEmpty());

        if (!staleCandidates.isEmpty())
        {
            final int at = staleCandidates.get(random.nextInt(staleCandidates.size()));
            final Op read = ops.get(at);
            final Map<String, String> oldValue = new HashMap<>();
            final Map<String, Long> oldRevision = new HashMap<>();
            replayUntil(ops, at, oldValue, oldRevision, previousValue, previousRevision);
            final List<Op> mutated = new ArrayList<>(ops);
            mutated.set(at, Op.ok(read.id(), read.process(), "get", read.key(), List.of(),
                Op.values(previousValue.get(read.key()), Long.toString(previousRevision.get(read.key()))),
                read.invokeNs(), read.completeNs()));
            expectLinearizable(ctx, "random register history with one stale read (op " + read.id() + ")", mutated,
                false);
        }
        final List<Change> dropped = new ArrayList<>(committed);
        if (!dropped.isEmpty())
        {
            dropped.remove(random.nextInt(dropped.size()));
            expect(ctx, "random register history with one committed write dropped",
                KvWorkload.lostAcknowledgedWrites(ops, dropped).size() == 1);
        }
    }

    private static void remember(
        final String key,
        final Map<String, String> value,
        final Map<String, Long> modRevision,
        final Map<String, String> previousValue,
        final Map<String, Long> previousRevision)
    {
        if (modRevision.containsKey(key))
        {
            previousValue.put(key, value.get(key));
            previousRevision.put(key, modRevision.get(key));
        }
    }

    /**
     * The value before the current one of every key as of op {@code end} (exclusive), from the writes before it.
     */
    private static void replayUntil(
        final List<Op> ops,
        final int end,
        final Map<String, String> value,
        final Map<String, Long> modRevision,
        final Map<String, String> previousValue,
        final Map<String, Long> previousRevision)
    {
        previousValue.clear();
        previousRevision.clear();
        for (int i = 0; i < end; i++)
        {
            final Op op = ops.get(i);
            final boolean write = op.is("put") || op.is("txn") && "true".equals(op.out(0));
            if (write)
            {
                remember(op.key(), value, modRevision, previousValue, previousRevision);
                value.put(op.key(), op.is("put") ? op.in(0) : op.in(1));
                modRevision.put(op.key(), Long.parseLong(op.is("put") ? op.out(0) : op.out(1)));
            }
        }
    }

    /**
     * Porcupine's golden histories (102 Jepsen etcd logs against a CAS register, 6 KV logs), when they are at hand:
     * {@code -Dwarden.chaos.fixtures=DIR}, the test classpath ({@code ChaosFastTierIT}), or the shared directory.
     * Every verdict must be reproduced.
     */
    private void goldenFixtures(final ScenarioContext ctx)
    {
        final Path root = fixtures();
        if (null == root)
        {
            ctx.note("fixtures=absent");
            return;
        }
        final LinearizabilityChecker checker =
            new LinearizabilityChecker(LinearizabilityChecker.DEFAULT_MAX_STEPS, BUDGET);
        int matched = 0;
        int total = 0;
        for (final String suite : List.of("jepsen-etcd", "kv"))
        {
            for (final Map.Entry<String, Boolean> e : verdicts(root.resolve(suite).resolve("verdicts.csv")).entrySet())
            {
                total++;
                final Path file = root.resolve(suite).resolve(e.getKey());
                try
                {
                    final LinearizabilityResult result = suite.equals("kv") ?
                        checker.check(new KvModel(), JepsenLogs.parseKv(file)) :
                        checker.check(new CasRegisterModel(), JepsenLogs.parseEtcd(file));
                    final LinearizabilityResult.Verdict want = e.getValue() ?
                        LinearizabilityResult.Verdict.LINEARIZABLE : LinearizabilityResult.Verdict.NOT_LINEARIZABLE;
                    if (result.verdict() == want)
                    {
                        matched++;
                    }
                    else
                    {
                        ctx.violation(e.getValue() ? "checker-false-positive" : "checker-blind",
                            "golden fixture " + suite + "/" + e.getKey() + ": expected " + want + ", got " + result);
                    }
                }
                catch (final IOException | RuntimeException ex)
                {
                    ctx.violation("checker-blind", "golden fixture " + suite + "/" + e.getKey() + ": " + ex);
                }
            }
        }
        cases += total;
        caught += matched;
        ctx.note("fixtures=" + matched + "/" + total);
    }

    private static Path fixtures()
    {
        final String configured = System.getProperty("warden.chaos.fixtures");
        if (null != configured)
        {
            return Path.of(configured);
        }
        final URL url = F0CheckerSelfTest.class.getResource("/linearizability-fixtures/porcupine");
        if (null != url && "file".equals(url.getProtocol()))
        {
            try
            {
                return Path.of(url.toURI());
            }
            catch (final URISyntaxException ex)
            {
                return null;
            }
        }
        final Path shared = Path.of("/work/shared/linearizability-fixtures/porcupine");
        return Files.isDirectory(shared) ? shared : null;
    }

    /**
     * The {@code name,true|false} lines of a verdicts file ({@code n/a} lines have no verdict and are left out).
     */
    private static Map<String, Boolean> verdicts(final Path csv)
    {
        final Map<String, Boolean> verdicts = new java.util.LinkedHashMap<>();
        try
        {
            final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] fields = line.split(",");
                if (fields.length >= 2 && (fields[1].trim().equals("true") || fields[1].trim().equals("false")))
                {
                    verdicts.put(fields[0].trim(), Boolean.parseBoolean(fields[1].trim()));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return verdicts;
    }

    // ------------------------------------------------------------------------------------------------ verdicts

    private void expectLinearizable(
        final ScenarioContext ctx, final String name, final List<Op> ops, final boolean linearizable)
    {
        final LinearizabilityResult result = KvWorkload.checkLinearizable(ops, BUDGET);
        final LinearizabilityResult.Verdict want = linearizable ?
            LinearizabilityResult.Verdict.LINEARIZABLE : LinearizabilityResult.Verdict.NOT_LINEARIZABLE;
        cases++;
        if (result.verdict() == want)
        {
            caught++;
        }
        else
        {
            ctx.violation(linearizable ? "checker-false-positive" : "checker-blind",
                "linearizability, " + name + ": expected " + want + ", got " + result);
        }
    }

    private void expect(final ScenarioContext ctx, final String name, final boolean held)
    {
        cases++;
        if (held)
        {
            caught++;
        }
        else
        {
            ctx.violation("checker-blind", name + ": the check did not give the expected answer");
        }
    }

    private void expectReport(
        final ScenarioContext ctx, final String name, final Supplier<SafetyReport> check, final String invariant)
    {
        cases++;
        final SafetyReport report;
        try
        {
            report = check.get();
        }
        catch (final RuntimeException ex)
        {
            ctx.violation("checker-blind", name + ": the checker threw " + ex);
            return;
        }
        if (null == invariant)
        {
            if (report.ok())
            {
                caught++;
            }
            else
            {
                ctx.violation("checker-false-positive", name + ": " + report);
            }
        }
        else if (!report.violationsOf(invariant).isEmpty())
        {
            caught++;
        }
        else
        {
            ctx.violation("checker-blind", name + ": expected a violation of " + invariant + ", got " + report);
        }
    }

    private static Op put(final long id, final int process, final String value, final long revision,
        final long invokeNs, final long completeNs)
    {
        return Op.ok(id, process, "put", K, List.of(value), List.of(Long.toString(revision)), invokeNs, completeNs);
    }

    private static Op get(final long id, final int process, final String value, final long revision,
        final long invokeNs, final long completeNs)
    {
        return Op.ok(id, process, "get", K, List.of(), Op.values(value, Long.toString(revision)), invokeNs,
            completeNs);
    }

    private static Op txn(final long id, final int process, final long expected, final String value,
        final long revision, final long invokeNs, final long completeNs)
    {
        return Op.ok(id, process, "txn", K, List.of(Long.toString(expected), value),
            List.of("true", Long.toString(revision)), invokeNs, completeNs);
    }
}
