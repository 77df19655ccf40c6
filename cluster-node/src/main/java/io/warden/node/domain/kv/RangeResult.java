package io.warden.node.domain.kv;

import java.util.ArrayList;

/**
 * One page of a range read: entries in key order, whether more follow, and the revision it was read at. Reused for
 * every range; entries are only valid until the next command.
 */
public final class RangeResult
{
    final ArrayList<KvEntry> entries = new ArrayList<>();
    boolean more;
    long revision;

    public int size()
    {
        return entries.size();
    }

    public KvEntry get(final int index)
    {
        return entries.get(index);
    }

    /**
     * Are there keys after this page? Ask again with {@code startAfter} set to the last key and {@code atRevision} set
     * to {@link #revision()} to read the next page of the same snapshot.
     */
    public boolean more()
    {
        return more;
    }

    public long revision()
    {
        return revision;
    }

    void reset(final long revision)
    {
        entries.clear();
        more = false;
        this.revision = revision;
    }
}
