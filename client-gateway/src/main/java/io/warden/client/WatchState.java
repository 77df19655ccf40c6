package io.warden.client;

/**
 * The agent's record of one watch: what it watches, its listener, its cursor, and whether the current connection has
 * it registered.
 * <p>
 * Thread: the client agent only (the handle's volatile fields publish progress to user threads).
 */
final class WatchState
{
    final long watchId;
    final String key;
    final boolean prefix;
    final boolean prevValue;
    final WatchListener listener;
    final WatchCursor cursor;
    final WatchHandle handle;
    boolean registeredOnLink;
    boolean everRegistered;
    boolean ended;

    WatchState(
        final long watchId,
        final String key,
        final boolean prefix,
        final boolean prevValue,
        final long fromRevision,
        final WatchListener listener,
        final WatchHandle handle)
    {
        this.watchId = watchId;
        this.key = key;
        this.prefix = prefix;
        this.prevValue = prevValue;
        this.listener = listener;
        this.cursor = new WatchCursor(fromRevision);
        this.handle = handle;
    }
}
