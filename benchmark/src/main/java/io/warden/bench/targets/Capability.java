package io.warden.bench.targets;

/**
 * What a {@link Target} can do; a workload runs against a target only if the target has every capability the
 * workload requires, and is reported as skipped otherwise.
 */
public enum Capability
{
    /** {@link BenchClient#put} and linearizable {@link BenchClient#get}. */
    KV,
    /** {@link BenchClient#getCached}: a read that may be stale (ZooKeeper's local read, etcd's serializable read). */
    CACHED_READ,
    /** {@link BenchClient#acquire} and {@link BenchClient#release} as round trips (not necessarily exclusive). */
    LOCK_CYCLE,
    /** Locks that exclude and queue: one holder at a time, waiters granted in turn. */
    EXCLUSIVE_LOCK,
    /** {@link BenchClient#watch}: notification of every change of a key. */
    WATCH,
    /** Sessions or leases with a TTL, and a lock holder that can run in a separate process to be killed. */
    SESSION_TTL,
    /** Cluster members run as processes the target can kill ({@link Target#killLeader()}) and restart. */
    FAILOVER,
    /**
     * Every operation is a bare round trip through the replicated log with no state behind it (the
     * {@code aeron-echo} ceiling): reads return what was sent, nothing is stored, locks do not exclude.
     */
    STATELESS_ECHO
}
