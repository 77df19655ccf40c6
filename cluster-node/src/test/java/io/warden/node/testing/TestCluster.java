package io.warden.node.testing;

import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.client.ClusterEvent;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.status.SystemCounterDescriptor;
import io.warden.node.launcher.ClusterMembers;
import io.warden.node.launcher.NodeConfig;
import io.warden.node.launcher.NodeLauncher;
import io.warden.node.maintenance.NodeMaintenance;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * N Warden nodes (3 by default) in this JVM on loopback, for tier-4 integration tests. Every node is built by
 * {@link NodeConfig} from {@code config/profile-ci.properties} (SHARED threading, backoff idle, Aeron's test
 * timeouts) with per-run overrides: a random free port base, an aeron dir per node under
 * {@code /dev/shm/warden-test-<run>/node-N} and cluster/archive dirs under {@code target/warden-test-<run>/node-N}.
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.start(3))
 * {
 *     final int leader = cluster.awaitLeader();
 *     cluster.stopNode(leader);
 *     final int next = cluster.awaitLeader();
 *     cluster.startNode(leader);
 *     assertEquals(0, cluster.errorCount(next));
 * }
 * }</pre>
 * The leader is read from each consensus module's node-role and election-state counters, as Aeron's own test
 * cluster does; snapshots are triggered through the leader's cluster control toggle. Not thread-safe: use it from
 * the test thread. {@link #close()} stops every node and deletes every directory it made.
 */
public final class TestCluster implements AutoCloseable
{
    /** Default time allowed for an election or a snapshot. */
    public static final long DEFAULT_TIMEOUT_MS = 20_000;
    /** Set to {@code true} to keep the cluster and archive directories after close (aeron dirs always go). */
    public static final String KEEP_DIRS_PROP_NAME = "warden.test.keep.dirs";
    /** Directory holding {@code profile-ci.properties}; found by walking up from the working directory if unset. */
    public static final String CONFIG_DIR_PROP_NAME = "warden.config.dir";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String PROFILE_FILE = "profile-ci.properties";

    private final int memberCount;
    private final String runId;
    private final File shmBaseDir;
    private final File dataBaseDir;
    private final Path profileFile;
    private final int portBase;
    private final Node[] nodes;
    private final Path cellSecretFile;
    private final Consumer<NodeConfig> customise;
    private int clientCount;

    private TestCluster(final int memberCount, final Consumer<NodeConfig> customise)
    {
        this.memberCount = memberCount;
        this.customise = customise;
        this.runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);
        this.shmBaseDir = new File(shmRoot(), "warden-test-" + runId);
        this.dataBaseDir = new File("target", "warden-test-" + runId).getAbsoluteFile();
        this.profileFile = findProfileFile();
        this.portBase = findFreePortBase(memberCount);
        this.cellSecretFile = dataBaseDir.toPath().resolve("cell.secret");
        CellSecrets.write(cellSecretFile, CellSecrets.newSecret(), CellSecrets.newSecret());
        this.nodes = new Node[memberCount];
        for (int i = 0; i < memberCount; i++)
        {
            nodes[i] = new Node(i);
        }
    }

    /**
     * Start a fresh cluster of {@code memberCount} nodes (clean directories) without waiting for a leader.
     *
     * @param memberCount number of members, 1 to 9.
     * @return the running cluster; close it.
     */
    public static TestCluster start(final int memberCount)
    {
        return start(memberCount, config -> {});
    }

    /**
     * Start a fresh cluster whose node configurations are changed before they are concluded (for example to make
     * snapshots automatic): {@code TestCluster.start(3, config -> config.snapshotLogBytes(1 << 20))}.
     *
     * @param memberCount number of members, 1 to 9.
     * @param customise   applied to every node's configuration, at every start.
     * @return the running cluster; close it.
     */
    public static TestCluster start(final int memberCount, final Consumer<NodeConfig> customise)
    {
        if (memberCount < 1 || memberCount > 9)
        {
            throw new IllegalArgumentException("memberCount must be 1..9: " + memberCount);
        }

        final TestCluster cluster = new TestCluster(memberCount, customise);
        try
        {
            cluster.startAll();
            return cluster;
        }
        catch (final Throwable ex)
        {
            CloseHelper.quietClose(cluster);
            throw ex;
        }
    }

    /**
     * The cell's secret file every node of this cluster reads (mode 600, a gateway and an operator secret); rewrite
     * it with {@link CellSecrets#write} to rotate.
     *
     * @return its path.
     */
    public Path cellSecretFile()
    {
        return cellSecretFile;
    }

    /**
     * Credentials that prove this cell's secret for a role.
     *
     * @param role {@link CellSecrets#GATEWAY} or {@link CellSecrets#OPERATOR}.
     * @param name the connection's name.
     * @return credentials for {@code AeronCluster.Context.credentialsSupplier}.
     */
    public CellCredentials credentials(final String role, final String name)
    {
        return new CellCredentials(cellSecretFile, role, name);
    }

    /**
     * Number of members.
     *
     * @return member count.
     */
    public int memberCount()
    {
        return memberCount;
    }

    /**
     * Start a stopped node, keeping its cluster and archive directories (only its very first start is clean).
     *
     * @param id member id.
     */
    public void startNode(final int id)
    {
        final Node node = nodes[id];
        if (node.isRunning())
        {
            throw new IllegalStateException("node " + id + " is already running");
        }

        final NodeConfig config = newNodeConfig(id, !node.hasStarted);
        final AtomicBoolean terminated = new AtomicBoolean();
        final Runnable terminationHook = () -> terminated.set(true);

        ClusteredMediaDriver driver = null;
        ClusteredServiceContainer container = null;
        try
        {
            driver = ClusteredMediaDriver.launch(
                config.newMediaDriverContext(terminationHook),
                config.newArchiveContext(),
                config.newConsensusModuleContext(terminationHook));
            container = ClusteredServiceContainer.launch(config.newServiceContainerContext(terminationHook));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(container, driver);
            throw ex;
        }

        node.config = config;
        node.driver = driver;
        node.container = container;
        node.maintenance = NodeLauncher.startMaintenance(config, driver, System.out);
        node.terminated = terminated;
        node.hasStarted = true;
    }

    /**
     * Stop a node gracefully: its service container first, then its driver, archive and consensus module. Its
     * directories are kept for {@link #startNode(int)}.
     *
     * @param id member id.
     */
    public void stopNode(final int id)
    {
        final Node node = nodes[id];
        if (!node.isRunning())
        {
            throw new IllegalStateException("node " + id + " is not running");
        }

        node.accumulateErrorCounts();
        final ClusteredServiceContainer container = node.container;
        final ClusteredMediaDriver driver = node.driver;
        final NodeMaintenance maintenance = node.maintenance;
        node.container = null;
        node.driver = null;
        node.maintenance = null;
        CloseHelper.closeAll(maintenance, container, driver);
    }

    /**
     * Start every stopped node.
     */
    public void startAll()
    {
        for (int i = 0; i < memberCount; i++)
        {
            if (!nodes[i].isRunning())
            {
                startNode(i);
            }
        }
    }

    /**
     * Stop every running node, keeping all state for a full-cluster restart with {@link #startAll()}.
     */
    public void stopAll()
    {
        RuntimeException error = null;
        for (int i = 0; i < memberCount; i++)
        {
            if (nodes[i].isRunning())
            {
                try
                {
                    stopNode(i);
                }
                catch (final RuntimeException ex)
                {
                    if (null == error)
                    {
                        error = ex;
                    }
                    else
                    {
                        error.addSuppressed(ex);
                    }
                }
            }
        }

        if (null != error)
        {
            throw error;
        }
    }

    /**
     * Is the node running (started, not stopped, and not terminated by the cluster).
     *
     * @param id member id.
     * @return true if running.
     */
    public boolean isRunning(final int id)
    {
        return nodes[id].isLive();
    }

    /**
     * Wait for a leader with {@link #DEFAULT_TIMEOUT_MS}.
     *
     * @return the leader's member id.
     */
    public int awaitLeader()
    {
        return awaitLeader(DEFAULT_TIMEOUT_MS);
    }

    /**
     * Wait until one running node is LEADER and every running node's election is CLOSED.
     *
     * @param timeoutMs how long to wait.
     * @return the leader's member id.
     * @throws AssertionError on timeout, describing every node's role and election state.
     */
    public int awaitLeader(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            int leaderId = -1;
            boolean allClosed = true;
            for (final Node node : nodes)
            {
                if (node.isLive())
                {
                    final ElectionState electionState = node.electionState();
                    if (ElectionState.CLOSED != electionState)
                    {
                        allClosed = false;
                    }
                    else if (Cluster.Role.LEADER == node.role())
                    {
                        leaderId = node.id;
                    }
                }
            }

            if (leaderId >= 0 && allClosed)
            {
                return leaderId;
            }

            awaitStep(deadlineNs, "a leader with all elections closed");
        }
    }

    /**
     * Wait until a node has the given role with its election closed.
     *
     * @param id        member id.
     * @param role      expected role.
     * @param timeoutMs how long to wait.
     */
    public void awaitRole(final int id, final Cluster.Role role, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final Node node = nodes[id];
        while (!(node.isLive() && role == node.role() && ElectionState.CLOSED == node.electionState()))
        {
            awaitStep(deadlineNs, "node " + id + " to be " + role);
        }
    }

    /**
     * A node's role from its consensus module's node-role counter.
     *
     * @param id member id.
     * @return the role, or null if the node is not running.
     */
    public Cluster.Role role(final int id)
    {
        return nodes[id].isLive() ? nodes[id].role() : null;
    }

    /**
     * A node's election state from its consensus module's election-state counter.
     *
     * @param id member id.
     * @return the state, or null if the node is not running.
     */
    public ElectionState electionState(final int id)
    {
        return nodes[id].isLive() ? nodes[id].electionState() : null;
    }

    /**
     * Take a snapshot with {@link #DEFAULT_TIMEOUT_MS}.
     *
     * @return the leader's snapshot count afterwards.
     */
    public long takeSnapshot()
    {
        return takeSnapshot(DEFAULT_TIMEOUT_MS);
    }

    /**
     * Take a snapshot: toggle the leader's cluster control counter to SNAPSHOT (what {@code ClusterTool snapshot}
     * does) and wait until every running node's snapshot counter has moved on.
     *
     * @param timeoutMs how long to wait.
     * @return the leader's snapshot count afterwards.
     */
    public long takeSnapshot(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final int leaderId = awaitLeader(timeoutMs);
        final long[] before = snapshotCounts();

        final AtomicCounter controlToggle = nodes[leaderId].cmContext().controlToggleCounter();
        while (!ClusterControl.ToggleState.SNAPSHOT.toggle(controlToggle))
        {
            awaitStep(deadlineNs, "the leader's control toggle to be NEUTRAL (it is " +
                ClusterControl.ToggleState.get(controlToggle) + ")");
        }

        awaitSnapshotCountsUntil(before, deadlineNs);

        return snapshotCount(leaderId);
    }

    /**
     * Wait until every running node's snapshot count is above the given counts.
     *
     * @param before    counts from {@link #snapshotCounts()}, -1 for nodes to ignore.
     * @param timeoutMs how long to wait.
     */
    public void awaitSnapshotCounts(final long[] before, final long timeoutMs)
    {
        awaitSnapshotCountsUntil(before, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    /**
     * Every node's snapshot count (counter type 205), -1 for nodes not running.
     *
     * @return counts indexed by member id.
     */
    public long[] snapshotCounts()
    {
        final long[] counts = new long[memberCount];
        for (int i = 0; i < memberCount; i++)
        {
            counts[i] = snapshotCount(i);
        }

        return counts;
    }

    /**
     * A node's snapshot count since it started.
     *
     * @param id member id.
     * @return the count, or -1 if the node is not running.
     */
    public long snapshotCount(final int id)
    {
        final Node node = nodes[id];
        return node.isLive() ? node.cmContext().snapshotCounter().get() : -1;
    }

    /**
     * A node's commit position (counter type 203).
     *
     * @param id member id.
     * @return the position, or -1 if the node is not running.
     */
    public long commitPosition(final int id)
    {
        final Node node = nodes[id];
        return node.isLive() ? node.cmContext().commitPositionCounter().get() : -1;
    }

    /**
     * Delete a stopped node's cluster and archive directories, as a dead disk would; its next start begins empty
     * (or from whatever is put there, such as a {@link io.warden.node.backup.Restore}).
     *
     * @param id member id.
     */
    public void wipeNode(final int id)
    {
        if (nodes[id].isRunning())
        {
            throw new IllegalStateException("node " + id + " is running");
        }
        final NodeConfig config = config(id);
        IoUtil.delete(new File(config.clusterDir()), true);
        IoUtil.delete(new File(config.archiveDir()), true);
    }

    /**
     * The state digest a node wrote with its latest snapshot (Warden's counter
     * {@link io.warden.node.service.WardenService#SNAPSHOT_DIGEST_COUNTER_TYPE_ID}). All members snapshot at the same
     * log position, so after {@link #takeSnapshot(long)} every running node must show the same digest.
     *
     * @param id member id.
     * @return the digest, or 0 if the node has taken no snapshot since it started (or is not running).
     */
    public long snapshotDigest(final int id)
    {
        return wardenCounter(id, io.warden.node.service.WardenService.SNAPSHOT_DIGEST_COUNTER_TYPE_ID);
    }

    /**
     * The log position of the node's latest snapshot (Warden's counter
     * {@link io.warden.node.service.WardenService#SNAPSHOT_POSITION_COUNTER_TYPE_ID}).
     *
     * @param id member id.
     * @return the position, or 0 if none was taken since it started (or the node is not running).
     */
    public long snapshotPosition(final int id)
    {
        return wardenCounter(id, io.warden.node.service.WardenService.SNAPSHOT_POSITION_COUNTER_TYPE_ID);
    }

    private long wardenCounter(final int id, final int typeId)
    {
        final Node node = nodes[id];
        if (!node.isRunning())
        {
            return 0;
        }
        final org.agrona.concurrent.status.CountersReader counters =
            node.driver.mediaDriver().context().countersManager();
        final long[] value = { 0 };
        counters.forEach((counterId, counterTypeId, keyBuffer, label) ->
        {
            if (counterTypeId == typeId && counters.getCounterState(counterId) ==
                org.agrona.concurrent.status.CountersReader.RECORD_ALLOCATED)
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /**
     * The teardown of a cluster test: fail if any node's service counted an error, and close the clients (last
     * first) and the cluster either way.
     *
     * @param cluster the cluster, or null if the test never started one.
     * @param clients what the test opened on it; nulls are skipped.
     */
    public static void tearDown(final TestCluster cluster, final List<? extends AutoCloseable> clients)
    {
        try
        {
            if (null != cluster)
            {
                cluster.assertNoServiceErrors();
            }
        }
        finally
        {
            for (int i = clients.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(clients.get(i));
            }
            CloseHelper.quietClose(cluster);
        }
    }

    /**
     * Fail unless every node's service container counted no error in any of its runs (what every cluster test
     * checks as it tears down).
     *
     * @throws AssertionError naming the first node with errors, and its errors.
     */
    public void assertNoServiceErrors()
    {
        for (int id = 0; id < memberCount; id++)
        {
            final long count = serviceErrorCount(id);
            if (0 != count)
            {
                throw new AssertionError("service errors on node " + id + ": " + count + " " + errors(id));
            }
        }
    }

    /**
     * Errors counted by a node's service container (counter type 215) and consensus module (212), summed over every
     * run of the node in this cluster.
     *
     * @param id member id.
     * @return total errors.
     */
    public long errorCount(final int id)
    {
        return serviceErrorCount(id) + consensusModuleErrorCount(id);
    }

    /**
     * Errors counted by a node's service container (counter type 215), summed over every run of the node; this is
     * where exceptions thrown by the Warden service land.
     *
     * @param id member id.
     * @return service errors.
     */
    public long serviceErrorCount(final int id)
    {
        final Node node = nodes[id];
        return node.serviceErrors + node.liveServiceErrors();
    }

    /**
     * Errors counted by a node's consensus module (counter type 212), summed over every run of the node.
     *
     * @param id member id.
     * @return consensus module errors.
     */
    public long consensusModuleErrorCount(final int id)
    {
        final Node node = nodes[id];
        return node.consensusModuleErrors + (node.isLive() ? node.cmContext().errorCounter().get() : 0);
    }

    /**
     * Errors counted by a node's media driver and archive (the driver's system error counter, which the archive
     * shares), summed over every run of the node. Stopping a peer can legitimately log transport errors here.
     *
     * @param id member id.
     * @return driver and archive errors.
     */
    public long driverErrorCount(final int id)
    {
        final Node node = nodes[id];
        return node.driverErrors + (node.isLive() ? node.driverErrorCounter().get() : 0);
    }

    /**
     * Cluster warnings ({@link ClusterEvent}, e.g. "log recording stopped" when a leader goes away) that a node's
     * consensus module reported. Aeron counts them in the consensus module's error counter (212), so after a
     * failover {@link #consensusModuleErrorCount(int)} equals this count when nothing really went wrong.
     *
     * @param id member id.
     * @return warnings over every run of the node.
     */
    public long clusterEventCount(final int id)
    {
        return nodes[id].clusterEvents.get();
    }

    /**
     * Every error (not cluster warnings) any component of a node reported, over every run of the node: driver,
     * archive, consensus module and service container.
     *
     * @param id member id.
     * @return {@code component: exception} strings, oldest first.
     */
    public List<String> errors(final int id)
    {
        return new ArrayList<>(nodes[id].errors);
    }

    /**
     * Ingress endpoints for clients.
     *
     * @return {@code id=host:port,...}.
     */
    public String ingressEndpoints()
    {
        return anyConfig().ingressEndpoints();
    }

    /**
     * The ingress channel for clients (with the ingress term length).
     *
     * @return the channel.
     */
    public String clientIngressChannel()
    {
        return anyConfig().clientIngressChannel();
    }

    /**
     * The egress channel for a client on loopback (with the egress term length and an ephemeral port).
     *
     * @return the channel.
     */
    public String clientEgressChannel()
    {
        return anyConfig().clientEgressChannel(LOOPBACK);
    }

    /**
     * A fresh aeron directory for a client's media driver, under this cluster's {@code /dev/shm} directory.
     *
     * @return the directory path (not yet created).
     */
    public String newClientAeronDir()
    {
        return new File(shmBaseDir, "client-" + (clientCount++)).getAbsolutePath();
    }

    /**
     * The concluded configuration a node last started with.
     *
     * @param id member id.
     * @return its config, or null if never started.
     */
    public NodeConfig config(final int id)
    {
        return nodes[id].config;
    }

    /**
     * The port base this cluster runs on.
     *
     * @return the base; member N uses base + 100*N + 1..5.
     */
    public int portBase()
    {
        return portBase;
    }

    /**
     * The run's directory under {@code /dev/shm}.
     *
     * @return the directory.
     */
    public File shmBaseDir()
    {
        return shmBaseDir;
    }

    /**
     * The run's directory for cluster and archive data.
     *
     * @return the directory.
     */
    public File dataBaseDir()
    {
        return dataBaseDir;
    }

    /**
     * Every node's role and election state, for failure messages.
     *
     * @return a one-line description.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder("run=").append(runId).append(" portBase=").append(portBase);
        for (final Node node : nodes)
        {
            sb.append(" | node ").append(node.id).append(": ");
            if (node.isLive())
            {
                sb.append(node.role()).append('/').append(node.electionState());
            }
            else
            {
                sb.append(node.isRunning() ? "terminated" : "stopped");
            }
        }

        return sb.toString();
    }

    /**
     * Stop every node, then delete the run's {@code /dev/shm} directory and (unless {@value #KEEP_DIRS_PROP_NAME})
     * its data directory.
     */
    public void close()
    {
        try
        {
            for (final Node node : nodes)
            {
                if (node.isRunning())
                {
                    final ClusteredServiceContainer container = node.container;
                    final ClusteredMediaDriver driver = node.driver;
                    final NodeMaintenance maintenance = node.maintenance;
                    node.container = null;
                    node.driver = null;
                    node.maintenance = null;
                    CloseHelper.quietCloseAll(maintenance, container, driver);
                }
            }
        }
        finally
        {
            IoUtil.delete(shmBaseDir, true);
            if (!Boolean.getBoolean(KEEP_DIRS_PROP_NAME))
            {
                IoUtil.delete(dataBaseDir, true);
            }
        }
    }

    private NodeConfig newNodeConfig(final int id, final boolean cleanStart)
    {
        final NodeConfig config = NodeConfig.load(List.of(profileFile), System.getProperties())
            .clusterMembers(null)
            .clearHosts()
            .portBase(portBase)
            .memberId(id)
            .nodeDir(new File(dataBaseDir, "node-" + id).getPath())
            .clusterDir(new File(dataBaseDir, "node-" + id + "/cluster").getPath())
            .archiveDir(new File(dataBaseDir, "node-" + id + "/archive").getPath())
            .aeronDir(new File(shmBaseDir, "node-" + id).getPath())
            .cleanStart(cleanStart)
            .driverDirDeleteOnStart(true)
            .driverDirDeleteOnShutdown(true)
            .threading(NodeConfig.Threading.SHARED)
            .idleStrategy("backoff")
            .driverIdleStrategy(null)
            .senderIdleStrategy(null)
            .receiverIdleStrategy(null)
            .fileSyncLevel(0)
            .cellSecretFile(cellSecretFile.toString())
            .errorListener(this::onNodeError);

        for (int i = 0; i < memberCount; i++)
        {
            config.host(i, LOOPBACK);
        }
        customise.accept(config);

        return config.conclude();
    }

    private void onNodeError(final int memberId, final String component, final Throwable throwable)
    {
        final Node node = nodes[memberId];
        if (throwable instanceof ClusterEvent)
        {
            node.clusterEvents.incrementAndGet();
        }
        else
        {
            node.errors.add(component + ": " + throwable);
        }
    }

    private NodeConfig anyConfig()
    {
        for (final Node node : nodes)
        {
            if (null != node.config)
            {
                return node.config;
            }
        }

        return newNodeConfig(0, false);
    }

    private void awaitSnapshotCountsUntil(final long[] before, final long deadlineNs)
    {
        while (true)
        {
            boolean allMoved = true;
            for (int i = 0; i < memberCount; i++)
            {
                if (before[i] >= 0 && nodes[i].isLive() && snapshotCount(i) <= before[i])
                {
                    allMoved = false;
                }
            }

            if (allMoved)
            {
                return;
            }

            awaitStep(deadlineNs, "snapshot counts to move past " + Arrays.toString(before) +
                " (now " + Arrays.toString(snapshotCounts()) + ")");
        }
    }

    private void awaitStep(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new AssertionError("timed out waiting for " + what + ": " + describe());
        }

        sleepMs(10);
    }

    /**
     * Sleep, keeping the interrupt flag.
     *
     * @param durationMs how long.
     */
    static void sleepMs(final long durationMs)
    {
        try
        {
            Thread.sleep(durationMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * Wait until a condition holds.
     *
     * @param condition to test.
     * @param timeoutMs how long to wait.
     * @param what      description for the failure message.
     */
    public void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            awaitStep(deadlineNs, what);
        }
    }

    private static File shmRoot()
    {
        final File shm = new File("/dev/shm");
        return shm.isDirectory() && shm.canWrite() ? shm : new File(System.getProperty("java.io.tmpdir"));
    }

    private static Path findProfileFile()
    {
        final String configured = System.getProperty(CONFIG_DIR_PROP_NAME);
        if (null != configured)
        {
            final Path file = Path.of(configured, PROFILE_FILE);
            if (!Files.isReadable(file))
            {
                throw new IllegalStateException(CONFIG_DIR_PROP_NAME + "=" + configured + " has no " + PROFILE_FILE);
            }
            return file;
        }

        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path file = dir.resolve("config").resolve(PROFILE_FILE);
            if (Files.isReadable(file))
            {
                return file;
            }
        }

        throw new IllegalStateException("config/" + PROFILE_FILE + " not found above " +
            Path.of("").toAbsolutePath() + "; set -D" + CONFIG_DIR_PROP_NAME);
    }

    private static int findFreePortBase(final int memberCount)
    {
        final int span = ClusterMembers.PORTS_PER_MEMBER * memberCount;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            final int base = 10_000 + 1000 * ThreadLocalRandom.current().nextInt(20);
            if (arePortsFree(base, memberCount))
            {
                return base;
            }
        }

        throw new IllegalStateException("no free port base found for " + memberCount + " members (span " + span + ")");
    }

    private static boolean arePortsFree(final int base, final int memberCount)
    {
        final List<DatagramSocket> sockets = new ArrayList<>();
        try
        {
            final InetAddress loopback = InetAddress.getByName(LOOPBACK);
            for (int id = 0; id < memberCount; id++)
            {
                for (int offset = 1; offset <= ClusterMembers.CATCHUP_PORT_OFFSET; offset++)
                {
                    final int port = base + ClusterMembers.PORTS_PER_MEMBER * id + offset;
                    sockets.add(new DatagramSocket(new InetSocketAddress(loopback, port)));
                }
            }

            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
        finally
        {
            sockets.forEach(DatagramSocket::close);
        }
    }

    private static final class Node
    {
        private final int id;
        private NodeConfig config;
        private ClusteredMediaDriver driver;
        private ClusteredServiceContainer container;
        private NodeMaintenance maintenance;
        private AtomicBoolean terminated = new AtomicBoolean();
        private boolean hasStarted;
        private long serviceErrors;
        private long consensusModuleErrors;
        private long driverErrors;
        private final Queue<String> errors = new ConcurrentLinkedQueue<>();
        private final AtomicLong clusterEvents = new AtomicLong();

        private Node(final int id)
        {
            this.id = id;
        }

        private boolean isRunning()
        {
            return null != driver;
        }

        private boolean isLive()
        {
            return isRunning() && !terminated.get() && !cmContext().clusterNodeRoleCounter().isClosed();
        }

        private ConsensusModule.Context cmContext()
        {
            return driver.consensusModule().context();
        }

        private Cluster.Role role()
        {
            return Cluster.Role.get(cmContext().clusterNodeRoleCounter());
        }

        private ElectionState electionState()
        {
            return ElectionState.get(cmContext().electionStateCounter());
        }

        private long liveServiceErrors()
        {
            if (!isRunning())
            {
                return 0;
            }

            final AtomicCounter counter = container.context().errorCounter();
            return counter.isClosed() ? 0 : counter.get();
        }

        private AtomicCounter driverErrorCounter()
        {
            return driver.mediaDriver().context().systemCounters().get(SystemCounterDescriptor.ERRORS);
        }

        private void accumulateErrorCounts()
        {
            serviceErrors += liveServiceErrors();
            if (isLive())
            {
                consensusModuleErrors += cmContext().errorCounter().get();
            }
            if (isRunning())
            {
                driverErrors += driverErrorCounter().get();
            }
        }
    }
}
