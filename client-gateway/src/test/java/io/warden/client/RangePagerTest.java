package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class RangePagerTest
{
    private static KeyValue kv(final String key, final long modRevision)
    {
        return new KeyValue(key, new byte[]{ 1 }, modRevision, modRevision, 1, 0);
    }

    @Test
    void laterPagesAreReadAtTheFirstPagesRevisionAfterTheLastKey()
    {
        final RangePager pager = new RangePager("/a/", 0);
        assertEquals(0, pager.atRevision());
        assertEquals("", pager.startAfter());

        assertFalse(pager.onPage(42, true, List.of(kv("/a/1", 3), kv("/a/2", 4))));
        assertEquals(42, pager.atRevision());
        assertEquals("/a/2", pager.startAfter());

        assertFalse(pager.onPage(42, true, List.of(kv("/a/3", 5))));
        assertEquals(42, pager.atRevision(), "still the first page's revision");
        assertEquals("/a/3", pager.startAfter());

        assertTrue(pager.onPage(42, false, List.of(kv("/a/4", 6))));
        final RangeResult result = pager.result();
        assertEquals(42, result.revision());
        assertEquals(4, result.entries().size());
        assertEquals("/a/1", result.entries().get(0).key());
        assertEquals("/a/4", result.entries().get(3).key());
        assertEquals(3, pager.pages());
    }

    @Test
    void aRangeAtAnOldRevisionAsksForItFromTheFirstPage()
    {
        final RangePager pager = new RangePager("/a/", 17);
        assertEquals(17, pager.atRevision());
        pager.onPage(17, true, List.of(kv("/a/1", 3)));
        assertEquals(17, pager.atRevision());
    }

    @Test
    void aSinglePageIsDone()
    {
        final RangePager pager = new RangePager("", 0);
        assertTrue(pager.onPage(9, false, List.of()));
        assertTrue(pager.isDone());
        assertEquals(0, pager.result().entries().size());
        assertEquals(9, pager.result().revision());
    }

    @Test
    void anEmptyPageThatSaysMoreWouldNeverEnd()
    {
        final RangePager pager = new RangePager("/a/", 0);
        assertThrows(IllegalStateException.class, () -> pager.onPage(5, true, List.of()));
    }
}
