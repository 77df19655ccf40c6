package io.warden.bench;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.bench.targets.echo.EchoTarget;
import io.warden.bench.targets.etcd.EtcdTarget;
import io.warden.bench.targets.warden.ScriptedWardenDeployment;
import io.warden.bench.targets.warden.WardenTarget;
import io.warden.bench.targets.zookeeper.ZooKeeperTarget;

import java.util.List;

/**
 * Every target by name: {@code warden}, {@code warden-auth} (authentication and permissions on),
 * {@code warden-sync0}, {@code warden-sync1}, {@code warden-sync2},
 * {@code aeron-echo}, {@code zookeeper}, {@code etcd}. {@code warden} runs with the profile's
 * {@code warden.file.sync.level}; {@code warden-syncN} is the same deployment at level N, so one suite can measure
 * what durability costs.
 */
public final class Targets
{
    /** Names of the {@code warden} target at file sync levels 0, 1 and 2, the level being the index. */
    public static final List<String> WARDEN_SYNC_NAMES =
        List.of(WardenTarget.NAME + "-sync0", WardenTarget.NAME + "-sync1", WardenTarget.NAME + "-sync2");

    /** The {@code warden} target with the cell's authentication and permission checks on. */
    public static final String WARDEN_AUTH_NAME = WardenTarget.NAME + "-auth";

    /** Known target names, in the order a full run uses. */
    public static final List<String> NAMES = List.of(WardenTarget.NAME, WARDEN_AUTH_NAME, WARDEN_SYNC_NAMES.get(0),
        WARDEN_SYNC_NAMES.get(1), WARDEN_SYNC_NAMES.get(2), EchoTarget.NAME, ZooKeeperTarget.NAME, EtcdTarget.NAME);

    private Targets()
    {
    }

    /**
     * The file sync level a Warden target name asks for.
     *
     * @param name target name.
     * @return 0, 1 or 2 for {@code warden-syncN}, {@link ScriptedWardenDeployment#PROFILE_FILE_SYNC_LEVEL} for
     * {@code warden}.
     * @throws IllegalArgumentException if the name is no Warden target.
     */
    public static int wardenFileSyncLevel(final String name)
    {
        if (WardenTarget.NAME.equals(name) || WARDEN_AUTH_NAME.equals(name))
        {
            return ScriptedWardenDeployment.PROFILE_FILE_SYNC_LEVEL;
        }
        final int level = WARDEN_SYNC_NAMES.indexOf(name);
        if (level < 0)
        {
            throw new IllegalArgumentException("'" + name + "' is not a Warden target; known: " + NAMES);
        }
        return level;
    }

    private static boolean isWarden(final String name)
    {
        return WardenTarget.NAME.equals(name) || WARDEN_AUTH_NAME.equals(name) || WARDEN_SYNC_NAMES.contains(name);
    }

    /**
     * A target, not yet started.
     *
     * @param name        target name.
     * @param environment repository, run directory, classpath.
     * @return the target.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static Target create(final String name, final TargetEnvironment environment)
    {
        if (isWarden(name))
        {
            return new WardenTarget(name, new ScriptedWardenDeployment(environment, wardenFileSyncLevel(name)),
                WARDEN_AUTH_NAME.equals(name));
        }
        return switch (name)
        {
            case EchoTarget.NAME -> new EchoTarget(environment);
            case ZooKeeperTarget.NAME -> new ZooKeeperTarget(environment);
            case EtcdTarget.NAME -> new EtcdTarget(environment);
            default -> throw new IllegalArgumentException("unknown target '" + name + "'; known: " + NAMES);
        };
    }

    /**
     * A client of a running target from its {@link Target#connectSpec()}, in another process.
     *
     * @param name    target name.
     * @param spec    connect spec.
     * @param options name and TTL.
     * @return the connected client.
     * @throws Exception if it cannot connect.
     */
    public static BenchClient connect(final String name, final String spec, final ClientOptions options)
        throws Exception
    {
        if (isWarden(name))
        {
            return WardenTarget.connect(spec, options);
        }
        return switch (name)
        {
            case ZooKeeperTarget.NAME -> ZooKeeperTarget.connect(spec, options);
            case EtcdTarget.NAME -> EtcdTarget.connect(spec, options);
            default -> throw new IllegalArgumentException("target '" + name + "' has no remote clients");
        };
    }
}
