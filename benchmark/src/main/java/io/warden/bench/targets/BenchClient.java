package io.warden.bench.targets;

/**
 * One client of a target: one connection and, where the target has them, one session or lease, used by one load
 * thread at a time (a workload never calls one client from two threads at once, except that {@link #watch}
 * callbacks arrive on the library's thread). Operations block until answered and throw on any failure; the caller
 * counts the failure as an error.
 * <p>
 * Keys are paths ({@code /bench/kv/3}); lock names are short identifiers ({@code bench-lock-3}). Each
 * implementation maps them onto its system (a ZooKeeper znode, an etcd key, a Warden key or lock).
 */
public interface BenchClient extends AutoCloseable
{
    /**
     * Acquire an exclusive lock, waiting in its queue.
     *
     * @param lockName      lock name.
     * @param waitTimeoutMs how long to wait for the grant before giving up.
     * @return the fencing token of the grant (rising across grants of one lock).
     * @throws java.util.concurrent.TimeoutException if not granted in time.
     * @throws Exception                             on any other failure.
     */
    long acquire(String lockName, long waitTimeoutMs) throws Exception;

    /**
     * Release a lock this client holds.
     *
     * @param lockName lock name.
     * @param token    the token of the grant.
     * @throws Exception on failure.
     */
    void release(String lockName, long token) throws Exception;

    /**
     * Write a value, acknowledged once durable as the target defines it (see {@link Target#durability()}).
     *
     * @param key   key.
     * @param value value.
     * @throws Exception on failure.
     */
    void put(String key, byte[] value) throws Exception;

    /**
     * Linearizable read.
     *
     * @param key key.
     * @return the value, or null if the key does not exist.
     * @throws Exception on failure.
     */
    byte[] get(String key) throws Exception;

    /**
     * Read that may be stale (served locally), where {@link Capability#CACHED_READ} is present.
     *
     * @param key key.
     * @return the value, or null if the key does not exist.
     * @throws Exception on failure, {@link UnsupportedOperationException} without the capability.
     */
    byte[] getCached(String key) throws Exception;

    /**
     * Watch a key: the callback is told about every later value.
     *
     * @param key      key.
     * @param callback told about each new value.
     * @return closes the watch.
     * @throws Exception on failure to register.
     */
    AutoCloseable watch(String key, WatchCallback callback) throws Exception;

    /**
     * Close the connection and end the session cleanly. Never throws.
     */
    void close();
}
