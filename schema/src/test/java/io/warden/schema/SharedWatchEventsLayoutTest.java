package io.warden.schema;

import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.MessageHeaderEncoder;
import io.warden.schema.protocol.SharedWatchEventsDecoder;
import io.warden.schema.protocol.SharedWatchEventsEncoder;
import io.warden.schema.protocol.WatchEventsDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway copies a node's {@code WatchEvents} entries byte for byte into {@code SharedWatchEvents}, and the client
 * reads that group with the {@code WatchEvents} decoder: the two event groups must keep one layout.
 */
final class SharedWatchEventsLayoutTest
{
    @Test
    void theSharedEventsGroupReadsBackThroughTheWatchEventsDecoder()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final SharedWatchEventsEncoder encoder = new SharedWatchEventsEncoder();
        final SharedWatchEventsEncoder.WatchesEncoder watches =
            encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).watchesCount(2);
        watches.next().watchId(7);
        watches.next().watchId(9);
        final SharedWatchEventsEncoder.EventsEncoder events = encoder.eventsCount(2);
        events.next().eventType(EventType.PUT).revision(11).createRevision(3).modRevision(11).version(4)
            .ownerSessionId(99).prevModRevision(10).key("/a").putValue(bytes("v"), 0, 1).putPrevValue(bytes("pv"), 0, 2);
        events.next().eventType(EventType.DELETE).revision(12).createRevision(0).modRevision(12).version(0)
            .ownerSessionId(0).prevModRevision(11).key("/b").putValue(bytes(""), 0, 0).putPrevValue(bytes("x"), 0, 1);

        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final SharedWatchEventsDecoder shared = new SharedWatchEventsDecoder().wrapAndApplyHeader(buffer, 0, header);
        long idSum = 0;
        for (final SharedWatchEventsDecoder.WatchesDecoder w : shared.watches())
        {
            idSum += w.watchId();
        }
        assertEquals(16, idSum);
        final WatchEventsDecoder view = new WatchEventsDecoder().wrap(buffer, shared.limit(), 0, shared.actingVersion());
        final WatchEventsDecoder.EventsDecoder read = view.events();
        assertEquals(2, read.count());

        read.next();
        assertEquals(EventType.PUT, read.eventType());
        assertEquals(11, read.revision());
        assertEquals(3, read.createRevision());
        assertEquals(11, read.modRevision());
        assertEquals(4, read.version());
        assertEquals(99, read.ownerSessionId());
        assertEquals(10, read.prevModRevision());
        assertEquals("/a", read.key());
        assertEquals("v", value(read));
        assertEquals("pv", prevValue(read));

        read.next();
        assertEquals(EventType.DELETE, read.eventType());
        assertEquals(12, read.revision());
        assertEquals(11, read.prevModRevision());
        assertEquals("/b", read.key());
        assertEquals("", value(read));
        assertEquals("x", prevValue(read));
        assertEquals(header.encodedLength() + shared.sbeBlockLength() + encodedBodyLength(encoder), view.limit(),
            "the view ends where the shared message ends");
    }

    private static int encodedBodyLength(final SharedWatchEventsEncoder encoder)
    {
        return encoder.encodedLength() - encoder.sbeBlockLength();
    }

    private static String value(final WatchEventsDecoder.EventsDecoder event)
    {
        final byte[] value = new byte[event.valueLength()];
        event.getValue(value, 0, value.length);
        return new String(value, StandardCharsets.UTF_8);
    }

    private static String prevValue(final WatchEventsDecoder.EventsDecoder event)
    {
        final byte[] value = new byte[event.prevValueLength()];
        event.getPrevValue(value, 0, value.length);
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
