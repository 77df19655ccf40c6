package io.warden.bench.chaos.control;

import io.warden.node.launcher.ClusterMembers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where everything of one run lives: its directory under {@code target/chaos/<scenario>/<seed>/} (configuration,
 * node data, logs, histories), its Aeron directories under {@code /dev/shm/warden-chaos-<pid>-<n>/}, its loopback
 * addresses, ports and uids.
 * <ul>
 *     <li>node {@code i}: 127.0.1.(i+1), ports {@code portBase + 100 i + 1..5} (ClusterMembers' layout);</li>
 *     <li>gateway {@code g}: 127.0.1.(11+g), request port {@code portBase + 900 + g};</li>
 *     <li>in-harness clients: 127.0.1.100; client JVM {@code k}: 127.0.1.(101+k).</li>
 * </ul>
 * The port base is picked at random among free ones (several runs may share the machine); uids are derived from the
 * harness pid so two concurrent runs never share one. Immutable apart from the directories it creates.
 */
public final class RunLayout
{
    /** The loopback prefix of every address of a run. */
    public static final String ADDRESS_PREFIX = "127.0.1.";
    /** Address of the clients running inside the harness JVM. */
    public static final String HARNESS_CLIENT_ADDRESS = ADDRESS_PREFIX + "100";
    /** First uid of the range this JVM uses. */
    public static final int UID_BASE = 300_000;
    /** Uids per harness JVM. */
    public static final int UIDS_PER_HARNESS = 64;

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String scenario;
    private final long seed;
    private final Path runDir;
    private final Path shmDir;
    private final int portBase;
    private final int uidBase;

    private RunLayout(
        final String scenario, final long seed, final Path runDir, final Path shmDir, final int portBase, final int uidBase)
    {
        this.scenario = scenario;
        this.seed = seed;
        this.runDir = runDir;
        this.shmDir = shmDir;
        this.portBase = portBase;
        this.uidBase = uidBase;
    }

    /**
     * Create the directories of a new run (an old run directory of the same scenario and seed is deleted).
     *
     * @param baseDir  usually {@code target/chaos}.
     * @param scenario scenario id.
     * @param seed     the run's seed.
     * @param nodes    member count (for the port check).
     * @param gateways gateway count (for the port check).
     * @return the layout.
     */
    public static RunLayout create(
        final Path baseDir, final String scenario, final long seed, final int nodes, final int gateways)
    {
        final long pid = ProcessHandle.current().pid();
        final Path runDir = baseDir.toAbsolutePath().resolve(scenario).resolve(Long.toString(seed));
        final Path shmDir = Path.of("/dev/shm", "warden-chaos-" + pid + "-" + RUNS.incrementAndGet());
        Leftovers.removeStaleDirectories();
        Leftovers.created(shmDir);
        try
        {
            deleteRecursively(runDir);
            deleteRecursively(shmDir);
            Files.createDirectories(runDir);
            Files.createDirectories(shmDir);
            shmDir.toFile().setWritable(true, false);
            shmDir.toFile().setReadable(true, false);
            shmDir.toFile().setExecutable(true, false);
            makeTraversable(runDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create run directories", ex);
        }
        final int uidBase = UID_BASE + (int)(pid % 10_000) * UIDS_PER_HARNESS;
        return new RunLayout(scenario, seed, runDir, shmDir, pickPortBase(nodes, gateways), uidBase);
    }

    /**
     * The scenario id.
     *
     * @return the id.
     */
    public String scenario()
    {
        return scenario;
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
     * The run directory.
     *
     * @return {@code target/chaos/<scenario>/<seed>}.
     */
    public Path runDir()
    {
        return runDir;
    }

    /**
     * The run's directory on tmpfs, holding every Aeron directory and clock file.
     *
     * @return the directory.
     */
    public Path shmDir()
    {
        return shmDir;
    }

    /**
     * The cluster port base.
     *
     * @return the port base.
     */
    public int portBase()
    {
        return portBase;
    }

    /**
     * A node's address.
     *
     * @param memberId member id.
     * @return 127.0.1.(id+1).
     */
    public static String nodeAddress(final int memberId)
    {
        return ADDRESS_PREFIX + (memberId + 1);
    }

    /**
     * A gateway's address.
     *
     * @param gatewayId gateway id.
     * @return 127.0.1.(11+id).
     */
    public static String gatewayAddress(final int gatewayId)
    {
        return ADDRESS_PREFIX + (11 + gatewayId);
    }

    /**
     * A client JVM's address.
     *
     * @param clientId client JVM index.
     * @return 127.0.1.(101+id).
     */
    public static String clientAddress(final int clientId)
    {
        return ADDRESS_PREFIX + (101 + clientId);
    }

    /**
     * A gateway's request endpoint.
     *
     * @param gatewayId gateway id.
     * @return {@code host:port}.
     */
    public String gatewayEndpoint(final int gatewayId)
    {
        return gatewayAddress(gatewayId) + ":" + (portBase + 900 + gatewayId);
    }

    /**
     * A node's uid.
     *
     * @param memberId member id.
     * @return the uid.
     */
    public int nodeUid(final int memberId)
    {
        return uidBase + memberId;
    }

    /**
     * A gateway's uid.
     *
     * @param gatewayId gateway id.
     * @return the uid.
     */
    public int gatewayUid(final int gatewayId)
    {
        return uidBase + 10 + gatewayId;
    }

    /**
     * A client JVM's uid.
     *
     * @param clientId client JVM index.
     * @return the uid.
     */
    public int clientUid(final int clientId)
    {
        return uidBase + 20 + clientId;
    }

    /**
     * A node's data directory (cluster and archive).
     *
     * @param memberId member id.
     * @return the directory.
     */
    public Path nodeDir(final int memberId)
    {
        return runDir.resolve("node-" + memberId);
    }

    /**
     * A node's Aeron directory.
     *
     * @param memberId member id.
     * @return the directory.
     */
    public Path nodeAeronDir(final int memberId)
    {
        return shmDir.resolve("node-" + memberId);
    }

    /**
     * Where a node's JVM writes its GC log, one file per process ({@code %p} is the pid, so a restart keeps the log of
     * the process before), in the node's own directory, so under its own uid.
     *
     * @param memberId member id.
     * @return the path, with {@code %p} for the JVM to fill.
     */
    public Path nodeGcLog(final int memberId)
    {
        return nodeDir(memberId).resolve("gc-%p.log");
    }

    /**
     * A node's clock offset file.
     *
     * @param memberId member id.
     * @return the file.
     */
    public Path nodeClockFile(final int memberId)
    {
        return shmDir.resolve("node-" + memberId + ".clock");
    }

    /**
     * The libfaketime offset file of a process run under it (on tmpfs: the process reads it on every clock call).
     *
     * @param process {@code node-<id>} or {@code gateway-<id>}.
     * @return the file.
     */
    public Path faketimeFile(final String process)
    {
        return shmDir.resolve(process + ".faketime");
    }

    /**
     * A gateway's Aeron directory.
     *
     * @param gatewayId gateway id.
     * @return the directory.
     */
    public Path gatewayAeronDir(final int gatewayId)
    {
        return shmDir.resolve("gateway-" + gatewayId);
    }

    /**
     * The Aeron directory of the harness's own media driver (for its in-process clients).
     *
     * @return the directory.
     */
    public Path harnessAeronDir()
    {
        return shmDir.resolve("harness");
    }

    /**
     * Where logs go.
     *
     * @return the directory.
     */
    public Path logDir()
    {
        return runDir.resolve("logs");
    }

    /**
     * Delete the run's tmpfs directory (Aeron directories and clock files).
     */
    public void deleteShm()
    {
        deleteRecursively(shmDir);
        Leftovers.deleted(shmDir);
    }

    /**
     * Delete a directory tree, quietly.
     *
     * @param dir the tree.
     */
    public static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // best effort: a file vanished underneath, or a process still writes
        }
    }

    private static void makeTraversable(final Path dir)
    {
        Path current = dir;
        while (null != current && current.getNameCount() > 0)
        {
            current.toFile().setExecutable(true, false);
            current.toFile().setReadable(true, false);
            if (current.getFileName().toString().equals("target"))
            {
                break;
            }
            current = current.getParent();
        }
    }

    private static int pickPortBase(final int nodes, final int gateways)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            // Below Linux's ephemeral range (32768+), so no socket bound to port 0 can take one of ours first.
            final int base = 10_000 + ThreadLocalRandom.current().nextInt(200) * 100;
            if (portsFree(base, nodes, gateways))
            {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found for the cluster");
    }

    private static boolean portsFree(final int base, final int nodes, final int gateways)
    {
        final List<InetSocketAddress> addresses = new ArrayList<>();
        for (int id = 0; id < nodes; id++)
        {
            for (int offset = ClusterMembers.ARCHIVE_PORT_OFFSET; offset <= ClusterMembers.CATCHUP_PORT_OFFSET; offset++)
            {
                addresses.add(new InetSocketAddress(nodeAddress(id), base + 100 * id + offset));
            }
        }
        for (int g = 0; g < gateways; g++)
        {
            addresses.add(new InetSocketAddress(gatewayAddress(g), base + 900 + g));
        }
        for (final InetSocketAddress address : addresses)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(address);
            }
            catch (final SocketException ex)
            {
                return false;
            }
        }
        return true;
    }
}
