package io.warden.bench.targets.warden;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.Target;
import io.warden.client.AuthListing;
import io.warden.client.WardenAuth;
import io.warden.client.WardenClient;
import io.warden.schema.IdleStrategies;
import io.warden.schema.protocol.ResourceType;
import org.agrona.CloseHelper;

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

    /** The user clients of an authenticated target log in as: everything on every key, lock and election. */
    public static final String BENCH_USER = "bench";

    private final String name;
    private final WardenDeployment deployment;
    private final boolean authenticated;
    // a throwaway password of a throwaway cell, made per run; it travels in the connect spec to the rig's own children
    private final String benchPassword = Long.toHexString(new java.security.SecureRandom().nextLong());
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
        this(name, deployment, false);
    }

    /**
     * A target whose cell has authentication and permission checks on, its clients logged in as
     * {@value #BENCH_USER} (what checking costs, next to the same deployment without).
     *
     * @param name          target name as given to {@code --targets}.
     * @param deployment    scripts or embedded.
     * @param authenticated turn the cell's authentication on at start and log every client in.
     */
    public WardenTarget(final String name, final WardenDeployment deployment, final boolean authenticated)
    {
        this.name = name;
        this.deployment = deployment;
        this.authenticated = authenticated;
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
        if (authenticated)
        {
            enableAuthentication();
        }
    }

    /**
     * Users root and {@value #BENCH_USER} (a role with every permission on every prefix, not admin), then auth on.
     */
    private void enableAuthentication()
    {
        try (WardenClient admin = WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints(deployment.gatewayEndpoint())
            .credential(deployment.adminCredential())
            .clientName("bench-auth-setup")
            .aeronDirectoryName(driver.aeronDirectoryName())))
        {
            final WardenAuth auth = admin.auth();
            final AuthListing users = admin.await(auth.users());
            if (!users.items().isEmpty())
            {
                throw new IllegalStateException("the cell has users already: " + users);
            }
            admin.await(auth.addUser("root", (benchPassword + "-root").toCharArray()));
            admin.await(auth.grantRole("root", "root"));
            admin.await(auth.addUser(BENCH_USER, benchPassword.toCharArray()));
            admin.await(auth.addRole("bench-all"));
            final EnumSet<WardenAuth.Permission> all = EnumSet.of(WardenAuth.Permission.READ,
                WardenAuth.Permission.WRITE, WardenAuth.Permission.WATCH);
            admin.await(auth.grant("bench-all", ResourceType.KEY, "", all));
            admin.await(auth.grant("bench-all", ResourceType.LOCK, "",
                EnumSet.of(WardenAuth.Permission.LOCK, WardenAuth.Permission.READ)));
            admin.await(auth.grant("bench-all", ResourceType.ELECTION, "",
                EnumSet.of(WardenAuth.Permission.ELECT, WardenAuth.Permission.WRITE, WardenAuth.Permission.READ)));
            admin.await(auth.grantRole(BENCH_USER, "bench-all"));
            admin.await(auth.enable());
        }
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
        return new WardenBenchClient(deployment.gatewayEndpoint(), deployment.credential(),
            authenticated ? BENCH_USER : "", authenticated ? benchPassword.toCharArray() : null,
            driver.aeronDirectoryName(), options);
    }

    /**
     * {@inheritDoc}
     */
    public String connectSpec()
    {
        return deployment.gatewayEndpoint() + "|" + deployment.credential() +
            (authenticated ? "|" + BENCH_USER + "|" + benchPassword : "");
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
        final String[] parts = spec.split("\\|", -1);
        return parts.length >= 4 ?
            new WardenBenchClient(parts[0], parts[1], parts[2], parts[3].toCharArray(), null, options) :
            new WardenBenchClient(parts[0], parts[1], null, options);
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
