package io.warden.bench.targets;

/**
 * Told about every value a watched key takes. Called on the client library's own thread (ZooKeeper's event thread,
 * jetcd's executor, the Warden client's callback thread): it must be quick and thread-safe.
 */
@FunctionalInterface
public interface WatchCallback
{
    /**
     * The watched key has a new value.
     *
     * @param key   the key.
     * @param value its value (not a copy the callback may keep if the implementation says otherwise: treat as
     *              read-only).
     */
    void onValue(String key, byte[] value);
}
