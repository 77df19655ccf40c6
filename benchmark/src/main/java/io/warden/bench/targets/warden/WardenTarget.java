package io.warden.bench.targets.warden;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.Target;
import org.agrona.CloseHelper;
import io.warden.schema.IdleStrategies;

import java.io.File;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code warden}: three Warden nodes and a gateway, run by a {@link WardenDeployment} (the scripts for real runs, the
 * in-JVM test cluster for the smoke test), measured through {@link WardenBenchClient}s that share one media driver
 * in the rig's JVM (each client still has its own Aeron connection, publication and session).
 */
public final class WardenTarget implements Target
{
    /** Target name. */
    public static final String NAME = "warden";

    private final String name;
    private final WardenDeployment deployment;
    private MediaDriver driver;

    /**
     * A target named {@value #NAME} on a deployment.
     *
     * @param deployment scripts or embedded.
     */
    public WardenTarget(final WardenDeployment deployment)
    {
        this(NAME, deployment);
    }

    /**
     * A target on a deployment, under its own name (several Warden configurations can then run in one suite and
     * keep their results apart, such as {@code warden-sync1}).
     *
     * @param name       target name as given to {@code --targets}.
     * @param deployment scripts or embedded.
     */
    public WardenTarget(final String name, final WardenDeployment deployment)
    {
        this.name = name;
        this.deployment = deployment;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     */
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.KV, Capability.LOCK_CYCLE, Capability.EXCLUSIVE_LOCK, Capability.WATCH,
            Capability.SESSION_TTL, Capability.FAILOVER);
    }

    /**
     * {@inheritDoc}
     */
    public void start() throws Exception
    {
        deployment.start();
        final String base = new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir");
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(base + "/warden-bench-clients-" + ProcessHandle.current().pid())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.backoff())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /**
     * {@inheritDoc}
     */
    public String durability()
    {
        return deployment.durability();
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        return deployment.describe();
    }

    /**
     * {@inheritDoc}
     */
    public BenchClient newClient(final ClientOptions options)
    {
        return new WardenBenchClient(
            deployment.gatewayEndpoint(), deployment.credential(), driver.aeronDirectoryName(), options);
    }

    /**
     * {@inheritDoc}
     */
    public String connectSpec()
    {
        return deployment.gatewayEndpoint() + "|" + deployment.credential();
    }

    /**
     * A client from a connect spec, in another process (with its own embedded media driver).
     *
     * @param spec    {@link #connectSpec()}.
     * @param options name and TTL.
     * @return the client.
     */
    public static BenchClient connect(final String spec, final ClientOptions options)
    {
        final int bar = spec.indexOf('|');
        return new WardenBenchClient(spec.substring(0, bar), spec.substring(bar + 1), null, options);
    }

    /**
     * {@inheritDoc}
     */
    public int leader() throws Exception
    {
        return deployment.leader();
    }

    /**
     * {@inheritDoc}
     */
    public io.warden.bench.targets.KilledMember killLeader() throws Exception
    {
        return deployment.killLeader();
    }

    /**
     * {@inheritDoc}
     */
    public void restartMember(final int memberId) throws Exception
    {
        deployment.restartMember(memberId);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.quietClose(driver);
        deployment.close();
    }
}
