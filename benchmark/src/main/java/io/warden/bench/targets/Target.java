package io.warden.bench.targets;

import java.util.Set;

/**
 * A system under test: started as real processes on 127.0.0.1 (or, for the warden smoke test, embedded), measured
 * through {@link BenchClient}s, stopped by pid. Used from the rig's main thread only.
 * <pre>{@code
 * try (Target target = Targets.create("zookeeper", environment))
 * {
 *     target.start();
 *     try (BenchClient client = target.newClient(new ClientOptions("c0", 2_000)))
 *     {
 *         client.put("/bench/kv/0", value);
 *     }
 * }
 * }</pre>
 */
public interface Target extends AutoCloseable
{
    /**
     * Name as given to {@code --targets}.
     *
     * @return the name, e.g. {@code zookeeper}.
     */
    String name();

    /**
     * What this target can do.
     *
     * @return its capabilities.
     */
    Set<Capability> capabilities();

    /**
     * Start the system and wait until it serves requests.
     *
     * @throws Exception if it does not come up.
     */
    void start() throws Exception;

    /**
     * What an acknowledged write means here: replication, fsync, version. Printed with every result.
     *
     * @return a one-line description.
     */
    String durability();

    /**
     * Version and layout (processes, ports), for the report.
     *
     * @return a one-line description.
     */
    String describe();

    /**
     * A new client with its own connection and session.
     *
     * @param options name and session TTL.
     * @return the connected client; close it.
     * @throws Exception if it cannot connect.
     */
    BenchClient newClient(ClientOptions options) throws Exception;

    /**
     * What another process needs to connect a client to this target ({@link Targets#connect}).
     *
     * @return an opaque connection string.
     */
    String connectSpec();

    /**
     * The member id of the current leader.
     *
     * @return the leader's member id (0-based), or -1 if there is none.
     * @throws Exception on failure to ask.
     */
    int leader() throws Exception;

    /**
     * Kill the leader's process without warning (SIGKILL, sent from this JVM by pid), or stop its embedded node.
     *
     * @return the member killed and when the kill was sent.
     * @throws Exception if there is no leader or it cannot be killed.
     */
    KilledMember killLeader() throws Exception;

    /**
     * Start a member again after {@link #killLeader()} and wait until the cluster has all members.
     *
     * @param memberId the member to restart.
     * @throws Exception if it does not come back.
     */
    void restartMember(int memberId) throws Exception;

    /**
     * Stop everything this target started (by pid) and free its resources. Never throws.
     */
    void close();
}
