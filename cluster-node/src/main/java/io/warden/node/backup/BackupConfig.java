package io.warden.node.backup;

import io.aeron.cluster.ClusterBackup;
import io.aeron.exceptions.ConfigurationException;
import io.warden.node.launcher.ClusterMembers;
import io.warden.node.launcher.NodeConfig;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What a backup process needs: the cell it follows (from the cell's cluster file and profile, read by
 * {@link NodeConfig} exactly as a node reads them) and its own {@code warden.backup.*} settings (a backup file,
 * then {@code -D} system properties).
 * <pre>
 * warden.backup.dir=/backup/warden           # holds cluster/ (recording.log) and archive/ (snapshots and log)
 * warden.backup.host=10.0.0.20               # the address the cell sends to; the backup listens on it only
 * warden.backup.port=9900                    # consensus responses; catch-up (log replication) on port + 1
 * warden.backup.aeron.dir=/dev/shm/warden/backup
 * warden.backup.interval=600s                # how often it asks the cell for newer snapshots
 * warden.backup.source=follower              # any, follower or leader: whose archive it copies from
 * warden.backup.keep=2                       # snapshots kept, with the log from the oldest on; 0 keeps everything
 * </pre>
 */
public final class BackupConfig
{
    /** Property prefix of the backup's own settings. */
    public static final String PREFIX = "warden.backup.";
    /** The backup's directory. */
    public static final String DIR_PROP_NAME = PREFIX + "dir";
    /** The backup's own address. */
    public static final String HOST_PROP_NAME = PREFIX + "host";
    /** Its consensus response port; catch-up uses the next one. */
    public static final String PORT_PROP_NAME = PREFIX + "port";
    /** Its media driver's directory. */
    public static final String AERON_DIR_PROP_NAME = PREFIX + "aeron.dir";
    /** How often it queries the cell for newer snapshots. */
    public static final String INTERVAL_PROP_NAME = PREFIX + "interval";
    /** Which member it copies from. */
    public static final String SOURCE_PROP_NAME = PREFIX + "source";
    /** Snapshots it keeps (0: everything, for a full history). */
    public static final String KEEP_PROP_NAME = PREFIX + "keep";

    private static final List<String> NAMES = List.of(
        DIR_PROP_NAME, HOST_PROP_NAME, PORT_PROP_NAME, AERON_DIR_PROP_NAME, INTERVAL_PROP_NAME, SOURCE_PROP_NAME,
        KEEP_PROP_NAME);

    private final NodeConfig cell;
    private final ClusterMembers members;
    private final File dir;
    private final String host;
    private final int port;
    private final String aeronDir;
    private final long intervalNs;
    private final ClusterBackup.SourceType source;
    private final int keep;

