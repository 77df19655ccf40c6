package io.warden.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks a listing a page at a time (sessions, locks): fetch a page after a cursor, hand over its entries, go on from
 * its last one while it says more follow.
 *
 * @param <C> the cursor (a session id, a lock name).
 * @param <E> an entry.
 */
final class Pages<C, E>
{
    /**
     * One fetched page.
     *
     * @param entries its entries.
     * @param more    whether more follow.
     * @param next    the cursor after its last entry.
     * @param <C>     the cursor type.
     * @param <E>     the entry type.
     */
    record Page<C, E>(List<E> entries, boolean more, C next)
    {
    }

    private Pages()
    {
    }

    /**
     * Every entry of the listing, in order.
     */
    static <C, E> void forEach(final C first, final Function<C, Page<C, E>> fetch, final Consumer<E> each)
    {
        C cursor = first;
        while (true)
        {
            final Page<C, E> page = fetch.apply(cursor);
            page.entries().forEach(each);
            if (!page.more() || page.entries().isEmpty())
            {
                return;
            }
            cursor = page.next();
        }
    }
}
