package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.check.LinearizabilityResult;
import io.warden.bench.chaos.check.LockSafetyChecker;
import io.warden.bench.chaos.check.SafetyReport;
import io.warden.bench.chaos.check.SessionChecker;
import io.warden.bench.chaos.check.TimeMap;
import io.warden.bench.chaos.check.Violation;
import io.warden.bench.chaos.check.WatchChecker;
import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.control.FaultLog;
import io.warden.bench.chaos.control.Firewall;
import io.warden.bench.chaos.control.RunLayout;
import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.FencedWrite;
import io.warden.bench.chaos.history.HistoryRecorder;
import io.warden.bench.chaos.history.LeaseClaim;
import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;
import io.warden.bench.chaos.history.SafeClaim;
import io.warden.bench.chaos.history.Silence;
import io.warden.bench.chaos.history.WatcherHistory;
import io.warden.bench.chaos.workload.ClientPool;
import io.warden.bench.chaos.workload.KvWorkload;
import io.warden.bench.chaos.workload.LockWorkload;
import io.warden.bench.chaos.workload.RecordedWatcher;
import io.warden.bench.chaos.workload.RemoteClient;
import io.warden.client.WardenClient;
import io.warden.node.audit.LogReplay;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything one scenario run uses, and the end-of-run checks every scenario shares. A scenario asks it for a
 * cluster, clients, client JVMs and the firewall, registers what it recorded (KV history, lock workloads,
 * watchers, expected session behaviour), and calls {@link #finish} (or lets the runner call it): the cluster takes a
 * last snapshot (every node must report one digest), the service error counters must be 0, the processes are
 * stopped, every node's log is replayed from position 0 (the logs must agree, the replay must reach the digests
 * the nodes reported for their snapshots, and the replay gives the audit stream and the committed changes), and the
 * checkers run: linearizability per key, acknowledged writes kept, lock safety L1–L7, sessions S1–S4, watches
 * W1–W5. Expiry (S1, S2) and lock safety in time (L7) are judged on the harness clock: a {@link TimeMap} anchored by
 * the recorded puts and lock grants places log positions in time, and the clients' recorded leases
 * ({@link #leaseClaim}), safety claims ({@link #safeClaim}) and silences ({@link #silence}) are held against it.
 * <p>
 * {@link #close(boolean)} removes everything the run created (processes, firewall rules, tmpfs directories),
 * keeping the run directory with the history, audit stream and node logs when the run failed. Used by the
 * scenario's thread (workers only record into the thread-safe recorders it hands out).
 */
public final class ScenarioContext
{
    /** Time budget of the linearizability check per run. */
    public static final Duration LINEARIZABILITY_TIMEOUT = Duration.ofSeconds(30);

    private final Scenario scenario;
    private final long seed;
    private final SplittableRandom random;
    private final Path baseDir;
    private final FaultLog faults = new FaultLog();
    private final HistoryRecorder history = new HistoryRecorder();
    private final Map<String, Integer> violations = new TreeMap<>();
    private final Map<String, Integer> expectedViolations = new TreeMap<>();
    private final List<String> details = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final List<KvWorkload> kvWorkloads = new ArrayList<>();
    private final List<LockWorkload> lockWorkloads = new ArrayList<>();
    private final List<Supplier<List<Acquisition>>> extraAcquisitions = new ArrayList<>();
    private final List<Supplier<List<FencedWrite>>> extraWrites = new ArrayList<>();
    private final List<RecordedWatcher> watchers = new ArrayList<>();
    private final List<RemoteClient> remoteClients = new ArrayList<>();
    private final List<ClusterController.Snapshot> snapshots = new ArrayList<>();
    private final List<String> expectedViolationKinds = new ArrayList<>();
    private final List<Consumer<LogReplay.Result>> replayChecks = new ArrayList<>();
    private final List<LeaseClaim> leaseClaims = new ArrayList<>();
    private final List<SafeClaim> safeClaims = new ArrayList<>();
    private final List<Silence> silences = new ArrayList<>();
    private RunLayout layout;
    private ClusterController cluster;
    private ClientPool pool;
    private Firewall firewall;
    private SessionChecker sessionChecker = new SessionChecker();
    private long watchCaughtUpRevision;
    private long lostAcked;
    private long extraOk;
    private long extraFail;
    private long extraUnknown;
    private boolean finished;
    private LogReplay.Result replay;

    /**
     * A context for one run.
     *
     * @param scenario the scenario.
     * @param seed     its seed.
     * @param baseDir  where run directories go ({@code target/chaos}).
     */
    public ScenarioContext(final Scenario scenario, final long seed, final Path baseDir)
    {
        this.scenario = scenario;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.baseDir = baseDir;
    }

    /**
     * The run's seed.
     *
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * The run's random source, seeded with {@link #seed()}.
     *
     * @return the random source.
     */
    public SplittableRandom random()
    {
        return random;
    }

    /**
     * Give up: the host cannot run this scenario.
     *
     * @param reason why.
     */
    public void skip(final String reason)
    {
        throw new SkipException(reason);
    }

    /** Thrown by {@link #skip(String)}. */
    public static final class SkipException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        SkipException(final String reason)
        {
            super(reason);
        }
    }

    /**
     * Start the run's cluster (once).
     *
     * @param options its shape.
     * @return the running cluster.
     */
    public ClusterController cluster(final ClusterController.Options options)
    {
        if (null != cluster)
        {
            throw new IllegalStateException("the run already has a cluster");
        }
        layout = RunLayout.create(baseDir, scenario.id(), seed, options.nodes(), options.gateways());
        cluster = ClusterController.start(options, layout, faults);
        return cluster;
    }

    /**
     * The run's cluster.
     *
     * @return the cluster, or null before {@link #cluster(ClusterController.Options)}.
     */
    public ClusterController cluster()
    {
        return cluster;
    }

    /**
     * The run's layout.
     *
     * @return the layout, or null before a cluster was started.
     */
    public RunLayout layout()
    {
        return layout;
    }

    /**
     * The harness's clients (started on first use).
     *
     * @return the pool.
     */
    public ClientPool pool()
    {
        if (null == pool)
        {
            pool = new ClientPool(layout);
        }
        return pool;
    }

    /**
     * Connect a harness client through the given gateways.
     *
     * @param name      client name.
     * @param endpoints gateway endpoints in order.
     * @param ttlMs     session TTL.
     * @return the client.
     */
    public WardenClient client(final String name, final List<String> endpoints, final long ttlMs)
    {
        return pool().connect(name, endpoints, ttlMs);
    }

    /**
     * Start a client JVM (closed with the run).
     *
     * @param clientId its index.
     * @return the client JVM.
     */
    public RemoteClient remoteClient(final int clientId)
    {
        final RemoteClient client = new RemoteClient(layout, clientId);
        remoteClients.add(client);
        return client;
    }

    /**
     * The run's firewall (opened on first use).
     *
     * @return the firewall; check {@link Firewall#isAvailable()}.
     */
    public Firewall firewall()
    {
        if (null == firewall)
        {
            firewall = Firewall.open();
        }
        return firewall;
    }

    /**
     * The fault log.
     *
     * @return the log.
     */
    public FaultLog faults()
    {
        return faults;
    }

    /**
     * The operation history of the run's clients.
     *
     * @return the recorder.
     */
    public HistoryRecorder history()
    {
        return history;
    }

    /**
     * Take a snapshot through the cluster and remember every node's digest, to compare with the log replay.
     *
     * @return the snapshot, or null when none was taken in time (a violation).
     */
    public ClusterController.Snapshot snapshot()
    {
        final ClusterController.Snapshot snapshot = cluster.snapshot(30_000);
        if (null == snapshot)
        {
            violation("liveness", "the cluster took no snapshot within 30 s: " + cluster.describe());
            return null;
        }
        snapshots.add(snapshot);
        if (!snapshot.converged())
        {
            violation("convergence", "snapshot at " + snapshot.position() + ": nodes disagree " +
                snapshot.digestByNode());
        }
        return snapshot;
    }

    // ------------------------------------------------------------------------------------------------ registration

    /**
     * Check this KV workload at the end (linearizability per key, acknowledged writes kept).
     *
     * @param workload the workload.
     */
    public void checkKv(final KvWorkload workload)
    {
        kvWorkloads.add(workload);
    }

    /**
     * Check this lock workload at the end (L1–L6 with its acquisitions and resource writes).
     *
     * @param workload the workload.
     */
    public void checkLocks(final LockWorkload workload)
    {
        lockWorkloads.add(workload);
    }

    /**
     * Add acquisitions and writes recorded elsewhere (client JVMs) to the lock check.
     *
     * @param acquisitions supplier of acquisitions.
     * @param writes       supplier of resource writes.
     */
    public void checkLocks(final Supplier<List<Acquisition>> acquisitions, final Supplier<List<FencedWrite>> writes)
    {
        extraAcquisitions.add(acquisitions);
        extraWrites.add(writes);
    }

    /**
     * Check these watchers at the end against the committed changes.
     *
     * @param watcher          the watcher.
     */
    public void checkWatcher(final RecordedWatcher watcher)
    {
        watchers.add(watcher);
    }

    /**
     * The revision every open watch must have delivered by the end (0 skips that end check).
     *
     * @param revision the revision.
     */
    public void watchCaughtUpRevision(final long revision)
    {
        watchCaughtUpRevision = revision;
    }

    /**
     * Check eventual expiry (S2) with this tolerance.
     *
     * @param tolerance grace periods plus detection bound.
     */
    public void sessionExpiryTolerance(final Duration tolerance)
    {
        sessionChecker = new SessionChecker(tolerance);
    }

    /**
     * Record what a client's evidence said about its lease (S1 holds the cluster to it). Thread-safe.
     *
     * @param claim the claim.
     */
    public synchronized void leaseClaim(final LeaseClaim claim)
    {
        leaseClaims.add(claim);
    }

    /**
     * Record that a holder's client said its grant was safe (L7). Thread-safe.
     *
     * @param claim the claim.
     */
    public synchronized void safeClaim(final SafeClaim claim)
    {
        safeClaims.add(claim);
    }

    /**
     * Record that the harness stopped a session's client at {@code fromNs} (S2 bounds its expiry by it). Thread-safe.
     *
     * @param session the session.
     * @param fromNs  when its client went silent, on the harness clock.
     */
    public synchronized void silence(final long session, final long fromNs)
    {
        silences.add(new Silence(session, fromNs));
    }

    /**
     * A scenario's own check of the replayed log (audit stream, committed changes), run after the shared ones.
     *
     * @param check the check; it reports through {@link #violation} and {@link #note}.
     */
    public void checkReplay(final Consumer<LogReplay.Result> check)
    {
        replayChecks.add(check);
    }

    /**
     * This run is a negative control: it passes only if a violation of this invariant is found.
     *
     * @param invariant such as {@code L5}.
     */
    public void expectViolation(final String invariant)
    {
        expectedViolationKinds.add(invariant);
    }

    /**
     * Count operations done outside the history (client JVMs, raw frames).
     *
     * @param outcome how it ended.
     */
    public synchronized void countOp(final Outcome outcome)
    {
        switch (outcome)
        {
            case OK -> extraOk++;
            case FAIL -> extraFail++;
            default -> extraUnknown++;
        }
    }

    /**
     * Record a violation.
     *
     * @param invariant its kind.
     * @param message   what happened.
     */
    public synchronized void violation(final String invariant, final String message)
    {
        if (expectedViolationKinds.contains(invariant))
        {
            expectedViolations.merge(invariant, 1, Integer::sum);
        }
        else
        {
            violations.merge(invariant, 1, Integer::sum);
        }
        if (details.size() < 50)
        {
            details.add(invariant + ": " + message);
        }
    }

    /**
     * Note a check and its result for the summary line.
     *
     * @param check such as {@code lin=OK(812)}.
     */
    public synchronized void note(final String check)
    {
        checks.add(check);
    }

    /**
     * Assert a condition of the scenario itself (a liveness or expectation check).
     *
     * @param condition must hold.
     * @param invariant the kind reported if not.
     * @param message   what was expected.
     */
    public void require(final boolean condition, final String invariant, final String message)
    {
        if (!condition)
        {
            violation(invariant, message);
        }
    }

    /**
     * Sleep.
     *
     * @param ms how long.
     */
    public void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * Measure how long after now the cluster takes to accept a write: the recovery time of a fault that just ended.
     *
     * @param what      the fault, for the report.
     * @param client    a client to write with.
     * @param timeoutMs how long to try.
     * @return the time in ms, or -1 (recorded as a liveness violation) when no write succeeded.
     */
    public long measureRecovery(final String what, final WardenClient client, final long timeoutMs)
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int attempt = 0;
        while (System.nanoTime() - deadlineNs < 0)
        {
            try
            {
                client.await(client.put("/chaos/recovery/" + what, Integer.toString(attempt++).getBytes(
                    StandardCharsets.UTF_8)), 2, TimeUnit.SECONDS);
                final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                faults.recovery(what, ms);
                return ms;
            }
            catch (final RuntimeException ex)
            {
                sleep(20);
            }
        }
        violation("liveness", what + ": no write accepted within " + timeoutMs + " ms");
        return -1;
    }

    // ------------------------------------------------------------------------------------------------ the end

    /**
     * The end-of-run checks (idempotent): last snapshot, error counters, stop, log replay, checkers.
     */
    public void finish()
    {
        if (finished || null == cluster)
        {
            finished = true;
            return;
        }
        finished = true;
        for (final RemoteClient client : remoteClients)
        {
            client.close();
        }
        if (null != firewall)
        {
            firewall.heal();
        }
        cluster.resetClocks();
        if (null != pool)
        {
            pool.close();
            pool = null;
        }

        try
        {
            cluster.awaitLeader(30_000);
        }
        catch (final IllegalStateException ex)
        {
            violation("liveness", ex.getMessage());
        }
        snapshot();
        final long serviceErrors = cluster.serviceErrors();
        require(0 == serviceErrors, "service-error", serviceErrors + " errors counted by the nodes' services");
        final Map<Integer, long[]> latest = cluster.latestSnapshots();
        cluster.killAll();

        replayLogs(latest);
        if (null == replay)
        {
            return;
        }
        checkHistories();
    }

    private void replayLogs(final Map<Integer, long[]> latest)
    {
        final Map<Integer, LogReplay.Result> results = new LinkedHashMap<>();
        int longest = -1;
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            try
            {
                final LogReplay.Result result = LogReplay.replayNode(
                    layout.nodeDir(id).resolve("cluster"), layout.nodeDir(id).resolve("archive"), false);
                results.put(id, result);
                if (longest < 0 || result.messages() > results.get(longest).messages())
                {
                    longest = id;
                }
            }
            catch (final RuntimeException ex)
            {
                violation("replay", "node-" + id + ": " + ex);
            }
        }
        if (longest < 0)
        {
            return;
        }
        for (final Map.Entry<Integer, LogReplay.Result> e : results.entrySet())
        {
            if (e.getKey() != longest)
            {
                final String divergence = LogReplay.divergence(results.get(longest), e.getValue());
                require(null == divergence, "log-divergence",
                    "node-" + e.getKey() + " and node-" + longest + " differ at " + divergence);
            }
        }
        replay = LogReplay.replayNode(
            layout.nodeDir(longest).resolve("cluster"), layout.nodeDir(longest).resolve("archive"), true);
        for (final String error : replay.errors())
        {
            violation("replay-error", error);
        }
        int compared = 0;
        final List<long[]> reported = new ArrayList<>();
        for (final ClusterController.Snapshot snapshot : snapshots)
        {
            snapshot.digestByNode().forEach((node, digest) -> reported.add(new long[]{ node, snapshot.position(),
                digest }));
        }
        latest.forEach((node, pd) -> reported.add(new long[]{ node, pd[0], pd[1] }));
        for (final long[] r : reported)
        {
            final Long replayed = replay.snapshotDigests().get(r[1]);
            if (null != replayed)
            {
                compared++;
                require(replayed == r[2], "replay-digest", "node-" + r[0] + " reported digest " +
                    Long.toHexString(r[2]) + " for its snapshot at " + r[1] + ", the replay from position 0 reached " +
                    Long.toHexString(replayed));
            }
        }
        require(compared > 0 || reported.isEmpty(), "replay-digest",
            "no reported snapshot position was found in the replayed log: " + replay.snapshotDigests().keySet());
        note("replay=" + replay.commands() + "cmds/" + compared + "digests");
        if (null != replay.incomplete())
        {
            note("audit-incomplete");
        }
    }

    private void checkHistories()
    {
        final List<Op> ops = history.history();
        for (final KvWorkload kv : kvWorkloads)
        {
            final LinearizabilityResult lin = KvWorkload.checkLinearizable(ops, LINEARIZABILITY_TIMEOUT);
            if (lin.verdict() == LinearizabilityResult.Verdict.NOT_LINEARIZABLE)
            {
                violation("linearizability", lin.toString());
            }
            else if (lin.verdict() == LinearizabilityResult.Verdict.UNKNOWN)
            {
                // An unchecked history proves nothing: a run only passes when the check completed.
                violation("linearizability-unknown", "the checker gave up within its budget: " + lin);
            }
            note("lin=" + lin.verdict());
            final List<Op> lost = KvWorkload.lostAcknowledgedWrites(ops, replay.changes());
            lostAcked += lost.size();
            for (final Op op : lost)
            {
                violation("lost-acked", "acknowledged " + op + " is not in the committed log");
            }
        }

        final List<Acquisition> acquisitions = new ArrayList<>();
        final List<FencedWrite> writes = new ArrayList<>();
        for (final LockWorkload lock : lockWorkloads)
        {
            acquisitions.addAll(lock.acquisitions());
            writes.addAll(lock.writes());
        }
        for (final Supplier<List<Acquisition>> supplier : extraAcquisitions)
        {
            acquisitions.addAll(supplier.get());
        }
        for (final Supplier<List<FencedWrite>> supplier : extraWrites)
        {
            writes.addAll(supplier.get());
        }
        report(new LockSafetyChecker().check(replay.audit(), acquisitions, writes), "lock");
        final TimeMap time = timeMap(ops, acquisitions);
        note("time=" + time.anchors() + "anchors");
        final List<LeaseClaim> leases;
        final List<SafeClaim> safe;
        final List<Silence> silent;
        synchronized (this)
        {
            leases = List.copyOf(leaseClaims);
            safe = List.copyOf(safeClaims);
            silent = List.copyOf(silences);
        }
        report(sessionChecker.check(replay.audit(), time, leases, silent), "session");
        if (!safe.isEmpty())
        {
            report(new LockSafetyChecker().checkSafeClaims(replay.audit(), safe, time), "safe");
        }
        if (!watchers.isEmpty())
        {
            final List<WatcherHistory> histories = new ArrayList<>();
            for (final RecordedWatcher watcher : watchers)
            {
                histories.add(watcher.history());
            }
            report(new WatchChecker().check(replay.changes(), histories, watchCaughtUpRevision), "watch");
        }
        for (final Consumer<LogReplay.Result> check : replayChecks)
        {
            check.accept(replay);
        }
    }

    /**
     * Place log positions in time by the client operations whose commands the log identifies: acknowledged puts and
     * successful transactions (by revision) and lock grants (their token is the revision of the granting command).
     */
    private TimeMap timeMap(final List<Op> ops, final List<Acquisition> acquisitions)
    {
        final List<TimeMap.Anchor> anchors = new ArrayList<>();
        for (final Op op : ops)
        {
            if (op.outcome() != Outcome.OK)
            {
                continue;
            }
            final String revision = op.is("put") ? op.out(0) : op.is("txn") && "true".equals(op.out(0)) ? op.out(1) :
                null;
            if (null != revision)
            {
                anchor(anchors, Long.parseLong(revision), op.invokeNs(), op.completeNs());
            }
        }
        for (final Acquisition acquisition : acquisitions)
        {
            if (acquisition.outcome() == Outcome.OK && acquisition.token() > 0)
            {
                anchor(anchors, acquisition.token(), acquisition.invokeNs(), acquisition.completeNs());
            }
        }
        return TimeMap.of(anchors);
    }

    private void anchor(
        final List<TimeMap.Anchor> anchors, final long revision, final long invokeNs, final long completeNs)
    {
        final long position = replay.positionOfRevision(revision);
        if (position >= 0)
        {
            anchors.add(new TimeMap.Anchor(position, invokeNs, completeNs));
        }
    }

    private void report(final SafetyReport report, final String name)
    {
        for (final Violation v : report.violations())
        {
            violation(v.invariant(), v.message());
        }
        final StringBuilder counts = new StringBuilder();
        report.counts().forEach((k, v) -> counts.append(counts.length() == 0 ? "" : "/").append(k).append(':')
            .append(v));
        note(name + "=" + (report.ok() ? "OK" : "VIOLATED") + "(" + counts + ")");
    }

    /**
     * The result of the run, for its summary line.
     *
     * @param durationMs wall time.
     * @param failure    what broke the run, or null.
     * @return the result.
     */
    public ScenarioResult result(final long durationMs, final Throwable failure)
    {
        long ok = extraOk;
        long fail = extraFail;
        long unknown = extraUnknown;
        for (final Op op : history.history())
        {
            switch (op.outcome())
            {
                case OK -> ok++;
                case FAIL -> fail++;
                default -> unknown++;
            }
        }
        ScenarioResult.Status status = ScenarioResult.Status.PASSED;
        String reason = null;
        final Map<String, Integer> shown = new TreeMap<>(violations);
        if (failure instanceof SkipException)
        {
            status = ScenarioResult.Status.SKIPPED;
            reason = failure.getMessage();
        }
        else if (null != failure)
        {
            status = ScenarioResult.Status.FAILED;
            reason = "run broke: " + failure;
        }
        else if (!violations.isEmpty())
        {
            status = ScenarioResult.Status.FAILED;
        }
        if (!expectedViolationKinds.isEmpty() && status != ScenarioResult.Status.SKIPPED)
        {
            shown.putAll(expectedViolations);
            if (expectedViolations.isEmpty())
            {
                status = ScenarioResult.Status.FAILED;
                reason = "negative control: no " + expectedViolationKinds + " violation was caught, the checker has " +
                    "no teeth";
            }
            else if (null == failure && violations.isEmpty())
            {
                reason = "negative control: expected " + expectedViolations + " caught";
            }
        }
        final String artifacts = null == layout ? null : layout.runDir().toString();
        return new ScenarioResult(scenario.id(), scenario.title(), seed, status, ok, fail, unknown,
            faults.summary(), faults.recoverySummary(), shown, lostAcked, String.join(" ", checks), durationMs,
            reason, artifacts, details);
    }

    /**
     * Remove everything the run created; keep the run directory (history, audit stream, node logs) if it failed.
     *
     * @param keepArtifacts true to keep the run directory.
     */
    public void close(final boolean keepArtifacts)
    {
        for (final RemoteClient client : remoteClients)
        {
            CloseHelper.quietClose(client);
        }
        if (null != pool)
        {
            CloseHelper.quietClose(pool);
        }
        if (null != firewall)
        {
            CloseHelper.quietClose(firewall);
        }
        if (null != cluster)
        {
            CloseHelper.quietClose(cluster);
        }
        if (null != layout)
        {
            if (keepArtifacts)
            {
                writeArtifacts();
            }
            else
            {
                RunLayout.deleteRecursively(layout.runDir());
            }
        }
    }

    private void writeArtifacts()
    {
        final Path dir = layout.runDir();
        try
        {
            history.writeJsonl(dir.resolve("history.jsonl"));
            Files.write(dir.resolve("violations.txt"), details, StandardCharsets.UTF_8);
            final List<String> faultLines = new ArrayList<>();
            faults.faults().forEach(f -> faultLines.add(f.toString()));
            faults.recoveries().forEach(r -> faultLines.add(r.toString()));
            Files.write(dir.resolve("faults.txt"), faultLines, StandardCharsets.UTF_8);
            if (null != replay)
            {
                final List<String> audit = new ArrayList<>();
                replay.audit().forEach(e -> audit.add(e.toString()));
                Files.write(dir.resolve("audit.txt"), audit, StandardCharsets.UTF_8);
                final List<String> changes = new ArrayList<>();
                replay.changes().forEach(c -> changes.add(c.toString()));
                Files.write(dir.resolve("changes.txt"), changes, StandardCharsets.UTF_8);
            }
            final List<String> locks = new ArrayList<>();
            for (final LockWorkload lock : lockWorkloads)
            {
                lock.acquisitions().forEach(a -> locks.add(a.toString()));
                lock.writes().forEach(w -> locks.add(w.toString()));
            }
            extraAcquisitions.forEach(s -> s.get().forEach(a -> locks.add(a.toString())));
            extraWrites.forEach(s -> s.get().forEach(w -> locks.add(w.toString())));
            Files.write(dir.resolve("locks.txt"), locks, StandardCharsets.UTF_8);
            final List<String> watchLines = new ArrayList<>();
            watchers.forEach(w -> watchLines.add(w.history().toString()));
            Files.write(dir.resolve("watchers.txt"), watchLines, StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("could not write the artifacts of " + scenario.id() + ": " + ex);
        }
    }
}