    private BackupConfig(final NodeConfig cell, final Properties own)
    {
        this.cell = cell;
        this.members = cell.membersForFollower();
        final List<String> problems = new ArrayList<>();
        for (final String name : own.stringPropertyNames())
        {
            if (name.startsWith(PREFIX) && !NAMES.contains(name))
            {
                problems.add(name + ": unknown property (known: " + String.join(", ", NAMES) + ")");
            }
        }
        final String dirValue = own.getProperty(DIR_PROP_NAME, "").trim();
        if (dirValue.isEmpty())
        {
            problems.add(DIR_PROP_NAME + " is not set: the backup needs a directory of its own");
        }
        this.dir = new File(dirValue).getAbsoluteFile();
        this.host = own.getProperty(HOST_PROP_NAME, "127.0.0.1").trim();
        this.port = parsePort(problems, own.getProperty(PORT_PROP_NAME, "9900"));
        this.aeronDir = own.getProperty(AERON_DIR_PROP_NAME, "/dev/shm/warden/backup").trim();
        long interval = TimeUnit.MINUTES.toNanos(10);
        try
        {
            interval = NodeConfig.parseDuration(INTERVAL_PROP_NAME, own.getProperty(INTERVAL_PROP_NAME, "600s"));
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(INTERVAL_PROP_NAME + ": " + ex.getMessage());
        }
        this.intervalNs = interval;
        ClusterBackup.SourceType sourceType = ClusterBackup.SourceType.FOLLOWER;
        try
        {
            sourceType = ClusterBackup.SourceType.valueOf(
                own.getProperty(SOURCE_PROP_NAME, "follower").trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(SOURCE_PROP_NAME + ": must be any, follower or leader");
        }
        this.source = sourceType;
        int keepCount = 2;
        try
        {
            keepCount = NodeConfig.parseInt(KEEP_PROP_NAME, own.getProperty(KEEP_PROP_NAME, "2"));
            if (keepCount < 0)
            {
                problems.add(KEEP_PROP_NAME + "=" + keepCount + ": must be 0 (everything) or more");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(KEEP_PROP_NAME + ": " + ex.getMessage());
        }
        this.keep = keepCount;
        if (!problems.isEmpty())
        {
            throw new ConfigurationException(
                "invalid Warden backup configuration:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Load a backup's configuration.
     *
     * @param cellFiles  the cell's cluster file and, optionally, its profile.
     * @param backupFile the backup's own file, or null to take every {@code warden.backup.*} from {@code overrides}.
     * @param overrides  applied last (usually the system properties).
     * @return the configuration.
     * @throws ConfigurationException listing the problems found.
     */
    public static BackupConfig load(final List<Path> cellFiles, final Path backupFile, final Properties overrides)
    {
        final NodeConfig cell = NodeConfig.load(cellFiles, overrides);
        final Properties own = null == backupFile ? new Properties() : NodeConfig.readProperties(backupFile);
        if (null != overrides)
        {
            for (final String name : overrides.stringPropertyNames())
            {
                if (name.startsWith(PREFIX))
                {
                    own.setProperty(name, overrides.getProperty(name));
                }
            }
        }
        return new BackupConfig(cell, own);
    }

    /**
     * A backup of a cell whose settings are already loaded (a node's, in tests and tools).
     *
     * @param cell its settings, concluded or not.
     * @param own  the backup's {@code warden.backup.*} settings.
     * @return the configuration.
     * @throws ConfigurationException listing the problems found.
     */
    public static BackupConfig forCell(final NodeConfig cell, final Properties own)
    {
        return new BackupConfig(cell, own);
    }

    /**
     * Settings as {@code name=value} lines.
     *
     * @return the description.
     */
    public String describe()
    {
        return DIR_PROP_NAME + "=" + dir + "\n" + HOST_PROP_NAME + "=" + host + "\n" + PORT_PROP_NAME + "=" + port +
            "\n" + AERON_DIR_PROP_NAME + "=" + aeronDir + "\n" + INTERVAL_PROP_NAME + "=" + intervalNs / 1_000_000 +
            "ms\n" + SOURCE_PROP_NAME + "=" + source.name().toLowerCase(Locale.ROOT) + "\n" +
            KEEP_PROP_NAME + "=" + keep + "\n" +
            "derived.consensus.endpoints=" + consensusEndpoints() + "\n";
    }

    private static int parsePort(final List<String> problems, final String value)
    {
        try
        {
            final int parsed = NodeConfig.parseInt(PORT_PROP_NAME, value);
            if (parsed < 1 || parsed > 65534)
            {
                problems.add(PORT_PROP_NAME + "=" + value +
                    ": must be a port from 1 to 65534 (it uses the next one too)");
            }
            return parsed;
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(PORT_PROP_NAME + "=" + value + ": " + ex.getMessage());
            return 0;
        }
    }

    /** The cell's settings as loaded (not concluded: the backup is no member). */
    NodeConfig cell()
    {
        return cell;
    }

    /** The members' consensus endpoints, where backup queries go. */
    String consensusEndpoints()
    {
        return members.members().stream().map(ClusterMembers.Member::consensusEndpoint)
            .collect(Collectors.joining(","));
    }

    /**
     * The backup's directory.
     *
     * @return it, absolute.
     */
    public File dir()
    {
        return dir;
    }

    /** Its cluster directory (recording.log). */
    File clusterDir()
    {
        return new File(dir, "cluster");
    }

    /** Its archive directory. */
    File archiveDir()
    {
        return new File(dir, "archive");
    }

    String host()
    {
        return host;
    }

    int port()
    {
        return port;
    }

    String aeronDir()
    {
        return aeronDir;
    }

    long intervalNs()
    {
        return intervalNs;
    }

    ClusterBackup.SourceType source()
    {
        return source;
    }

    int keep()
    {
        return keep;
    }
}
