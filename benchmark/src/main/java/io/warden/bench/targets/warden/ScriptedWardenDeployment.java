package io.warden.bench.targets.warden;

import io.warden.bench.targets.Processes;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.node.launcher.NodeConfig;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code warden} target as real processes: {@code scripts/warden-cluster.sh start --profile ci} (three node JVMs
 * and one gateway JVM on 127.0.0.1, gateway on {@code 127.0.0.1:7000}), with a private copy of {@code config/} whose
 * node files put data under {@code <runDir>/warden} and Aeron directories under {@code /dev/shm/warden-bench}, so a
 * developer's own {@code run/} cluster data is never touched (the ports are the same, so only one can run at a time).
 * The leader is found with {@code warden-cluster.sh leader}; it is killed by the pid in its pid file and restarted
 * with {@code scripts/warden-node.sh}.
 */
public final class ScriptedWardenDeployment implements WardenDeployment
{
    /** Profile the cluster runs with. */
    public static final String PROFILE = "ci";
    /** How long a start may take (it may build the jars first). */
    public static final long START_TIMEOUT_MS = 600_000;
    /** How long other script commands may take. */
    public static final long COMMAND_TIMEOUT_MS = 120_000;
    /** How long a restarted node may take. */
    public static final long RESTART_TIMEOUT_MS = 60_000;

    private static final Pattern LEADER = Pattern.compile("leader: node (\\d+)");

    private final TargetEnvironment environment;
    private final Path baseDir;
    private final Path configDir;
    private final Path runDir;
    private final String shmDir;
    private Properties gatewayProperties = new Properties();
    private int fileSyncLevel = -1;

