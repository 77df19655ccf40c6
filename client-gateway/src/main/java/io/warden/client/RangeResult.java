package io.warden.client;

import java.util.List;

/**
 * Every key under a prefix, in key order, read at one revision (all pages of a range are read at the revision of
 * the first). Watch from {@code revision() + 1} to see every change after it.
 * <pre>{@code
 * RangeResult range = client.await(client.range("/config/"));
 * for (KeyValue kv : range.entries()) { ... }
 * client.watchPrefix("/config/", range.revision() + 1, event -> ...);
 * }</pre>
 */
public final class RangeResult
{
    private final long revision;
    private final List<KeyValue> entries;

    /**
     * A range outcome (built by the client; public for test doubles).
     * <pre>{@code RangeResult range = new RangeResult(42, List.of(kv)); }</pre>
     *
     * @param revision the revision the range was read at.
     * @param entries  the entries in key order (copied into an unmodifiable list).
     */
    public RangeResult(final long revision, final List<KeyValue> entries)
    {
        this.revision = revision;
        this.entries = List.copyOf(entries);
    }

    /**
     * The revision the range was read at.
     * <pre>{@code long watchFrom = range.revision() + 1; }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * The entries, in key order; unmodifiable.
     * <pre>{@code for (KeyValue kv : range.entries()) { ... } }</pre>
     *
     * @return the entries.
     */
    public List<KeyValue> entries()
    {
        return entries;
    }

    @Override
    public String toString()
    {
        return "RangeResult{revision=" + revision + ", entries=" + entries.size() + '}';
    }
}
