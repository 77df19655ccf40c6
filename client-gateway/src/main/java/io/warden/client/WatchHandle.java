package io.warden.client;

import java.util.concurrent.CompletableFuture;

/**
 * A running watch: cancel it when done. Watches survive reconnects: after the client moves to another gateway it
 * re-creates each watch from where it stood.
 * <pre>{@code
 * WatchHandle watch = client.watch("/config/feature-x", 0, event -> toggle(event.valueAsString()));
 * long startedAfter = client.await(watch.registered());
 * ...
 * watch.cancel();
 * }</pre>
 */
public final class WatchHandle implements AutoCloseable
{
    private final WardenClient client;
    private final long watchId;
    private final String key;
    private final boolean prefix;
    private final CompletableFuture<Long> registered = new CompletableFuture<>();
    private volatile boolean active = true;
    private volatile long lastRevision;

    WatchHandle(final WardenClient client, final long watchId, final String key, final boolean prefix)
    {
        this.client = client;
        this.watchId = watchId;
        this.key = key;
        this.prefix = prefix;
    }

    /**
     * Stop the watch: no events are delivered after this returns (events already handed to the callback executor
     * may still run). Idempotent.
     * <pre>{@code watch.cancel(); }</pre>
     */
    public void cancel()
    {
        if (active)
        {
            active = false;
            client.cancelWatch(this);
        }
    }

    /**
     * Same as {@link #cancel()}, for try-with-resources.
     * <pre>{@code try (WatchHandle watch = client.watch("/a", 0, listener)) { ... } }</pre>
     */
    public void close()
    {
        cancel();
    }

    /**
     * Completes with the revision the watch started after once the first registration is answered, or
     * exceptionally when it is refused (e.g. {@code COMPACTED}).
     * <pre>{@code long revision = client.await(watch.registered()); }</pre>
     *
     * @return the future.
     */
    public CompletableFuture<Long> registered()
    {
        return registered;
    }

    /**
     * Is the watch still running (not cancelled, not ended)?
     * <pre>{@code if (!watch.isActive()) { rewatch(); } }</pre>
     *
     * @return true while running.
     */
    public boolean isActive()
    {
        return active;
    }

    /**
     * The revision of the last event delivered or progress seen (as the client agent last updated it).
     * <pre>{@code long resumeFrom = watch.lastRevision() + 1; }</pre>
     *
     * @return the revision, -1 before registration of a watch "from now".
     */
    public long lastRevision()
    {
        return lastRevision;
    }

    /**
     * The client's id for this watch.
     * <pre>{@code long id = watch.watchId(); }</pre>
     *
     * @return the id.
     */
    public long watchId()
    {
        return watchId;
    }

    /**
     * The key or prefix watched.
     * <pre>{@code String watched = watch.key(); }</pre>
     *
     * @return the key or prefix.
     */
    public String key()
    {
        return key;
    }

    /**
     * Does the watch cover every key starting with {@link #key()}?
     * <pre>{@code boolean prefix = watch.isPrefix(); }</pre>
     *
     * @return true for a prefix watch.
     */
    public boolean isPrefix()
    {
        return prefix;
    }

    void lastRevision(final long revision)
    {
        lastRevision = revision;
    }

    void ended()
    {
        active = false;
    }

    @Override
    public String toString()
    {
        return "WatchHandle{id=" + watchId + ", key=" + key + (prefix ? "*" : "") + ", active=" + active + '}';
    }
}
