package io.warden.bench.chaos.workload;

import io.warden.bench.chaos.history.WatchRecord;
import io.warden.bench.chaos.history.WatcherHistory;
import io.warden.client.RangeResult;
import io.warden.client.WardenClient;
import io.warden.client.WatchEvent;
import io.warden.client.WatchHandle;
import io.warden.client.WatchListener;
import io.warden.node.audit.Change;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.ResultCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A watcher that records what it receives ({@link WatchRecord}s) for the watch checker: events, progress
 * notifications, and the server ending the stream. The client library resumes a watch by itself across gateway and
 * leader changes, from the revision after the last event delivered; when the server ends the stream
 * ({@code COMPACTED} or {@code SLOW_CONSUMER}) this watcher watches again, re-listing first after
 * {@code COMPACTED} (list, then watch from the list's revision + 1), and records the resume.
 * Thread-safe: callbacks arrive on the client's callback thread; readers take copies.
 */
public final class RecordedWatcher implements WatchListener
{
    private final String name;
    private final WardenClient client;
    private final String key;
    private final boolean prefix;
    private final boolean prevValue;
    private final long startRevision;
    private final List<WatchRecord> records = new ArrayList<>();
    private volatile WatchHandle handle;
    private volatile long lastRevision;
    private volatile long events;

    /**
     * Start watching.
     *
     * @param name          a name for reports.
     * @param client        the client.
     * @param key           the key or prefix.
     * @param prefix        true for a prefix watch.
     * @param prevValue     true to ask for previous values.
     * @param startRevision the first revision to deliver (at least 1).
     */
    public RecordedWatcher(
        final String name,
        final WardenClient client,
        final String key,
        final boolean prefix,
        final boolean prevValue,
        final long startRevision)
    {
        this.name = name;
        this.client = client;
        this.key = key;
        this.prefix = prefix;
        this.prevValue = prevValue;
        this.startRevision = startRevision;
        this.lastRevision = startRevision - 1;
        this.handle = client.watch(key, prefix, startRevision, prevValue, this);
    }

    /**
     * Completes when the watch is registered.
     *
     * @return the registration future (the revision the stream starts after).
     */
    public CompletableFuture<Long> registered()
    {
        return handle.registered();
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final WatchEvent event)
    {
        synchronized (records)
        {
            records.add(new WatchRecord.Event(new Change(event.revision(), event.key(),
                event.type() == EventType.DELETE ? Change.Type.DELETE : Change.Type.PUT)));
        }
        lastRevision = Math.max(lastRevision, event.revision());
        events++;
    }

    /**
     * {@inheritDoc}
     */
    public void onProgress(final long revision)
    {
        synchronized (records)
        {
            records.add(new WatchRecord.Progress(revision));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onEnded(final ResultCode code, final long last)
    {
        if (code != ResultCode.COMPACTED && code != ResultCode.SLOW_CONSUMER)
        {
            return;
        }
        synchronized (records)
        {
            records.add(new WatchRecord.Cancelled(code == ResultCode.COMPACTED ?
                WatchRecord.CancelReason.COMPACTED : WatchRecord.CancelReason.SLOW_CONSUMER));
        }
        if (code == ResultCode.COMPACTED)
        {
            client.range(key).thenAccept(this::resumeAfterList);
        }
        else
        {
            resume(lastRevision + 1, false);
        }
    }

    private void resumeAfterList(final RangeResult range)
    {
        resume(range.revision() + 1, true);
    }

    private void resume(final long from, final boolean relisted)
    {
        synchronized (records)
        {
            records.add(new WatchRecord.Resumed(from, relisted));
        }
        handle = client.watch(key, prefix, from, prevValue, this);
    }

    /**
     * What this watcher asked for and received so far.
     *
     * @return the history.
     */
    public WatcherHistory history()
    {
        synchronized (records)
        {
            return new WatcherHistory(name, key, prefix, startRevision, new ArrayList<>(records));
        }
    }

    /**
     * The highest revision delivered.
     *
     * @return the revision.
     */
    public long lastRevision()
    {
        return lastRevision;
    }

    /**
     * Events received.
     *
     * @return the count.
     */
    public long events()
    {
        return events;
    }

    /**
     * Stop watching.
     */
    public void cancel()
    {
        handle.cancel();
    }
}
