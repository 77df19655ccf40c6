package io.warden.client;

import io.warden.schema.protocol.EventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ConfigViewTest
{
    private static byte[] b(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyValue kv(final String key, final String value, final long modRevision)
    {
        return new KeyValue(key, b(value), modRevision, modRevision, 1, 0);
    }

    private static WatchEvent put(final String key, final String value, final long revision)
    {
        return new WatchEvent(EventType.PUT, key, b(value), null, revision, revision, revision, 1, 0, 0);
    }

    private static WatchEvent delete(final String key, final long revision)
    {
        return new WatchEvent(EventType.DELETE, key, null, null, revision, 0, revision, 0, 0, 1);
    }

    @Test
    void theFirstListingIsReportedAsPutsInKeyOrder()
    {
        final ConfigView view = new ConfigView();
        final List<WatchEvent> changes = view.reset(List.of(kv("/c/b", "2", 4), kv("/c/a", "1", 3)), 10);
        assertEquals(2, changes.size());
        assertEquals("/c/a", changes.get(0).key());
        assertEquals(EventType.PUT, changes.get(0).type());
        assertEquals(10, changes.get(0).revision());
        assertEquals(10, view.revision());
        assertEquals("1", view.get("/c/a").valueAsString());
    }

    @Test
    void eventsAfterTheListingUpdateTheView()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(kv("/c/a", "1", 3), kv("/c/b", "2", 4)), 10);
        assertTrue(view.apply(put("/c/a", "1b", 11)));
        assertTrue(view.apply(put("/c/c", "3", 12)));
        assertTrue(view.apply(delete("/c/b", 13)));
        assertEquals(13, view.revision());
        final NavigableMap<String, KeyValue> snapshot = view.snapshot();
        assertEquals(List.of("/c/a", "/c/c"), List.copyOf(snapshot.keySet()));
        assertEquals("1b", snapshot.get("/c/a").valueAsString());
        assertEquals(11, snapshot.get("/c/a").modRevision());
    }

    @Test
    void eventsAlreadyInTheListingAreIgnored()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(kv("/c/a", "1", 3)), 10);
        assertFalse(view.apply(put("/c/a", "old", 9)));
        assertFalse(view.apply(delete("/c/a", 10)));
        assertEquals("1", view.get("/c/a").valueAsString());
    }

    @Test
    void severalChangesOfOneTransactionAllApply()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(), 10);
        assertTrue(view.apply(put("/c/a", "1", 11)));
        assertTrue(view.apply(put("/c/b", "2", 11)), "same revision, other key");
        assertEquals(2, view.size());
    }

    @Test
    void deletingAnUnknownKeyChangesNothing()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(), 10);
        assertFalse(view.apply(delete("/c/zz", 11)));
        assertEquals(11, view.revision());
    }

    @Test
    void aRelistReportsOnlyTheDifference()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(kv("/c/a", "1", 3), kv("/c/b", "2", 4), kv("/c/c", "3", 5)), 10);
        final List<WatchEvent> changes = view.reset(
            List.of(kv("/c/a", "1", 3), kv("/c/b", "2b", 20), kv("/c/d", "4", 21)), 30);
        assertEquals(3, changes.size());
        assertEquals("/c/b", changes.get(0).key());
        assertEquals(EventType.PUT, changes.get(0).type());
        assertEquals(4, changes.get(0).prevModRevision());
        assertEquals("/c/c", changes.get(1).key());
        assertEquals(EventType.DELETE, changes.get(1).type());
        assertEquals("/c/d", changes.get(2).key());
        assertEquals(EventType.PUT, changes.get(2).type());
        assertEquals(30, view.revision());
        assertNull(view.get("/c/c"));
        assertFalse(view.apply(put("/c/e", "5", 30)), "the relist's revision is already reflected");
        assertTrue(view.apply(put("/c/e", "5", 31)));
    }

    @Test
    void progressAdvancesTheRevisionOnly()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(kv("/c/a", "1", 3)), 10);
        view.advanceTo(15);
        view.advanceTo(12);
        assertEquals(15, view.revision());
        assertEquals(1, view.size());
    }

    @Test
    void snapshotsAreImmutableCopies()
    {
        final ConfigView view = new ConfigView();
        view.reset(List.of(kv("/c/a", "1", 3)), 10);
        final NavigableMap<String, KeyValue> before = view.snapshot();
        view.apply(put("/c/b", "2", 11));
        assertEquals(1, before.size());
        assertThrows(UnsupportedOperationException.class, () -> before.put("/x", kv("/x", "", 1)));
    }
}
