package io.warden.node.domain.support;

import io.warden.schema.protocol.ResultCode;

import java.util.List;

/**
 * One recorded unsolicited message of the state machine: an immutable copy of what went to the {@code Events} port.
 */
public sealed interface Event
    permits Event.LockEnded, Event.ElectionEnded, Event.SessionEnded, Event.WatchEvents, Event.SnapshotRequested
{
    /**
     * The connection the event goes to.
     */
    long route();

    /**
     * This event as the given kind, or an {@link AssertionError} saying what it was instead.
     */
    default <T extends Event> T as(final Class<T> type)
    {
        if (!type.isInstance(this))
        {
            throw new AssertionError("expected a " + type.getSimpleName() + " event but got " + this);
        }
        return type.cast(this);
    }

    record LockEnded(long route, long sessionId, long requestSeq, ResultCode code, long token, String name)
        implements Event
    {
    }

    record ElectionEnded(long route, long sessionId, long requestSeq, ResultCode code, long term, String election)
        implements Event
    {
    }

    /** An operator's snapshot request was allowed (an event for the node, not for a connection: route 0). */
    record SnapshotRequested() implements Event
    {
        public long route()
        {
            return 0;
        }
    }

    record SessionEnded(long route, long sessionId, ResultCode code) implements Event
    {
    }

    /**
     * One batch of changes for one watch.
     */
    record WatchEvents(long route, long watchId, boolean withPrevValue, List<Change> changes) implements Event
    {
    }
}
