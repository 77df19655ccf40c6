package io.warden.bench.targets.echo;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.KilledMember;
import io.warden.bench.targets.Processes;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.node.launcher.NodeConfig;
import io.warden.schema.IdleStrategies;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code aeron-echo}: the ceiling Warden's overhead is measured against. Three {@link EchoNodeMain} JVMs with the
 * same cluster, node and profile files as {@code warden} ({@code config/}, profile {@code ci}) and only the ports
 * ({@value #PORT_BASE} upwards) and directories ({@code <runDir>/aeron-echo}, {@code /dev/shm/warden-bench-echo})
 * overridden, started and killed by pid; clients are {@link EchoBenchClient}s through one media driver in the rig.
 */
public final class EchoTarget implements Target
{
    /** Target name. */
    public static final String NAME = "aeron-echo";
    /** First port of the echo cluster's layout (Warden's local cluster uses 9000). */
    public static final int PORT_BASE = 9600;
    /** Profile the nodes run with. */
    public static final String PROFILE = "ci";
    /** Heap options of a node (those of scripts/warden-node.sh). */
    public static final List<String> NODE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m");
    /** Members. */
    public static final int MEMBER_COUNT = 3;
    /** How long a node may take to start. */
    public static final long START_TIMEOUT_MS = 60_000;

    private final TargetEnvironment environment;
    private final Path runDir;
    private final String shmDir;
    private final Process[] processes = new Process[MEMBER_COUNT];
    private NodeConfig clientConfig;
    private MediaDriver driver;
    private Aeron aeron;
    private AeronCluster control;

    /**
     * Makes {@link AeronCluster} sessions for clients.
     */
    final class Connector
    {
        AeronCluster connect(final EgressListener listener)
        {
            return AeronCluster.connect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressChannel(clientConfig.clientIngressChannel())
                .ingressEndpoints(clientConfig.ingressEndpoints())
                .egressChannel(clientConfig.clientEgressChannel("127.0.0.1"))
                .egressListener(listener)
                .credentialsSupplier(new CellCredentials(secretFile(), CellSecrets.GATEWAY, "echo-client"))
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10)));
        }
    }

    /**
     * An echo cluster, not yet started.
     *
     * @param environment repository (config files), run directory and classpath.
     */
    public EchoTarget(final TargetEnvironment environment)
    {
        this.environment = environment;
        this.runDir = environment.runDir().resolve(NAME);
        this.shmDir = (new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir")) +
            "/warden-bench-echo";
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.KV, Capability.LOCK_CYCLE, Capability.FAILOVER, Capability.STATELESS_ECHO);
    }

    private Path configFile(final String name)
    {
        return environment.repoDir().resolve("config").resolve(name);
    }

    private List<Path> configFiles(final int member)
    {
        return List.of(configFile("cluster.properties"), configFile("node-" + member + ".properties"),
            configFile("profile-" + PROFILE + ".properties"));
    }

    private Properties overrides(final int member, final boolean isClean)
    {
        final Properties properties = new Properties();
        final Path nodeDir = runDir.resolve("node-" + member).toAbsolutePath();
        properties.setProperty(NodeConfig.CLUSTER_PORT_BASE_PROP_NAME, Integer.toString(PORT_BASE));
        properties.setProperty(NodeConfig.NODE_DIR_PROP_NAME, nodeDir.toString());
        properties.setProperty(NodeConfig.CLUSTER_DIR_PROP_NAME, nodeDir.resolve("cluster").toString());
        properties.setProperty(NodeConfig.ARCHIVE_DIR_PROP_NAME, nodeDir.resolve("archive").toString());
        properties.setProperty(NodeConfig.AERON_DIR_PROP_NAME, shmDir + "/node-" + member);
        properties.setProperty(NodeConfig.CLEAN_START_PROP_NAME, Boolean.toString(isClean));
        properties.setProperty(NodeConfig.DRIVER_DIR_DELETE_ON_START_PROP_NAME, "true");
        properties.setProperty(NodeConfig.CELL_SECRET_FILE_PROP_NAME, secretFile().toString());
        return properties;
    }

    private Path secretFile()
    {
        return runDir.resolve("cell.secret").toAbsolutePath();
    }

    private Path logFile(final int member)
    {
        return runDir.resolve("node-" + member + ".log");
    }

    private void launch(final int member, final boolean isClean) throws IOException
    {
        final List<String> jvmOptions = new ArrayList<>(NODE_JVM_OPTIONS);
        overrides(member, isClean).forEach((name, value) -> jvmOptions.add("-D" + name + "=" + value));
        final List<String> args = new ArrayList<>();
        for (final Path file : configFiles(member))
        {
            args.add(file.toString());
        }
        final Path log = logFile(member);
        Files.writeString(log, "", StandardCharsets.UTF_8);
        final Process process = new ProcessBuilder(
            environment.javaCommand(jvmOptions, EchoNodeMain.class.getName(), args))
            .directory(environment.repoDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        processes[member] = process;
        Files.writeString(runDir.resolve("node-" + member + ".pid"), Long.toString(process.pid()));
    }

    private void awaitStarted(final int member)
    {
        final Path log = logFile(member);
        Processes.await(() ->
        {
            if (!processes[member].isAlive())
            {
                throw new IllegalStateException("echo node " + member + " exited during start:\n" +
                    Processes.tail(log, 30));
            }
            try
            {
                return Files.readString(log, StandardCharsets.UTF_8).contains("node " + member + " started");
            }
            catch (final IOException ex)
            {
                return false;
            }
        }, START_TIMEOUT_MS, "echo node " + member + " to start (" + log + ")");
    }

    /**
     * {@inheritDoc}
     */
    public void start() throws Exception
    {
        IoUtil.delete(runDir.toFile(), true);
        Files.createDirectories(runDir);
        CellSecrets.write(secretFile(), CellSecrets.newSecret(), CellSecrets.newSecret());
        for (int member = 0; member < MEMBER_COUNT; member++)
        {
            launch(member, true);
        }
        for (int member = 0; member < MEMBER_COUNT; member++)
        {
            awaitStarted(member);
        }

        clientConfig = NodeConfig.load(configFiles(0), overrides(0, false)).conclude();
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(shmDir + "/client-" + ProcessHandle.current().pid())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.backoff())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        control = new Connector().connect(new EgressListener()
        {
            public void onMessage(
                final long clusterSessionId,
                final long timestamp,
                final org.agrona.DirectBuffer buffer,
                final int offset,
                final int length,
                final io.aeron.logbuffer.Header header)
            {
            }
        });
    }

    /**
     * {@inheritDoc}
     */
    public String durability()
    {
        return "Aeron Cluster 1.51.0 echo, 3 members, same profile as warden (" + PROFILE + "): a message is " +
            "echoed once committed to the log by a majority; file.sync.level=" +
            (null == clientConfig ? "?" : clientConfig.fileSyncLevel()) + " (page cache, no fsync)";
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        return "3 x EchoNodeMain (NodeConfig + EchoService, -Xmx512m) on 127.0.0.1 ports " + PORT_BASE + "+; " +
            "client AeronCluster per client thread, one embedded media driver (SHARED, backoff)";
    }

    /**
     * {@inheritDoc}
     */
    public BenchClient newClient(final ClientOptions options)
    {
        return new EchoBenchClient(new Connector());
    }

    /**
     * Not supported: echo clients live in the rig's JVM only.
     * <p>
     * {@inheritDoc}
     */
    public String connectSpec()
    {
        throw new UnsupportedOperationException("aeron-echo clients live in the rig's JVM");
    }

    /**
     * {@inheritDoc}
     */
    public int leader()
    {
        if (control.isClosed())
        {
            control = new Connector().connect(new EgressListener()
            {
                public void onMessage(
                    final long clusterSessionId,
                    final long timestamp,
                    final org.agrona.DirectBuffer buffer,
                    final int offset,
                    final int length,
                    final io.aeron.logbuffer.Header header)
                {
                }
            });
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadlineNs < 0)
        {
            control.pollEgress();
            control.sendKeepAlive();
            final int leader = control.leaderMemberId();
            if (leader >= 0 && null != processes[leader] && processes[leader].isAlive())
            {
                return leader;
            }
            Processes.sleepMs(20);
        }
        return -1;
    }

    /**
     * {@inheritDoc}
     */
    public KilledMember killLeader() throws InterruptedException
    {
        final int leader = leader();
        if (leader < 0)
        {
            throw new IllegalStateException("no echo leader to kill");
        }
        final long killedAtNs = System.nanoTime();
        processes[leader].destroyForcibly();
        processes[leader].waitFor(10, TimeUnit.SECONDS);
        return new KilledMember(leader, killedAtNs);
    }

    /**
     * {@inheritDoc}
     */
    public void restartMember(final int memberId) throws IOException
    {
        launch(memberId, false);
        awaitStarted(memberId);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.quietCloseAll(control, aeron, driver);
        for (final Process process : processes)
        {
            if (null != process && process.isAlive())
            {
                process.destroy();
            }
        }
        for (final Process process : processes)
        {
            if (null != process)
            {
                try
                {
                    if (!process.waitFor(20, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                        process.waitFor(5, TimeUnit.SECONDS);
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
        IoUtil.delete(new File(shmDir), true);
    }
}
