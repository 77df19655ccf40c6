package io.warden.client;

import io.warden.schema.protocol.EventType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The local sorted copy of every key under a prefix, kept by {@link ConfigWatcher}: filled by a range at revision
 * {@code R}, then updated by watch events after {@code R}. A re-list (after {@code COMPACTED}) replaces the content
 * and reports the difference as synthetic events at the new range's revision, so listeners see one kind of update.
 * <p>
 * Thread: not thread-safe; {@link ConfigWatcher} serialises access and publishes {@link #snapshot()}s.
 */
final class ConfigView
{
    private final TreeMap<String, KeyValue> entries = new TreeMap<>();
    private long listRevision;
    private long revision;

    /**
     * Replace the content with a listing read at {@code listRevision}.
     *
     * @return the changes from the previous content, as events at {@code listRevision}, in key order.
     */
    List<WatchEvent> reset(final List<KeyValue> listed, final long listRevision)
    {
        final TreeMap<String, KeyValue> next = new TreeMap<>();
        for (final KeyValue kv : listed)
        {
            next.put(kv.key(), kv);
        }
        final List<WatchEvent> changes = new ArrayList<>();
        final Iterator<Map.Entry<String, KeyValue>> old = entries.entrySet().iterator();
        while (old.hasNext())
        {
            final Map.Entry<String, KeyValue> entry = old.next();
            if (!next.containsKey(entry.getKey()))
            {
                final KeyValue gone = entry.getValue();
                changes.add(new WatchEvent(EventType.DELETE, gone.key(), null, null, listRevision, 0,
                    listRevision, 0, 0, gone.modRevision()));
            }
        }
        for (final KeyValue kv : next.values())
        {
            final KeyValue before = entries.get(kv.key());
            if (before == null || before.modRevision() != kv.modRevision() || !before.sameValue(kv))
            {
                changes.add(new WatchEvent(EventType.PUT, kv.key(), kv.value(), null, listRevision,
                    kv.createRevision(), kv.modRevision(), kv.version(), kv.ownerSessionId(),
                    before == null ? 0 : before.modRevision()));
            }
        }
        changes.sort((a, b) -> a.key().compareTo(b.key()));
        entries.clear();
        entries.putAll(next);
        this.listRevision = listRevision;
        revision = listRevision;
        return changes;
    }

    /**
     * Apply one watch event. Events at or before the revision of the last listing are already reflected and are
     * ignored (several events may share a revision, so later ones are not filtered by revision here; the watch's
     * cursor drops duplicates).
     *
     * @return true when the view changed.
     */
    boolean apply(final WatchEvent event)
    {
        if (event.revision() <= listRevision)
        {
            return false;
        }
        revision = Math.max(revision, event.revision());
        if (event.type() == EventType.DELETE)
        {
            return entries.remove(event.key()) != null;
        }
        entries.put(event.key(), event.toKeyValue());
        return true;
    }

    /**
     * The view's revision: every change up to it is reflected.
     */
    long revision()
    {
        return revision;
    }

    /**
     * Every change up to {@code revision} is reflected (a progress notification).
     */
    void advanceTo(final long revision)
    {
        if (revision > this.revision)
        {
            this.revision = revision;
        }
    }

    KeyValue get(final String key)
    {
        return entries.get(key);
    }

    int size()
    {
        return entries.size();
    }

    /**
     * An unmodifiable copy of the content.
     */
    NavigableMap<String, KeyValue> snapshot()
    {
        return Collections.unmodifiableNavigableMap(new TreeMap<>(entries));
    }
}
