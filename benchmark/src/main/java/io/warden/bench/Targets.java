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
 * Every target by name: {@code warden}, {@code aeron-echo}, {@code zookeeper}, {@code etcd}.
 */
public final class Targets
{
    /** Known target names, in the order a full run uses. */
    public static final List<String> NAMES =
        List.of(WardenTarget.NAME, EchoTarget.NAME, ZooKeeperTarget.NAME, EtcdTarget.NAME);

    private Targets()
    {
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
        return switch (name)
        {
            case WardenTarget.NAME -> new WardenTarget(new ScriptedWardenDeployment(environment));
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
        return switch (name)
        {
            case WardenTarget.NAME -> WardenTarget.connect(spec, options);
            case ZooKeeperTarget.NAME -> ZooKeeperTarget.connect(spec, options);
            case EtcdTarget.NAME -> EtcdTarget.connect(spec, options);
            default -> throw new IllegalArgumentException("target '" + name + "' has no remote clients");
        };
    }
}
