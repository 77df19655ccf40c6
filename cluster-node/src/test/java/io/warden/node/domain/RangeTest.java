package io.warden.node.domain;

import io.warden.node.domain.support.Bytes;
import io.warden.node.domain.support.Entry;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.warden.node.domain.support.TxnBuilder.txn;
import static io.warden.schema.protocol.CompareOp.EQUAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class RangeTest
{
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();
    private final long s = h.openSession(100_000);

    private Reply.Range range(final String prefix, final String startAfter, final int pageSize, final long atRevision)
    {
        return h.range(prefix, startAfter, pageSize, atRevision).as(Reply.Range.class);
    }

    @Test
    void rangeListsTheKeysUnderAPrefixInByteOrder()
    {
        for (final String key : List.of("/b", "/a/2", "/a/10", "/a/1", "/a", "/a/\u00e9", "/a/z", "/c"))
        {
            h.put(s, key, "v" + key);
        }

        final Reply.Range under = range("/a/", "", 0, 0);

        assertEquals(ResultCode.OK, under.code());
        assertEquals(List.of("/a/1", "/a/10", "/a/2", "/a/z", "/a/\u00e9"), under.keys());
        assertEquals(8, under.revision());
        assertFalse(under.more());
        assertEquals(new Entry("/a/10", Bytes.of("v/a/10"), 3, 3, 1, 0),
            under.entries().get(1));
        assertEquals(List.of("/a", "/a/1", "/a/10", "/a/2", "/a/z", "/a/\u00e9", "/b", "/c"), range("", "", 0, 0).keys());
        assertEquals(List.of(), range("/d", "", 0, 0).keys());
    }

    @Test
    void pagesFollowEachOtherWithStartAfter()
    {
        for (int i = 1; i <= 5; i++)
        {
            h.put(s, "/p/k" + i, "v");
        }
        h.put(s, "/q", "outside");

        final Reply.Range first = range("/p/", "", 2, 0);
        final Reply.Range second = range("/p/", "/p/k2", 2, first.revision());
        final Reply.Range third = range("/p/", "/p/k4", 2, first.revision());

        assertEquals(List.of("/p/k1", "/p/k2"), first.keys());
        assertTrue(first.more());
        assertEquals(List.of("/p/k3", "/p/k4"), second.keys());
        assertTrue(second.more());
        assertEquals(List.of("/p/k5"), third.keys());
        assertFalse(third.more());
        assertEquals(List.of("/p/k4", "/p/k5"), range("/p/", "/p/k3", 2, 0).keys());
        assertFalse(range("/p/", "/p/k3", 2, 0).more());
        assertEquals(List.of("/p/k1"), range("/p/", "/", 1, 0).keys(), "startAfter before the prefix");
        assertEquals(List.of(), range("/p/", "/p/k5", 2, 0).keys());
    }

    @Test
    void pagesReadAtTheFirstPagesRevisionIgnoreLaterWrites()
    {
        for (int i = 1; i <= 4; i++)
        {
            h.put(s, "/p/k" + i, "v" + i);
        }
        final Reply.Range first = range("/p/", "", 2, 0);

        h.delete(s, "/p/k3");
        h.put(s, "/p/k2a", "new");
        h.put(s, "/p/k4", "changed");

        final Reply.Range second = range("/p/", "/p/k2", 2, first.revision());
        assertEquals(List.of("/p/k3", "/p/k4"), second.keys());
        assertEquals("v4", second.entries().get(1).text());
        assertEquals(first.revision(), second.revision());
        assertFalse(second.more());
    }

    @Test
    void pageSizeZeroOrTooLargeMeansTheLargestPage()
    {
        for (int i = 0; i <= WardenLimits.MAX_RANGE_PAGE_SIZE; i++)
        {
            h.put(s, String.format("/many/%05d", i), "");
        }

        final Reply.Range zero = range("/many/", "", 0, 0);
        final Reply.Range huge = range("/many/", "", Integer.MAX_VALUE, 0);

        assertEquals(WardenLimits.MAX_RANGE_PAGE_SIZE, zero.entries().size());
        assertTrue(zero.more());
        assertEquals(zero, new Reply.Range(ROUTE, zero.correlationId(), ResultCode.OK, huge.revision(), true,
            huge.entries()));
        assertEquals(List.of("/many/01000"), range("/many/", "/many/00999", 0, 0).keys());
    }

    @Test
    void aPageStopsOnceItHoldsThePageByteCap()
    {
        final byte[] value = new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH];
        for (int i = 1; i <= 6; i++)
        {
            h.put(s, Key.of("/big/" + i), value, false);
        }

        final Reply.Range first = range("/big/", "", 0, 0);

        final int perPage = WardenLimits.MAX_RANGE_PAGE_BYTES / value.length;
        assertEquals(4, perPage);
        assertEquals(List.of("/big/1", "/big/2", "/big/3", "/big/4"), first.keys());
        assertTrue(first.more());
        final Reply.Range second = range("/big/", "/big/4", 0, 0);
        assertEquals(List.of("/big/5", "/big/6"), second.keys());
        assertFalse(second.more());
    }

    @Test
    void aPageAlwaysHoldsAtLeastOneEntry()
    {
        h.configureLimits(WardenLimits.MAX_VALUE_LENGTH_CEILING, 0, 0);
        h.put(s, Key.of("/huge/1"), new byte[WardenLimits.MAX_RANGE_PAGE_BYTES + 1], false);
        h.put(s, Key.of("/huge/2"), new byte[1], false);

        final Reply.Range first = range("/huge/", "", 0, 0);

        assertEquals(List.of("/huge/1"), first.keys());
        assertTrue(first.more());
    }

    @Test
    void readsAtPastRevisionsSeeTheStateAsItWas()
    {
        final TreeMap<Long, List<Entry>> expected = new TreeMap<>();
        final long other = h.openSession(5_000);
        expected.put(h.revision(), range("", "", 0, 0).entries());
        final List<Runnable> commands = List.of(
            () -> h.put(s, "/r/a", "a1"),
            () -> h.put(s, "/r/b", "b1"),
            () -> h.put(s, "/elsewhere", "x"),
            () -> h.put(s, "/r/a", "a2"),
            () -> h.delete(s, "/r/b"),
            () -> h.putEphemeral(other, "/r/eph", "e"),
            () -> h.put(s, "/r/b", "b2"),
            () -> h.txn(s, txn().ifValue("/r/a", EQUAL, "a2").thenPut("/r/c", "c1").thenDelete("/r/a")),
            () -> h.acquire(s, "/lock", 0),
            () -> h.campaign(s, "e", "leader"),
            () -> h.createSequential(s, "/r/seq-", "q", false),
            () -> h.advance(5_000),
            () -> h.deletePrefix(s, "/r/"),
            () -> h.put(s, "/r/a", "a3"));
        for (final Runnable command : commands)
        {
            command.run();
            expected.put(h.revision(), range("", "", 0, 0).entries());
        }
        assertEquals(14, h.revision(), "every command above took exactly one revision");

        for (long revision = 1; revision <= h.revision(); revision++)
        {
            final List<Entry> asOf = expected.floorEntry(revision).getValue();
            final Reply.Range all = range("", "", 0, revision);
            assertEquals(revision, all.revision());
            assertEquals(asOf, all.entries(), "all keys at revision " + revision);

            final List<Entry> underR = new ArrayList<>();
            for (final Entry entry : asOf)
            {
                if (entry.key().startsWith("/r/"))
                {
                    underR.add(entry);
                }
            }
            assertEquals(underR, range("/r/", "", 0, revision).entries(), "/r/ at revision " + revision);
            if (underR.size() > 1)
            {
                final Reply.Range page = range("/r/", underR.get(0).key(), 1, revision);
                assertEquals(underR.subList(1, 2), page.entries(), "/r/ second page at revision " + revision);
                assertEquals(underR.size() > 2, page.more());
            }
        }
    }

    @Test
    void readsOlderThanTheHistoryAreCompacted()
    {
        h.configureLimits(0, 4, 0);
        for (int i = 1; i <= 10; i++)
        {
            h.put(s, "/k" + i, "v");
        }
        assertEquals(6, h.status().as(Reply.Status.class).counters().compactRevision());

        final Reply compacted = h.range("", "", 0, 5);
        assertEquals(new Reply.Rejected(ROUTE, compacted.correlationId(), ResultCode.COMPACTED), compacted);
        assertEquals(List.of("/k1", "/k2", "/k3", "/k4", "/k5", "/k6"), range("", "", 0, 6).keys());
        assertEquals(10, range("", "", 0, 10).keys().size());
    }

    @Test
    void badRangeArgumentsAreRefused()
    {
        h.put(s, "/k", "v");

        assertEquals(ResultCode.INVALID_ARGUMENT, h.range("", "", 0, 2).code(), "a future revision");
        assertEquals(ResultCode.INVALID_ARGUMENT, h.range("", "", 0, -1).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.range("", "", -1, 0).code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.range("/" + "p".repeat(1024), "", 0, 0).code());
        assertEquals(ResultCode.INVALID_KEY, h.range(Key.copyOf(new byte[]{ (byte)0xC3 }, 0, 1), Key.empty(), 0, 0)
            .code());
        assertEquals(ResultCode.INVALID_KEY, h.range(Key.empty(), Key.copyOf(new byte[]{ (byte)0x80 }, 0, 1), 0, 0)
            .code());
    }
}
