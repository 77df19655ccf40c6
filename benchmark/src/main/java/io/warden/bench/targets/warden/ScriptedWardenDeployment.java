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
 * <p>
 * A deployment may set {@code warden.file.sync.level} itself (the {@code warden-sync0..2} targets): the level is
 * written into the private copy of the profile, so the nodes, a restarted node and {@link #durability()} all read the
 * same file; everything else stays as the profile has it.
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
    /** Keep the profile's own {@code warden.file.sync.level}. */
    public static final int PROFILE_FILE_SYNC_LEVEL = -1;
    /** Environment variable whose {@code -Dwarden.*} options the scripts pass to every node JVM. */
    public static final String NODE_JAVA_OPTS_ENV = "WARDEN_JAVA_OPTS";

    private static final Pattern LEADER = Pattern.compile("leader: node (\\d+)");

    private final TargetEnvironment environment;
    private final Path baseDir;
    private final Path configDir;
    private final Path runDir;
    private final String shmDir;
    private final int requestedFileSyncLevel;
    private Properties gatewayProperties = new Properties();
    private int fileSyncLevel = -1;
    private String fileSyncLevelSource = "";
    private String nodeJavaOpts;

    /**
     * A deployment under {@code <runDir>/warden} with the profile's file sync level, not yet started.
     *
     * @param environment repository, run directory.
     */
    public ScriptedWardenDeployment(final TargetEnvironment environment)
    {
        this(environment, PROFILE_FILE_SYNC_LEVEL);
    }

    /**
     * A deployment under {@code <runDir>/warden}, not yet started.
     *
     * @param environment   repository, run directory.
     * @param fileSyncLevel {@code warden.file.sync.level} for every node (0, 1 or 2), or
     *                      {@link #PROFILE_FILE_SYNC_LEVEL} for the profile's own.
     * @throws IllegalArgumentException for any other level.
     */
    public ScriptedWardenDeployment(final TargetEnvironment environment, final int fileSyncLevel)
    {
        if (PROFILE_FILE_SYNC_LEVEL != fileSyncLevel && (fileSyncLevel < 0 || fileSyncLevel > 2))
        {
            throw new IllegalArgumentException("file sync level must be 0, 1 or 2, not " + fileSyncLevel);
        }
        this.requestedFileSyncLevel = fileSyncLevel;
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

    /**
     * Write the private config copy and resolve the file sync level its nodes will run with.
     *
     * @param nodeJavaOpts the node JVMs' extra options ({@value #NODE_JAVA_OPTS_ENV}), may be null.
     * @throws IOException on failure to write.
     * @throws IllegalStateException if a {@code -D} option would override the level this deployment was asked for.
     */
    void writeConfig(final String nodeJavaOpts) throws IOException
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

        final Path profileFile = configDir.resolve("profile-" + PROFILE + ".properties");
        if (PROFILE_FILE_SYNC_LEVEL != requestedFileSyncLevel)
        {
            // Appended, not edited in place: of two equal keys a properties file keeps the last, and the profile is
            // the last file a node loads, so this line wins over the cluster, node and profile lines alike.
            Files.writeString(profileFile, "\n# set by the load rig's target, overriding the profile's level above\n" +
                NodeConfig.FILE_SYNC_LEVEL_PROP_NAME + "=" + requestedFileSyncLevel + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
        resolveFileSyncLevel(profileFile, systemProperties(nodeJavaOpts));
        this.nodeJavaOpts = nodeJavaOpts;
    }

    // Resolved the way a node resolves it (built-in default, then the files, then -D options), not read from one
    // file, so durability() states what the nodes run with.
    private void resolveFileSyncLevel(final Path profileFile, final Properties overrides)
    {
        fileSyncLevel = NodeConfig.load(
            List.of(configDir.resolve("cluster.properties"), configDir.resolve("node-0.properties"), profileFile),
            overrides).fileSyncLevel();
        if (overrides.containsKey(NodeConfig.FILE_SYNC_LEVEL_PROP_NAME))
        {
            fileSyncLevelSource = "set by -D in " + NODE_JAVA_OPTS_ENV;
        }
        else if (PROFILE_FILE_SYNC_LEVEL != requestedFileSyncLevel)
        {
            fileSyncLevelSource = "set by the rig";
        }
        else if (NodeConfig.readProperties(profileFile).containsKey(NodeConfig.FILE_SYNC_LEVEL_PROP_NAME))
        {
            fileSyncLevelSource = "the " + PROFILE + " profile's";
        }
        else
        {
            fileSyncLevelSource = "the built-in default or the cluster file's";
        }
        if (PROFILE_FILE_SYNC_LEVEL != requestedFileSyncLevel && fileSyncLevel != requestedFileSyncLevel)
        {
            throw new IllegalStateException(NODE_JAVA_OPTS_ENV + " sets " + NodeConfig.FILE_SYNC_LEVEL_PROP_NAME +
                "=" + fileSyncLevel + ", but this target runs at level " + requestedFileSyncLevel);
        }
    }

    /**
     * The {@code -Dname=value} options of a JVM option string, as the node JVM's system properties would hold them.
     *
     * @param javaOpts options separated by whitespace, may be null.
     * @return the properties they set.
     */
    static Properties systemProperties(final String javaOpts)
    {
        final Properties properties = new Properties();
        if (null != javaOpts)
        {
            for (final String option : javaOpts.trim().split("\\s+"))
            {
                if (option.startsWith("-D") && option.length() > 2)
                {
                    final int equals = option.indexOf('=');
                    properties.setProperty(
                        equals < 0 ? option.substring(2) : option.substring(2, equals),
                        equals < 0 ? "" : option.substring(equals + 1));
                }
            }
        }
        return properties;
    }

    /**
     * {@inheritDoc}
     */
    public void start() throws IOException
    {
        IoUtil.delete(baseDir.toFile(), true);
        IoUtil.delete(new File(shmDir), true);
        writeConfig(System.getenv(NODE_JAVA_OPTS_ENV));
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
    public String adminCredential()
    {
        return gatewayProperties.getProperty("warden.gateway.admin.credential", "").trim();
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
        if (fileSyncLevel < 0)
        {
            return "Warden (not configured yet)";
        }
        return "Warden on Aeron Cluster 1.51.0, 3 nodes + 1 gateway, profile " + PROFILE + ": a write is " +
            "acknowledged once committed to the Raft log by a majority; warden.file.sync.level=" + fileSyncLevel +
            " (" + fileSyncLevelSource + "): " +
            syncMeaning(fileSyncLevel);
    }

    /**
     * What a committed entry has reached at a file sync level.
     *
     * @param fileSyncLevel 0, 1 or 2.
     * @return a phrase.
     */
    static String syncMeaning(final int fileSyncLevel)
    {
        return switch (fileSyncLevel)
        {
            case 0 -> "log recordings, catalog and recording log reach the page cache only, no fsync " +
                "(survives a process crash, not a power cut of a majority)";
            case 1 -> "log recordings, catalog and recording log fsync'd, data only (FileChannel.force(false))";
            case 2 -> "log recordings, catalog and recording log fsync'd with metadata (FileChannel.force(true))";
            default -> "unknown level " + fileSyncLevel;
        };
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        final String heap = null == nodeJavaOpts || nodeJavaOpts.isBlank() ?
            "the scripts' default -Xms256m -Xmx1g" : NODE_JAVA_OPTS_ENV + "=" + nodeJavaOpts.trim();
        return "scripts/warden-cluster.sh start --profile " + PROFILE + ": 3 node JVMs (" + heap + ") + gateway " +
            "JVM (-Xmx512m) on " + gatewayEndpoint() + "; client io.warden.client.WardenClient per client thread (shared media " +
            "driver)";
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