    /**
     * A deployment under {@code <runDir>/warden}, not yet started.
     *
     * @param environment repository, run directory.
     */
    public ScriptedWardenDeployment(final TargetEnvironment environment)
    {
        this.environment = environment;
        this.baseDir = environment.runDir().resolve("warden").toAbsolutePath();
        this.configDir = baseDir.resolve("config");
        this.runDir = baseDir.resolve("run");
        this.shmDir = (new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir")) +
            "/warden-bench";
    }

    private Map<String, String> env()
    {
        return Map.of(
            "WARDEN_CONFIG_DIR", configDir.toString(),
            "WARDEN_RUN_DIR", runDir.toString(),
            "JAVA", TargetEnvironment.javaBinary());
    }

    private Processes.Outcome script(final String name, final long timeoutMs, final String... args)
    {
        final List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(environment.script(name).toString());
        command.addAll(List.of(args));
        return Processes.run(command, env(), environment.repoDir(), timeoutMs);
    }

    private void writeConfig() throws IOException
    {
        Files.createDirectories(configDir);
        final Path source = environment.repoDir().resolve("config");
        try (var files = Files.list(source))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (file.getFileName().toString().endsWith(".properties"))
                {
                    Files.copy(file, configDir.resolve(file.getFileName()));
                }
            }
        }
        for (int member = 0; member < 3; member++)
        {
            final Path nodeFile = configDir.resolve("node-" + member + ".properties");
            final Path nodeDir = baseDir.resolve("node-" + member);
            final String text = "# node " + member + " of the load rig's warden target (copied from config/)\n" +
                NodeConfig.NODE_ID_PROP_NAME + "=" + member + "\n" +
                NodeConfig.NODE_DIR_PROP_NAME + "=" + nodeDir + "\n" +
                NodeConfig.CLUSTER_DIR_PROP_NAME + "=" + nodeDir.resolve("cluster") + "\n" +
                NodeConfig.ARCHIVE_DIR_PROP_NAME + "=" + nodeDir.resolve("archive") + "\n" +
                NodeConfig.AERON_DIR_PROP_NAME + "=" + shmDir + "/node-" + member + "\n";
            Files.writeString(nodeFile, text, StandardCharsets.UTF_8);
        }
        final Path gatewayFile = configDir.resolve("gateway.properties");
        final String gateway = Files.readString(gatewayFile, StandardCharsets.UTF_8)
            .replaceAll("(?m)^warden\\.gateway\\.aeron\\.dir=.*$", "warden.gateway.aeron.dir=" + shmDir + "/gateway-0");
        Files.writeString(gatewayFile, gateway, StandardCharsets.UTF_8);
        gatewayProperties = NodeConfig.readProperties(gatewayFile);
        final Properties profile = NodeConfig.readProperties(configDir.resolve("profile-" + PROFILE + ".properties"));
        fileSyncLevel = Integer.parseInt(profile.getProperty(NodeConfig.FILE_SYNC_LEVEL_PROP_NAME, "0").trim());
    }

    /**
     * {@inheritDoc}
     */
    public void start() throws IOException
    {
        IoUtil.delete(baseDir.toFile(), true);
        IoUtil.delete(new File(shmDir), true);
        writeConfig();
        script("warden-cluster.sh", START_TIMEOUT_MS, "start", "--profile", PROFILE)
            .check("scripts/warden-cluster.sh start --profile " + PROFILE);
    }

    /**
     * {@inheritDoc}
     */
    public String gatewayEndpoint()
    {
        return gatewayProperties.getProperty("warden.gateway.request.endpoint", "127.0.0.1:7000").trim();
    }

    /**
     * {@inheritDoc}
     */
    public String credential()
    {
        return gatewayProperties.getProperty("warden.gateway.credential", "warden").trim();
    }

    /**
     * {@inheritDoc}
     */
    public int leader()
    {
        final Matcher matcher = LEADER.matcher(script("warden-cluster.sh", COMMAND_TIMEOUT_MS, "leader").output());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private Path pidFile(final int member)
    {
        return runDir.resolve("node-" + member + ".pid");
    }

    private Path logFile(final int member)
    {
        return runDir.resolve("node-" + member + ".log");
    }

    /**
     * {@inheritDoc}
     */
    public io.warden.bench.targets.KilledMember killLeader()
    {
        final int leader = leader();
        if (leader < 0)
        {
            throw new IllegalStateException("no Warden leader to kill");
        }
        return Processes.killRecorded(pidFile(leader), leader, 10_000);
    }

    /**
     * {@inheritDoc}
     */
    public void restartMember(final int memberId) throws IOException
    {
        final Path log = logFile(memberId);
        final String marker = "node " + memberId + " started";
        final long startedBefore = countLines(log, marker);
        final List<String> command = List.of("bash", environment.script("warden-node.sh").toString(),
            "--cluster", configDir.resolve("cluster.properties").toString(), Integer.toString(memberId), PROFILE);
        final ProcessBuilder builder = new ProcessBuilder(command)
            .directory(environment.repoDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env());
        final Process process = builder.start();
        Files.writeString(pidFile(memberId), Long.toString(process.pid()), StandardCharsets.US_ASCII);
        Processes.await(() ->
        {
            if (!process.isAlive())
            {
                throw new IllegalStateException("node " + memberId + " exited on restart:\n" + Processes.tail(log, 20));
            }
            return countLines(log, marker) > startedBefore;
        }, RESTART_TIMEOUT_MS, "node " + memberId + " to restart (" + log + ")");
    }

    private static long countLines(final Path file, final String prefix)
    {
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix)).count();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * {@inheritDoc}
     */
    public String durability()
    {
        return "Warden on Aeron Cluster 1.51.0, 3 nodes + 1 gateway, profile " + PROFILE + ": a write is " +
            "acknowledged once committed to the Raft log by a majority; warden.file.sync.level=" + fileSyncLevel +
            (0 == fileSyncLevel ? " (log and archive reach the page cache, no fsync)" : " (fsync)");
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        return "scripts/warden-cluster.sh start --profile " + PROFILE + ": 3 node JVMs (-Xmx1g) + gateway JVM " +
            "(-Xmx512m) on " + gatewayEndpoint() +
            "; client io.warden.client.WardenClient per client thread (shared media driver)";
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        try
        {
            script("warden-cluster.sh", COMMAND_TIMEOUT_MS, "stop");
        }
        catch (final RuntimeException ignore)
        {
            // best effort
        }
        IoUtil.delete(new File(shmDir), true);
    }
}
