package io.warden.node.domain.watch;

import io.warden.node.domain.Key;
import io.warden.node.domain.QuotaCheck;
import io.warden.node.domain.ReplicatedLimits;
import io.warden.node.domain.StateBudget;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.ChangeHistory;
import io.warden.node.domain.kv.ChangeList;
import io.warden.node.domain.port.Events;
import io.warden.schema.KeyRules;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * Every watch registration, indexed for matching: exact keys by hash, prefixes by hash per registered prefix length
 * (a changed key probes only the lengths in use). Lists are kept sorted by (route, watch id), and prefix lengths are
 * probed shortest first, so the order of notifications depends only on the registrations, never on history.
 */
public final class WatchRegistry
{
    private final HashMap<Key, ArrayList<Watch>> exact = new HashMap<>();
    private final HashMap<Key, ArrayList<Watch>> prefixes = new HashMap<>();
    private final int[] prefixLengthUse = new int[WardenLimits.MAX_KEY_LENGTH + 1];
    private int[] prefixLengths = new int[0];
    private final Long2ObjectHashMap<Long2ObjectHashMap<Watch>> byRoute = new Long2ObjectHashMap<>();
    private final ArrayList<Watch> dirty = new ArrayList<>();
    private final ArrayList<ChangeEvent> replay = new ArrayList<>();
    private final Key probe = Key.probe();
    private final ReplicatedLimits limits;
    private final StateBudget budget;
    private int count;

    /**
     * Which events a watcher may see (its read permission). Everything by default.
     */
    @FunctionalInterface
    public interface ReadFilter
    {
        boolean mayRead(long watcher, Key key);
    }

    private ReadFilter readFilter = (watcher, key) -> true;

    /**
     * Filter every event from now on, at registration replay and dispatch alike.
     */
    public void readFilter(final ReadFilter readFilter)
    {
        this.readFilter = readFilter;
    }

    public WatchRegistry(final ReplicatedLimits limits, final StateBudget budget)
    {
        this.limits = limits;
        this.budget = budget;
    }

    public int size()
    {
        return count;
    }

    /**
     * Check a registration without changing anything.
     *
     * @return OK, a key code, or QUOTA_EXCEEDED (the connection's watch cap; {@code check} says so).
     */
    public ResultCode checkRegister(
        final long route, final long watchId, final Key key, final boolean prefix, final QuotaCheck check)
    {
        final ResultCode keyCode = prefix ?
            KeyRules.checkPrefix(key.bytes(), key.length()) : KeyRules.checkName(key.bytes(), key.length());
        if (keyCode != ResultCode.OK)
        {
            return keyCode;
        }
        final Long2ObjectHashMap<Watch> routeWatches = byRoute.get(route);
        if (routeWatches != null && routeWatches.size() >= limits.maxWatchesPerConnection() &&
            !routeWatches.containsKey(watchId))
        {
            check.refuse(QuotaCheck.Limit.CONNECTION_WATCHES, route, limits.maxWatchesPerConnection(),
                routeWatches.size(), 1);
            return ResultCode.QUOTA_EXCEEDED;
        }
        return ResultCode.OK;
    }

    /**
     * Register (or replace, to resume) a watch. Call {@link #checkRegister} first.
     */
    public Watch register(
        final long route,
        final long watchId,
        final Key key,
        final boolean prefix,
        final boolean prevValue,
        final long startRevision,
        final long watcher)
    {
        cancel(route, watchId);
        final Watch watch = new Watch(route, watchId, key.copy(), prefix, prevValue, startRevision, watcher);
        Long2ObjectHashMap<Watch> routeWatches = byRoute.get(route);
        if (routeWatches == null)
        {
            routeWatches = new Long2ObjectHashMap<>();
            byRoute.put(route, routeWatches);
        }
        routeWatches.put(watchId, watch);
        final HashMap<Key, ArrayList<Watch>> index = prefix ? prefixes : exact;
        ArrayList<Watch> list = index.get(watch.key);
        if (list == null)
        {
            list = new ArrayList<>(1);
            index.put(watch.key, list);
        }
        insertSorted(list, watch);
        budget.add(StateBudget.watchBytes(watch.key.length()));
        if (prefix && prefixLengthUse[watch.key.length()]++ == 0)
        {
            rebuildPrefixLengths();
        }
        count++;
        return watch;
    }

