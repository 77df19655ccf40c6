package io.warden.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WatchCursorTest
{
    @Test
    void aWatchFromNowLearnsItsStartFromTheRegistration()
    {
        final WatchCursor cursor = new WatchCursor(0);
        assertEquals(0, cursor.startRevision());
        assertEquals(-1, cursor.lastRevision());
        cursor.onRegistering();
        cursor.onRegistered(10);
        assertEquals(10, cursor.lastRevision());
        assertEquals(11, cursor.startRevision(), "resume after the revision it started after");
        assertFalse(cursor.accept(10), "nothing at or before the start");
        assertTrue(cursor.accept(11));
    }

    @Test
    void aWatchFromARevisionStartsThere()
    {
        final WatchCursor cursor = new WatchCursor(5);
        assertEquals(5, cursor.startRevision());
        cursor.onRegistered(20);
        assertEquals(5, cursor.startRevision(), "an explicit start is kept");
        assertFalse(cursor.accept(4));
        assertTrue(cursor.accept(5));
        assertTrue(cursor.accept(9));
        assertEquals(9, cursor.lastRevision());
    }

    @Test
    void duplicatesAndOlderEventsAreDropped()
    {
        final WatchCursor cursor = new WatchCursor(1);
        assertTrue(cursor.accept(3));
        assertTrue(cursor.accept(7));
        assertFalse(cursor.accept(3));
        assertFalse(cursor.accept(6));
        assertTrue(cursor.accept(8));
    }

    @Test
    void severalEventsOfOneRevisionAreAllDelivered()
    {
        final WatchCursor cursor = new WatchCursor(1);
        assertTrue(cursor.accept(4));
        assertTrue(cursor.accept(4));
        assertTrue(cursor.accept(4));
        assertEquals(3, cursor.deliveredAtLast());
    }

    @Test
    void aResumeInTheMiddleOfARevisionReplaysItAndSkipsWhatWasDelivered()
    {
        final WatchCursor cursor = new WatchCursor(1);
        assertTrue(cursor.accept(3));
        assertTrue(cursor.accept(5));
        assertTrue(cursor.accept(5));
        // the connection dies: was revision 5 complete? unknown, so resume at 5 and skip the two delivered
        assertEquals(5, cursor.startRevision());
        cursor.onRegistering();
        cursor.onRegistered(9);
        assertFalse(cursor.accept(5), "replayed, delivered before");
        assertFalse(cursor.accept(5), "replayed, delivered before");
        assertTrue(cursor.accept(5), "the third event of revision 5 had not arrived");
        assertTrue(cursor.accept(6));
        assertEquals(6, cursor.lastRevision());
    }

    @Test
    void aResumeAfterACompleteRevisionStartsAfterIt()
    {
        final WatchCursor cursor = new WatchCursor(1);
        cursor.accept(5);
        cursor.onProgress(8);
        assertEquals(8, cursor.lastRevision());
        assertEquals(9, cursor.startRevision());
        cursor.onRegistering();
        assertFalse(cursor.accept(8), "progress says everything up to 8 was delivered");
        assertTrue(cursor.accept(9));
    }

    @Test
    void progressNeverMovesTheCursorBack()
    {
        final WatchCursor cursor = new WatchCursor(1);
        cursor.accept(10);
        cursor.onProgress(7);
        assertEquals(10, cursor.lastRevision());
        assertEquals(10, cursor.startRevision(), "revision 10 may have more events");
        cursor.onProgress(10);
        assertEquals(10, cursor.startRevision(), "progress at the same revision does not prove it complete");
    }

    @Test
    void eventsBeforeTheRegistrationAnswerOfAWatchFromNowAreKept()
    {
        final WatchCursor cursor = new WatchCursor(0);
        cursor.onRegistering();
        assertTrue(cursor.accept(12));
        cursor.onRegistered(11);
        assertEquals(12, cursor.lastRevision());
    }

    @Test
    void negativeStartIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new WatchCursor(-1));
    }
}
