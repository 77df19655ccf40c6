package io.warden.client;

import java.util.List;

/**
 * One page of the locks in use (held, awaited, or in lock-delay), in name order, as
 * {@link WardenOperations#locks(String, int)} lists them; {@link WardenClient#describeLock(String)} tells the whole
 * queue of one.
 * <pre>{@code
 * LockListing page = client.await(client.operations().locks("", 100));
 * for (LockListing.Entry lock : page.locks())
 * {
 *     System.out.println(lock.name() + " held by " + lock.sessionId() + " token " + lock.token());
 * }
 * if (page.more()) { client.operations().locks(page.lastName(), 100); }
 * }</pre>
 *
 * @param locks the locks of this page, in name order.
 * @param more  whether locks follow the last one listed.
 */
public record LockListing(List<Entry> locks, boolean more)
{
    /**
     * One lock in use.
     * <pre>{@code boolean free = entry.holders() == 0; }</pre>
     *
     * @param name         the lock's name.
     * @param holders      how many hold it (more than one only for shared holds).
     * @param waiters      how many wait for it.
     * @param sessionId    the first holder's session, 0 when none.
     * @param token        the first holder's fencing token, 0 when none.
     * @param delayUntilMs cluster time until which no grant is made (lock-delay), 0 if none.
     */
    public record Entry(String name, int holders, int waiters, long sessionId, long token, long delayUntilMs)
    {
    }

    /**
     * Copies the list.
     */
    public LockListing
    {
        locks = List.copyOf(locks);
    }

    /**
     * Where the next page starts.
     * <pre>{@code String after = page.lastName(); }</pre>
     *
     * @return the name of the last lock listed, or empty for an empty page.
     */
    public String lastName()
    {
        return locks.isEmpty() ? "" : locks.get(locks.size() - 1).name();
    }
}
