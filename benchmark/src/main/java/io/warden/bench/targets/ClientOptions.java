package io.warden.bench.targets;

/**
 * How a {@link BenchClient} is made: a name (shows up in the target's own diagnostics) and the TTL of its session or
 * lease, where the target has them.
 *
 * @param name         client name, unique within a run.
 * @param sessionTtlMs TTL of the client's session (Warden), session timeout (ZooKeeper) or lease (etcd).
 */
public record ClientOptions(String name, long sessionTtlMs)
{
    /**
     * Check the values.
     *
     * @param name         client name.
     * @param sessionTtlMs session TTL, positive.
     */
    public ClientOptions
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (sessionTtlMs <= 0)
        {
            throw new IllegalArgumentException("sessionTtlMs must be positive: " + sessionTtlMs);
        }
    }
}
