package io.warden.bench.targets.zookeeper;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.Capability;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.KilledMember;
import io.warden.bench.targets.ScriptCluster;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;
import org.apache.zookeeper.Version;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code zookeeper}: a real 3-member ensemble of ZooKeeper {@value #EXPECTED_VERSION} server processes
 * ({@code QuorumPeerMain}, {@code -Xmx256m}) on 127.0.0.1, started, killed and stopped by pid through
 * {@code scripts/zookeeper-ensemble.sh} from the server jars on the rig's classpath; clients are
 * {@link ZooKeeperBenchClient}s (Curator recipes for locks, the raw handle for reads, writes and watches).
 */
public final class ZooKeeperTarget implements Target
{
    /** Target name. */
    public static final String NAME = "zookeeper";
    /** The ZooKeeper version the rig is built against. */
    public static final String EXPECTED_VERSION = "3.9.5";
    /** The script that runs the ensemble. */
    public static final String SCRIPT = "zookeeper-ensemble.sh";

    private final ScriptCluster cluster;
    private String connectString;

    /**
     * An ensemble in {@code <runDir>/zookeeper}, not yet started.
     *
     * @param environment repository, run directory and classpath.
     */
    public ZooKeeperTarget(final TargetEnvironment environment)
    {
        this.cluster = new ScriptCluster(environment, SCRIPT, Map.of(
            "ZK_RUN_DIR", environment.runDir().resolve(NAME).toString(),
            "ZK_CLASSPATH", environment.classpath(),
            "JAVA", TargetEnvironment.javaBinary()), environment.runDir().resolve(NAME));
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
        cluster.start();
        connectString = cluster.query("connect-string");
    }

    /**
     * {@inheritDoc}
     */
    public String durability()
    {
        return "ZooKeeper " + Version.getFullVersion().split("[- ]")[0] + ", 3 members: a write is acknowledged " +
            "once a quorum has logged it with fsync (forceSync=yes); tickTime 2000 ms";
    }

    /**
     * {@inheritDoc}
     */
    public String describe()
    {
        return "3 x QuorumPeerMain (-Xmx256m, SerialGC) on 127.0.0.1 client ports " + connectString +
            "; client Curator 5.9.0 InterProcessMutex + raw ZooKeeper handle (sync+getData linearizable, " +
            "getData cached, persistent watches)";
    }

    /**
     * {@inheritDoc}
     */
    public BenchClient newClient(final ClientOptions options) throws Exception
    {
        return new ZooKeeperBenchClient(connectString, options);
    }

    /**
     * {@inheritDoc}
     */
    public String connectSpec()
    {
        return connectString;
    }

    /**
     * A client of an ensemble from its connect spec (in another process).
     *
     * @param spec    {@link #connectSpec()}.
     * @param options name and TTL.
     * @return the client.
     * @throws Exception if it cannot connect.
     */
    public static BenchClient connect(final String spec, final ClientOptions options) throws Exception
    {
        return new ZooKeeperBenchClient(spec, options);
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
