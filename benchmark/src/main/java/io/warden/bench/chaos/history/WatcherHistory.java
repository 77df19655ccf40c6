package io.warden.bench.chaos.history;

import java.util.List;
import java.util.Objects;

/**
 * What one watcher asked for and what it received.
 *
 * @param watcher       a name for reports.
 * @param key           the watched key, or the prefix if {@code prefix} is true.
 * @param prefix        whether {@code key} is a prefix.
 * @param startRevision the first revision the watch covers (inclusive), as in etcd: a watch "from now" starts at
 *                      the current revision + 1, and a list-then-watch at the list's revision + 1.
 * @param records       what the watcher received, in order.
 */
public record WatcherHistory(String watcher, String key, boolean prefix, long startRevision, List<WatchRecord> records)
{
    /**
     * Checks the fields are present and copies the records.
     */
    public WatcherHistory
    {
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(key, "key");
        records = List.copyOf(records);
    }

    /**
     * @return true if a change to {@code changedKey} is one this watch asked for.
     */
    public boolean matches(final String changedKey)
    {
        return prefix ? changedKey.startsWith(key) : changedKey.equals(key);
    }
}
