package io.warden.node.launcher;

import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.exceptions.ActiveDriverException;
import io.aeron.exceptions.ConfigurationException;
import io.warden.node.maintenance.NodeMaintenance;
import io.warden.node.maintenance.SnapshotFallback;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one Warden node in this JVM: a {@link ClusteredMediaDriver} (media driver, archive, consensus module) and a
 * {@link ClusteredServiceContainer} running the Warden service, configured by {@link NodeConfig}.
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -jar warden-node.jar \
 *     config/cluster.properties config/node-0.properties [config/profile-ci.properties]
 * java -jar warden-node.jar --print-config cluster.properties node.properties [profile.properties]
 * </pre>
 * It prints {@code pid=<pid>} and {@code node <id> started}, then waits until SIGTERM/SIGINT, or until the cluster
 * terminates it ({@code ClusterTool shutdown} or {@code abort}), and closes the container first, then the driver.
 * Exit status: 0 after a clean stop, 1 on a failure to start, 2 on a configuration error.
 */
public final class NodeLauncher
{
    /** Option that prints the resolved configuration instead of starting. */
    public static final String PRINT_CONFIG_OPTION = "--print-config";

    /** How long a start waits for the files of a crashed run to go stale (Aeron's liveness timeout is 10 s). */
    public static final long STALE_WAIT_MS = 15_000;

    private static final String USAGE =
        "usage: NodeLauncher [" + PRINT_CONFIG_OPTION + "] <cluster.properties> <node.properties> [profile.properties]";

    private NodeLauncher()
    {
    }

