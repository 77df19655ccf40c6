package io.warden.node.domain.support;

import io.warden.node.domain.Key;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.port.Events;
import io.warden.schema.protocol.ResultCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link Events} port that records every event as an immutable {@link Event}, copying each change out of the
 * (reused) lists the domain passes.
 */
public final class RecordingEvents implements Events
{
    private final ArrayList<Event> events = new ArrayList<>();

    /**
     * Every event so far, oldest first (a read-only view).
     */
    public List<Event> all()
    {
        return Collections.unmodifiableList(events);
    }

    public int size()
    {
        return events.size();
    }

    public Event get(final int index)
    {
        return events.get(index);
    }

    public boolean isEmpty()
    {
        return events.isEmpty();
    }

    /**
     * The latest event; fails if there is none.
     */
    public Event last()
    {
        if (events.isEmpty())
        {
            throw new AssertionError("no event recorded");
        }
        return events.get(events.size() - 1);
    }

    public <T extends Event> T last(final Class<T> type)
    {
        return last().as(type);
    }

    /**
     * The events of one kind, oldest first.
     */
    public <T extends Event> List<T> of(final Class<T> type)
    {
        final ArrayList<T> result = new ArrayList<>();
        for (final Event event : events)
        {
            if (type.isInstance(event))
            {
                result.add(type.cast(event));
            }
        }
        return result;
    }

    public List<Event.LockEnded> lockEnded()
    {
        return of(Event.LockEnded.class);
    }

    public List<Event.ElectionEnded> electionEnded()
    {
        return of(Event.ElectionEnded.class);
    }

    public List<Event.SessionEnded> sessionEnded()
    {
        return of(Event.SessionEnded.class);
    }

    public List<Event.WatchEvents> watchBatches()
    {
        return of(Event.WatchEvents.class);
    }

    /**
     * The batches delivered to one watch of one connection, oldest first.
     */
    public List<Event.WatchEvents> watchBatches(final long route, final long watchId)
    {
        final ArrayList<Event.WatchEvents> result = new ArrayList<>();
        for (final Event.WatchEvents batch : watchBatches())
        {
            if (batch.route() == route && batch.watchId() == watchId)
            {
                result.add(batch);
            }
        }
        return result;
    }

    /**
     * Every change delivered to one watch of one connection, flattened in delivery order.
     */
    public List<Change> changes(final long route, final long watchId)
    {
        final ArrayList<Change> result = new ArrayList<>();
        for (final Event.WatchEvents batch : watchBatches(route, watchId))
        {
            result.addAll(batch.changes());
        }
        return result;
    }

    public void clear()
    {
        events.clear();
    }

    public void lockEnded(
        final long route,
        final long sessionId,
        final long requestSeq,
        final ResultCode code,
        final long token,
        final Key name)
    {
        events.add(new Event.LockEnded(route, sessionId, requestSeq, code, token, name.toString()));
    }

    public void electionEnded(
        final long route,
        final long sessionId,
        final long requestSeq,
        final ResultCode code,
        final long term,
        final Key election)
    {
        events.add(new Event.ElectionEnded(route, sessionId, requestSeq, code, term, election.toString()));
    }

    public void sessionEnded(final long route, final long sessionId, final ResultCode code)
    {
        events.add(new Event.SessionEnded(route, sessionId, code));
    }

    public void watchEvents(
        final long route, final long watchId, final boolean withPrevValue, final List<ChangeEvent> changes)
    {
        final ArrayList<Change> copies = new ArrayList<>(changes.size());
        for (final ChangeEvent change : changes)
        {
            copies.add(Change.copyOf(change));
        }
        events.add(new Event.WatchEvents(route, watchId, withPrevValue, List.copyOf(copies)));
    }

    public void snapshotRequested()
    {
        events.add(new Event.SnapshotRequested());
    }
}
