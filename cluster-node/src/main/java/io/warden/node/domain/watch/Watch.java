package io.warden.node.domain.watch;

import io.warden.node.domain.Key;
import io.warden.node.domain.kv.ChangeEvent;

import java.util.ArrayList;

/**
 * One registration: a connection's watch on a key or prefix, delivering changes from a start revision on.
 */
public final class Watch
{
    /** The watcher of an operator's watch: it sees every event whatever the permissions. */
    public static final long EVERYTHING = Long.MIN_VALUE;

    final long route;
    final long watchId;
    final Key key;
    final boolean prefix;
    final boolean prevValue;
    final long startRevision;
    final long watcher;
    final ArrayList<ChangeEvent> pending = new ArrayList<>(0);

    Watch(
        final long route,
        final long watchId,
        final Key key,
        final boolean prefix,
        final boolean prevValue,
        final long startRevision,
        final long watcher)
    {
        this.watcher = watcher;
        this.route = route;
        this.watchId = watchId;
        this.key = key;
        this.prefix = prefix;
        this.prevValue = prevValue;
        this.startRevision = startRevision;
    }

    public long route()
    {
        return route;
    }

    /**
     * The user whose read permission filters this watch's events (0 for none, {@link #EVERYTHING} for an operator).
     */
    public long watcher()
    {
        return watcher;
    }

    public long watchId()
    {
        return watchId;
    }

    public Key key()
    {
        return key;
    }

    public boolean isPrefix()
    {
        return prefix;
    }

    public boolean withPrevValue()
    {
        return prevValue;
    }

    /**
     * First revision this watch delivers.
     */
    public long startRevision()
    {
        return startRevision;
    }

    boolean matches(final Key changed)
    {
        return prefix ? changed.startsWith(key) : changed.equals(key);
    }

    int compareIdentity(final Watch other)
    {
        final int byRoute = Long.compare(route, other.route);
        return byRoute != 0 ? byRoute : Long.compare(watchId, other.watchId);
    }

    @Override
    public String toString()
    {
        return "Watch{route=" + route + ", id=" + watchId + ", " + (prefix ? "prefix " : "key ") + key +
            ", start=" + startRevision + '}';
    }
}
