package io.warden.client;

import io.warden.schema.protocol.ResultCode;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A live, sorted local copy of every key under a prefix: list-then-watch. It reads the prefix with a range at
 * revision {@code R}, then watches from {@code R + 1}, so no change is missed or seen twice. It survives reconnects
 * (the watch resumes where it stood) and {@code COMPACTED} (it re-lists and reports the difference as changes).
 * <pre>{@code
 * ConfigWatcher config = new ConfigWatcher(client, "/config/payments/", (view, changes) ->
 * {
 *     for (WatchEvent change : changes) { log.info("config {} {}", change.type(), change.key()); }
 *     limits = parse(view.get("/config/payments/limits"));
 * });
 * client.await(config.start());
 * ...
 * config.close();
 * }</pre>
 * The listener runs on the client's callback executor, one call at a time; {@link #view()} may be read from any
 * thread (it is an immutable snapshot replaced on every change).
 */
public final class ConfigWatcher implements AutoCloseable
{
    private static final long RELIST_DELAY_MS = 500;

    /**
     * Told about every change of the view.
     */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * The view changed.
         * <pre>{@code (view, changes) -> limits = parse(view.get("/config/payments/limits")) }</pre>
         *
         * @param view    the whole view after the change (unmodifiable, sorted by key).
         * @param changes what changed: watch events, or for the first listing and a re-list, synthetic events at the
         *                listing's revision (PUT for each new or changed key, DELETE for each key gone).
         */
        void onChanged(NavigableMap<String, KeyValue> view, List<WatchEvent> changes);
    }

    private final WardenClient client;
    private final String prefix;
    private final Listener listener;
    private final ConfigView content = new ConfigView();
    private final CompletableFuture<ConfigWatcher> started = new CompletableFuture<>();
    private volatile NavigableMap<String, KeyValue> snapshot = Collections.unmodifiableNavigableMap(new TreeMap<>());
    private volatile long revision;
    private WatchHandle watch;
    private boolean starting;
    private volatile boolean closed;
    private long generation;

    /**
     * A watcher of every key under {@code prefix}; call {@link #start()}.
     * <pre>{@code ConfigWatcher config = new ConfigWatcher(client, "/config/", (view, changes) -> reload(view)); }</pre>
     *
     * @param client   the client.
     * @param prefix   the prefix ("" for every key).
     * @param listener told about every change (may be null to just keep the view).
     */
    public ConfigWatcher(final WardenClient client, final String prefix, final Listener listener)
    {
        this.client = client;
        this.prefix = prefix;
        this.listener = listener;
    }

    /**
     * List the prefix and start watching. Completes when the first listing is in the view (and the listener has been
     * told); fails when the listing fails.
     * <pre>{@code client.await(config.start()); }</pre>
     *
     * @return this watcher, once loaded.
     */
    public CompletableFuture<ConfigWatcher> start()
    {
        synchronized (this)
        {
            if (starting)
            {
                return started;
            }
            starting = true;
        }
        list();
        return started;
    }

    private void list()
    {
        final long listGeneration;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            listGeneration = ++generation;
            if (watch != null)
            {
                watch.cancel();
                watch = null;
            }
        }
        client.range(prefix).whenComplete((range, ex) ->
        {
            if (ex != null)
            {
                onListFailed(ex);
            }
            else
            {
                onListed(range, listGeneration);
            }
        });
    }

    private void onListFailed(final Throwable ex)
    {
        if (closed)
        {
            return;
        }
        if (!started.isDone())
        {
            started.completeExceptionally(ex instanceof java.util.concurrent.CompletionException ? ex.getCause() : ex);
            return;
        }
        final Executor later = CompletableFuture.delayedExecutor(RELIST_DELAY_MS, TimeUnit.MILLISECONDS);
        later.execute(this::list);
    }

    private void onListed(final RangeResult range, final long listGeneration)
    {
        final List<WatchEvent> changes;
        final NavigableMap<String, KeyValue> view;
        synchronized (this)
        {
            if (closed || listGeneration != generation)
            {
                return;
            }
            changes = content.reset(range.entries(), range.revision());
            view = content.snapshot();
            snapshot = view;
            revision = content.revision();
            watch = client.watchPrefix(prefix, range.revision() + 1, new Tracker(listGeneration));
        }
        if (listener != null && (!changes.isEmpty() || !started.isDone()))
        {
            listener.onChanged(view, Collections.unmodifiableList(changes));
        }
        started.complete(this);
    }

    private final class Tracker implements WatchListener
    {
        private final long trackerGeneration;

        Tracker(final long trackerGeneration)
        {
            this.trackerGeneration = trackerGeneration;
        }

        public void onEvent(final WatchEvent event)
        {
            onEvents(List.of(event));
        }

        public void onEvents(final List<WatchEvent> events)
        {
            final NavigableMap<String, KeyValue> view;
            boolean changed = false;
            synchronized (ConfigWatcher.this)
            {
                if (closed || trackerGeneration != generation)
                {
                    return;
                }
                for (final WatchEvent event : events)
                {
                    changed |= content.apply(event);
                }
                view = changed ? content.snapshot() : snapshot;
                snapshot = view;
                revision = content.revision();
            }
            if (changed && listener != null)
            {
                listener.onChanged(view, events);
            }
        }

        public void onProgress(final long progressRevision)
        {
            synchronized (ConfigWatcher.this)
            {
                if (trackerGeneration == generation)
                {
                    content.advanceTo(progressRevision);
                    revision = content.revision();
                }
            }
        }

        public void onEnded(final ResultCode code, final long lastRevision)
        {
            synchronized (ConfigWatcher.this)
            {
                if (closed || trackerGeneration != generation)
                {
                    return;
                }
                watch = null;
            }
            if (code == ResultCode.COMPACTED)
            {
                list();
            }
            else
            {
                CompletableFuture.delayedExecutor(RELIST_DELAY_MS, TimeUnit.MILLISECONDS)
                    .execute(ConfigWatcher.this::list);
            }
        }
    }

    /**
     * The current view: every key under the prefix, sorted; an unmodifiable snapshot.
     * <pre>{@code KeyValue limits = config.view().get("/config/payments/limits"); }</pre>
     *
     * @return the view.
     */
    public NavigableMap<String, KeyValue> view()
    {
        return snapshot;
    }

    /**
     * One entry of the view.
     * <pre>{@code KeyValue kv = config.get("/config/payments/limits"); }</pre>
     *
     * @param key the key.
     * @return the entry, or null.
     */
    public KeyValue get(final String key)
    {
        return snapshot.get(key);
    }

    /**
     * The revision the view reflects: every change up to it is in.
     * <pre>{@code long revision = config.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * The prefix watched.
     * <pre>{@code String prefix = config.prefix(); }</pre>
     *
     * @return the prefix.
     */
    public String prefix()
    {
        return prefix;
    }

    /**
     * Stop watching; the view stays as it was.
     * <pre>{@code config.close(); }</pre>
     */
    public void close()
    {
        final WatchHandle running;
        synchronized (this)
        {
            closed = true;
            running = watch;
            watch = null;
        }
        if (running != null)
        {
            running.cancel();
        }
    }
}
