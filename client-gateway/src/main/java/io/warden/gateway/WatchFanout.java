package io.warden.gateway;

import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Watches of every client of this gateway, folded into one cluster registration per (key, prefix, prevValue): N
 * clients watching one key cost the cluster one registration and one event per change.
 * <p>
 * An event is identified by its revision and its ordinal among the events of that revision in the registration's
 * stream (a revision with many changes may arrive split over several frames, and a re-registration replays the same
 * events in the same order). Each subscriber has a cursor (revision, count): it has every event of earlier revisions
 * and the first {@code count} events of {@code revision}. It is sent exactly the events past its cursor, so splits,
 * replays and resumes never produce a gap or a duplicate.
 * <p>
 * After a leader change (egress is not replicated, so events can be lost) every registration is renewed from the last
 * revision received; events arriving before the node answers are dropped, since the replay after the answer covers
 * them. A subscriber that wants older events than the shared registration has buffered gets them by a re-registration
 * from its start; the others skip what they already have.
 */
final class WatchFanout
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER = 4;
    private static final long FROM_NOW = 0;
    /** The first protocol version whose clients decode {@code SharedWatchEvents}. */
    static final int SHARED_WATCH_EVENTS_VERSION = 2;

    /**
     * Where fan-out sends frames and cluster requests.
     */
    interface Output
    {
        /**
         * Queue a frame for a client.
         */
        void toClient(ClientConnection connection, DirectBuffer buffer, int offset, int length);

        /**
         * Send a request of the gateway's own to the cluster; its answer goes to the handler.
         */
        PendingRequest toCluster(int templateId, DirectBuffer buffer, int offset, int length, PendingRequest.Handler handler);

        /**
         * Send a request of the gateway's own to the cluster on behalf of a user (an {@code OnBehalf} envelope unless
         * it is {@link io.warden.schema.Principals#NO_USER}).
         */
        PendingRequest toClusterFor(
            long onBehalfOf,
            int templateId,
            DirectBuffer buffer,
            int offset,
            int length,
            PendingRequest.Handler handler);

        /**
         * Largest frame a client publication carries.
         */
        int maxClientFrameLength();
    }

    /**
     * (user, key, prefix, prevValue): what one cluster registration watches, and for whom. The cell delivers a
     * watch's events only as far as its user may read them, so watchers of the same key share a registration only
     * when they act for the same user.
     */
    static final class WatchKey
    {
        final long userId;
        final byte[] key;
        final boolean prefix;
        final boolean prevValue;
        private final int hash;

        WatchKey(final long userId, final byte[] key, final boolean prefix, final boolean prevValue)
        {
            this.userId = userId;
            this.key = key;
            this.prefix = prefix;
            this.prevValue = prevValue;
            this.hash = (Arrays.hashCode(key) * 31 + Long.hashCode(userId)) * 4 + (prefix ? 2 : 0) +
                (prevValue ? 1 : 0);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof WatchKey && ((WatchKey)o).userId == userId && ((WatchKey)o).prefix == prefix &&
                ((WatchKey)o).prevValue == prevValue && Arrays.equals(((WatchKey)o).key, key);
        }

        @Override
        public int hashCode()
        {
            return hash;
        }

        String keyText()
        {
            return new String(key, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * One client watch.
     */
    static final class Subscriber
    {
        final ClientConnection connection;
        final long clientWatchId;
        final long requestedStart;
        long clientCorrelationId;
        Shared shared;
        boolean attached;
        long cursorRevision;
        int cursorCount;
        boolean eventsSinceProgress;

        Subscriber(
            final ClientConnection connection,
            final long clientWatchId,
            final long requestedStart,
            final long clientCorrelationId)
        {
            this.connection = connection;
            this.clientWatchId = clientWatchId;
            this.requestedStart = requestedStart;
            this.clientCorrelationId = clientCorrelationId;
        }

        boolean wants(final long revision, final int ordinal)
        {
            return revision > cursorRevision || (revision == cursorRevision && ordinal >= cursorCount);
        }

        void delivered(final long revision, final int ordinal)
        {
            cursorRevision = revision;
            cursorCount = ordinal + 1;
        }

        long lastDeliveredRevision()
        {
            return cursorCount > 0 ? cursorRevision : cursorRevision - 1;
        }
    }

    /**
     * One cluster registration and the subscribers it serves.
     */
    static final class Shared
    {
        final long nodeWatchId;
        final WatchKey key;
        final ArrayList<Subscriber> subscribers = new ArrayList<>();
        final ArrayList<Subscriber> waiting = new ArrayList<>();
        final ArrayDeque<BufferedEvent> buffer = new ArrayDeque<>();
        PendingRequest registration;
        long registrationStart;
        boolean active;
        boolean resyncing;
        long registeredStart;
        long lastRevision = -1;
        int lastRevisionCount;
        long coverageFrom;
        long bufferBytes;

        Shared(final long nodeWatchId, final WatchKey key)
        {
            this.nodeWatchId = nodeWatchId;
            this.key = key;
        }

        /**
         * Where a subscriber wanting everything after the gateway's present starts: the revision after the last one
         * received, or the registration's start when nothing arrived yet.
         */
        long nowRevision()
        {
            return lastRevision >= 0 ? lastRevision + 1 : registeredStart;
        }

        /**
         * The earliest revision a renewed registration must start from so no subscriber misses an event.
         */
        long resumeFrom()
        {
            long from = lastRevision >= 0 ? lastRevision : registeredStart;
            for (final Subscriber s : subscribers)
            {
                from = Math.min(from, s.cursorRevision);
            }
            return Math.max(from, 1);
        }
    }

    /**
     * An event as received: its identity and its encoded group entry.
     */
    static final class BufferedEvent
    {
        final long revision;
        final int ordinal;
        final byte[] entry;

        BufferedEvent(final long revision, final int ordinal, final byte[] entry)
        {
            this.revision = revision;
            this.ordinal = ordinal;
            this.entry = entry;
        }
    }

    private final Output output;
    private final int bufferMaxEvents;
    private final int bufferMaxBytes;
    private final HashMap<WatchKey, Shared> byKey = new HashMap<>();
    private final Long2ObjectHashMap<Shared> byNodeWatchId = new Long2ObjectHashMap<>();
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer request = new ExpandableArrayBuffer(2048);
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final WatchResponseEncoder watchResponse = new WatchResponseEncoder();
    private final WatchResponseDecoder watchResponseDecoder = new WatchResponseDecoder();
    private final WatchEndedEncoder watchEnded = new WatchEndedEncoder();
    private final WatchEventsDecoder eventsDecoder = new WatchEventsDecoder();
    private final WatchProgressEncoder progress = new WatchProgressEncoder();
    private final ArrayList<ParsedEvent> parsed = new ArrayList<>();
    private final ArrayList<ClientConnection> batchedConnections = new ArrayList<>();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long nextNodeWatchId = 1;
    private int entryBlockLength = WatchEventsEncoder.EventsEncoder.sbeBlockLength();

    /**
     * An event of the frame being fanned out: where its entry is and who it is.
     */
    private static final class ParsedEvent
    {
        int offset;
        int length;
        long revision;
        int ordinal;
    }

    WatchFanout(final Output output, final int bufferMaxEvents, final int bufferMaxBytes)
    {
        this.output = output;
        this.bufferMaxEvents = bufferMaxEvents;
        this.bufferMaxBytes = bufferMaxBytes;
    }

    int sharedCount()
    {
        return byKey.size();
    }

    // ------------------------------------------------------------------------------------------------ client side

    /**
     * A client asks to watch (or re-watch, with the same id) a key or prefix from a revision (0 = from now).
     */
    void subscribe(
        final ClientConnection connection,
        final long clientCorrelationId,
        final long clientWatchId,
        final long startRevision,
        final byte[] key,
        final boolean prefix,
        final boolean prevValue)
    {
        unsubscribe(connection, clientWatchId);
        final WatchKey watchKey = new WatchKey(connection.principal(), key, prefix, prevValue);
        Shared shared = byKey.get(watchKey);
        final Subscriber subscriber = new Subscriber(connection, clientWatchId, startRevision, clientCorrelationId);
        connection.watches.put(clientWatchId, subscriber);
        if (shared == null)
        {
            shared = new Shared(nextNodeWatchId++, watchKey);
            byKey.put(watchKey, shared);
            byNodeWatchId.put(shared.nodeWatchId, shared);
            subscriber.shared = shared;
            shared.waiting.add(subscriber);
            register(shared, startRevision);
            return;
        }
        subscriber.shared = shared;
        if (shared.active && !shared.resyncing &&
            (startRevision == FROM_NOW || startRevision >= shared.coverageFrom))
        {
            attach(shared, subscriber);
            return;
        }
        shared.waiting.add(subscriber);
        if (!shared.resyncing && shared.registration == null ||
            startRevision != FROM_NOW && startRevision < shared.registrationStart)
        {
            register(shared, startRevision == FROM_NOW ? shared.resumeFrom() : Math.min(startRevision, shared.resumeFrom()));
        }
    }

    /**
     * A client cancels a watch; the cluster registration goes when its last subscriber does.
     *
     * @return true if the watch existed.
     */
    boolean unsubscribe(final ClientConnection connection, final long clientWatchId)
    {
        final Subscriber subscriber = connection.watches.remove(clientWatchId);
        if (subscriber == null)
        {
            return false;
        }
        final Shared shared = subscriber.shared;
        shared.subscribers.remove(subscriber);
        shared.waiting.remove(subscriber);
        releaseIfUnused(shared);
        return true;
    }

    /**
     * End every watch of a connection (it is gone, or too slow: then each gets {@code WatchEnded(code)}).
     */
    void endAll(final ClientConnection connection, final ResultCode code)
    {
        final List<Subscriber> all = new ArrayList<>(connection.watches.values());
        all.sort((a, b) -> Long.compare(a.clientWatchId, b.clientWatchId));
        for (final Subscriber subscriber : all)
        {
            if (code != null)
            {
                sendEnded(subscriber, code);
            }
            unsubscribe(connection, subscriber.clientWatchId);
        }
    }

    private void releaseIfUnused(final Shared shared)
    {
        if (shared.subscribers.isEmpty() && shared.waiting.isEmpty())
        {
            byKey.remove(shared.key);
            byNodeWatchId.remove(shared.nodeWatchId);
            writer.header(0, 0, 0, 0);
            final int length = writer.cancelWatch(request, 0, shared.nodeWatchId);
            output.toClusterFor(shared.key.userId, CancelWatchDecoder.TEMPLATE_ID, request, 0, length,
                (r, b, o, l, t) -> { });
        }
    }

    private void attach(final Shared shared, final Subscriber subscriber)
    {
        final long start = subscriber.requestedStart == FROM_NOW ? shared.nowRevision() : subscriber.requestedStart;
        subscriber.cursorRevision = start;
        subscriber.cursorCount = 0;
        subscriber.attached = true;
        shared.subscribers.add(subscriber);
        answer(subscriber, ResultCode.OK, start - 1, 0);
        if (start <= shared.lastRevision)
        {
            replayBuffered(shared, subscriber);
        }
    }

    private void answer(final Subscriber subscriber, final ResultCode code, final long revision, final long compactRevision)
    {
        final int length = HEADER + watchResponse.wrapAndApplyHeader(frame, 0, headerEncoder)
            .correlationId(subscriber.clientCorrelationId)
            .code(code)
            .watchId(subscriber.clientWatchId)
            .revision(Math.max(revision, 0))
            .compactRevision(compactRevision)
            .encodedLength();
        output.toClient(subscriber.connection, frame, 0, length);
    }

    private void sendEnded(final Subscriber subscriber, final ResultCode code)
    {
        final int length = HEADER + watchEnded.wrapAndApplyHeader(frame, 0, headerEncoder)
            .watchId(subscriber.clientWatchId)
            .code(code)
            .revision(Math.max(subscriber.lastDeliveredRevision(), 0))
            .encodedLength();
        output.toClient(subscriber.connection, frame, 0, length);
    }

    // ------------------------------------------------------------------------------------------------ cluster side

    private void register(final Shared shared, final long startRevision)
    {
        shared.resyncing = shared.active;
        shared.registrationStart = startRevision;
        writer.header(0, 0, 0, 0);
        final int length = writer.watch(
            request, 0, shared.nodeWatchId, shared.key.keyText(), shared.key.prefix, shared.key.prevValue, startRevision);
        shared.registration = output.toClusterFor(shared.key.userId,
            WatchDecoder.TEMPLATE_ID, request, 0, length, (r, b, o, l, t) -> onRegistered(shared, r, b, o, l, t));
    }

    private void onRegistered(
        final Shared shared,
        final PendingRequest request,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int templateId)
    {
        if (shared.registration != request || byNodeWatchId.get(shared.nodeWatchId) != shared)
        {
            return;
        }
        shared.registration = null;
        if (templateId != WatchResponseDecoder.TEMPLATE_ID)
        {
            failAll(shared, ResultCode.MALFORMED, 0);
            return;
        }
        headerDecoder.wrap(buffer, offset);
        watchResponseDecoder.wrap(buffer, offset + HEADER, headerDecoder.blockLength(), headerDecoder.version());
        final ResultCode code = watchResponseDecoder.code();
        final long compactRevision = watchResponseDecoder.compactRevision();
        if (code == ResultCode.OK)
        {
            final long start = shared.registrationStart == FROM_NOW ?
                watchResponseDecoder.revision() + 1 : shared.registrationStart;
            shared.active = true;
            shared.resyncing = false;
            shared.registeredStart = start;
            shared.lastRevision = -1;
            shared.lastRevisionCount = 0;
            shared.buffer.clear();
            shared.bufferBytes = 0;
            shared.coverageFrom = start;
            final ArrayList<Subscriber> waiting = new ArrayList<>(shared.waiting);
            shared.waiting.clear();
            for (final Subscriber subscriber : waiting)
            {
                if (subscriber.requestedStart != FROM_NOW && subscriber.requestedStart < start)
                {
                    shared.waiting.add(subscriber);
                }
                else
                {
                    attach(shared, subscriber);
                }
            }
            if (!shared.waiting.isEmpty())
            {
                register(shared, Math.min(lowestWaitingStart(shared), shared.resumeFrom()));
            }
        }
        else if (code == ResultCode.COMPACTED)
        {
            final ArrayList<Subscriber> tooOld = new ArrayList<>();
            for (final Subscriber subscriber : shared.waiting)
            {
                if (subscriber.requestedStart != FROM_NOW && subscriber.requestedStart <= compactRevision)
                {
                    tooOld.add(subscriber);
                }
            }
            for (final Subscriber subscriber : tooOld)
            {
                answer(subscriber, ResultCode.COMPACTED, 0, compactRevision);
                subscriber.connection.watches.remove(subscriber.clientWatchId);
                shared.waiting.remove(subscriber);
            }
            boolean attachedLost = false;
            for (final Subscriber subscriber : shared.subscribers)
            {
                attachedLost |= subscriber.cursorRevision <= compactRevision;
            }
            if (attachedLost)
            {
                for (final Subscriber subscriber : new ArrayList<>(shared.subscribers))
                {
                    sendEnded(subscriber, ResultCode.COMPACTED);
                    subscriber.connection.watches.remove(subscriber.clientWatchId);
                }
                shared.subscribers.clear();
            }
            if (shared.subscribers.isEmpty() && shared.waiting.isEmpty())
            {
                releaseIfUnused(shared);
            }
            else
            {
                // the node kept the previous registration, but events were dropped while waiting: renew it
                register(shared, Math.max(Math.min(lowestWaitingStart(shared), shared.resumeFrom()), compactRevision + 1));
            }
        }
        else
        {
            failAll(shared, code, compactRevision);
        }
    }

    private static long lowestWaitingStart(final Shared shared)
    {
        long lowest = Long.MAX_VALUE;
        for (final Subscriber subscriber : shared.waiting)
        {
            if (subscriber.requestedStart != FROM_NOW)
            {
                lowest = Math.min(lowest, subscriber.requestedStart);
            }
        }
        return lowest;
    }

    private void failAll(final Shared shared, final ResultCode code, final long compactRevision)
    {
        for (final Subscriber subscriber : new ArrayList<>(shared.waiting))
        {
            answer(subscriber, code, 0, compactRevision);
            subscriber.connection.watches.remove(subscriber.clientWatchId);
        }
        shared.waiting.clear();
        for (final Subscriber subscriber : new ArrayList<>(shared.subscribers))
        {
            sendEnded(subscriber, code);
            subscriber.connection.watches.remove(subscriber.clientWatchId);
        }
        shared.subscribers.clear();
        releaseIfUnused(shared);
    }

    /**
     * The cluster link saw a new leader or reconnected: events may have been lost, so renew every registration.
     */
    void onClusterLeaderChange()
    {
        for (final Shared shared : new ArrayList<>(byKey.values()))
        {
            if (shared.registration == null && shared.active)
            {
                register(shared, shared.resumeFrom());
            }
            else
            {
                shared.resyncing = shared.active;
            }
        }
    }

    /**
     * A {@code WatchEvents} frame from the cluster: buffer it and send each subscriber what it has not had.
     */
    void onEvents(final DirectBuffer buffer, final int offset, final int length)
    {
        headerDecoder.wrap(buffer, offset);
        eventsDecoder.wrap(buffer, offset + HEADER, headerDecoder.blockLength(), headerDecoder.version());
        final Shared shared = byNodeWatchId.get(eventsDecoder.watchId());
        if (shared == null || !shared.active || shared.resyncing)
        {
            return;
        }
        entryBlockLength = buffer.getShort(offset + HEADER + headerDecoder.blockLength(), ByteOrder.LITTLE_ENDIAN) &
            0xFFFF;
        parsed.clear();
        final WatchEventsDecoder.EventsDecoder events = eventsDecoder.events();
        int index = 0;
        while (events.hasNext())
        {
            final int entryStart = eventsDecoder.limit();
            events.next();
            final long revision = events.revision();
            events.skipKey();
            events.skipValue();
            events.skipPrevValue();
            final int entryEnd = eventsDecoder.limit();
            if (revision < shared.lastRevision)
            {
                continue;
            }
            final int ordinal;
            if (revision == shared.lastRevision)
            {
                ordinal = shared.lastRevisionCount++;
            }
            else
            {
                shared.lastRevision = revision;
                shared.lastRevisionCount = 1;
                ordinal = 0;
            }
            if (index == parsed.size())
            {
                parsed.add(new ParsedEvent());
            }
            final ParsedEvent event = parsed.get(index++);
            event.offset = entryStart;
            event.length = entryEnd - entryStart;
            event.revision = revision;
            event.ordinal = ordinal;
            final byte[] entry = new byte[event.length];
            buffer.getBytes(entryStart, entry);
            addToBuffer(shared, new BufferedEvent(revision, ordinal, entry));
        }
        final int count = index;
        if (count == 0)
        {
            return;
        }
        for (final Subscriber subscriber : shared.subscribers)
        {
            int first = 0;
            while (first < count && !subscriber.wants(parsed.get(first).revision, parsed.get(first).ordinal))
            {
                first++;
            }
            if (first == count)
            {
                continue;
            }
            if (first == 0)
            {
                final ArrayList<Subscriber> batch = subscriber.connection.fanoutBatch;
                if (batch.isEmpty())
                {
                    batchedConnections.add(subscriber.connection);
                }
                batch.add(subscriber);
            }
            else
            {
                sendEvents(subscriber, buffer, first, count);
            }
        }
        for (int i = 0, n = batchedConnections.size(); i < n; i++)
        {
            final ArrayList<Subscriber> batch = batchedConnections.get(i).fanoutBatch;
            sendToBatch(batch, buffer, count);
            batch.clear();
        }
        batchedConnections.clear();
    }

    /**
     * Send every event of the frame to several watches of one connection: one {@code SharedWatchEvents} frame per up to
     * {@link #maxWatchIdsPerSharedFrame} watches, or a plain {@code WatchEvents} frame per watch for a single watch,
     * when the events alone fill a frame, or for a client older than {@value #SHARED_WATCH_EVENTS_VERSION}.
     */
    private void sendToBatch(final ArrayList<Subscriber> batch, final DirectBuffer source, final int count)
    {
        final int eventBytes = parsed.get(count - 1).offset + parsed.get(count - 1).length - parsed.get(0).offset;
        final int maxIds = maxWatchIdsPerSharedFrame(eventBytes);
        if (batch.size() == 1 || maxIds < 2 || !isContiguous(count) ||
            batch.get(0).connection.protocolVersion < SHARED_WATCH_EVENTS_VERSION)
        {
            for (int i = 0, n = batch.size(); i < n; i++)
            {
                sendEvents(batch.get(i), source, 0, count);
            }
            return;
        }
        final ParsedEvent last = parsed.get(count - 1);
        for (int from = 0, n = batch.size(); from < n; from += maxIds)
        {
            final int to = Math.min(n, from + maxIds);
            headerEncoder.wrap(frame, 0)
                .blockLength(SharedWatchEventsEncoder.BLOCK_LENGTH)
                .templateId(SharedWatchEventsEncoder.TEMPLATE_ID)
                .schemaId(SharedWatchEventsEncoder.SCHEMA_ID)
                .version(SharedWatchEventsEncoder.SCHEMA_VERSION);
            int length = HEADER + SharedWatchEventsEncoder.BLOCK_LENGTH;
            frame.putShort(length, (short)Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            frame.putShort(length + 2, (short)(to - from), ByteOrder.LITTLE_ENDIAN);
            length += GROUP_HEADER;
            for (int i = from; i < to; i++)
            {
                final Subscriber subscriber = batch.get(i);
                frame.putLong(length, subscriber.clientWatchId, ByteOrder.LITTLE_ENDIAN);
                length += Long.BYTES;
                subscriber.delivered(last.revision, last.ordinal);
                subscriber.eventsSinceProgress = true;
            }
            frame.putShort(length, (short)entryBlockLength, ByteOrder.LITTLE_ENDIAN);
            frame.putShort(length + 2, (short)count, ByteOrder.LITTLE_ENDIAN);
            length += GROUP_HEADER;
            frame.putBytes(length, source, parsed.get(0).offset, eventBytes);
            length += eventBytes;
            output.toClient(batch.get(from).connection, frame, 0, length);
        }
    }

    private boolean isContiguous(final int count)
    {
        for (int i = 1; i < count; i++)
        {
            if (parsed.get(i).offset != parsed.get(i - 1).offset + parsed.get(i - 1).length)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * How many watch ids fit in a {@code SharedWatchEvents} frame beside this many bytes of events (less than 2: send
     * {@code WatchEvents} frames instead).
     */
    private int maxWatchIdsPerSharedFrame(final int eventBytes)
    {
        final int room = output.maxClientFrameLength() - HEADER - SharedWatchEventsEncoder.BLOCK_LENGTH -
            2 * GROUP_HEADER - eventBytes;
        return room < 0 ? 0 : Math.min(0xFFFF, room / Long.BYTES);
    }

    private void sendEvents(final Subscriber subscriber, final DirectBuffer source, final int from, final int to)
    {
        final int maxFrame = output.maxClientFrameLength();
        int position = from;
        while (position < to)
        {
            int length = beginEventsFrame(subscriber);
            int n = 0;
            while (position < to && n < 0xFFFF)
            {
                final ParsedEvent event = parsed.get(position);
                if (n > 0 && length + event.length > maxFrame)
                {
                    break;
                }
                frame.putBytes(length, source, event.offset, event.length);
                length += event.length;
                subscriber.delivered(event.revision, event.ordinal);
                position++;
                n++;
            }
            endEventsFrame(subscriber, length, n);
        }
    }

    private void replayBuffered(final Shared shared, final Subscriber subscriber)
    {
        final int maxFrame = output.maxClientFrameLength();
        int length = 0;
        int n = 0;
        for (final BufferedEvent event : shared.buffer)
        {
            if (!subscriber.wants(event.revision, event.ordinal))
            {
                continue;
            }
            if (n == 0)
            {
                length = beginEventsFrame(subscriber);
            }
            else if (length + event.entry.length > maxFrame || n == 0xFFFF)
            {
                endEventsFrame(subscriber, length, n);
                length = beginEventsFrame(subscriber);
                n = 0;
            }
            frame.putBytes(length, event.entry);
            length += event.entry.length;
            subscriber.delivered(event.revision, event.ordinal);
            n++;
        }
        if (n > 0)
        {
            endEventsFrame(subscriber, length, n);
        }
    }

    private int beginEventsFrame(final Subscriber subscriber)
    {
        headerEncoder.wrap(frame, 0)
            .blockLength(WatchEventsEncoder.BLOCK_LENGTH)
            .templateId(WatchEventsEncoder.TEMPLATE_ID)
            .schemaId(WatchEventsEncoder.SCHEMA_ID)
            .version(WatchEventsEncoder.SCHEMA_VERSION);
        frame.putLong(HEADER, subscriber.clientWatchId, ByteOrder.LITTLE_ENDIAN);
        frame.putShort(HEADER + WatchEventsEncoder.BLOCK_LENGTH, (short)entryBlockLength, ByteOrder.LITTLE_ENDIAN);
        return HEADER + WatchEventsEncoder.BLOCK_LENGTH + GROUP_HEADER;
    }

    private void endEventsFrame(final Subscriber subscriber, final int length, final int count)
    {
        frame.putShort(HEADER + WatchEventsEncoder.BLOCK_LENGTH + 2, (short)count, ByteOrder.LITTLE_ENDIAN);
        output.toClient(subscriber.connection, frame, 0, length);
        subscriber.eventsSinceProgress = true;
    }

    private void addToBuffer(final Shared shared, final BufferedEvent event)
    {
        shared.buffer.addLast(event);
        shared.bufferBytes += event.entry.length;
        while (shared.buffer.size() > bufferMaxEvents || shared.bufferBytes > bufferMaxBytes)
        {
            final long evicted = shared.buffer.peekFirst().revision;
            if (evicted == event.revision)
            {
                break;
            }
            while (!shared.buffer.isEmpty() && shared.buffer.peekFirst().revision == evicted)
            {
                shared.bufferBytes -= shared.buffer.pollFirst().entry.length;
            }
            shared.coverageFrom = evicted + 1;
        }
    }

    // ------------------------------------------------------------------------------------------------ progress

    /**
     * The cluster answered a progress request with its revision: tell every idle watch that it has everything up to
     * there.
     */
    void onProgress(final long revision, final Iterable<ClientConnection> connections)
    {
        for (final ClientConnection connection : connections)
        {
            int count = 0;
            for (final Subscriber subscriber : connection.watches.values())
            {
                if (isIdleAndCurrent(subscriber, revision))
                {
                    count++;
                }
            }
            if (count > 0)
            {
                final WatchProgressEncoder.WatchesEncoder watches = progress.wrapAndApplyHeader(frame, 0, headerEncoder)
                    .revision(revision)
                    .watchesCount(Math.min(count, 0xFFFF));
                int written = 0;
                for (final Subscriber subscriber : connection.watches.values())
                {
                    if (written < 0xFFFF && isIdleAndCurrent(subscriber, revision))
                    {
                        watches.next().watchId(subscriber.clientWatchId);
                        written++;
                    }
                }
                output.toClient(connection, frame, 0, HEADER + progress.encodedLength());
            }
            for (final Subscriber subscriber : connection.watches.values())
            {
                subscriber.eventsSinceProgress = false;
            }
        }
    }

    private static boolean isIdleAndCurrent(final Subscriber subscriber, final long revision)
    {
        final Shared shared = subscriber.shared;
        return subscriber.attached && !subscriber.eventsSinceProgress && shared.active && !shared.resyncing &&
            subscriber.cursorRevision <= revision + 1;
    }
}
