package io.warden.bench.targets.etcd;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.KilledMember;
import io.warden.bench.targets.Processes;
import io.warden.bench.targets.ScriptCluster;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code etcd}: a real 3-member etcd cluster from Debian's {@code etcd-server} package (3.4.23; installed by the
 * script when {@code etcd} is not on PATH) on 127.0.0.1, started, killed and stopped by pid through
 * {@code scripts/etcd-cluster.sh}; clients are {@link EtcdBenchClient}s on jetcd 0.8.7.
 */
public final class EtcdTarget implements Target
{
    /** Target name. */
    public static final String NAME = "etcd";
    /** The script that runs the cluster. */
    public static final String SCRIPT = "etcd-cluster.sh";

    private final ScriptCluster cluster;
    private List<String> endpoints = List.of();
    private String version = "etcd";

    /**
     * A cluster in {@code <runDir>/etcd}, not yet started.
     *
     * @param environment repository and run directory.
     */
    public EtcdTarget(final TargetEnvironment environment)
    {
        this.cluster = new ScriptCluster(environment, SCRIPT, Map.of(
            "ETCD_RUN_DIR", environment.runDir().resolve(NAME).toString()), environment.runDir().resolve(NAME));
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public Set<Capability> capabilities()
    {
        return EnumSet.of(Capability.KV, Capability.CACHED_READ, Capability.LOCK_CYCLE, Capability.EXCLUSIVE_LOCK,
            Capability.WATCH, Capability.SESSION_TTL, Capability.FAILOVER);
    }

    /**
     * {@inheritDoc}
     */
    public void start()
    {
        final String output = cluster.start();
        endpoints = List.of(cluster.query("endpoints").split(","));
        final java.util.regex.Matcher matcher =
            java.util.regex.Pattern.compile("etcd Version: ([0-9][0-9.]*)").matcher(output);
        if (matcher.find())
        {
            version = "etcd " + matcher.group(1);
        }
        else
        {
            final Processes.Outcome outcome = Processes.run(
                List.of("etcd", "--version"), Map.of(), java.nio.file.Path.of("."), 10_000);
            version = outcome.output().lines().findFirst().orElse("etcd").replace("Version: ", "").trim();
        }
    }

    /**
     * {@inheritDoc}
     */
    public String durability()
    {
        return version + ", 3 members: a write is acknowledged once committed by a majority, each having fsync'd " +
            "its WAL (etcd default; --unsafe-no-fsync not set); heartbeat 100 ms, election 1000 ms";
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        return "3 x etcd (Debian etcd-server) on 127.0.0.1 " + String.join(",", endpoints) +
            "; client jetcd 0.8.7 (Lock + Lease, linearizable and serializable ranges, watches)";
    }

    /**
     * {@inheritDoc}
     */
    public BenchClient newClient(final ClientOptions options) throws Exception
    {
        return new EtcdBenchClient(endpoints, options);
    }

    /**
     * {@inheritDoc}
     */
    public String connectSpec()
    {
        return String.join(",", endpoints);
    }

    /**
     * A client of a cluster from its connect spec (in another process).
     *
     * @param spec    {@link #connectSpec()}.
     * @param options name and TTL.
     * @return the client.
     * @throws Exception if it cannot connect.
     */
    public static BenchClient connect(final String spec, final ClientOptions options) throws Exception
    {
        return new EtcdBenchClient(List.of(spec.split(",")), options);
    }

    /**
     * {@inheritDoc}
     */
    public int leader()
    {
        return cluster.leader();
    }

    /**
     * {@inheritDoc}
     */
    public KilledMember killLeader()
    {
        return cluster.killLeader();
    }

    /**
     * {@inheritDoc}
     */
    public void restartMember(final int memberId)
    {
        cluster.startMember(memberId);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        cluster.stop();
    }
}