    /**
     * Remove a watch.
     *
     * @return true if it existed.
     */
    public boolean cancel(final long route, final long watchId)
    {
        final Long2ObjectHashMap<Watch> routeWatches = byRoute.get(route);
        final Watch watch = routeWatches == null ? null : routeWatches.remove(watchId);
        if (watch == null)
        {
            return false;
        }
        if (routeWatches.isEmpty())
        {
            byRoute.remove(route);
        }
        unindex(watch);
        return true;
    }

    /**
     * A connection is gone: drop all of its watches.
     */
    public void removeRoute(final long route)
    {
        final Long2ObjectHashMap<Watch> routeWatches = byRoute.remove(route);
        if (routeWatches != null)
        {
            final Long2ObjectHashMap<Watch>.ValueIterator it = routeWatches.values().iterator();
            while (it.hasNext())
            {
                unindex(it.next());
            }
        }
    }

    private void unindex(final Watch watch)
    {
        final HashMap<Key, ArrayList<Watch>> index = watch.prefix ? prefixes : exact;
        final ArrayList<Watch> list = index.get(watch.key);
        list.remove(watch);
        if (list.isEmpty())
        {
            index.remove(watch.key);
        }
        if (watch.prefix && --prefixLengthUse[watch.key.length()] == 0)
        {
            rebuildPrefixLengths();
        }
        budget.remove(StateBudget.watchBytes(watch.key.length()));
        count--;
    }

    private void rebuildPrefixLengths()
    {
        int n = 0;
        for (final int use : prefixLengthUse)
        {
            if (use > 0)
            {
                n++;
            }
        }
        final int[] lengths = new int[n];
        int i = 0;
        for (int length = 0; length < prefixLengthUse.length; length++)
        {
            if (prefixLengthUse[length] > 0)
            {
                lengths[i++] = length;
            }
        }
        prefixLengths = lengths;
    }

    private static void insertSorted(final ArrayList<Watch> list, final Watch watch)
    {
        int i = list.size();
        while (i > 0 && list.get(i - 1).compareIdentity(watch) > 0)
        {
            i--;
        }
        list.add(i, watch);
    }

    /**
     * Tell every matching watch about the changes of one command, one batch per watch.
     */
    public void dispatch(final ChangeList changes, final Events events)
    {
        if (count == 0 || changes.isEmpty())
        {
            return;
        }
        for (int i = 0, n = changes.size(); i < n; i++)
        {
            final ChangeEvent change = changes.get(i);
            final Key key = change.key();
            final ArrayList<Watch> onKey = exact.get(key);
            if (onKey != null)
            {
                collect(onKey, change);
            }
            for (final int length : prefixLengths)
            {
                if (length > key.length())
                {
                    break;
                }
                final ArrayList<Watch> onPrefix = prefixes.get(probe.setPrefixOf(key, length));
                if (onPrefix != null)
                {
                    collect(onPrefix, change);
                }
            }
        }
        for (int i = 0, n = dirty.size(); i < n; i++)
        {
            final Watch watch = dirty.get(i);
            events.watchEvents(watch.route, watch.watchId, watch.prevValue, watch.pending);
            watch.pending.clear();
        }
        dirty.clear();
    }

    private void collect(final ArrayList<Watch> watches, final ChangeEvent change)
    {
        for (int j = 0, m = watches.size(); j < m; j++)
        {
            final Watch watch = watches.get(j);
            if (change.revision() >= watch.startRevision && readFilter.mayRead(watch.watcher, change.key()))
            {
                if (watch.pending.isEmpty())
                {
                    dirty.add(watch);
                }
                watch.pending.add(change);
            }
        }
    }

    /**
     * Send a newly registered watch everything in history from its start revision on.
     */
    public void replay(final Watch watch, final ChangeHistory history, final Events events)
    {
        replay.clear();
        for (int i = history.firstIndexAtOrAfter(watch.startRevision), n = history.size(); i < n; i++)
        {
            final ChangeEvent change = history.get(i);
            if (watch.matches(change.key()) && readFilter.mayRead(watch.watcher, change.key()))
            {
                replay.add(change);
            }
        }
        if (!replay.isEmpty())
        {
            events.watchEvents(watch.route, watch.watchId, watch.prevValue, replay);
            replay.clear();
        }
    }

    /**
     * Every watch in (route, watch id) order (snapshots, digests).
     */
    public ArrayList<Watch> sorted()
    {
        final ArrayList<Watch> all = new ArrayList<>(count);
        final Long2ObjectHashMap<Long2ObjectHashMap<Watch>>.ValueIterator it = byRoute.values().iterator();
        while (it.hasNext())
        {
            all.addAll(it.next().values());
        }
        all.sort(Watch::compareIdentity);
        return all;
    }
}
