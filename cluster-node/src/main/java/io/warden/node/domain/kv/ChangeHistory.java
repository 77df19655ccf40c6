package io.warden.node.domain.kv;

import io.warden.node.domain.ReplicatedLimits;
import io.warden.node.domain.Slice;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The bounded history of recent changes, oldest first, kept by count and by bytes. Eviction removes whole revisions
 * only, so for every revision above {@link #compactRevision()} the history holds every change; at or below it, some may
 * be gone and a watch or read there gets {@code COMPACTED}.
 */
public final class ChangeHistory
{
    private static final int MAX_SPARE_EVENTS = 1024;

    private final ReplicatedLimits limits;
    private final RingOfEvents events = new RingOfEvents();
    private final ValuePool values = new ValuePool();
    private final ChangeEvent[] spareEvents = new ChangeEvent[MAX_SPARE_EVENTS];
    private int spareEventCount;
    private long bytes;
    private long compactRevision;

    public ChangeHistory(final ReplicatedLimits limits)
    {
        this.limits = limits;
    }

    /**
     * Revisions at or below this one may have lost events.
     */
    public long compactRevision()
    {
        return compactRevision;
    }

    public int size()
    {
        return events.size();
    }

    public long bytes()
    {
        return bytes;
    }

    public ChangeEvent get(final int index)
    {
        return events.get(index);
    }

    /**
     * Append the changes of one command (all of one revision), then evict down to the limits.
     */
    public void append(final ChangeList changes)
    {
        for (int i = 0, n = changes.size(); i < n; i++)
        {
            final ChangeEvent event = changes.get(i);
            events.addLast(event);
            bytes += event.sizeInBytes();
        }
        trim();
    }

    /**
     * Evict whole revisions, oldest first, until within the limits.
     */
    public void trim()
    {
        while (events.size() > 0 && (events.size() > limits.historyMaxEvents() || bytes > limits.historyMaxBytes()))
        {
            final long evicted = events.get(0).revision;
            while (events.size() > 0 && events.get(0).revision == evicted)
            {
                final ChangeEvent event = events.removeFirst();
                bytes -= event.sizeInBytes();
                recycle(event);
            }
            compactRevision = evicted;
        }
    }

    /**
     * An event to fill for a new change: a recycled one when there is one. Every field is set by the caller.
     */
    ChangeEvent newEvent()
    {
        if (spareEventCount == 0)
        {
            return new ChangeEvent();
        }
        final ChangeEvent event = spareEvents[--spareEventCount];
        spareEvents[spareEventCount] = null;
        return event;
    }

    /**
     * A store-owned copy of a value (see {@link ValuePool}).
     */
    byte[] copyValue(final Slice value)
    {
        return values.copyOf(value);
    }

    /**
     * An evicted event is referenced by nobody (watches and answers use events only during the command that made
     * them, and commands append to history last); nor is its previous value (see {@link ValuePool}).
     */
    private void recycle(final ChangeEvent event)
    {
        if (event.prevValuePooled)
        {
            values.release(event.prevValue);
        }
        event.key = null;
        event.value = null;
        event.prevValue = null;
        event.prevValuePooled = false;
        if (spareEventCount < MAX_SPARE_EVENTS)
        {
            spareEvents[spareEventCount++] = event;
        }
    }

    /**
     * Index of the first event at or after the given revision, or {@link #size()} if none.
     */
    public int firstIndexAtOrAfter(final long revision)
    {
        int low = 0;
        int high = events.size();
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (events.get(mid).revision < revision)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Restore from a snapshot: the compact revision first, then events oldest first.
     */
    public void restoreCompactRevision(final long compactRevision)
    {
        this.compactRevision = compactRevision;
    }

    public void restore(final ChangeEvent event)
    {
        events.addLast(event);
        bytes += event.sizeInBytes();
    }

    /**
     * Events oldest first.
     */
    public Iterator<ChangeEvent> iterator()
    {
        return events.iterator();
    }

    /**
     * A growable ring with indexed access (ArrayDeque has none).
     */
    private static final class RingOfEvents
    {
        private ChangeEvent[] ring = new ChangeEvent[1024];
        private int head;
        private int size;

        int size()
        {
            return size;
        }

        ChangeEvent get(final int index)
        {
            return ring[(head + index) & (ring.length - 1)];
        }

        void addLast(final ChangeEvent event)
        {
            if (size == ring.length)
            {
                final ChangeEvent[] bigger = new ChangeEvent[ring.length * 2];
                for (int i = 0; i < size; i++)
                {
                    bigger[i] = get(i);
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) & (ring.length - 1)] = event;
            size++;
        }

        ChangeEvent removeFirst()
        {
            final ChangeEvent event = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            return event;
        }

        Iterator<ChangeEvent> iterator()
        {
            final ArrayDeque<ChangeEvent> copy = new ArrayDeque<>(size);
            for (int i = 0; i < size; i++)
            {
                copy.addLast(get(i));
            }
            return copy.iterator();
        }
    }
}