    /**
     * Start a node, or print its configuration.
     *
     * @param args {@code [--print-config] cluster.properties node.properties [profile.properties]}.
     */
    public static void main(final String[] args)
    {
        final List<String> arguments = new ArrayList<>(List.of(args));
        final boolean printConfig = arguments.remove(PRINT_CONFIG_OPTION);
        if (arguments.size() < 2 || arguments.size() > 3)
        {
            System.err.println(USAGE);
            System.exit(2);
        }

        final List<Path> files = new ArrayList<>();
        for (final String argument : arguments)
        {
            final Path file = Path.of(argument);
            if (!Files.isReadable(file))
            {
                System.err.println("cannot read config file: " + file.toAbsolutePath());
                System.exit(2);
            }
            files.add(file);
        }

        final NodeConfig config;
        try
        {
            config = NodeConfig.load(files).conclude();
        }
        catch (final ConfigurationException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }

        if (printConfig)
        {
            System.out.print(config.describe());
            return;
        }

        final String heapRefusal = HeapCheck.refusal(config.stateQuotaBytes(), Runtime.getRuntime().maxMemory());
        if (null != heapRefusal)
        {
            System.err.println("node " + config.memberId() + " refuses to start: " + heapRefusal);
            System.exit(2);
        }

        try
        {
            config.newAuthenticator();
        }
        catch (final ConfigurationException ex)
        {
            System.err.println("node " + config.memberId() + " refuses to start: " + ex.getMessage());
            System.exit(2);
        }

        try
        {
            run(config);
        }
        catch (final IllegalAccessError | ExceptionInInitializerError ex)
        {
            System.err.println("failed to start node " + config.memberId() + ": " + ex +
                "\nrun the JVM with --add-opens java.base/jdk.internal.misc=ALL-UNNAMED");
            ex.printStackTrace();
            System.exit(1);
        }
        catch (final RuntimeException ex)
        {
            System.err.println("failed to start node " + config.memberId() + ": " + ex);
            ex.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * Run a node until signalled, then close it: container first, then driver.
     * <p>
     * After a crash ({@code kill -9}) the node's mark files and aeron directory look alive for up to
     * {@value #STALE_WAIT_MS} ms; instead of failing at once, the launch is retried until they age out.
     *
     * @param config concluded configuration.
     */
    public static void run(final NodeConfig config)
    {
        final UnreadableSnapshot unreadable = new UnreadableSnapshot(config.errorListener());
        config.errorListener(unreadable);
        while (runOnce(config, unreadable))
        {
            unreadable.reset();
        }

        System.out.println("node " + config.memberId() + " stopped");
        System.out.flush();
    }

    /**
     * Run the node until signalled.
     *
     * @return true if it stopped because its service could not read the latest snapshot and an older one is now to
     * be used (launch again); false after a signal or a termination by the cluster.
     * @throws IllegalStateException if the latest snapshot cannot be read and there is none to fall back to.
     */
    private static boolean runOnce(final NodeConfig config, final UnreadableSnapshot unreadable)
    {
        final int memberId = config.memberId();
        final long startNs = System.nanoTime();
        final AtomicBoolean isStopping = new AtomicBoolean();

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(() -> isStopping.set(true)))
        {
            unreadable.onFailure(barrier::signal);
            final Node node = launchWithRetry(config, barrier, isStopping);
            if (null == node)
            {
                System.out.println("node " + memberId + " stopped before it started");
                return false;
            }

            try (ClusteredMediaDriver ignoreDriver = node.driver;
                ClusteredServiceContainer ignoreContainer = node.container;
                NodeMaintenance ignoreMaintenance = startMaintenance(config, node.driver, System.out))
            {
                System.out.println("pid=" + ProcessHandle.current().pid());
                System.out.println("node " + memberId + " started");
                System.out.println(
                    "node " + memberId + " clusterDir=" + config.clusterDir() + " aeronDir=" + config.aeronDir() +
                    " ingress=" + config.thisMember().ingressEndpoint() +
                    " threading=" + config.threading() + " idle=" + config.idleStrategy() +
                    " startupMs=" + (System.nanoTime() - startNs) / 1_000_000);
                System.out.flush();
                if (ClusterLimitsApplier.setsAnything(config.clusterLimits()))
                {
                    final Thread applier = new Thread(
                        new ClusterLimitsApplier(config, isStopping::get, System.out), "warden-limits-" + memberId);
                    applier.setDaemon(true);
                    applier.start();
                }

                barrier.await();

                System.out.println("node " + memberId + " stopping");
                System.out.flush();
            }
            finally
            {
                isStopping.set(true);
            }
        }

        final Throwable failure = unreadable.failure();
        if (null == failure)
        {
            return false;
        }
        final String refusal = SnapshotFallback.fallBack(
            memberId, new File(config.clusterDir()), new File(config.archiveDir()), failure.toString(), System.out);
        if (null != refusal)
        {
            throw new IllegalStateException(refusal);
        }
        return true;
    }

    /**
     * Start the node's housekeeping (automatic snapshots and purging, {@link NodeMaintenance}).
     *
     * @param config the node's configuration.
     * @param driver the launched driver, archive and consensus module.
     * @param out    where the thread says what it did.
     * @return the running maintenance; close it before the node.
     */
    public static NodeMaintenance startMaintenance(
        final NodeConfig config, final ClusteredMediaDriver driver, final PrintStream out)
    {
        return NodeMaintenance.start(
            config.memberId(),
            new File(config.clusterDir()),
            config.snapshotPolicy(),
            driver.consensusModule().context(),
            config::newMaintenanceArchiveContext,
            out);
    }

    private static Node launchWithRetry(
        final NodeConfig config, final ShutdownSignalBarrier barrier, final AtomicBoolean isStopping)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALE_WAIT_MS);
        boolean hasWarned = false;
        while (!isStopping.get())
        {
            ClusteredMediaDriver driver = null;
            ClusteredServiceContainer container = null;
            try
            {
                driver = ClusteredMediaDriver.launch(
                    config.newMediaDriverContext(barrier::signal),
                    config.newArchiveContext(),
                    config.newConsensusModuleContext(barrier::signal));
                container = ClusteredServiceContainer.launch(config.newServiceContainerContext(barrier::signal));

                return new Node(driver, container);
            }
            catch (final RuntimeException ex)
            {
                CloseHelper.quietCloseAll(container, driver);
                if (!isLeftOverFromCrash(ex) || System.nanoTime() - deadlineNs > 0)
                {
                    throw ex;
                }

                if (!hasWarned)
                {
                    System.out.println("node " + config.memberId() + " waiting for files of a crashed run to " +
                        "go stale: " + ex.getMessage());
                    System.out.flush();
                    hasWarned = true;
                }

                sleepMs(500);
            }
        }

        return null;
    }

    private static boolean isLeftOverFromCrash(final Throwable ex)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (cause instanceof ActiveDriverException ||
                (cause instanceof IllegalStateException && null != cause.getMessage() &&
                cause.getMessage().startsWith("active mark file detected")))
            {
                return true;
            }
        }

        return false;
    }

    private static void sleepMs(final long durationMs)
    {
        try
        {
            Thread.sleep(durationMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to start", ex);
        }
    }

    private record Node(ClusteredMediaDriver driver, ClusteredServiceContainer container)
    {
    }
}
