package io.warden.bench.chaos.control;

import io.aeron.cluster.RecordingLog;
import io.warden.node.launcher.OffsetFileWallClock;
import io.warden.schema.trust.CellSecrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a Warden cluster as real processes for a chaos run: one JVM per node, each bound to its own loopback
 * address (127.0.1.1, .2, .3, and .4, .5 for five members), plus gateway JVMs, each under its own uid when the host
 * allows (see {@link Firewall}). Configuration files are generated into the run directory; Aeron directories live
 * on tmpfs under the run's {@code /dev/shm/warden-chaos-*} directory.
 * <p>
 * Operations: start, SIGKILL, graceful stop (SIGTERM), SIGSTOP/SIGCONT, restart, wipe (delete a stopped node's
 * cluster and archive directories), snapshot, the current leader, each node's state digest and error counts, and
 * the wall-clock offset of a node. Every fault it injects is recorded in its {@link FaultLog}.
 * <p>
 * After {@code kill -9} a node's mark files look alive for about 10 s; a restart removes the dead node's Aeron
 * directory and lets the launcher wait out the mark files (it retries for up to 15 s), so plan schedules around it.
 * {@link #close()} kills every process it started and deletes the tmpfs directory, also after a failure. Not
 * thread-safe: one scenario thread drives it (workers only read {@link #layout()}).
 */
public final class ClusterController implements AutoCloseable
{
    /** Aeron cluster id of chaos runs. */
    public static final int CLUSTER_ID = 0;
    /** Heap of each node and gateway JVM. */
    public static final String JVM_HEAP = "-Xmx256m";

    private static final Pattern NODE_STARTED = Pattern.compile("node \\d+ started");
    private static final Pattern GATEWAY_STARTED = Pattern.compile("gateway \\d+ started");
    private static String faketimeVerdict;

    private final Options options;
    private final RunLayout layout;
    private final FaultLog faults;
    private final Map<Integer, ManagedProcess> nodes = new LinkedHashMap<>();
    private final Map<Integer, ManagedProcess> gateways = new LinkedHashMap<>();
    private final Map<Integer, NodeCounters> counters = new LinkedHashMap<>();
    private final Map<Integer, Long> clockOffsetMs = new LinkedHashMap<>();
    private final Map<String, Long> faketimeOffsetMs = new LinkedHashMap<>();
    private final List<Long> faketimePids = new ArrayList<>();
    private final Path clusterFile;
    private final Path profileFile;
    private boolean closed;

    /**
     * Settings of a run's cluster.
     */
    public static final class Options
    {
        private int nodes = 3;
        private int gateways = 1;
        private final Map<String, String> profileOverrides = new LinkedHashMap<>();
        private final Map<String, String> gatewayOverrides = new LinkedHashMap<>();
        private final Set<Integer> faketimeNodes = new TreeSet<>();
        private final Set<Integer> faketimeGateways = new TreeSet<>();

        /**
         * Number of members (3 or 5).
         *
         * @param nodes member count.
         * @return this.
         */
        public Options nodes(final int nodes)
        {
            this.nodes = nodes;
            return this;
        }

        /**
         * Number of gateways.
         *
         * @param gateways gateway count.
         * @return this.
         */
        public Options gateways(final int gateways)
        {
            this.gateways = gateways;
            return this;
        }

        /**
         * A node setting over the ci profile (every node alike).
         *
         * @param name  {@code warden.*} property.
         * @param value its value.
         * @return this.
         */
        public Options nodeSetting(final String name, final String value)
        {
            profileOverrides.put(name, value);
            return this;
        }

        /**
         * A gateway setting over {@code config/gateway.properties}.
         *
         * @param name  {@code warden.gateway.*} property.
         * @param value its value.
         * @return this.
         */
        public Options gatewaySetting(final String name, final String value)
        {
            gatewayOverrides.put(name, value);
            return this;
        }

        /**
         * Run these nodes under libfaketime, so that {@link ClusterController#wallClockOffset(String, long)} can
         * step their whole process's wall clock for real ({@link Host#libfaketime()} must be there).
         *
         * @param memberIds member ids.
         * @return this.
         */
        public Options faketimeNodes(final int... memberIds)
        {
            for (final int id : memberIds)
            {
                faketimeNodes.add(id);
            }
            return this;
        }

        /**
         * Run these gateways under libfaketime.
         *
         * @param gatewayIds gateway ids.
         * @return this.
         */
        public Options faketimeGateways(final int... gatewayIds)
        {
            for (final int id : gatewayIds)
            {
                faketimeGateways.add(id);
            }
            return this;
        }

        /**
         * Member count.
         *
         * @return the count.
         */
        public int nodes()
        {
            return nodes;
        }

        /**
         * Gateway count.
         *
         * @return the count.
         */
        public int gateways()
        {
            return gateways;
        }
    }

    private ClusterController(final Options options, final RunLayout layout, final FaultLog faults)
    {
        this.options = options;
        this.layout = layout;
        this.faults = faults;
        this.clusterFile = layout.runDir().resolve("config/cluster.properties");
        this.profileFile = layout.runDir().resolve("config/profile.properties");
    }

    /**
     * Write the configuration and start every node and gateway; returns once a leader is elected and every gateway
     * process is up. On failure everything started is stopped again.
     *
     * @param options the cluster's shape.
     * @param layout  the run's directories and addresses.
     * @param faults  where injected faults are recorded.
     * @return the running cluster.
     */
    public static ClusterController start(final Options options, final RunLayout layout, final FaultLog faults)
    {
        final String mismatch = Host.current().schemaMismatch();
        if (null != mismatch)
        {
            throw new IllegalStateException(mismatch);
        }
        final ClusterController controller = new ClusterController(options, layout, faults);
        try
        {
            controller.writeConfig();
            for (int id = 0; id < options.nodes; id++)
            {
                controller.launchNode(id);
            }
            for (int id = 0; id < options.nodes; id++)
            {
                controller.awaitNodeStarted(id, 60_000);
            }
            controller.awaitLeader(60_000);
            for (int g = 0; g < options.gateways; g++)
            {
                controller.launchGateway(g);
            }
            for (int g = 0; g < options.gateways; g++)
            {
                controller.awaitGatewayStarted(g, 60_000);
            }
            return controller;
        }
        catch (final RuntimeException | Error ex)
        {
            controller.close();
            throw ex;
        }
    }

    /**
     * The run's layout.
     *
     * @return the layout.
     */
    public RunLayout layout()
    {
        return layout;
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
     * Member count.
     *
     * @return the count.
     */
    public int nodeCount()
    {
        return options.nodes;
    }

    /**
     * Gateway count.
     *
     * @return the count.
     */
    public int gatewayCount()
    {
        return options.gateways;
    }

    /**
     * Every gateway's request endpoint, gateway 0 first.
     *
     * @return {@code host:port} list.
     */
    public List<String> gatewayEndpoints()
    {
        final List<String> endpoints = new ArrayList<>();
        for (int g = 0; g < options.gateways; g++)
        {
            endpoints.add(layout.gatewayEndpoint(g));
        }
        return endpoints;
    }

    /**
     * A node's process.
     *
     * @param memberId member id.
     * @return the process.
     */
    public ManagedProcess node(final int memberId)
    {
        return nodes.get(memberId);
    }

    /**
     * A gateway's process.
     *
     * @param gatewayId gateway id.
     * @return the process.
     */
    public ManagedProcess gateway(final int gatewayId)
    {
        return gateways.get(gatewayId);
    }

    /**
     * A node as a firewall endpoint.
     *
     * @param memberId member id.
     * @return the endpoint.
     */
    public Firewall.Endpoint nodeEndpoint(final int memberId)
    {
        return new Firewall.Endpoint("node-" + memberId, layout.nodeUid(memberId), RunLayout.nodeAddress(memberId));
    }

    /**
     * A gateway as a firewall endpoint.
     *
     * @param gatewayId gateway id.
     * @return the endpoint.
     */
    public Firewall.Endpoint gatewayEndpoint(final int gatewayId)
    {
        return new Firewall.Endpoint(
            "gateway-" + gatewayId, layout.gatewayUid(gatewayId), RunLayout.gatewayAddress(gatewayId));
    }

    // ------------------------------------------------------------------------------------------------ observation

    /**
     * Read a node's counters.
     *
     * @param memberId member id.
     * @return the reading ({@link NodeCounters.Reading#NONE} when down).
     */
    public NodeCounters.Reading read(final int memberId)
    {
        final ManagedProcess node = nodes.get(memberId);
        if (null == node || node.state() != ManagedProcess.State.RUNNING)
        {
            return NodeCounters.Reading.NONE;
        }
        return counters.get(memberId).read();
    }

    /**
     * The current leader: the running node whose role counter says leader (the one in the highest term if two
     * claim it, as an isolated old leader may for a while).
     *
     * @return the member id, or -1 when there is none.
     */
    public int leader()
    {
        int leader = -1;
        long term = Long.MIN_VALUE;
        for (final int id : nodes.keySet())
        {
            final NodeCounters.Reading reading = read(id);
            if (reading.isLeader() && reading.leadershipTermId() > term)
            {
                leader = id;
                term = reading.leadershipTermId();
            }
        }
        return leader;
    }

    /**
     * Wait until one running node leads and every other running node follows it in the same term.
     *
     * @param timeoutMs how long.
     * @return the leader's member id.
     * @throws IllegalStateException on timeout.
     */
    public int awaitLeader(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final int leader = stableLeader();
            if (leader >= 0)
            {
                return leader;
            }
            ManagedProcess.sleepMs(50);
        }
        throw new IllegalStateException("no stable leader within " + timeoutMs + " ms: " + describe());
    }

    /**
     * The leader, if one leads and every running, unpaused node agrees on its term.
     *
     * @return the leader, or -1.
     */
    public int stableLeader()
    {
        int leader = -1;
        long term = -1;
        for (final int id : nodes.keySet())
        {
            final NodeCounters.Reading reading = read(id);
            if (reading.isLeader())
            {
                if (leader >= 0)
                {
                    return -1;
                }
                leader = id;
                term = reading.leadershipTermId();
            }
        }
        if (leader < 0)
        {
            return -1;
        }
        for (final int id : nodes.keySet())
        {
            if (nodes.get(id).state() == ManagedProcess.State.RUNNING && id != leader)
            {
                final NodeCounters.Reading reading = read(id);
                if (reading.role() != NodeCounters.ROLE_FOLLOWER || reading.leadershipTermId() != term)
                {
                    return -1;
                }
            }
        }
        return leader;
    }

    /**
     * A running follower of the current leader.
     *
     * @param preferHighest pick the highest member id among them (else the lowest).
     * @return the member id, or -1.
     */
    public int follower(final boolean preferHighest)
    {
        final int leader = leader();
        int chosen = -1;
        for (final int id : nodes.keySet())
        {
            if (id != leader && nodes.get(id).state() == ManagedProcess.State.RUNNING)
            {
                if (chosen < 0 || preferHighest)
                {
                    chosen = id;
                }
            }
        }
        return chosen;
    }

    /**
     * The sum of the service error counters of the running nodes (must stay 0: an exception in the service is a
     * bug).
     *
     * @return the count.
     */
    public long serviceErrors()
    {
        long total = 0;
        for (final int id : nodes.keySet())
        {
            total += Math.max(0, read(id).serviceErrors());
        }
        return total;
    }

    /**
     * Every node's role and term, for messages.
     *
     * @return a one-line description.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder();
        for (final int id : nodes.keySet())
        {
            final NodeCounters.Reading r = read(id);
            sb.append("node-").append(id).append('(').append(nodes.get(id).state())
                .append(" role=").append(r.role()).append(" term=").append(r.leadershipTermId())
                .append(" commit=").append(r.commitPosition()).append(") ");
        }
        return sb.toString().trim();
    }

    // ------------------------------------------------------------------------------------------------ node faults

    /**
     * SIGKILL a node.
     *
     * @param memberId member id.
     */
    public void killNode(final int memberId)
    {
        faults.fault("kill", "node-" + memberId, "SIGKILL");
        nodes.get(memberId).kill();
    }

    /**
     * Graceful stop (SIGTERM).
     *
     * @param memberId member id.
     */
    public void stopNode(final int memberId)
    {
        faults.fault("stop", "node-" + memberId, "SIGTERM");
        nodes.get(memberId).stop(20_000);
    }

    /**
     * SIGSTOP a node.
     *
     * @param memberId member id.
     */
    public void pauseNode(final int memberId)
    {
        faults.fault("pause", "node-" + memberId, "SIGSTOP");
        nodes.get(memberId).pause();
    }

    /**
     * SIGCONT a paused node.
     *
     * @param memberId member id.
     */
    public void resumeNode(final int memberId)
    {
        nodes.get(memberId).resume();
    }

    /**
     * Start a node that is down again, with its data (after a kill the launcher waits out the old mark files).
     * Returns once the process is up, not once it has caught up.
     *
     * @param memberId member id.
     */
    public void restartNode(final int memberId)
    {
        faults.fault("restart", "node-" + memberId, "");
        final ManagedProcess node = nodes.get(memberId);
        if (node.isAlive())
        {
            throw new IllegalStateException("node-" + memberId + " is still running");
        }
        RunLayout.deleteRecursively(layout.nodeAeronDir(memberId));
        launchNode(memberId);
    }

    /**
     * Wait until a restarted node reports itself started.
     *
     * @param memberId  member id.
     * @param timeoutMs how long.
     */
    public void awaitNodeStarted(final int memberId, final long timeoutMs)
    {
        final ManagedProcess node = nodes.get(memberId);
        if (!node.awaitLogLine(NODE_STARTED, timeoutMs))
        {
            throw new IllegalStateException("node-" + memberId + " did not start within " + timeoutMs + " ms; log " +
                node.logFile() + ":\n" + tail(node.logSinceStart(), 40));
        }
    }

    /**
     * Wait until a node is a follower again whose commit position is within 64 KiB of the leader's.
     *
     * @param memberId  member id.
     * @param sinceNs   when the wait is measured from ({@code System.nanoTime()}, for example the restart).
     * @param timeoutMs how long after {@code sinceNs} to give up.
     * @return milliseconds from {@code sinceNs} until it had caught up, or -1 if it did not in time.
     */
    public long awaitCaughtUp(final int memberId, final long sinceNs, final long timeoutMs)
    {
        while (System.nanoTime() - sinceNs < TimeUnit.MILLISECONDS.toNanos(timeoutMs))
        {
            final int leader = leader();
            final NodeCounters.Reading mine = read(memberId);
            final NodeCounters.Reading leaders = leader >= 0 ? read(leader) : NodeCounters.Reading.NONE;
            if (mine.commitPosition() > 0 && leaders.commitPosition() > 0 &&
                mine.commitPosition() >= leaders.commitPosition() - 64 * 1024 &&
                mine.role() == NodeCounters.ROLE_FOLLOWER)
            {
                return (System.nanoTime() - sinceNs) / 1_000_000;
            }
            ManagedProcess.sleepMs(50);
        }
        return -1;
    }

    /**
     * Delete a stopped node's cluster and archive directories: it comes back empty and must catch up from the
     * others.
     *
     * @param memberId member id.
     */
    public void wipeNode(final int memberId)
    {
        final ManagedProcess node = nodes.get(memberId);
        if (node.isAlive())
        {
            throw new IllegalStateException("wipe needs node-" + memberId + " down");
        }
        faults.fault("wipe", "node-" + memberId, "");
        RunLayout.deleteRecursively(layout.nodeDir(memberId));
        prepareNodeDirs(memberId);
    }

    /**
     * Mark a stopped node's latest snapshot invalid in its recording log (what {@code ClusterTool
     * invalidate-latest-snapshot} does), so that its next start recovers from an older snapshot or replays the log.
     *
     * @param memberId member id.
     * @return true when a snapshot was invalidated.
     */
    public boolean invalidateLatestSnapshot(final int memberId)
    {
        if (nodes.get(memberId).isAlive())
        {
            throw new IllegalStateException("invalidating a snapshot needs node-" + memberId + " down");
        }
        faults.fault("snapshot-invalidate", "node-" + memberId, "");
        try (RecordingLog log = new RecordingLog(layout.nodeDir(memberId).resolve("cluster").toFile(), false))
        {
            return log.invalidateLatestSnapshot();
        }
    }

    /**
     * Flip a byte of a key record in a stopped node's latest snapshot (the service's recording), as a failing disk
     * would; its next start must notice, and fall back to the snapshot before or refuse to start.
     *
     * @param memberId member id.
     * @return the file changed, or null if the node has no snapshot with a key in it.
     */
    public Path corruptLatestSnapshot(final int memberId)
    {
        if (nodes.get(memberId).isAlive())
        {
            throw new IllegalStateException("corrupting a snapshot needs node-" + memberId + " down");
        }
        final RecordingLog.Entry latest;
        try (RecordingLog log = new RecordingLog(layout.nodeDir(memberId).resolve("cluster").toFile(), false))
        {
            latest = log.getLatestSnapshot(0);
        }
        if (null == latest)
        {
            return null;
        }
        final Path file = layout.nodeDir(memberId).resolve("archive").resolve(latest.recordingId + "-0.rec");
        final long offset = SnapshotCorruption.flipKeyRecordByte(file);
        faults.fault("snapshot-corrupt", "node-" + memberId, file.getFileName() + " byte " + offset);
        return offset < 0 ? null : file;
    }

    /**
     * Step the wall clock a node sees by setting its offset ({@link OffsetFileWallClock}), as an NTP step would: on
     * the default monotonic clock only a node's start reads it; on {@code warden.cluster.clock=wall} the log's
     * timestamps and Aeron's timeouts follow it at once.
     *
     * @param memberId member id.
     * @param offsetMs the new offset in milliseconds.
     */
    public void clockOffset(final int memberId, final long offsetMs)
    {
        faults.fault("clock", "node-" + memberId, "offset " + offsetMs + "ms");
        OffsetFileWallClock.writeOffsetMs(layout.nodeClockFile(memberId).toFile(), offsetMs);
        clockOffsetMs.put(memberId, offsetMs);
    }

    /**
     * Step the whole wall clock of a process started under libfaketime ({@link Options#faketimeNodes},
     * {@link Options#faketimeGateways}) by setting its offset from the real time: every
     * {@code clock_gettime(CLOCK_REALTIME)} of the process (the JVM's {@code System.currentTimeMillis()},
     * {@code Instant.now()}) sees it at once, {@code CLOCK_MONOTONIC} ({@code System.nanoTime()}) does not: what an
     * NTP step does to that machine.
     *
     * @param process  {@code node-<id>} or {@code gateway-<id>}.
     * @param offsetMs the new offset in milliseconds (negative moves the clock back).
     */
    public void wallClockOffset(final String process, final long offsetMs)
    {
        if (!faketimeOffsetMs.containsKey(process))
        {
            throw new IllegalStateException(process + " does not run under libfaketime");
        }
        faults.fault("clock-faketime", process, "offset " + offsetMs + "ms");
        writeFaketimeOffset(layout.faketimeFile(process), offsetMs);
        faketimeOffsetMs.put(process, offsetMs);
    }

    /**
     * Does a process run under libfaketime?
     *
     * @param process {@code node-<id>} or {@code gateway-<id>}.
     * @return true when {@link #wallClockOffset(String, long)} can step it.
     */
    public boolean isFaketime(final String process)
    {
        return faketimeOffsetMs.containsKey(process);
    }

    /**
     * Put every node's offset and every libfaketime offset back to 0.
     */
    public void resetClocks()
    {
        for (final int id : nodes.keySet())
        {
            if (clockOffsetMs.getOrDefault(id, 0L) != 0)
            {
                OffsetFileWallClock.writeOffsetMs(layout.nodeClockFile(id).toFile(), 0);
                clockOffsetMs.put(id, 0L);
            }
        }
        for (final Map.Entry<String, Long> e : faketimeOffsetMs.entrySet())
        {
            if (e.getValue() != 0)
            {
                writeFaketimeOffset(layout.faketimeFile(e.getKey()), 0);
                e.setValue(0L);
            }
        }
    }

    /**
     * Write libfaketime's relative offset (seconds, with milliseconds) so that a reader never sees half a file:
     * with {@code FAKETIME_NO_CACHE=1} the process reads it again on every clock call.
     */
    private static void writeFaketimeOffset(final Path file, final long offsetMs)
    {
        try
        {
            final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, String.format(Locale.ROOT, "%+.3f%n", offsetMs / 1000.0), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the libfaketime offset " + file, ex);
        }
    }

    /**
     * The environment of a process under libfaketime: the preload library, its offset file read on every call, and
     * {@code CLOCK_MONOTONIC} left alone (an NTP step does not move it either).
     */
    private Map<String, String> faketimeEnvironment(final String process)
    {
        if (!faketimeOffsetMs.containsKey(process))
        {
            return Map.of();
        }
        return faketimeEnvironment(layout.faketimeFile(process));
    }

    private static Map<String, String> faketimeEnvironment(final Path offsetFile)
    {
        // FAKETIME_FORCE_MONOTONIC_FIX=0: with the fix libfaketime 0.9.10 picks for this glibc, every timed wait of a
        // JVM (park, sleep, Object.wait: pthread_cond_timedwait on CLOCK_MONOTONIC) returns at once, so every idle
        // strategy spins and the machine starves (fixed upstream after 0.9.10, libfaketime PR #503).
        final Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LD_PRELOAD", Host.current().libfaketime());
        environment.put("FAKETIME_TIMESTAMP_FILE", offsetFile.toString());
        environment.put("FAKETIME_NO_CACHE", "1");
        environment.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        environment.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
        return environment;
    }

    /**
     * Check that libfaketime steps a JVM here as an NTP step would: {@link FaketimeProbe} runs under it while its
     * offset goes to +300 s, then -60 s; its wall clock must follow each step within a second, its monotonic clock
     * must not, and its 50 ms timed waits must not return early. Done once per JVM, in a temporary directory.
     *
     * @return null when it does, or what went wrong.
     */
    public static synchronized String verifyFaketime()
    {
        if (null == faketimeVerdict)
        {
            faketimeVerdict = probeFaketime();
        }
        return faketimeVerdict.isEmpty() ? null : faketimeVerdict;
    }

    private static String probeFaketime()
    {
        if (null == Host.current().libfaketime())
        {
            return "libfaketime is not installed (apt-get install libfaketime)";
        }
        Path dir = null;
        ManagedProcess probe = null;
        try
        {
            dir = Files.createTempDirectory("warden-faketime-probe");
            final Path offsetFile = dir.resolve("offset");
            writeFaketimeOffset(offsetFile, 0);
            probe = new ManagedProcess("faketime-probe", -1, dir.resolve("probe.log"), dir);
            final List<String> command = new ArrayList<>(jvm());
            command.addAll(List.of("-cp", codeSource(), FaketimeProbe.class.getName()));
            probe.start(command, false, true, faketimeEnvironment(offsetFile));
            return probe(probe, offsetFile);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "cannot run the libfaketime probe: " + ex;
        }
        finally
        {
            if (null != probe)
            {
                probe.kill();
                deleteFaketimeFiles(probe.pid());
            }
            if (null != dir)
            {
                RunLayout.deleteRecursively(dir);
            }
        }
    }

    private static String probe(final ManagedProcess probe, final Path offsetFile) throws IOException
    {
        final java.io.BufferedReader out = new java.io.BufferedReader(
            new java.io.InputStreamReader(probe.stdout(), StandardCharsets.US_ASCII));
        final long[] first = reading(out);
        if (null == first)
        {
            return "the probe JVM under libfaketime printed nothing";
        }
        int earlyWaits = first[1] < FaketimeProbe.WAIT_MS / 2 ? 1 : 0;
        for (final long offsetMs : new long[]{ 300_000, -60_000 })
        {
            writeFaketimeOffset(offsetFile, offsetMs);
            long[] r;
            int lines = 0;
            do
            {
                r = reading(out);
                if (null == r)
                {
                    return "the probe JVM under libfaketime stopped";
                }
                earlyWaits += r[1] < FaketimeProbe.WAIT_MS / 2 ? 1 : 0;
            }
            while (Math.abs(r[0] - first[0] - offsetMs) > 1_000 && ++lines < 40);
            if (Math.abs(r[0] - first[0] - offsetMs) > 1_000)
            {
                return "a JVM under libfaketime did not see its wall clock stepped to " + offsetMs + " ms: " +
                    "wall - monotonic went from " + first[0] + " to " + r[0] + " ms";
            }
        }
        if (earlyWaits > 2)
        {
            return "timed waits return early under libfaketime here: " + earlyWaits + " waits of " +
                FaketimeProbe.WAIT_MS + " ms took less than half of it";
        }
        return "";
    }

    private static String codeSource()
    {
        try
        {
            return Path.of(FaketimeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (final java.net.URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long[] reading(final java.io.BufferedReader out) throws IOException
    {
        final String line = out.readLine();
        if (null == line)
        {
            return null;
        }
        final String[] words = line.trim().split(" ");
        return new long[]{ Long.parseLong(words[0]), Long.parseLong(words[1]) };
    }

    private void rememberFaketime(final String process, final ManagedProcess managed)
    {
        if (faketimeOffsetMs.containsKey(process))
        {
            faketimePids.add(managed.pid());
        }
    }

    /**
     * libfaketime gives each process a POSIX semaphore and shared memory named by its pid, and a killed process
     * leaves them in {@code /dev/shm}.
     */
    private void deleteFaketimeLeftovers()
    {
        for (final long pid : faketimePids)
        {
            deleteFaketimeFiles(pid);
        }
        faketimePids.clear();
    }

    private static void deleteFaketimeFiles(final long pid)
    {
        try
        {
            Files.deleteIfExists(Path.of("/dev/shm", "faketime_shm_" + pid));
            Files.deleteIfExists(Path.of("/dev/shm", "sem.faketime_sem_" + pid));
        }
        catch (final IOException ex)
        {
            System.err.println("cannot delete libfaketime's files of pid " + pid + ": " + ex);
        }
    }

    private void prepareFaketime(final String process, final int uid)
    {
        if (null == Host.current().libfaketime())
        {
            throw new IllegalStateException("libfaketime is not installed (apt-get install libfaketime): cannot " +
                "run " + process + " under it");
        }
        writeFaketimeOffset(layout.faketimeFile(process), 0);
        chown(layout.faketimeFile(process), uid);
        faketimeOffsetMs.put(process, 0L);
    }

    // ------------------------------------------------------------------------------------------------ gateways

    /**
     * SIGKILL a gateway.
     *
     * @param gatewayId gateway id.
     */
    public void killGateway(final int gatewayId)
    {
        faults.fault("gateway-kill", "gateway-" + gatewayId, "SIGKILL");
        gateways.get(gatewayId).kill();
    }

    /**
     * SIGSTOP a gateway.
     *
     * @param gatewayId gateway id.
     */
    public void pauseGateway(final int gatewayId)
    {
        faults.fault("gateway-pause", "gateway-" + gatewayId, "SIGSTOP");
        gateways.get(gatewayId).pause();
    }

    /**
     * SIGCONT a paused gateway.
     *
     * @param gatewayId gateway id.
     */
    public void resumeGateway(final int gatewayId)
    {
        gateways.get(gatewayId).resume();
    }

    /**
     * Start a gateway that is down again and wait for it.
     *
     * @param gatewayId gateway id.
     */
    public void restartGateway(final int gatewayId)
    {
        faults.fault("restart", "gateway-" + gatewayId, "");
        RunLayout.deleteRecursively(layout.gatewayAeronDir(gatewayId));
        launchGateway(gatewayId);
        awaitGatewayStarted(gatewayId, 30_000);
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    /**
     * One snapshot of the whole cluster as the nodes reported it.
     *
     * @param position      the log position every reporting node snapshotted at.
     * @param digestByNode  each reporting node's state digest at that position.
     * @param converged     true when every running node reported that position with one digest.
     */
    public record Snapshot(long position, Map<Integer, Long> digestByNode, boolean converged)
    {
    }

    /**
     * Take a snapshot through the leader and wait until every running node has written it; every node snapshots at
     * the same log position, so equal digests mean equal state.
     *
     * @param timeoutMs how long to wait.
     * @return the snapshot, or null when the cluster did not take one in time.
     */
    public Snapshot snapshot(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final Map<Integer, Long> before = new LinkedHashMap<>();
        for (final int id : nodes.keySet())
        {
            before.put(id, read(id).snapshotPosition());
        }
        boolean requested = false;
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (!requested)
            {
                final int leader = leader();
                if (leader >= 0 && counters.get(leader).requestSnapshot())
                {
                    faults.fault("snapshot", "node-" + leader, "control toggle");
                    requested = true;
                }
            }
            else
            {
                final Snapshot snapshot = readSnapshot(before);
                if (null != snapshot)
                {
                    return snapshot;
                }
            }
            ManagedProcess.sleepMs(50);
        }
        return null;
    }

    /**
     * The latest snapshot of every running node as the counters show it now.
     *
     * @return node to (position, digest), running nodes only.
     */
    public Map<Integer, long[]> latestSnapshots()
    {
        final Map<Integer, long[]> result = new LinkedHashMap<>();
        for (final int id : nodes.keySet())
        {
            final NodeCounters.Reading r = read(id);
            if (r.snapshotPosition() > 0)
            {
                result.put(id, new long[]{ r.snapshotPosition(), r.snapshotDigest() });
            }
        }
        return result;
    }

    private Snapshot readSnapshot(final Map<Integer, Long> before)
    {
        final Map<Integer, Long> digests = new LinkedHashMap<>();
        long position = -1;
        boolean converged = true;
        for (final int id : nodes.keySet())
        {
            if (nodes.get(id).state() != ManagedProcess.State.RUNNING)
            {
                continue;
            }
            final NodeCounters.Reading r = read(id);
            if (r.snapshotPosition() <= before.getOrDefault(id, 0L))
            {
                return null;
            }
            if (position < 0)
            {
                position = r.snapshotPosition();
            }
            else if (position != r.snapshotPosition())
            {
                converged = false;
            }
            digests.put(id, r.snapshotDigest());
        }
        if (digests.values().stream().distinct().count() > 1)
        {
            converged = false;
        }
        return new Snapshot(position, digests, converged);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Stop every process: SIGCONT what is paused, then SIGKILL everything (no graceful stop: the run is over and its
     * files are read as they are).
     */
    public void killAll()
    {
        for (final ManagedProcess gateway : gateways.values())
        {
            gateway.kill();
        }
        for (final ManagedProcess node : nodes.values())
        {
            node.kill();
        }
    }

    /**
     * Kill every process and delete the tmpfs directory. Idempotent; safe after a failure.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            killAll();
        }
        finally
        {
            layout.deleteShm();
            deleteFaketimeLeftovers();
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void writeConfig()
    {
        try
        {
            final Path configDir = layout.runDir().resolve("config");
            Files.createDirectories(configDir);
            Files.createDirectories(layout.logDir());
            final StringBuilder cluster = new StringBuilder()
                .append("# generated by the chaos harness for ").append(layout.scenario()).append(" seed ")
                .append(layout.seed()).append('\n')
                .append("warden.cluster.id=").append(CLUSTER_ID).append('\n')
                .append("warden.cluster.port.base=").append(layout.portBase()).append('\n')
                .append("warden.cluster.app.version=0.1.0\n")
                .append("warden.cluster.max.sessions=64\n")
                .append("warden.cluster.session.timeout=10s\n")
                .append("warden.cluster.admin.snapshot.allowed=true\n")
                .append("warden.cluster.max.message.length=68k\n")
                // the audit stream replays every node's whole log from position 0 (LogReplay), so the harness's
                // nodes keep it; purging is tested by AutoSnapshotIT
                .append("warden.snapshot.purge=false\n")
                // node JVMs run with JVM_HEAP (256 MiB): the heap check lets them hold at most about 60 MiB
                .append("warden.cluster.state.quota=48m\n");
            for (int id = 0; id < options.nodes; id++)
            {
                cluster.append("warden.cluster.host.").append(id).append('=').append(RunLayout.nodeAddress(id))
                    .append('\n');
            }
            Files.writeString(clusterFile, cluster.toString(), StandardCharsets.UTF_8);

            final StringBuilder profile = new StringBuilder(
                Files.readString(Host.current().repoRoot().resolve("config/profile-ci.properties")));
            profile.append("\n# chaos harness overrides\n");
            options.profileOverrides.forEach((name, value) -> profile.append(name).append('=').append(value)
                .append('\n'));
            Files.writeString(profileFile, profile.toString(), StandardCharsets.UTF_8);

            // one copy of the cell's secrets per process, owned by its user (mode 600): a gateway's holds only the
            // gateway secret; the harness's (for its direct cluster clients) both
            final String gatewaySecret = CellSecrets.newSecret();
            final String operatorSecret = CellSecrets.newSecret();
            CellSecrets.write(harnessSecretFile(), gatewaySecret, operatorSecret);
            for (int id = 0; id < options.nodes; id++)
            {
                final Path nodeFile = configDir.resolve("node-" + id + ".properties");
                final Path secretFile = configDir.resolve("node-" + id + ".secret");
                CellSecrets.write(secretFile, gatewaySecret, operatorSecret);
                chown(secretFile, layout.nodeUid(id));
                Files.writeString(nodeFile,
                    "warden.cluster.secret.file=" + secretFile + "\n" +
                    "warden.node.id=" + id + "\n" +
                    "warden.node.dir=" + layout.nodeDir(id) + "\n" +
                    "warden.node.cluster.dir=" + layout.nodeDir(id).resolve("cluster") + "\n" +
                    "warden.node.archive.dir=" + layout.nodeDir(id).resolve("archive") + "\n" +
                    "warden.node.aeron.dir=" + layout.nodeAeronDir(id) + "\n" +
                    "warden.cluster.clock.offset.file=" + layout.nodeClockFile(id) + "\n",
                    StandardCharsets.UTF_8);
                prepareNodeDirs(id);
                OffsetFileWallClock.writeOffsetMs(layout.nodeClockFile(id).toFile(), 0);
                chown(layout.nodeClockFile(id), layout.nodeUid(id));
                counters.put(id, new NodeCounters(layout.nodeAeronDir(id).toFile(), CLUSTER_ID));
                if (options.faketimeNodes.contains(id))
                {
                    prepareFaketime("node-" + id, layout.nodeUid(id));
                }
            }

            for (int g = 0; g < options.gateways; g++)
            {
                final Path secretFile = configDir.resolve("gateway-" + g + ".secret");
                CellSecrets.write(secretFile, gatewaySecret, null);
                chown(secretFile, layout.gatewayUid(g));
                final StringBuilder gateway = new StringBuilder()
                    .append("warden.cluster.secret.file=").append(secretFile).append('\n')
                    .append("warden.gateway.id=").append(g).append('\n')
                    .append("warden.gateway.request.endpoint=").append(layout.gatewayEndpoint(g)).append('\n')
                    .append("warden.gateway.cluster.egress.host=").append(RunLayout.gatewayAddress(g)).append('\n')
                    .append("warden.gateway.aeron.dir=").append(layout.gatewayAeronDir(g)).append('\n');
                options.gatewayOverrides.forEach((name, value) -> gateway.append(name).append('=').append(value)
                    .append('\n'));
                Files.writeString(configDir.resolve("gateway-" + g + ".properties"), gateway.toString(),
                    StandardCharsets.UTF_8);
                if (options.faketimeGateways.contains(g))
                {
                    prepareFaketime("gateway-" + g, layout.gatewayUid(g));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the run's configuration", ex);
        }
    }

    /**
     * The cell's secrets as the harness holds them (gateway and operator), for its own cluster clients.
     *
     * @return the file, mode 600.
     */
    public Path harnessSecretFile()
    {
        return layout.runDir().resolve("config/harness.secret");
    }

    private void prepareNodeDirs(final int memberId)
    {
        try
        {
            final Path dir = layout.nodeDir(memberId);
            Files.createDirectories(dir.resolve("cluster"));
            Files.createDirectories(dir.resolve("archive"));
            chown(dir, layout.nodeUid(memberId));
            chown(dir.resolve("cluster"), layout.nodeUid(memberId));
            chown(dir.resolve("archive"), layout.nodeUid(memberId));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create node directories", ex);
        }
    }

    private void launchNode(final int memberId)
    {
        final ManagedProcess process = nodes.computeIfAbsent(memberId, id -> new ManagedProcess(
            "node-" + id, layout.nodeUid(id), layout.logDir().resolve("node-" + id + ".log"), layout.nodeDir(id)));
        final List<String> command = new ArrayList<>(jvm());
        command.add("-Xlog:gc:file=" + layout.nodeGcLog(memberId));
        command.addAll(List.of(
            "-cp", Host.current().nodeJar().toString(),
            "io.warden.node.launcher.NodeLauncher",
            clusterFile.toString(),
            layout.runDir().resolve("config/node-" + memberId + ".properties").toString(),
            profileFile.toString()));
        process.start(command, false, false, faketimeEnvironment("node-" + memberId));
        rememberFaketime("node-" + memberId, process);
    }

    private void launchGateway(final int gatewayId)
    {
        final ManagedProcess process = gateways.computeIfAbsent(gatewayId, id -> new ManagedProcess(
            "gateway-" + id, layout.gatewayUid(id), layout.logDir().resolve("gateway-" + id + ".log"),
            layout.logDir()));
        final List<String> command = new ArrayList<>(jvm());
        command.addAll(List.of(
            "-cp", Host.current().gatewayJar().toString(),
            "io.warden.gateway.GatewayLauncher",
            clusterFile.toString(),
            Host.current().repoRoot().resolve("config/gateway.properties").toString(),
            layout.runDir().resolve("config/gateway-" + gatewayId + ".properties").toString()));
        process.start(command, false, false, faketimeEnvironment("gateway-" + gatewayId));
        rememberFaketime("gateway-" + gatewayId, process);
    }

    private void awaitGatewayStarted(final int gatewayId, final long timeoutMs)
    {
        final ManagedProcess gateway = gateways.get(gatewayId);
        if (!gateway.awaitLogLine(GATEWAY_STARTED, timeoutMs))
        {
            throw new IllegalStateException("gateway-" + gatewayId + " did not start within " + timeoutMs +
                " ms; log " + gateway.logFile() + ":\n" + tail(gateway.logSinceStart(), 40));
        }
    }

    /**
     * The JVM options of every node and gateway process: the flag Aeron needs, a small heap, the serial collector
     * and C1 only (short runs on two shared cores), no perf data file.
     *
     * @return the java command and its options.
     */
    public static List<String> jvm()
    {
        return List.of(
            Host.current().javaBinary(),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            JVM_HEAP,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.net.preferIPv4Stack=true");
    }

    private static void chown(final Path path, final int uid)
    {
        if (!Host.current().perProcessUids())
        {
            return;
        }
        try
        {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", uid);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot chown " + path + " to " + uid, ex);
        }
    }

    static String tail(final String text, final int lines)
    {
        final String[] all = text.split("\n");
        final StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++)
        {
            sb.append(all[i]).append('\n');
        }
        return sb.toString();
    }
}
