package io.warden.node.launcher;

import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.MillisecondClusterClock;
import io.aeron.cluster.service.ClusterClock;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.ConfigurationException;
import io.aeron.logbuffer.LogBufferDescriptor;
import io.warden.node.domain.ReplicatedLimits;
import io.warden.node.maintenance.SnapshotPolicy;
import io.warden.node.service.WardenService;
import io.warden.node.trust.CellAuthenticator;
import io.warden.schema.IdleStrategies;
import io.warden.schema.LimitsSpec;
import io.warden.schema.WardenLimits;
import org.agrona.BitUtil;
import org.agrona.ErrorHandler;
import org.agrona.SemanticVersion;
import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A node's configuration, and the one place that builds the Aeron contexts of a Warden node: {@link MediaDriver},
 * {@link Archive}, {@link ConsensusModule} and the {@link ClusteredServiceContainer} running {@link WardenService}.
 * <p>
 * Loaded from layered {@link Properties} files (cluster file, node file, profile file: later files override earlier)
 * and then {@code -D} system properties, which override all. Every property starts with {@code warden.}; the files
 * in {@code config/} document each one. Durations take a unit ({@code 500ms}, {@code 1s}); sizes may take {@code k},
 * {@code m} or {@code g}. Like an Aeron {@code Context}: fluent setters, accessors without {@code get}, and
 * {@link #conclude()}, which validates everything at once and derives the members and channels.
 * <pre>{@code
 * NodeConfig config = NodeConfig.load(List.of(clusterFile, nodeFile, profileFile)).conclude();
 * ClusteredMediaDriver driver = ClusteredMediaDriver.launch(
 *     config.newMediaDriverContext(hook), config.newArchiveContext(), config.newConsensusModuleContext(hook));
 * ClusteredServiceContainer container = ClusteredServiceContainer.launch(config.newServiceContainerContext(hook));
 * }</pre>
 */
public final class NodeConfig
{
    /** Prefix of every Warden property. */
    public static final String PREFIX = "warden.";

    /** Name of the profile ({@code ci}, {@code baremetal}); {@code ci} forbids spinning idle strategies. */
    public static final String PROFILE_PROP_NAME = "warden.profile";
    /** Aeron cluster id. */
    public static final String CLUSTER_ID_PROP_NAME = "warden.cluster.id";
    /** Host of member {@code <id>}: {@code warden.cluster.host.<id>=host}. */
    public static final String CLUSTER_HOST_PROP_PREFIX = "warden.cluster.host.";
    /** Port base for members derived from hosts. */
    public static final String CLUSTER_PORT_BASE_PROP_NAME = "warden.cluster.port.base";
    /** Raw Aeron members string; replaces the hosts and port base. */
    public static final String CLUSTER_MEMBERS_PROP_NAME = "warden.cluster.members";
    /** Application version, {@code major.minor.patch}. */
    public static final String APP_VERSION_PROP_NAME = "warden.cluster.app.version";
    /** Maximum concurrent cluster sessions (gateways and tools). */
    public static final String MAX_SESSIONS_PROP_NAME = "warden.cluster.max.sessions";
    /** Cluster session timeout. */
    public static final String SESSION_TIMEOUT_PROP_NAME = "warden.cluster.session.timeout";
    /**
     * The cell's secret file ({@link io.warden.schema.trust.CellSecrets}): only a gateway or an operator tool that
     * proves it holds a secret listed there gets a cluster session. Required: a node without one does not start.
     */
    public static final String CELL_SECRET_FILE_PROP_NAME = "warden.cluster.secret.file";
    /**
     * Allow a cell with an even number of members. Refused by default: four members need three for a majority and
     * survive one failure, as three do, with one more machine to fail; two survive none.
     */
    public static final String EVEN_MEMBERS_ALLOWED_PROP_NAME = "warden.cluster.even.members.allowed";
    /** Whether a cluster client may request a snapshot with an admin request. */
    public static final String ADMIN_SNAPSHOT_ALLOWED_PROP_NAME = "warden.cluster.admin.snapshot.allowed";
    /** Leader heartbeat timeout. */
    public static final String LEADER_HEARTBEAT_TIMEOUT_PROP_NAME = "warden.cluster.leader.heartbeat.timeout";
    /** Leader heartbeat interval. */
    public static final String LEADER_HEARTBEAT_INTERVAL_PROP_NAME = "warden.cluster.leader.heartbeat.interval";
    /** Election timeout. */
    public static final String ELECTION_TIMEOUT_PROP_NAME = "warden.cluster.election.timeout";
    /** Election status interval. */
    public static final String ELECTION_STATUS_INTERVAL_PROP_NAME = "warden.cluster.election.status.interval";
    /** Startup canvass timeout. */
    public static final String STARTUP_CANVASS_TIMEOUT_PROP_NAME = "warden.cluster.startup.canvass.timeout";
    /** Termination timeout. */
    public static final String TERMINATION_TIMEOUT_PROP_NAME = "warden.cluster.termination.timeout";
    /** Term length of the replicated log. */
    public static final String LOG_TERM_LENGTH_PROP_NAME = "warden.cluster.log.term.length";
    /** Term length of client ingress. */
    public static final String INGRESS_TERM_LENGTH_PROP_NAME = "warden.cluster.ingress.term.length";
    /** Term length of egress to clients. */
    public static final String EGRESS_TERM_LENGTH_PROP_NAME = "warden.cluster.egress.term.length";
    /** Largest single message the node must carry on log, ingress, egress and IPC. */
    public static final String MAX_MESSAGE_LENGTH_PROP_NAME = "warden.cluster.max.message.length";
    /** This node's member id. */
    public static final String NODE_ID_PROP_NAME = "warden.node.id";
    /** Base directory for the node's cluster and archive directories. */
    public static final String NODE_DIR_PROP_NAME = "warden.node.dir";
    /** Cluster directory (consensus module and service container). */
    public static final String CLUSTER_DIR_PROP_NAME = "warden.node.cluster.dir";
    /** Archive directory. */
    public static final String ARCHIVE_DIR_PROP_NAME = "warden.node.archive.dir";
    /** Aeron (media driver) directory. */
    public static final String AERON_DIR_PROP_NAME = "warden.node.aeron.dir";
    /** Delete the cluster and archive directories on start. */
    public static final String CLEAN_START_PROP_NAME = "warden.node.clean.start";
    /** SHARED or DEDICATED threading for driver and archive. */
    public static final String THREADING_MODE_PROP_NAME = "warden.threading.mode";
    /** Idle strategy of consensus module, service container and archive. */
    public static final String IDLE_STRATEGY_PROP_NAME = "warden.idle.strategy";
    /** Idle strategy of the driver's shared or conductor agent. */
    public static final String DRIVER_IDLE_STRATEGY_PROP_NAME = "warden.driver.idle.strategy";
    /** Idle strategy of the driver's sender (DEDICATED). */
    public static final String SENDER_IDLE_STRATEGY_PROP_NAME = "warden.driver.sender.idle.strategy";
    /** Idle strategy of the driver's receiver (DEDICATED). */
    public static final String RECEIVER_IDLE_STRATEGY_PROP_NAME = "warden.driver.receiver.idle.strategy";
    /** Default term length of IPC publications (snapshots, replays). */
    public static final String IPC_TERM_LENGTH_PROP_NAME = "warden.driver.ipc.term.length";
    /** Default term length of UDP publications without a term-length. */
    public static final String UDP_TERM_LENGTH_PROP_NAME = "warden.driver.udp.term.length";
    /** Sparse term buffer files. */
    public static final String SPARSE_FILE_PROP_NAME = "warden.driver.term.buffer.sparse.file";
    /** Delete the aeron directory on start without checking for a live driver. */
    public static final String DRIVER_DIR_DELETE_ON_START_PROP_NAME = "warden.driver.dir.delete.on.start";
    /** Delete the aeron directory on shutdown. */
    public static final String DRIVER_DIR_DELETE_ON_SHUTDOWN_PROP_NAME = "warden.driver.dir.delete.on.shutdown";
    /** Archive segment file length. */
    public static final String SEGMENT_LENGTH_PROP_NAME = "warden.archive.segment.length";
    /** File sync level for archive, catalog and consensus module: 0, 1 or 2. */
    public static final String FILE_SYNC_LEVEL_PROP_NAME = "warden.file.sync.level";
    /**
     * The state budget of the cell, in bytes (the replicated quota): every node checks at start that its heap holds
     * it with the margin of {@link HeapCheck}, and proposes it to the cell once it is up (with the caps below).
     */
    public static final String STATE_QUOTA_PROP_NAME = "warden.cluster.state.quota";
    /** Keys one live session may be charged with (the keys it last wrote). */
    public static final String MAX_KEYS_PER_SESSION_PROP_NAME = "warden.cluster.max.keys.per.session";
    /** Accounted bytes of the keys one live session may be charged with. */
    public static final String MAX_BYTES_PER_SESSION_PROP_NAME = "warden.cluster.max.bytes.per.session";
    /** Sequential keys one live session may be charged with. */
    public static final String MAX_SEQUENTIAL_PER_SESSION_PROP_NAME = "warden.cluster.max.sequential.per.session";
    /** Locks (and, apart, candidacies) one session may hold or wait for. */
    public static final String MAX_LOCKS_PER_SESSION_PROP_NAME = "warden.cluster.max.locks.per.session";
    /** Watch registrations the cell keeps for one connection (one gateway). */
    public static final String MAX_WATCHES_PER_CONNECTION_PROP_NAME = "warden.cluster.max.watches.per.connection";
    /**
     * The node's clock: {@code monotonic} (the default, {@link MonotonicClusterClock}: the wall clock read once at
     * start, then {@code System.nanoTime()}, so a wall-clock step changes no deadline) or {@code wall} (Aeron's
     * defaults: every component reads the wall clock, and a step reaches the log's timestamps and Aeron's timeouts;
     * kept for negative controls and comparisons).
     */
    public static final String CLUSTER_CLOCK_PROP_NAME = "warden.cluster.clock";
    /**
     * Fault tests only: a file holding an offset in milliseconds that shifts the wall clock this node sees
     * ({@link OffsetFileWallClock}), as an NTP step would. Unset (the default): the system's wall clock.
     */
    public static final String CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME = "warden.cluster.clock.offset.file";

    /**
     * Log growth since the latest snapshot (bytes) that makes the leader ask the cell for a snapshot; {@code 0} for
     * never. Snapshots bound what a restart replays, and let every node purge the log older than the ones it keeps.
     */
    public static final String SNAPSHOT_LOG_BYTES_PROP_NAME = "warden.snapshot.log.bytes";
    /** Time since the latest snapshot after which the leader asks for one if the log moved; {@code 0s} for never. */
    public static final String SNAPSHOT_INTERVAL_PROP_NAME = "warden.snapshot.interval";
    /** Snapshots every node keeps, with the log from the oldest of them on (at least 1; 2 allows a fallback). */
    public static final String SNAPSHOT_KEEP_PROP_NAME = "warden.snapshot.keep";
    /** Whether nodes purge log segments and snapshots older than the ones they keep. */
    public static final String SNAPSHOT_PURGE_PROP_NAME = "warden.snapshot.purge";

    /** The profile name that forbids spinning idle strategies. */
    public static final String CI_PROFILE = "ci";
    /** Smallest IPC term length: snapshots are written over IPC. */
    public static final int MIN_IPC_TERM_LENGTH = 16 * 1024 * 1024;
    /** Smallest allowed max message length: a default-size value and the longest key, plus headers. */
    public static final int MIN_MAX_MESSAGE_LENGTH =
        WardenLimits.DEFAULT_MAX_VALUE_LENGTH + WardenLimits.MAX_KEY_LENGTH + 1024;
    /** Aeron's largest message is {@code termLength / 8}. */
    public static final int TERM_LENGTH_TO_MAX_MESSAGE_RATIO = 8;
    /** The service id of {@link WardenService}: the node runs exactly one service. */
    public static final int SERVICE_ID = 0;
    /** Prefix of a backoff strategy with its own park cap, such as {@code backoff:100us}. */
    private static final String BACKOFF_WITH_CAP = BackoffIdleStrategy.ALIAS + ":";
    /** Idle strategy aliases that may be configured (and {@code backoff:<max park>}). */
    public static final Set<String> IDLE_STRATEGY_ALIASES = Set.of(
        BackoffIdleStrategy.ALIAS,
        SleepingIdleStrategy.ALIAS,
        SleepingMillisIdleStrategy.ALIAS,
        YieldingIdleStrategy.ALIAS,
        BusySpinIdleStrategy.ALIAS,
        NoOpIdleStrategy.ALIAS);
    /** Idle strategies that never give up the core; forbidden in the {@code ci} profile. */
    public static final Set<String> SPINNING_IDLE_STRATEGIES = Set.of(
        YieldingIdleStrategy.ALIAS, BusySpinIdleStrategy.ALIAS, NoOpIdleStrategy.ALIAS);

    /** Where the node's channel to the local archive is: IPC, Aeron's default stream. */
    static final String LOCAL_ARCHIVE_CONTROL_CHANNEL = CommonContext.IPC_CHANNEL;

    private static final Map<String, Setter> SETTERS = new LinkedHashMap<>();

    /**
     * Which clock a node runs on ({@value #CLUSTER_CLOCK_PROP_NAME}).
     */
    public enum ClockKind
    {
        /** Anchored once to the wall clock, then advanced by {@code System.nanoTime()}: steps are not seen. */
        MONOTONIC,
        /** The wall clock itself, read by every component (Aeron's defaults). */
        WALL
    }

    /**
     * Threading of the driver and the archive.
     */
    public enum Threading
    {
        /** Driver and archive each run one agent thread: for small boxes and tests. */
        SHARED,
        /** Driver conductor, sender and receiver, and archive conductor, recorder and replayer each own a thread. */
        DEDICATED
    }

    /**
     * Told about every error a node's components report, after it is logged and counted. Called on the reporting
     * component's agent thread; it must be thread-safe and must not block. For tests and monitoring, never for
     * deciding replicated state.
     */
    @FunctionalInterface
    public interface ErrorListener
    {
        /**
         * An error or a cluster warning ({@code io.aeron.cluster.client.ClusterEvent}) was reported.
         *
         * @param memberId  the node's member id.
         * @param component {@code driver}, {@code archive}, {@code consensus-module} or {@code service-container}.
         * @param throwable the error.
         */
        void onError(int memberId, String component, Throwable throwable);
    }

    @FunctionalInterface
    private interface Setter
    {
        void set(NodeConfig config, String name, String value);
    }

    static
    {
        SETTERS.put(PROFILE_PROP_NAME, (c, n, v) -> c.profile(v.trim()));
        SETTERS.put(CLUSTER_ID_PROP_NAME, (c, n, v) -> c.clusterId(parseInt(n, v)));
        SETTERS.put(CLUSTER_PORT_BASE_PROP_NAME, (c, n, v) -> c.portBase(parseInt(n, v)));
        SETTERS.put(CLUSTER_MEMBERS_PROP_NAME, (c, n, v) -> c.clusterMembers(v.trim()));
        SETTERS.put(APP_VERSION_PROP_NAME, (c, n, v) -> c.appVersion(v.trim()));
        SETTERS.put(MAX_SESSIONS_PROP_NAME, (c, n, v) -> c.maxConcurrentSessions(parseInt(n, v)));
        SETTERS.put(SESSION_TIMEOUT_PROP_NAME, (c, n, v) -> c.sessionTimeoutNs(parseDuration(n, v)));
        SETTERS.put(CELL_SECRET_FILE_PROP_NAME, (c, n, v) -> c.cellSecretFile(v.trim()));
        SETTERS.put(EVEN_MEMBERS_ALLOWED_PROP_NAME, (c, n, v) -> c.evenMembersAllowed(parseBoolean(n, v)));
        SETTERS.put(ADMIN_SNAPSHOT_ALLOWED_PROP_NAME, (c, n, v) -> c.adminSnapshotAllowed(parseBoolean(n, v)));
        SETTERS.put(LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, (c, n, v) -> c.leaderHeartbeatTimeoutNs(parseDuration(n, v)));
        SETTERS.put(LEADER_HEARTBEAT_INTERVAL_PROP_NAME,
            (c, n, v) -> c.leaderHeartbeatIntervalNs(parseDuration(n, v)));
        SETTERS.put(ELECTION_TIMEOUT_PROP_NAME, (c, n, v) -> c.electionTimeoutNs(parseDuration(n, v)));
        SETTERS.put(ELECTION_STATUS_INTERVAL_PROP_NAME, (c, n, v) -> c.electionStatusIntervalNs(parseDuration(n, v)));
        SETTERS.put(STARTUP_CANVASS_TIMEOUT_PROP_NAME, (c, n, v) -> c.startupCanvassTimeoutNs(parseDuration(n, v)));
        SETTERS.put(TERMINATION_TIMEOUT_PROP_NAME, (c, n, v) -> c.terminationTimeoutNs(parseDuration(n, v)));
        SETTERS.put(LOG_TERM_LENGTH_PROP_NAME, (c, n, v) -> c.logTermLength(parseIntSize(n, v)));
        SETTERS.put(INGRESS_TERM_LENGTH_PROP_NAME, (c, n, v) -> c.ingressTermLength(parseIntSize(n, v)));
        SETTERS.put(EGRESS_TERM_LENGTH_PROP_NAME, (c, n, v) -> c.egressTermLength(parseIntSize(n, v)));
        SETTERS.put(MAX_MESSAGE_LENGTH_PROP_NAME, (c, n, v) -> c.maxMessageLength(parseIntSize(n, v)));
        SETTERS.put(NODE_ID_PROP_NAME, (c, n, v) -> c.memberId(parseInt(n, v)));
        SETTERS.put(NODE_DIR_PROP_NAME, (c, n, v) -> c.nodeDir(v.trim()));
        SETTERS.put(CLUSTER_DIR_PROP_NAME, (c, n, v) -> c.clusterDir(v.trim()));
        SETTERS.put(ARCHIVE_DIR_PROP_NAME, (c, n, v) -> c.archiveDir(v.trim()));
        SETTERS.put(AERON_DIR_PROP_NAME, (c, n, v) -> c.aeronDir(v.trim()));
        SETTERS.put(CLEAN_START_PROP_NAME, (c, n, v) -> c.cleanStart(parseBoolean(n, v)));
        SETTERS.put(THREADING_MODE_PROP_NAME, (c, n, v) -> c.threading(parseThreading(n, v)));
        SETTERS.put(IDLE_STRATEGY_PROP_NAME, (c, n, v) -> c.idleStrategy(v.trim()));
        SETTERS.put(DRIVER_IDLE_STRATEGY_PROP_NAME, (c, n, v) -> c.driverIdleStrategy(v.trim()));
        SETTERS.put(SENDER_IDLE_STRATEGY_PROP_NAME, (c, n, v) -> c.senderIdleStrategy(v.trim()));
        SETTERS.put(RECEIVER_IDLE_STRATEGY_PROP_NAME, (c, n, v) -> c.receiverIdleStrategy(v.trim()));
        SETTERS.put(IPC_TERM_LENGTH_PROP_NAME, (c, n, v) -> c.ipcTermLength(parseIntSize(n, v)));
        SETTERS.put(UDP_TERM_LENGTH_PROP_NAME, (c, n, v) -> c.udpTermLength(parseIntSize(n, v)));
        SETTERS.put(SPARSE_FILE_PROP_NAME, (c, n, v) -> c.termBufferSparseFile(parseBoolean(n, v)));
        SETTERS.put(DRIVER_DIR_DELETE_ON_START_PROP_NAME, (c, n, v) -> c.driverDirDeleteOnStart(parseBoolean(n, v)));
        SETTERS.put(DRIVER_DIR_DELETE_ON_SHUTDOWN_PROP_NAME,
            (c, n, v) -> c.driverDirDeleteOnShutdown(parseBoolean(n, v)));
        SETTERS.put(SEGMENT_LENGTH_PROP_NAME, (c, n, v) -> c.segmentLength(parseIntSize(n, v)));
        SETTERS.put(FILE_SYNC_LEVEL_PROP_NAME, (c, n, v) -> c.fileSyncLevel(parseInt(n, v)));
        SETTERS.put(CLUSTER_CLOCK_PROP_NAME, (c, n, v) -> c.clockKind(parseClockKind(n, v)));
        SETTERS.put(CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME, (c, n, v) -> c.clusterClockOffsetFile(v.trim()));
        SETTERS.put(SNAPSHOT_LOG_BYTES_PROP_NAME, (c, n, v) -> c.snapshotLogBytes(parseLongSize(n, v)));
        SETTERS.put(SNAPSHOT_INTERVAL_PROP_NAME, (c, n, v) -> c.snapshotIntervalNs(parseDuration(n, v)));
        SETTERS.put(SNAPSHOT_KEEP_PROP_NAME, (c, n, v) -> c.snapshotKeep(parseInt(n, v)));
        SETTERS.put(SNAPSHOT_PURGE_PROP_NAME, (c, n, v) -> c.snapshotPurge(parseBoolean(n, v)));
        SETTERS.put(STATE_QUOTA_PROP_NAME, (c, n, v) -> c.limits.stateQuotaBytes(parseLongSize(n, v)));
        SETTERS.put(MAX_KEYS_PER_SESSION_PROP_NAME, (c, n, v) -> c.limits.maxKeysPerSession(parseInt(n, v)));
        SETTERS.put(MAX_BYTES_PER_SESSION_PROP_NAME, (c, n, v) -> c.limits.maxBytesPerSession(parseLongSize(n, v)));
        SETTERS.put(MAX_SEQUENTIAL_PER_SESSION_PROP_NAME,
            (c, n, v) -> c.limits.maxSequentialPerSession(parseInt(n, v)));
        SETTERS.put(MAX_LOCKS_PER_SESSION_PROP_NAME, (c, n, v) -> c.limits.maxLocksPerSession(parseInt(n, v)));
        SETTERS.put(MAX_WATCHES_PER_CONNECTION_PROP_NAME,
            (c, n, v) -> c.limits.maxWatchesPerConnection(parseInt(n, v)));
    }

    private final List<String> errors = new ArrayList<>();
    private final Map<String, String> sourceByName = new TreeMap<>();
    private boolean isConcluded;

    private String profile = "";
    private int clusterId = 0;
    private final TreeMap<Integer, String> hostById = new TreeMap<>();
    private int portBase = 9000;
    private String clusterMembers;
    private String appVersion = "0.1.0";
    private int maxConcurrentSessions = 64;
    private long sessionTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    private boolean adminSnapshotAllowed = true;
    private boolean evenMembersAllowed = false;
    private long snapshotLogBytes = 64L * 1024 * 1024;
    private long snapshotIntervalNs = TimeUnit.HOURS.toNanos(1);
    private int snapshotKeep = 2;
    private boolean snapshotPurge = true;
    private String cellSecretFile = "";
    private long leaderHeartbeatTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    private long leaderHeartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(200);
    private long electionTimeoutNs = TimeUnit.SECONDS.toNanos(1);
    private long electionStatusIntervalNs = TimeUnit.MILLISECONDS.toNanos(100);
    private long startupCanvassTimeoutNs = TimeUnit.SECONDS.toNanos(60);
    private long terminationTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    private int logTermLength = 64 * 1024 * 1024;
    private int ingressTermLength = 4 * 1024 * 1024;
    private int egressTermLength = 4 * 1024 * 1024;
    private int maxMessageLength = 68 * 1024;
    private int memberId = -1;
    private String nodeDir;
    private String clusterDir;
    private String archiveDir;
    private String aeronDir;
    private boolean cleanStart = false;
    private Threading threading = Threading.SHARED;
    private String idleStrategy = BackoffIdleStrategy.ALIAS;
    private String driverIdleStrategy;
    private String senderIdleStrategy;
    private String receiverIdleStrategy;
    private int ipcTermLength = 64 * 1024 * 1024;
    private int udpTermLength = 16 * 1024 * 1024;
    private boolean termBufferSparseFile = true;
    private boolean driverDirDeleteOnStart = false;
    private boolean driverDirDeleteOnShutdown = true;
    private int segmentLength = 128 * 1024 * 1024;
    private int fileSyncLevel = 1;
    private ClockKind clockKind = ClockKind.MONOTONIC;
    private String clusterClockOffsetFile;
    private final LimitsSpec limits = new LimitsSpec();

    private PrintStream errorStream = System.err;
    private ErrorListener errorListener;
    private Supplier<ClusteredService> serviceSupplier;

    private ClusterMembers members;
    private ClusterMembers.Member thisMember;
    private ClusterClock clusterClock;
    private EpochClock epochClock;

    /**
     * Load layered property files, later files overriding earlier ones, then apply {@code warden.*} system
     * properties, which override all. The result is not yet concluded.
     *
     * @param files cluster file, node file and optional profile file, in that order.
     * @return the loaded configuration.
     */
    public static NodeConfig load(final List<Path> files)
    {
        return load(files, System.getProperties());
    }

    /**
     * Load layered property files, then apply overrides (usually the system properties).
     *
     * @param files     property files, later overriding earlier.
     * @param overrides applied last; only known {@code warden.*} names are used, others are ignored.
     * @return the loaded configuration, not yet concluded.
     */
    public static NodeConfig load(final List<Path> files, final Properties overrides)
    {
        final NodeConfig config = new NodeConfig();
        for (final Path file : files)
        {
            config.applyProperties(readProperties(file), file.toString(), true);
        }

        if (null != overrides)
        {
            config.applyProperties(overrides, "system property", false);
        }

        return config;
    }

    /**
     * Read one properties file.
     *
     * @param file to read.
     * @return its properties.
     */
    public static Properties readProperties(final Path file)
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read config file " + file, ex);
        }

        return properties;
    }

    /**
     * Apply {@code warden.*} properties over the current values. Problems are collected and reported by
     * {@link #conclude()}.
     *
     * @param properties    to apply; names without the {@code warden.} prefix are ignored.
     * @param source        where they come from, quoted in error messages.
     * @param rejectUnknown whether an unknown {@code warden.*} name is an error (true for files, to catch typos).
     * @return this for a fluent API.
     */
    public NodeConfig applyProperties(final Properties properties, final String source, final boolean rejectUnknown)
    {
        for (final String name : new TreeMap<>(toMap(properties)).keySet())
        {
            if (!name.startsWith(PREFIX))
            {
                continue;
            }

            final String value = properties.getProperty(name);
            final Setter setter = SETTERS.get(name);
            try
            {
                if (null != setter)
                {
                    setter.set(this, name, value);
                }
                else if (name.startsWith(CLUSTER_HOST_PROP_PREFIX))
                {
                    final int id = parseInt(name, name.substring(CLUSTER_HOST_PROP_PREFIX.length()));
                    if (id < 0)
                    {
                        throw new IllegalArgumentException("member id in the name must not be negative");
                    }
                    if (value.isBlank())
                    {
                        throw new IllegalArgumentException("host must not be empty");
                    }
                    hostById.put(id, value.trim());
                }
                else
                {
                    if (rejectUnknown)
                    {
                        errors.add(name + " (from " + source + "): unknown property");
                    }
                    continue;
                }
                sourceByName.put(name, source);
            }
            catch (final RuntimeException ex)
            {
                errors.add(name + "=" + value + " (from " + source + "): " + ex.getMessage());
            }
        }

        return this;
    }

    /**
     * Validate every setting, derive the members and channels, and resolve directories to absolute paths.
     *
     * @return this for a fluent API.
     * @throws ConfigurationException listing every problem found.
     */
    public NodeConfig conclude()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("NodeConfig already concluded");
        }

        concludeMembers();
        concludeTimeouts();
        concludeLengths();
        concludeThreading();
        concludeDirs();

        check(fileSyncLevel >= 0 && fileSyncLevel <= 2, FILE_SYNC_LEVEL_PROP_NAME, fileSyncLevel, "must be 0, 1 or 2");
        check(new ReplicatedLimits().accepts(limits), STATE_QUOTA_PROP_NAME, formatSize(stateQuotaBytes()),
            "the cluster limits must be positive, within their ceilings, and the quota at least " +
            formatSize(WardenLimits.MIN_STATE_QUOTA_HEADROOM_BYTES) + " above the watch history's " +
            formatSize(WardenLimits.DEFAULT_HISTORY_MAX_BYTES));
        check(snapshotLogBytes >= 0, SNAPSHOT_LOG_BYTES_PROP_NAME, formatSize(snapshotLogBytes),
            "must not be negative");
        check(snapshotIntervalNs >= 0, SNAPSHOT_INTERVAL_PROP_NAME, formatDuration(snapshotIntervalNs),
            "must not be negative");
        check(snapshotKeep >= 1, SNAPSHOT_KEEP_PROP_NAME, snapshotKeep, "must be at least 1");
        check(maxConcurrentSessions >= 1, MAX_SESSIONS_PROP_NAME, maxConcurrentSessions, "must be at least 1");
        check(clusterId >= 0, CLUSTER_ID_PROP_NAME, clusterId, "must not be negative");
        try
        {
            appVersionCode();
        }
        catch (final RuntimeException ex)
        {
            check(false, APP_VERSION_PROP_NAME, appVersion, ex.getMessage());
        }

        if (!errors.isEmpty())
        {
            throw new ConfigurationException(
                "invalid Warden node configuration:\n  " + String.join("\n  ", errors));
        }

        concludeClocks();
        isConcluded = true;
        return this;
    }

    /**
     * The members the loaded files name, for a process that follows the cell without being one of them (a backup):
     * checks the settings read so far and the members, but needs no node id or directories.
     *
     * @return the members.
     * @throws ConfigurationException listing the problems found.
     */
    public ClusterMembers membersForFollower()
    {
        final List<String> problems = new ArrayList<>(errors);
        ClusterMembers found = null;
        if (null != clusterMembers && !hostById.isEmpty())
        {
            problems.add(CLUSTER_MEMBERS_PROP_NAME + " and " + CLUSTER_HOST_PROP_PREFIX + "<id> are both set");
        }
        else
        {
            try
            {
                found = null != clusterMembers ?
                    ClusterMembers.parse(clusterMembers) : ClusterMembers.derive(hostById, portBase);
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add("the cluster members: " + ex.getMessage());
            }
        }
        if (!problems.isEmpty())
        {
            throw new ConfigurationException(
                "invalid Warden cluster configuration:\n  " + String.join("\n  ", problems));
        }
        return found;
    }

    /**
     * Has {@link #conclude()} succeeded.
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return isConcluded;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Aeron contexts
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A new media driver context for this node.
     *
     * @param terminationHook run when the driver is asked to terminate.
     * @return a new context.
     */
    public MediaDriver.Context newMediaDriverContext(final Runnable terminationHook)
    {
        ensureConcluded();

        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(driverDirDeleteOnStart)
            .dirDeleteOnShutdown(driverDirDeleteOnShutdown)
            .threadingMode(Threading.DEDICATED == threading ? ThreadingMode.DEDICATED : ThreadingMode.SHARED)
            .sharedIdleStrategy(newIdleStrategy(driverIdleStrategy))
            .sharedNetworkIdleStrategy(newIdleStrategy(driverIdleStrategy))
            .conductorIdleStrategy(newIdleStrategy(driverIdleStrategy))
            .senderIdleStrategy(newIdleStrategy(senderIdleStrategy))
            .receiverIdleStrategy(newIdleStrategy(receiverIdleStrategy))
            .termBufferSparseFile(termBufferSparseFile)
            .publicationTermBufferLength(udpTermLength)
            .ipcTermBufferLength(ipcTermLength)
            .epochClock(epochClock)
            .errorHandler(errorHandler("driver"))
            .terminationHook(terminationHook);
    }

    /**
     * A new archive context for this node: UDP control on the member's archive endpoint (peers replicate from it),
     * IPC local control for the consensus module and the service.
     *
     * @return a new context.
     */
    public Archive.Context newArchiveContext()
    {
        ensureConcluded();

        final String host = thisMember.host();
        return new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(archiveDir))
            .deleteArchiveOnStart(cleanStart)
            .archiveId(memberId)
            .controlChannel(udpChannel(thisMember.archiveEndpoint(), null))
            .localControlChannel(LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .replicationChannel(udpChannel(ClusterMembers.endpoint(host, 0), null))
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel(udpChannel(ClusterMembers.endpoint(host, 0), null)))
            .recordingEventsEnabled(false)
            .threadingMode(Threading.DEDICATED == threading ? ArchiveThreadingMode.DEDICATED : ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idleStrategySupplier(idleStrategy))
            .recorderIdleStrategySupplier(idleStrategySupplier(idleStrategy))
            .replayerIdleStrategySupplier(idleStrategySupplier(idleStrategy))
            .segmentFileLength(segmentLength)
            .fileSyncLevel(fileSyncLevel)
            .catalogFileSyncLevel(fileSyncLevel)
            .epochClock(epochClock)
            .errorHandler(errorHandler("archive"));
    }

    /**
     * A new consensus module context for this node.
     *
     * @param terminationHook run when the consensus module terminates (e.g. after {@code ClusterTool shutdown}).
     * @return a new context.
     */
    public ConsensusModule.Context newConsensusModuleContext(final Runnable terminationHook)
    {
        ensureConcluded();

        final WardenAuthorisationService authorisationService = new WardenAuthorisationService(adminSnapshotAllowed);
        final CellAuthenticator authenticator = newAuthenticator();
        return new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterId(clusterId)
            .clusterMemberId(memberId)
            .clusterMembers(members.encode())
            .clusterDir(new File(clusterDir))
            .deleteDirOnStart(cleanStart)
            .serviceCount(1)
            .appVersion(appVersionCode())
            .ingressChannel(ingressChannel())
            .egressChannel(egressChannelTemplate())
            .logChannel(logChannel())
            .consensusChannel(consensusChannel())
            .replicationChannel(replicationChannel())
            .archiveContext(localArchiveClientContext(consensusModuleArchiveResponseStreamId()))
            .maxConcurrentSessions(maxConcurrentSessions)
            .sessionTimeoutNs(sessionTimeoutNs)
            .leaderHeartbeatTimeoutNs(leaderHeartbeatTimeoutNs)
            .leaderHeartbeatIntervalNs(leaderHeartbeatIntervalNs)
            .electionTimeoutNs(electionTimeoutNs)
            .electionStatusIntervalNs(electionStatusIntervalNs)
            .startupCanvassTimeoutNs(startupCanvassTimeoutNs)
            .terminationTimeoutNs(terminationTimeoutNs)
            .fileSyncLevel(fileSyncLevel)
            .clusterClock(clusterClock)
            .epochClock(epochClock)
            .idleStrategySupplier(idleStrategySupplier(idleStrategy))
            .authorisationServiceSupplier(() -> authorisationService)
            .authenticatorSupplier(() -> authenticator)
            .errorHandler(errorHandler("consensus-module"))
            .terminationHook(terminationHook);
    }

    /**
     * A new service container context running one service (service id 0) from {@link #serviceSupplier()}.
     *
     * @param terminationHook run when the container terminates.
     * @return a new context.
     */
    public ClusteredServiceContainer.Context newServiceContainerContext(final Runnable terminationHook)
    {
        ensureConcluded();

        return new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .clusterId(clusterId)
            .serviceId(SERVICE_ID)
            .serviceName("warden-service-" + clusterId + "-" + memberId)
            .clusterDir(new File(clusterDir))
            .clusteredService(serviceSupplier().get())
            .appVersion(appVersionCode())
            .archiveContext(localArchiveClientContext(serviceArchiveResponseStreamId()))
            .idleStrategySupplier(idleStrategySupplier(idleStrategy))
            .epochClock(epochClock)
            .errorHandler(errorHandler("service-container"))
            .terminationHook(terminationHook);
    }

    /**
     * The Warden service for this node: its largest egress frame follows the egress term length the consensus module
     * forces on every client (a term holds messages up to an eighth of its length).
     */
    private WardenService newWardenService()
    {
        return new WardenService(egressTermLength / 8);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Derived values
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The concluded cluster members.
     *
     * @return the members.
     */
    public ClusterMembers members()
    {
        ensureConcluded();
        return members;
    }

    /**
     * This node's entry in {@link #members()}.
     *
     * @return this node's member.
     */
    public ClusterMembers.Member thisMember()
    {
        ensureConcluded();
        return thisMember;
    }

    /**
     * Ingress endpoints for clients: {@code AeronCluster.Context.ingressEndpoints}.
     *
     * @return {@code id=host:port,...}.
     */
    public String ingressEndpoints()
    {
        ensureConcluded();
        return members.ingressEndpoints();
    }

    /**
     * The consensus module's ingress channel; the endpoint comes from the members. For UDP the client's
     * publication decides the term length, so clients should use {@link #clientIngressChannel()}.
     *
     * @return the channel.
     */
    public String ingressChannel()
    {
        return new ChannelUriStringBuilder().media("udp").termLength(ingressTermLength).build();
    }

    /**
     * The ingress channel clients (gateways, tests) should use together with {@link #ingressEndpoints()}.
     *
     * @return the channel, with the ingress term length.
     */
    public String clientIngressChannel()
    {
        return ingressChannel();
    }

    /**
     * An egress channel for a client on the given host, with the egress term length and an ephemeral port.
     *
     * @param clientHost the client's host address.
     * @return the channel.
     */
    public String clientEgressChannel(final String clientHost)
    {
        return udpChannel(ClusterMembers.endpoint(clientHost, 0), egressTermLength);
    }

    /**
     * The consensus module's template for response channels: it forces the egress term length on every client's
     * egress.
     *
     * @return the channel template.
     */
    public String egressChannelTemplate()
    {
        return new ChannelUriStringBuilder().media("udp").termLength(egressTermLength).build();
    }

    /**
     * The log channel: UDP multi-destination (no endpoint), with the log term length.
     *
     * @return the channel.
     */
    public String logChannel()
    {
        return new ChannelUriStringBuilder().media("udp").termLength(logTermLength).alias("warden-log").build();
    }

    /**
     * The consensus channel; the endpoints come from the members.
     *
     * @return the channel.
     */
    public String consensusChannel()
    {
        return new ChannelUriStringBuilder().media("udp").alias("warden-consensus").build();
    }

    /**
     * The consensus module's replication channel on this node's host with an ephemeral port.
     *
     * @return the channel.
     */
    public String replicationChannel()
    {
        ensureConcluded();
        return udpChannel(ClusterMembers.endpoint(thisMember.host(), 0), null);
    }

    /**
     * The archive's UDP control channel, on this member's archive endpoint.
     *
     * @return the channel.
     */
    public String archiveControlChannel()
    {
        ensureConcluded();
        return udpChannel(thisMember.archiveEndpoint(), null);
    }

    /**
     * The stream the consensus module receives local archive responses on (Aeron's default for its cluster id).
     *
     * @return stream id.
     */
    public int consensusModuleArchiveResponseStreamId()
    {
        return clusterId * 100 + 100 + AeronArchive.Configuration.CONTROL_RESPONSE_STREAM_ID_DEFAULT;
    }

    /**
     * The stream the service container receives local archive responses on (Aeron's default for service 0).
     *
     * @return stream id.
     */
    public int serviceArchiveResponseStreamId()
    {
        return consensusModuleArchiveResponseStreamId() + SERVICE_ID + 1;
    }

    /**
     * The application version as an Aeron {@link SemanticVersion} code.
     *
     * @return the composed version.
     */
    public int appVersionCode()
    {
        final String[] parts = appVersion.trim().split("\\.");
        if (3 != parts.length)
        {
            throw new IllegalArgumentException("must be major.minor.patch");
        }

        try
        {
            return SemanticVersion.compose(
                Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be major.minor.patch with integers", ex);
        }
    }

    /**
     * Every setting as {@code name=value} lines, in name order, then the derived Aeron values prefixed
     * {@code derived.}; the values can be read back by {@link #load(List)}.
     *
     * @return the description.
     */
    public String describe()
    {
        ensureConcluded();

        final Map<String, String> values = new TreeMap<>();
        values.put(PROFILE_PROP_NAME, profile);
        values.put(CLUSTER_ID_PROP_NAME, Integer.toString(clusterId));
        if (null != clusterMembers)
        {
            values.put(CLUSTER_MEMBERS_PROP_NAME, clusterMembers);
        }
        else
        {
            hostById.forEach((id, host) -> values.put(CLUSTER_HOST_PROP_PREFIX + id, host));
            values.put(CLUSTER_PORT_BASE_PROP_NAME, Integer.toString(portBase));
        }
        values.put(APP_VERSION_PROP_NAME, appVersion);
        values.put(MAX_SESSIONS_PROP_NAME, Integer.toString(maxConcurrentSessions));
        values.put(SESSION_TIMEOUT_PROP_NAME, formatDuration(sessionTimeoutNs));
        values.put(ADMIN_SNAPSHOT_ALLOWED_PROP_NAME, Boolean.toString(adminSnapshotAllowed));
        values.put(EVEN_MEMBERS_ALLOWED_PROP_NAME, Boolean.toString(evenMembersAllowed));
        values.put(CELL_SECRET_FILE_PROP_NAME, cellSecretFile);
        values.put(SNAPSHOT_LOG_BYTES_PROP_NAME, formatSize(snapshotLogBytes));
        values.put(SNAPSHOT_INTERVAL_PROP_NAME, formatDuration(snapshotIntervalNs));
        values.put(SNAPSHOT_KEEP_PROP_NAME, Integer.toString(snapshotKeep));
        values.put(SNAPSHOT_PURGE_PROP_NAME, Boolean.toString(snapshotPurge));
        values.put(LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, formatDuration(leaderHeartbeatTimeoutNs));
        values.put(LEADER_HEARTBEAT_INTERVAL_PROP_NAME, formatDuration(leaderHeartbeatIntervalNs));
        values.put(ELECTION_TIMEOUT_PROP_NAME, formatDuration(electionTimeoutNs));
        values.put(ELECTION_STATUS_INTERVAL_PROP_NAME, formatDuration(electionStatusIntervalNs));
        values.put(STARTUP_CANVASS_TIMEOUT_PROP_NAME, formatDuration(startupCanvassTimeoutNs));
        values.put(TERMINATION_TIMEOUT_PROP_NAME, formatDuration(terminationTimeoutNs));
        values.put(LOG_TERM_LENGTH_PROP_NAME, formatSize(logTermLength));
        values.put(INGRESS_TERM_LENGTH_PROP_NAME, formatSize(ingressTermLength));
        values.put(EGRESS_TERM_LENGTH_PROP_NAME, formatSize(egressTermLength));
        values.put(MAX_MESSAGE_LENGTH_PROP_NAME, formatSize(maxMessageLength));
        values.put(NODE_ID_PROP_NAME, Integer.toString(memberId));
        values.put(NODE_DIR_PROP_NAME, nodeDir);
        values.put(CLUSTER_DIR_PROP_NAME, clusterDir);
        values.put(ARCHIVE_DIR_PROP_NAME, archiveDir);
        values.put(AERON_DIR_PROP_NAME, aeronDir);
        values.put(CLEAN_START_PROP_NAME, Boolean.toString(cleanStart));
        values.put(THREADING_MODE_PROP_NAME, threading.name());
        values.put(IDLE_STRATEGY_PROP_NAME, idleStrategy);
        values.put(DRIVER_IDLE_STRATEGY_PROP_NAME, driverIdleStrategy);
        values.put(SENDER_IDLE_STRATEGY_PROP_NAME, senderIdleStrategy);
        values.put(RECEIVER_IDLE_STRATEGY_PROP_NAME, receiverIdleStrategy);
        values.put(IPC_TERM_LENGTH_PROP_NAME, formatSize(ipcTermLength));
        values.put(UDP_TERM_LENGTH_PROP_NAME, formatSize(udpTermLength));
        values.put(SPARSE_FILE_PROP_NAME, Boolean.toString(termBufferSparseFile));
        values.put(DRIVER_DIR_DELETE_ON_START_PROP_NAME, Boolean.toString(driverDirDeleteOnStart));
        values.put(DRIVER_DIR_DELETE_ON_SHUTDOWN_PROP_NAME, Boolean.toString(driverDirDeleteOnShutdown));
        values.put(SEGMENT_LENGTH_PROP_NAME, formatSize(segmentLength));
        values.put(FILE_SYNC_LEVEL_PROP_NAME, Integer.toString(fileSyncLevel));
        values.put(STATE_QUOTA_PROP_NAME, formatSize(stateQuotaBytes()));
        putIfSet(values, MAX_KEYS_PER_SESSION_PROP_NAME, limits.maxKeysPerSession());
        putIfSet(values, MAX_BYTES_PER_SESSION_PROP_NAME, limits.maxBytesPerSession());
        putIfSet(values, MAX_SEQUENTIAL_PER_SESSION_PROP_NAME, limits.maxSequentialPerSession());
        putIfSet(values, MAX_LOCKS_PER_SESSION_PROP_NAME, limits.maxLocksPerSession());
        putIfSet(values, MAX_WATCHES_PER_CONNECTION_PROP_NAME, limits.maxWatchesPerConnection());
        values.put(CLUSTER_CLOCK_PROP_NAME, clockKind.name().toLowerCase(Locale.ROOT));
        if (null != clusterClockOffsetFile)
        {
            values.put(CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME, clusterClockOffsetFile);
        }

        final StringBuilder sb = new StringBuilder();
        values.forEach((name, value) -> sb.append(name).append('=').append(value).append('\n'));
        sb.append("derived.cluster.members=").append(members.encode()).append('\n');
        sb.append("derived.ingress.endpoints=").append(members.ingressEndpoints()).append('\n');
        sb.append("derived.ingress.channel=").append(ingressChannel()).append('\n');
        sb.append("derived.egress.channel.template=").append(egressChannelTemplate()).append('\n');
        sb.append("derived.log.channel=").append(logChannel()).append('\n');
        sb.append("derived.consensus.channel=").append(consensusChannel()).append('\n');
        sb.append("derived.replication.channel=").append(replicationChannel()).append('\n');
        sb.append("derived.archive.control.channel=").append(archiveControlChannel()).append('\n');
        sb.append("derived.app.version.code=").append(appVersionCode()).append('\n');

        return sb.toString();
    }

    /**
     * Where a property's value came from, for diagnostics.
     *
     * @param name property name.
     * @return the file or "system property", or null if it was set in code or left at its default.
     */
    public String sourceOf(final String name)
    {
        return sourceByName.get(name);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return isConcluded ? describe() : "NodeConfig{not concluded, memberId=" + memberId + "}";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Fluent setters and accessors
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Profile name; {@value #CI_PROFILE} forbids spinning idle strategies.
     *
     * @param profile name, may be empty.
     * @return this for a fluent API.
     */
    public NodeConfig profile(final String profile)
    {
        this.profile = profile;
        return this;
    }

    /**
     * Profile name.
     *
     * @return the profile name, empty if none.
     */
    public String profile()
    {
        return profile;
    }

    /**
     * Aeron cluster id.
     *
     * @param clusterId id.
     * @return this for a fluent API.
     */
    public NodeConfig clusterId(final int clusterId)
    {
        this.clusterId = clusterId;
        return this;
    }

    /**
     * Aeron cluster id.
     *
     * @return the cluster id.
     */
    public int clusterId()
    {
        return clusterId;
    }

    /**
     * Host of a member, for members derived with {@link #portBase(int)}.
     *
     * @param memberId member id.
     * @param host     host name or address.
     * @return this for a fluent API.
     */
    public NodeConfig host(final int memberId, final String host)
    {
        hostById.put(memberId, host);
        return this;
    }

    /**
     * Remove all hosts set so far.
     *
     * @return this for a fluent API.
     */
    public NodeConfig clearHosts()
    {
        hostById.clear();
        return this;
    }

    /**
     * Port base for members derived from hosts.
     *
     * @param portBase base port.
     * @return this for a fluent API.
     */
    public NodeConfig portBase(final int portBase)
    {
        this.portBase = portBase;
        return this;
    }

    /**
     * Port base for members derived from hosts.
     *
     * @return the port base.
     */
    public int portBase()
    {
        return portBase;
    }

    /**
     * Raw Aeron members string; when set, hosts and port base are not used.
     *
     * @param clusterMembers members string, or null to derive from hosts.
     * @return this for a fluent API.
     */
    public NodeConfig clusterMembers(final String clusterMembers)
    {
        this.clusterMembers = null == clusterMembers || clusterMembers.isBlank() ? null : clusterMembers;
        return this;
    }

    /**
     * Application version.
     *
     * @param appVersion {@code major.minor.patch}.
     * @return this for a fluent API.
     */
    public NodeConfig appVersion(final String appVersion)
    {
        this.appVersion = appVersion;
        return this;
    }

    /**
     * Application version.
     *
     * @return {@code major.minor.patch}.
     */
    public String appVersion()
    {
        return appVersion;
    }

    /**
     * Maximum concurrent cluster sessions.
     *
     * @param maxConcurrentSessions limit.
     * @return this for a fluent API.
     */
    public NodeConfig maxConcurrentSessions(final int maxConcurrentSessions)
    {
        this.maxConcurrentSessions = maxConcurrentSessions;
        return this;
    }

    /**
     * Maximum concurrent cluster sessions.
     *
     * @return the limit.
     */
    public int maxConcurrentSessions()
    {
        return maxConcurrentSessions;
    }

    /**
     * Allow an even number of members ({@value #EVEN_MEMBERS_ALLOWED_PROP_NAME}).
     *
     * @param evenMembersAllowed true to allow.
     * @return this for a fluent API.
     */
    public NodeConfig evenMembersAllowed(final boolean evenMembersAllowed)
    {
        this.evenMembersAllowed = evenMembersAllowed;
        return this;
    }

    /**
     * Log growth since the latest snapshot that makes the leader ask for one ({@value #SNAPSHOT_LOG_BYTES_PROP_NAME}).
     *
     * @param snapshotLogBytes bytes, 0 for never.
     * @return this for a fluent API.
     */
    public NodeConfig snapshotLogBytes(final long snapshotLogBytes)
    {
        this.snapshotLogBytes = snapshotLogBytes;
        return this;
    }

    /**
     * Time since the latest snapshot after which the leader asks for one ({@value #SNAPSHOT_INTERVAL_PROP_NAME}).
     *
     * @param snapshotIntervalNs nanoseconds, 0 for never.
     * @return this for a fluent API.
     */
    public NodeConfig snapshotIntervalNs(final long snapshotIntervalNs)
    {
        this.snapshotIntervalNs = snapshotIntervalNs;
        return this;
    }

    /**
     * Snapshots kept ({@value #SNAPSHOT_KEEP_PROP_NAME}).
     *
     * @param snapshotKeep at least 1.
     * @return this for a fluent API.
     */
    public NodeConfig snapshotKeep(final int snapshotKeep)
    {
        this.snapshotKeep = snapshotKeep;
        return this;
    }

    /**
     * Whether to purge what is older than the snapshots kept ({@value #SNAPSHOT_PURGE_PROP_NAME}).
     *
     * @param snapshotPurge true to purge.
     * @return this for a fluent API.
     */
    public NodeConfig snapshotPurge(final boolean snapshotPurge)
    {
        this.snapshotPurge = snapshotPurge;
        return this;
    }

    /**
     * When this node's cell snapshots and what the node keeps.
     *
     * @return the policy.
     */
    public SnapshotPolicy snapshotPolicy()
    {
        return new SnapshotPolicy(snapshotLogBytes, snapshotIntervalNs, snapshotKeep, snapshotPurge);
    }

    /**
     * Cluster session timeout.
     *
     * @param sessionTimeoutNs timeout.
     * @return this for a fluent API.
     */
    public NodeConfig sessionTimeoutNs(final long sessionTimeoutNs)
    {
        this.sessionTimeoutNs = sessionTimeoutNs;
        return this;
    }

    /**
     * Cluster session timeout.
     *
     * @return timeout in ns.
     */
    public long sessionTimeoutNs()
    {
        return sessionTimeoutNs;
    }

    /**
     * The cell's secret file.
     *
     * @param cellSecretFile its path.
     * @return this for a fluent API.
     */
    public NodeConfig cellSecretFile(final String cellSecretFile)
    {
        this.cellSecretFile = cellSecretFile;
        return this;
    }

    /**
     * The cell's secret file.
     *
     * @return its path, empty when none is configured.
     */
    public String cellSecretFile()
    {
        return cellSecretFile;
    }

    /**
     * The authenticator of this node's consensus module, reading the secret file now.
     *
     * @return a new authenticator.
     * @throws ConfigurationException if no secret file is configured or it cannot be used.
     */
    public CellAuthenticator newAuthenticator()
    {
        if (cellSecretFile.isEmpty())
        {
            throw new ConfigurationException(CELL_SECRET_FILE_PROP_NAME + " is not set: a node admits only gateways " +
                "and operator tools that hold the cell's secret (scripts/warden-cluster.sh start writes one; see " +
                "README: Security)");
        }
        try
        {
            final int memberId = this.memberId;
            return new CellAuthenticator(Path.of(cellSecretFile),
                message -> System.err.println("node " + memberId + " authenticator: " + message));
        }
        catch (final IllegalStateException ex)
        {
            throw new ConfigurationException(CELL_SECRET_FILE_PROP_NAME + ": " + ex.getMessage());
        }
    }

    /**
     * Whether a client may request a snapshot.
     *
     * @param adminSnapshotAllowed true to allow.
     * @return this for a fluent API.
     */
    public NodeConfig adminSnapshotAllowed(final boolean adminSnapshotAllowed)
    {
        this.adminSnapshotAllowed = adminSnapshotAllowed;
        return this;
    }

    /**
     * Whether a client may request a snapshot.
     *
     * @return true if allowed.
     */
    public boolean adminSnapshotAllowed()
    {
        return adminSnapshotAllowed;
    }

    /**
     * Leader heartbeat timeout.
     *
     * @param leaderHeartbeatTimeoutNs timeout.
     * @return this for a fluent API.
     */
    public NodeConfig leaderHeartbeatTimeoutNs(final long leaderHeartbeatTimeoutNs)
    {
        this.leaderHeartbeatTimeoutNs = leaderHeartbeatTimeoutNs;
        return this;
    }

    /**
     * Leader heartbeat timeout.
     *
     * @return timeout in ns.
     */
    public long leaderHeartbeatTimeoutNs()
    {
        return leaderHeartbeatTimeoutNs;
    }

    /**
     * Leader heartbeat interval.
     *
     * @param leaderHeartbeatIntervalNs interval.
     * @return this for a fluent API.
     */
    public NodeConfig leaderHeartbeatIntervalNs(final long leaderHeartbeatIntervalNs)
    {
        this.leaderHeartbeatIntervalNs = leaderHeartbeatIntervalNs;
        return this;
    }

    /**
     * Leader heartbeat interval.
     *
     * @return interval in ns.
     */
    public long leaderHeartbeatIntervalNs()
    {
        return leaderHeartbeatIntervalNs;
    }

    /**
     * Election timeout.
     *
     * @param electionTimeoutNs timeout.
     * @return this for a fluent API.
     */
    public NodeConfig electionTimeoutNs(final long electionTimeoutNs)
    {
        this.electionTimeoutNs = electionTimeoutNs;
        return this;
    }

    /**
     * Election timeout.
     *
     * @return timeout in ns.
     */
    public long electionTimeoutNs()
    {
        return electionTimeoutNs;
    }

    /**
     * Election status interval.
     *
     * @param electionStatusIntervalNs interval.
     * @return this for a fluent API.
     */
    public NodeConfig electionStatusIntervalNs(final long electionStatusIntervalNs)
    {
        this.electionStatusIntervalNs = electionStatusIntervalNs;
        return this;
    }

    /**
     * Election status interval.
     *
     * @return interval in ns.
     */
    public long electionStatusIntervalNs()
    {
        return electionStatusIntervalNs;
    }

    /**
     * Startup canvass timeout; at least twice the leader heartbeat timeout.
     *
     * @param startupCanvassTimeoutNs timeout.
     * @return this for a fluent API.
     */
    public NodeConfig startupCanvassTimeoutNs(final long startupCanvassTimeoutNs)
    {
        this.startupCanvassTimeoutNs = startupCanvassTimeoutNs;
        return this;
    }

    /**
     * Startup canvass timeout.
     *
     * @return timeout in ns.
     */
    public long startupCanvassTimeoutNs()
    {
        return startupCanvassTimeoutNs;
    }

    /**
     * Termination timeout: how long a leader waits for followers to acknowledge a shutdown.
     *
     * @param terminationTimeoutNs timeout.
     * @return this for a fluent API.
     */
    public NodeConfig terminationTimeoutNs(final long terminationTimeoutNs)
    {
        this.terminationTimeoutNs = terminationTimeoutNs;
        return this;
    }

    /**
     * Termination timeout.
     *
     * @return timeout in ns.
     */
    public long terminationTimeoutNs()
    {
        return terminationTimeoutNs;
    }

    /**
     * Term length of the replicated log.
     *
     * @param logTermLength power of two.
     * @return this for a fluent API.
     */
    public NodeConfig logTermLength(final int logTermLength)
    {
        this.logTermLength = logTermLength;
        return this;
    }

    /**
     * Term length of the replicated log.
     *
     * @return term length in bytes.
     */
    public int logTermLength()
    {
        return logTermLength;
    }

    /**
     * Term length of client ingress.
     *
     * @param ingressTermLength power of two.
     * @return this for a fluent API.
     */
    public NodeConfig ingressTermLength(final int ingressTermLength)
    {
        this.ingressTermLength = ingressTermLength;
        return this;
    }

    /**
     * Term length of client ingress.
     *
     * @return term length in bytes.
     */
    public int ingressTermLength()
    {
        return ingressTermLength;
    }

    /**
     * Term length of egress to clients.
     *
     * @param egressTermLength power of two.
     * @return this for a fluent API.
     */
    public NodeConfig egressTermLength(final int egressTermLength)
    {
        this.egressTermLength = egressTermLength;
        return this;
    }

    /**
     * Term length of egress to clients.
     *
     * @return term length in bytes.
     */
    public int egressTermLength()
    {
        return egressTermLength;
    }

    /**
     * Largest single message the node must carry; every term length must be at least 8 times this.
     *
     * @param maxMessageLength bytes.
     * @return this for a fluent API.
     */
    public NodeConfig maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * Largest single message the node must carry.
     *
     * @return bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * This node's member id.
     *
     * @param memberId id, which must be one of the members.
     * @return this for a fluent API.
     */
    public NodeConfig memberId(final int memberId)
    {
        this.memberId = memberId;
        return this;
    }

    /**
     * This node's member id.
     *
     * @return the member id, -1 if unset.
     */
    public int memberId()
    {
        return memberId;
    }

    /**
     * Base directory for cluster and archive directories.
     *
     * @param nodeDir path; default {@code run/node-<id>}.
     * @return this for a fluent API.
     */
    public NodeConfig nodeDir(final String nodeDir)
    {
        this.nodeDir = nodeDir;
        return this;
    }

    /**
     * Base directory for cluster and archive directories.
     *
     * @return the absolute path once concluded.
     */
    public String nodeDir()
    {
        return nodeDir;
    }

    /**
     * Cluster directory.
     *
     * @param clusterDir path; default {@code <nodeDir>/cluster}.
     * @return this for a fluent API.
     */
    public NodeConfig clusterDir(final String clusterDir)
    {
        this.clusterDir = clusterDir;
        return this;
    }

    /**
     * Cluster directory.
     *
     * @return the absolute path once concluded.
     */
    public String clusterDir()
    {
        return clusterDir;
    }

    /**
     * Archive directory.
     *
     * @param archiveDir path; default {@code <nodeDir>/archive}.
     * @return this for a fluent API.
     */
    public NodeConfig archiveDir(final String archiveDir)
    {
        this.archiveDir = archiveDir;
        return this;
    }

    /**
     * Archive directory.
     *
     * @return the absolute path once concluded.
     */
    public String archiveDir()
    {
        return archiveDir;
    }

    /**
     * Aeron directory of this node's media driver.
     *
     * @param aeronDir path; default {@code /dev/shm/warden/node-<id>}.
     * @return this for a fluent API.
     */
    public NodeConfig aeronDir(final String aeronDir)
    {
        this.aeronDir = aeronDir;
        return this;
    }

    /**
     * Aeron directory of this node's media driver.
     *
     * @return the absolute path once concluded.
     */
    public String aeronDir()
    {
        return aeronDir;
    }

    /**
     * Delete the cluster and archive directories on start: the node's state is lost.
     *
     * @param cleanStart true to delete.
     * @return this for a fluent API.
     */
    public NodeConfig cleanStart(final boolean cleanStart)
    {
        this.cleanStart = cleanStart;
        return this;
    }

    /**
     * Delete the cluster and archive directories on start.
     *
     * @return true if the node starts clean.
     */
    public boolean cleanStart()
    {
        return cleanStart;
    }

    /**
     * Threading of driver and archive.
     *
     * @param threading SHARED or DEDICATED.
     * @return this for a fluent API.
     */
    public NodeConfig threading(final Threading threading)
    {
        this.threading = threading;
        return this;
    }

    /**
     * Threading of driver and archive.
     *
     * @return the threading.
     */
    public Threading threading()
    {
        return threading;
    }

    /**
     * Idle strategy of the consensus module, the service container and the archive.
     *
     * @param idleStrategy alias: backoff, sleep-ns, sleep-ms, yield, spin or noop.
     * @return this for a fluent API.
     */
    public NodeConfig idleStrategy(final String idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * Idle strategy of the consensus module, the service container and the archive.
     *
     * @return the alias.
     */
    public String idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * Idle strategy of the driver's shared (SHARED) or conductor (DEDICATED) agent.
     *
     * @param driverIdleStrategy alias, or null for {@link #idleStrategy()}.
     * @return this for a fluent API.
     */
    public NodeConfig driverIdleStrategy(final String driverIdleStrategy)
    {
        this.driverIdleStrategy = driverIdleStrategy;
        return this;
    }

    /**
     * Idle strategy of the driver's shared or conductor agent.
     *
     * @return the alias once concluded.
     */
    public String driverIdleStrategy()
    {
        return driverIdleStrategy;
    }

    /**
     * Idle strategy of the driver's sender (DEDICATED only).
     *
     * @param senderIdleStrategy alias, or null for {@link #driverIdleStrategy()}.
     * @return this for a fluent API.
     */
    public NodeConfig senderIdleStrategy(final String senderIdleStrategy)
    {
        this.senderIdleStrategy = senderIdleStrategy;
        return this;
    }

    /**
     * Idle strategy of the driver's sender.
     *
     * @return the alias once concluded.
     */
    public String senderIdleStrategy()
    {
        return senderIdleStrategy;
    }

    /**
     * Idle strategy of the driver's receiver (DEDICATED only).
     *
     * @param receiverIdleStrategy alias, or null for {@link #driverIdleStrategy()}.
     * @return this for a fluent API.
     */
    public NodeConfig receiverIdleStrategy(final String receiverIdleStrategy)
    {
        this.receiverIdleStrategy = receiverIdleStrategy;
        return this;
    }

    /**
     * Idle strategy of the driver's receiver.
     *
     * @return the alias once concluded.
     */
    public String receiverIdleStrategy()
    {
        return receiverIdleStrategy;
    }

    /**
     * Default term length of IPC publications (snapshots, local replays); at least {@value #MIN_IPC_TERM_LENGTH}.
     *
     * @param ipcTermLength power of two.
     * @return this for a fluent API.
     */
    public NodeConfig ipcTermLength(final int ipcTermLength)
    {
        this.ipcTermLength = ipcTermLength;
        return this;
    }

    /**
     * Default term length of IPC publications.
     *
     * @return term length in bytes.
     */
    public int ipcTermLength()
    {
        return ipcTermLength;
    }

    /**
     * Default term length of UDP publications whose channel has no term-length.
     *
     * @param udpTermLength power of two.
     * @return this for a fluent API.
     */
    public NodeConfig udpTermLength(final int udpTermLength)
    {
        this.udpTermLength = udpTermLength;
        return this;
    }

    /**
     * Default term length of UDP publications.
     *
     * @return term length in bytes.
     */
    public int udpTermLength()
    {
        return udpTermLength;
    }

    /**
     * Sparse term buffer files.
     *
     * @param termBufferSparseFile true for sparse.
     * @return this for a fluent API.
     */
    public NodeConfig termBufferSparseFile(final boolean termBufferSparseFile)
    {
        this.termBufferSparseFile = termBufferSparseFile;
        return this;
    }

    /**
     * Sparse term buffer files.
     *
     * @return true for sparse.
     */
    public boolean termBufferSparseFile()
    {
        return termBufferSparseFile;
    }

    /**
     * Delete the aeron directory on start without checking for a live driver using it.
     *
     * @param driverDirDeleteOnStart true to delete.
     * @return this for a fluent API.
     */
    public NodeConfig driverDirDeleteOnStart(final boolean driverDirDeleteOnStart)
    {
        this.driverDirDeleteOnStart = driverDirDeleteOnStart;
        return this;
    }

    /**
     * Delete the aeron directory on start.
     *
     * @return true to delete.
     */
    public boolean driverDirDeleteOnStart()
    {
        return driverDirDeleteOnStart;
    }

    /**
     * Delete the aeron directory on shutdown.
     *
     * @param driverDirDeleteOnShutdown true to delete.
     * @return this for a fluent API.
     */
    public NodeConfig driverDirDeleteOnShutdown(final boolean driverDirDeleteOnShutdown)
    {
        this.driverDirDeleteOnShutdown = driverDirDeleteOnShutdown;
        return this;
    }

    /**
     * Delete the aeron directory on shutdown.
     *
     * @return true to delete.
     */
    public boolean driverDirDeleteOnShutdown()
    {
        return driverDirDeleteOnShutdown;
    }

    /**
     * Archive segment file length; at least the log term length.
     *
     * @param segmentLength power of two.
     * @return this for a fluent API.
     */
    public NodeConfig segmentLength(final int segmentLength)
    {
        this.segmentLength = segmentLength;
        return this;
    }

    /**
     * Archive segment file length.
     *
     * @return bytes.
     */
    public int segmentLength()
    {
        return segmentLength;
    }

    /**
     * File sync level of archive recordings, archive catalog and the consensus module's recording log and node
     * state, set together: 0 page cache only, 1 sync data, 2 sync data and metadata.
     *
     * @param fileSyncLevel 0, 1 or 2.
     * @return this for a fluent API.
     */
    public NodeConfig fileSyncLevel(final int fileSyncLevel)
    {
        this.fileSyncLevel = fileSyncLevel;
        return this;
    }

    /**
     * File sync level.
     *
     * @return 0, 1 or 2.
     */
    public int fileSyncLevel()
    {
        return fileSyncLevel;
    }

    /**
     * The state budget this cell runs with: the configured {@value #STATE_QUOTA_PROP_NAME}, or the built-in default.
     *
     * @return bytes.
     */
    public long stateQuotaBytes()
    {
        return limits.stateQuotaBytes() > 0 ? limits.stateQuotaBytes() : WardenLimits.DEFAULT_STATE_QUOTA_BYTES;
    }

    /**
     * The replicated limits this file sets (0 where it sets none), to propose to the cell once it is up.
     *
     * @return the limits; do not modify.
     */
    public LimitsSpec clusterLimits()
    {
        return limits;
    }

    /**
     * Which clock the node runs on.
     *
     * @param clockKind {@link ClockKind#MONOTONIC} (the default) or {@link ClockKind#WALL}.
     * @return this for a fluent API.
     */
    public NodeConfig clockKind(final ClockKind clockKind)
    {
        this.clockKind = clockKind;
        return this;
    }

    /**
     * Which clock the node runs on.
     *
     * @return the kind.
     */
    public ClockKind clockKind()
    {
        return clockKind;
    }

    /**
     * The consensus module's cluster clock, built once by {@link #conclude()} and shared by every context this
     * configuration makes: a {@link MonotonicClusterClock}, or on the wall clock an {@link OffsetFileWallClock} (with
     * an offset file) or Aeron's {@code MillisecondClusterClock}.
     *
     * @return the clock.
     */
    public ClusterClock clusterClock()
    {
        ensureConcluded();
        return clusterClock;
    }

    /**
     * The epoch clock of the media driver, archive, consensus module and service container (and so of their Aeron
     * clients), built once by {@link #conclude()}: the same {@link MonotonicClusterClock} as {@link #clusterClock()},
     * or on the wall clock the wall clock the node sees.
     *
     * @return the clock.
     */
    public EpochClock epochClock()
    {
        ensureConcluded();
        return epochClock;
    }

    /**
     * Fault tests only: the file whose offset {@link OffsetFileWallClock} adds to the wall clock this node sees.
     *
     * @param clusterClockOffsetFile path, or null (or empty) for the system's wall clock.
     * @return this for a fluent API.
     */
    public NodeConfig clusterClockOffsetFile(final String clusterClockOffsetFile)
    {
        this.clusterClockOffsetFile =
            null == clusterClockOffsetFile || clusterClockOffsetFile.isBlank() ? null : clusterClockOffsetFile;
        return this;
    }

    /**
     * The clock offset file.
     *
     * @return the path, or null when the node sees the system's wall clock.
     */
    public String clusterClockOffsetFile()
    {
        return clusterClockOffsetFile;
    }

    /**
     * Stream the components' error handlers log to.
     *
     * @param errorStream stream, default {@code System.err}.
     * @return this for a fluent API.
     */
    public NodeConfig errorStream(final PrintStream errorStream)
    {
        this.errorStream = errorStream;
        return this;
    }

    /**
     * Stream the components' error handlers log to.
     *
     * @return the stream.
     */
    public PrintStream errorStream()
    {
        return errorStream;
    }

    /**
     * Listener told about every error the node's components report, after logging; null for none.
     *
     * @param errorListener listener, or null.
     * @return this for a fluent API.
     */
    public NodeConfig errorListener(final ErrorListener errorListener)
    {
        this.errorListener = errorListener;
        return this;
    }

    /**
     * Listener told about every error the node's components report.
     *
     * @return the listener, or null.
     */
    public ErrorListener errorListener()
    {
        return errorListener;
    }

    /**
     * Supplier of the clustered service; {@link WardenService} by default. Tests may wrap it; production never
     * changes it.
     *
     * @param serviceSupplier supplier called once per container start.
     * @return this for a fluent API.
     */
    public NodeConfig serviceSupplier(final Supplier<ClusteredService> serviceSupplier)
    {
        this.serviceSupplier = serviceSupplier;
        return this;
    }

    /**
     * Supplier of the clustered service: the one set, or a {@link WardenService} sized for this node's egress.
     *
     * @return the supplier.
     */
    public Supplier<ClusteredService> serviceSupplier()
    {
        return serviceSupplier != null ? serviceSupplier : this::newWardenService;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Build the node's clocks, once, so that every context shares them. On the monotonic clock the wall clock (the
     * offset device's, when configured) is read here for the anchor and never again.
     */
    private void concludeClocks()
    {
        if (ClockKind.MONOTONIC == clockKind)
        {
            final MonotonicClusterClock clock;
            if (null == clusterClockOffsetFile)
            {
                clock = new MonotonicClusterClock(SystemEpochClock.INSTANCE);
            }
            else
            {
                try (OffsetFileWallClock wall = new OffsetFileWallClock(new File(clusterClockOffsetFile)))
                {
                    clock = new MonotonicClusterClock(wall);
                }
            }
            clusterClock = clock;
            epochClock = clock;
        }
        else if (null == clusterClockOffsetFile)
        {
            clusterClock = new MillisecondClusterClock();
            epochClock = SystemEpochClock.INSTANCE;
        }
        else
        {
            // Mapped for the life of the process: a fault-test device, read on every tick of every component.
            final OffsetFileWallClock wall = new OffsetFileWallClock(new File(clusterClockOffsetFile));
            clusterClock = wall;
            epochClock = wall;
        }
    }

    private void concludeMembers()
    {
        if (null != clusterMembers && !hostById.isEmpty())
        {
            errors.add(CLUSTER_MEMBERS_PROP_NAME + " and " + CLUSTER_HOST_PROP_PREFIX + "<id>" +
                " are both set: use one or the other");
            return;
        }

        try
        {
            members = null != clusterMembers ?
                ClusterMembers.parse(clusterMembers) : ClusterMembers.derive(hostById, portBase);
        }
        catch (final IllegalArgumentException ex)
        {
            final String name = null != clusterMembers ? CLUSTER_MEMBERS_PROP_NAME : CLUSTER_HOST_PROP_PREFIX + "<id>";
            errors.add(name + withSource(name) + ": " + ex.getMessage());
            return;
        }

        final int count = members.members().size();
        if (0 == count % 2 && !evenMembersAllowed)
        {
            errors.add("the cell has " + count + " members: an even count survives no more failed members than " +
                (count - 1) + " do, and needs a larger majority; use " + (count - 1) + " or " + (count + 1) +
                ", or set " + EVEN_MEMBERS_ALLOWED_PROP_NAME + "=true");
        }

        if (memberId < 0)
        {
            errors.add(NODE_ID_PROP_NAME + " is not set (or negative): every node needs its member id");
            return;
        }

        thisMember = members.member(memberId);
        if (null == thisMember)
        {
            errors.add(NODE_ID_PROP_NAME + "=" + memberId + withSource(NODE_ID_PROP_NAME) +
                ": not one of the member ids in " + members.encode());
        }
    }

    private void concludeTimeouts()
    {
        checkPositive(SESSION_TIMEOUT_PROP_NAME, sessionTimeoutNs);
        checkPositive(LEADER_HEARTBEAT_TIMEOUT_PROP_NAME, leaderHeartbeatTimeoutNs);
        checkPositive(LEADER_HEARTBEAT_INTERVAL_PROP_NAME, leaderHeartbeatIntervalNs);
        checkPositive(ELECTION_TIMEOUT_PROP_NAME, electionTimeoutNs);
        checkPositive(ELECTION_STATUS_INTERVAL_PROP_NAME, electionStatusIntervalNs);
        checkPositive(STARTUP_CANVASS_TIMEOUT_PROP_NAME, startupCanvassTimeoutNs);
        checkPositive(TERMINATION_TIMEOUT_PROP_NAME, terminationTimeoutNs);

        check(
            leaderHeartbeatIntervalNs < leaderHeartbeatTimeoutNs,
            LEADER_HEARTBEAT_INTERVAL_PROP_NAME,
            formatDuration(leaderHeartbeatIntervalNs),
            "must be shorter than " + LEADER_HEARTBEAT_TIMEOUT_PROP_NAME + "=" +
            formatDuration(leaderHeartbeatTimeoutNs));
        check(
            leaderHeartbeatTimeoutNs <= 0 || startupCanvassTimeoutNs / leaderHeartbeatTimeoutNs >= 2,
            STARTUP_CANVASS_TIMEOUT_PROP_NAME,
            formatDuration(startupCanvassTimeoutNs),
            "must be at least twice " + LEADER_HEARTBEAT_TIMEOUT_PROP_NAME + "=" +
            formatDuration(leaderHeartbeatTimeoutNs));
        check(
            sessionTimeoutNs > leaderHeartbeatIntervalNs,
            SESSION_TIMEOUT_PROP_NAME,
            formatDuration(sessionTimeoutNs),
            "must be longer than " + LEADER_HEARTBEAT_INTERVAL_PROP_NAME);
    }

    private void concludeLengths()
    {
        check(
            maxMessageLength >= MIN_MAX_MESSAGE_LENGTH,
            MAX_MESSAGE_LENGTH_PROP_NAME,
            formatSize(maxMessageLength),
            "must be at least " + MIN_MAX_MESSAGE_LENGTH + " (a 64 KiB value, the longest key and headers)");

        checkTermLength(LOG_TERM_LENGTH_PROP_NAME, logTermLength, true);
        checkTermLength(INGRESS_TERM_LENGTH_PROP_NAME, ingressTermLength, true);
        checkTermLength(EGRESS_TERM_LENGTH_PROP_NAME, egressTermLength, true);
        checkTermLength(UDP_TERM_LENGTH_PROP_NAME, udpTermLength, true);
        if (checkTermLength(IPC_TERM_LENGTH_PROP_NAME, ipcTermLength, true))
        {
            check(
                ipcTermLength >= MIN_IPC_TERM_LENGTH,
                IPC_TERM_LENGTH_PROP_NAME,
                formatSize(ipcTermLength),
                "must be at least " + formatSize(MIN_IPC_TERM_LENGTH) + ": snapshots are written over IPC");
        }

        if (checkTermLength(SEGMENT_LENGTH_PROP_NAME, segmentLength, false))
        {
            check(
                segmentLength >= logTermLength,
                SEGMENT_LENGTH_PROP_NAME,
                formatSize(segmentLength),
                "must be at least " + LOG_TERM_LENGTH_PROP_NAME + "=" + formatSize(logTermLength));
        }
    }

    private boolean checkTermLength(final String name, final int length, final boolean carriesMessages)
    {
        try
        {
            LogBufferDescriptor.checkTermLength(length);
        }
        catch (final IllegalStateException ex)
        {
            check(false, name, formatSize(length), "must be a power of two from 64k to 1g");
            return false;
        }

        if (carriesMessages && length / TERM_LENGTH_TO_MAX_MESSAGE_RATIO < maxMessageLength)
        {
            check(false, name, formatSize(length), "allows messages of " +
                (length / TERM_LENGTH_TO_MAX_MESSAGE_RATIO) + " bytes (termLength/8), less than " +
                MAX_MESSAGE_LENGTH_PROP_NAME + "=" + maxMessageLength + ": use at least " +
                formatSize(BitUtil.findNextPositivePowerOfTwo(maxMessageLength * TERM_LENGTH_TO_MAX_MESSAGE_RATIO)));
            return false;
        }

        return true;
    }

    private void concludeThreading()
    {
        if (null == driverIdleStrategy)
        {
            driverIdleStrategy = idleStrategy;
        }
        if (null == senderIdleStrategy)
        {
            senderIdleStrategy = driverIdleStrategy;
        }
        if (null == receiverIdleStrategy)
        {
            receiverIdleStrategy = driverIdleStrategy;
        }

        final boolean isCi = CI_PROFILE.equals(profile);
        final String[][] strategies = {
            { IDLE_STRATEGY_PROP_NAME, idleStrategy },
            { DRIVER_IDLE_STRATEGY_PROP_NAME, driverIdleStrategy },
            { SENDER_IDLE_STRATEGY_PROP_NAME, senderIdleStrategy },
            { RECEIVER_IDLE_STRATEGY_PROP_NAME, receiverIdleStrategy } };
        for (final String[] strategy : strategies)
        {
            final String name = strategy[0];
            final String alias = strategy[1];
            if (!isIdleStrategy(alias))
            {
                check(false, name, alias, "unknown idle strategy, use one of " + new TreeSet<>(IDLE_STRATEGY_ALIASES) +
                    " or backoff:<max park> (such as backoff:100us)");
            }
            else if (isCi && SPINNING_IDLE_STRATEGIES.contains(alias))
            {
                check(false, name, alias, "the " + CI_PROFILE + " profile never spins: use backoff, sleep-ns or " +
                    "sleep-ms");
            }
        }
    }

    private void concludeDirs()
    {
        final String id = memberId >= 0 ? Integer.toString(memberId) : "unset";
        if (null == nodeDir)
        {
            nodeDir = "run/node-" + id;
        }
        if (null == clusterDir)
        {
            clusterDir = new File(nodeDir, "cluster").getPath();
        }
        if (null == archiveDir)
        {
            archiveDir = new File(nodeDir, "archive").getPath();
        }
        if (null == aeronDir)
        {
            aeronDir = "/dev/shm/warden/node-" + id;
        }

        check(!nodeDir.isBlank(), NODE_DIR_PROP_NAME, nodeDir, "must not be empty");
        check(!clusterDir.isBlank(), CLUSTER_DIR_PROP_NAME, clusterDir, "must not be empty");
        check(!archiveDir.isBlank(), ARCHIVE_DIR_PROP_NAME, archiveDir, "must not be empty");
        check(!aeronDir.isBlank(), AERON_DIR_PROP_NAME, aeronDir, "must not be empty");
        check(!new File(clusterDir).getAbsoluteFile().equals(new File(archiveDir).getAbsoluteFile()),
            ARCHIVE_DIR_PROP_NAME, archiveDir, "must differ from " + CLUSTER_DIR_PROP_NAME);

        nodeDir = new File(nodeDir).getAbsolutePath();
        clusterDir = new File(clusterDir).getAbsolutePath();
        archiveDir = new File(archiveDir).getAbsolutePath();
        aeronDir = new File(aeronDir).getAbsolutePath();
    }

    private void checkPositive(final String name, final long valueNs)
    {
        check(valueNs > 0, name, formatDuration(valueNs), "must be positive");
    }

    private void check(final boolean condition, final String name, final Object value, final String message)
    {
        if (!condition)
        {
            errors.add(name + "=" + value + withSource(name) + ": " + message);
        }
    }

    private String withSource(final String name)
    {
        final String source = sourceByName.get(name);
        return null == source ? "" : " (from " + source + ")";
    }

    private void ensureConcluded()
    {
        if (!isConcluded)
        {
            throw new IllegalStateException("NodeConfig must be concluded first");
        }
    }

    private ErrorHandler errorHandler(final String component)
    {
        return new NodeErrorHandler(memberId, component, errorStream, errorListener);
    }

    /**
     * A new client context for this node's own archive over IPC, for the node's maintenance thread (purging).
     *
     * @return a new context.
     */
    public AeronArchive.Context newMaintenanceArchiveContext()
    {
        ensureConcluded();
        return localArchiveClientContext(consensusModuleArchiveResponseStreamId() + 50);
    }

    private AeronArchive.Context localArchiveClientContext(final int responseStreamId)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDir)
            .controlRequestChannel(LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .controlRequestStreamId(AeronArchive.Configuration.localControlStreamId())
            .controlResponseChannel(LOCAL_ARCHIVE_CONTROL_CHANNEL)
            .controlResponseStreamId(responseStreamId);
    }

    private static String udpChannel(final String endpoint, final Integer termLength)
    {
        return new ChannelUriStringBuilder().media("udp").endpoint(endpoint).termLength(termLength).build();
    }

    /**
     * A new idle strategy for an alias (see {@link #IDLE_STRATEGY_ALIASES}); the driver's tuned backoff for
     * {@code backoff}.
     *
     * @param alias idle strategy alias.
     * @return a new instance, or a shared one for stateless strategies.
     */
    public static IdleStrategy newIdleStrategy(final String alias)
    {
        if (alias.startsWith(BACKOFF_WITH_CAP) && isIdleStrategy(alias))
        {
            return IdleStrategies.of(alias);
        }
        if (!IDLE_STRATEGY_ALIASES.contains(alias))
        {
            throw new ConfigurationException("unknown idle strategy: " + alias);
        }

        return io.aeron.driver.Configuration.agentIdleStrategy(alias, null);
    }

    private static boolean isIdleStrategy(final String alias)
    {
        if (IDLE_STRATEGY_ALIASES.contains(alias))
        {
            return true;
        }
        if (!alias.startsWith(BACKOFF_WITH_CAP))
        {
            return false;
        }
        try
        {
            IdleStrategies.of(alias);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static Supplier<IdleStrategy> idleStrategySupplier(final String alias)
    {
        return () -> newIdleStrategy(alias);
    }

    private static Map<String, String> toMap(final Properties properties)
    {
        final Map<String, String> map = new TreeMap<>();
        for (final String name : properties.stringPropertyNames())
        {
            map.put(name, properties.getProperty(name));
        }

        return Collections.unmodifiableMap(map);
    }

    public static int parseInt(final String name, final String value)
    {
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an integer");
        }
    }

    static boolean parseBoolean(final String name, final String value)
    {
        final String trimmed = value.trim();
        if ("true".equalsIgnoreCase(trimmed))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(trimmed))
        {
            return false;
        }

        throw new IllegalArgumentException("must be true or false");
    }

    public static long parseDuration(final String name, final String value)
    {
        final String trimmed = value.trim();
        if (trimmed.isEmpty() || !Character.isLetter(trimmed.charAt(trimmed.length() - 1)))
        {
            throw new IllegalArgumentException("a duration needs a unit: ns, us, ms or s (e.g. 500ms)");
        }

        try
        {
            return SystemUtil.parseDuration(name, trimmed);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a duration (e.g. 500ms, 10s): " + ex.getMessage());
        }
    }

    static long parseLongSize(final String name, final String value)
    {
        try
        {
            return SystemUtil.parseSize(name, value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a size (e.g. 256m, 1g): " + ex.getMessage());
        }
    }

    private static void putIfSet(final Map<String, String> values, final String name, final long value)
    {
        if (value > 0)
        {
            values.put(name, Long.toString(value));
        }
    }

    static int parseIntSize(final String name, final String value)
    {
        final long size;
        try
        {
            size = SystemUtil.parseSize(name, value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a size (e.g. 4m, 64k): " + ex.getMessage());
        }

        if (size > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("larger than 2g");
        }

        return (int)size;
    }

    static ClockKind parseClockKind(final String name, final String value)
    {
        try
        {
            return ClockKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("must be monotonic or wall");
        }
    }

    static Threading parseThreading(final String name, final String value)
    {
        try
        {
            return Threading.valueOf(value.trim().toUpperCase());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("must be SHARED or DEDICATED");
        }
    }

    static String formatDuration(final long durationNs)
    {
        if (0 != durationNs && 0 == durationNs % 1_000_000_000L)
        {
            return (durationNs / 1_000_000_000L) + "s";
        }
        if (0 != durationNs && 0 == durationNs % 1_000_000L)
        {
            return (durationNs / 1_000_000L) + "ms";
        }
        if (0 != durationNs && 0 == durationNs % 1_000L)
        {
            return (durationNs / 1_000L) + "us";
        }

        return durationNs + "ns";
    }

    static String formatSize(final long size)
    {
        if (0 != size && 0 == size % (1024L * 1024 * 1024))
        {
            return (size / (1024L * 1024 * 1024)) + "g";
        }
        if (0 != size && 0 == size % (1024L * 1024))
        {
            return (size / (1024L * 1024)) + "m";
        }
        if (0 != size && 0 == size % 1024L)
        {
            return (size / 1024L) + "k";
        }

        return Long.toString(size);
    }
}
