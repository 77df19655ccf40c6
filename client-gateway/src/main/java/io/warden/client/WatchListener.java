package io.warden.client;

import io.warden.schema.protocol.ResultCode;

import java.util.List;

/**
 * Receives a watch's events, in revision order, without gaps or duplicates, across reconnects and gateway
 * failovers. Called on the client's callback executor (see {@link WardenClient.Context#callbackExecutor}), one call
 * at a time per client; must not block for long.
 * <pre>{@code
 * WatchHandle watch = client.watchPrefix("/config/", 0, event -> System.out.println(event));
 * }</pre>
 */
@FunctionalInterface
public interface WatchListener
{
    /**
     * One change.
     * <pre>{@code event -> cache.put(event.key(), event.value()) }</pre>
     *
     * @param event the change.
     */
    void onEvent(WatchEvent event);

    /**
     * A batch of changes that arrived together (a transaction's changes arrive in one batch). The default calls
     * {@link #onEvent(WatchEvent)} for each.
     * <pre>{@code public void onEvents(List<WatchEvent> events) { cache.applyAll(events); } }</pre>
     *
     * @param events the changes, in revision order.
     */
    default void onEvents(final List<WatchEvent> events)
    {
        for (final WatchEvent event : events)
        {
            onEvent(event);
        }
    }

    /**
     * The watch is registered: events after {@code revision} will be delivered (for a watch "from now", this is the
     * revision it started after).
     * <pre>{@code public void onRegistered(long revision) { log.info("watching after {}", revision); } }</pre>
     *
     * @param revision the revision at registration.
     */
    default void onRegistered(final long revision)
    {
    }

    /**
     * Every change up to {@code revision} has been delivered (a progress notification on an idle watch).
     * <pre>{@code public void onProgress(long revision) { checkpoint(revision); } }</pre>
     *
     * @param revision the revision.
     */
    default void onProgress(final long revision)
    {
    }

    /**
     * The watch ended without being cancelled: {@link ResultCode#COMPACTED} (the history it needed is gone: re-list
     * with {@link WardenClient#range} and watch from the range's revision + 1), or a validation or limit code. After
     * a {@code SLOW_CONSUMER} cut by the gateway the client re-creates the watch itself and this is not called.
     * <pre>{@code public void onEnded(ResultCode code, long last) { if (code == ResultCode.COMPACTED) relist(); } }</pre>
     *
     * @param code         why it ended.
     * @param lastRevision the revision of the last event delivered (or the start revision - 1).
     */
    default void onEnded(final ResultCode code, final long lastRevision)
    {
    }
}
