package io.warden.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads every page of a range at one revision: the first page is read "now" and tells the revision; the next pages
 * ask for that revision and start after the last key seen.
 * <p>
 * Thread: the client agent only.
 */
final class RangePager
{
    private final String prefix;
    private final long requestedRevision;
    private final List<KeyValue> entries = new ArrayList<>();
    private long revision;
    private String startAfter = "";
    private boolean done;
    private int pages;

    /**
     * @param atRevision read as of this revision; 0 for "now".
     */
    RangePager(final String prefix, final long atRevision)
    {
        this.prefix = prefix;
        this.requestedRevision = atRevision;
        this.revision = atRevision;
    }

    String prefix()
    {
        return prefix;
    }

    /**
     * The revision to ask the next page for (0 for the first page of a read "now").
     */
    long atRevision()
    {
        return pages == 0 ? requestedRevision : revision;
    }

    /**
     * The key the next page starts after; empty for the first.
     */
    String startAfter()
    {
        return startAfter;
    }

    /**
     * A page arrived.
     *
     * @return true when the range is complete.
     * @throws IllegalStateException when a page says there is more but holds nothing (it would never end).
     */
    boolean onPage(final long pageRevision, final boolean more, final List<KeyValue> page)
    {
        if (pages == 0)
        {
            revision = pageRevision;
        }
        pages++;
        entries.addAll(page);
        if (more)
        {
            if (page.isEmpty())
            {
                throw new IllegalStateException("range page with more=true but no entries");
            }
            startAfter = page.get(page.size() - 1).key();
        }
        done = !more;
        return done;
    }

    boolean isDone()
    {
        return done;
    }

    int pages()
    {
        return pages;
    }

    RangeResult result()
    {
        return new RangeResult(revision, entries);
    }
}
