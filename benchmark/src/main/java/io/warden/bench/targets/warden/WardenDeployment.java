package io.warden.bench.targets.warden;

/**
 * How the {@code warden} target's cluster and gateway run: as processes started by the repository's scripts
 * ({@link ScriptedWardenDeployment}, real runs) or in the rig's JVM (the smoke test's embedded deployment). Used
 * from the rig's main thread.
 */
public interface WardenDeployment extends AutoCloseable
{
    /**
     * Start three nodes and a gateway and wait until clients can connect.
     *
     * @throws Exception if they do not come up.
     */
    void start() throws Exception;

    /**
     * The gateway's request endpoint.
     *
     * @return {@code host:port}.
     */
    String gatewayEndpoint();

    /**
     * The credential clients present to the gateway.
     *
     * @return the credential.
     */
    String credential();

    /**
     * The gateway's admin credential (what sets up users and roles while the cell's authentication is off).
     *
     * @return the admin credential.
     */
    String adminCredential();

    /**
     * The current leader's member id.
     *
     * @return member id, or -1 if none.
     * @throws Exception on failure to ask.
     */
    int leader() throws Exception;

    /**
     * Kill (or, embedded, stop) the leader node.
     *
     * @return its member id and when the kill was sent.
     * @throws Exception if there is no leader or it cannot be stopped.
     */
    io.warden.bench.targets.KilledMember killLeader() throws Exception;

    /**
     * Start a member again and wait until it runs.
     *
     * @param memberId the member.
     * @throws Exception if it does not come back.
     */
    void restartMember(int memberId) throws Exception;

    /**
     * What an acknowledged write means in this deployment.
     *
     * @return one line.
     */
    String durability();

    /**
     * Processes, ports and profile.
     *
     * @return one line.
     */
    String describe();

    /**
     * Stop everything started; never throws.
     */
    void close();
}
