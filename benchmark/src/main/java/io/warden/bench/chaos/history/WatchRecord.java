package io.warden.bench.chaos.history;

import io.warden.node.audit.Change;

import java.util.Objects;

/**
 * One thing a watcher received (or did), in the order it happened at the watcher.
 * <ul>
 *     <li>{@link Event}: a change was delivered.</li>
 *     <li>{@link Progress}: a progress notification: the stream has delivered everything up to this revision.</li>
 *     <li>{@link Cancelled}: the server ended the stream with {@code COMPACTED} or {@code SLOW_CONSUMER}.</li>
 *     <li>{@link Resumed}: the watcher watched again from a start revision; {@code relisted} says it first re-read
 *     the keys with a range at {@code startRevision - 1} (what it must do after {@code COMPACTED}).</li>
 * </ul>
 */
public sealed interface WatchRecord
{
    /** Why the server ended a watch stream. */
    enum CancelReason
    {
        /** The requested start revision is older than the server's event history. */
        COMPACTED,
        /** The watcher did not keep up and its buffer overflowed. */
        SLOW_CONSUMER
    }

    /**
     * A delivered change.
     *
     * @param change the change as delivered.
     */
    record Event(Change change) implements WatchRecord
    {
        /**
         * Checks the change is present.
         */
        public Event
        {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * A progress notification.
     *
     * @param revision every matching change up to and including this revision has been delivered.
     */
    record Progress(long revision) implements WatchRecord
    {
    }

    /**
     * The server ended the stream.
     *
     * @param reason why.
     */
    record Cancelled(CancelReason reason) implements WatchRecord
    {
        /**
         * Checks the reason is present.
         */
        public Cancelled
        {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The watcher watched again.
     *
     * @param startRevision first revision of the new stream (inclusive).
     * @param relisted      true if the watcher re-read the state at {@code startRevision - 1} first.
     */
    record Resumed(long startRevision, boolean relisted) implements WatchRecord
    {
    }

    /**
     * @return a delivered put.
     */
    static WatchRecord put(final long revision, final String key)
    {
        return new Event(Change.put(revision, key));
    }

    /**
     * @return a delivered delete.
     */
    static WatchRecord delete(final long revision, final String key)
    {
        return new Event(Change.delete(revision, key));
    }
}
