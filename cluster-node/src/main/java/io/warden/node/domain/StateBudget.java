package io.warden.node.domain;

/**
 * What the replicated state holds, in accounted bytes, kept up to date by every table as it changes. The figure is a
 * deterministic estimate of heap use: the bytes of keys, values and names plus a fixed overhead per object, chosen
 * near what the JVM really spends (object headers, map entries, list slots). Every node computes the same number
 * from the same log, so a quota on it refuses the same request everywhere.
 * <p>
 * The watch history is accounted by {@code ChangeHistory} itself and bounded by its own limit inside the quota;
 * this counter holds everything else ("main"). Tables call {@link #add} and {@link #remove} with the costs below;
 * {@link FootprintRecount} recomputes the same figure from scratch, and the determinism test compares the two after
 * every command.
 * <pre>{@code
 * budget.add(StateBudget.entryBytes(key.length(), value.length));
 * }</pre>
 */
public final class StateBudget
{
    /** A key-value entry: KvEntry, its Key, the value array's header, a TreeMap entry, an owner-set slot. */
    public static final int ENTRY_OVERHEAD = 192;
    /** A session: the Session object, its outcome lists, the id and secret map slots, the name array header. */
    public static final int SESSION_OVERHEAD = 256;
    /** A remembered answer of a mutation. */
    public static final int OUTCOME_OVERHEAD = 64;
    /** A live lock or candidate queue: LockQueue, its name, its holder and waiter lists, map slots. */
    public static final int LOCK_OVERHEAD = 256;
    /** A holder or waiter of a lock or election, with its per-session name slot and timer index entry. */
    public static final int CLAIM_OVERHEAD = 128;
    /** A watch registration: Watch, its key, its slots in the route and match indexes. */
    public static final int WATCH_OVERHEAD = 160;

    private long mainBytes;

    public static long entryBytes(final int keyLength, final int valueLength)
    {
        return ENTRY_OVERHEAD + (long)keyLength + valueLength;
    }

    public static long sessionBytes(final int clientNameLength)
    {
        return SESSION_OVERHEAD + (long)clientNameLength;
    }

    public static long outcomeBytes(final Key key)
    {
        return OUTCOME_OVERHEAD + (key == null ? 0 : key.length());
    }

    public static long lockBytes(final int nameLength)
    {
        return LOCK_OVERHEAD + (long)nameLength;
    }

    public static long claimBytes(final int valueLength)
    {
        return CLAIM_OVERHEAD + (long)valueLength;
    }

    public static long watchBytes(final int keyLength)
    {
        return WATCH_OVERHEAD + (long)keyLength;
    }

    /**
     * Accounted bytes of everything but the watch history.
     */
    public long mainBytes()
    {
        return mainBytes;
    }

    public void add(final long bytes)
    {
        mainBytes += bytes;
    }

    public void remove(final long bytes)
    {
        mainBytes -= bytes;
    }

    /**
     * Would growing the main state by this much keep it within its share of the quota? Shrinking always fits.
     */
    public boolean fits(final long growthBytes, final ReplicatedLimits limits)
    {
        return growthBytes <= 0 || mainBytes + growthBytes <= limits.mainQuotaBytes();
    }

    /**
     * A byte count for people, the same on every node (no locale): {@code 65.5 KiB}, {@code 256.0 MiB}.
     */
    public static String humanBytes(final long bytes)
    {
        final long abs = Math.abs(bytes);
        final String sign = bytes < 0 ? "-" : "";
        if (abs < 1024)
        {
            return sign + abs + " B";
        }
        final String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        long scale = 1024;
        while (unit < units.length - 1 && abs >= scale * 1024)
        {
            scale *= 1024;
            unit++;
        }
        final long tenths = (abs * 10 + scale / 2) / scale;
        return sign + (tenths / 10) + "." + (tenths % 10) + " " + units[unit];
    }
}
