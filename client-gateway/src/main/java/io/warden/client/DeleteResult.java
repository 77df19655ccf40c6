package io.warden.client;

/**
 * The outcome of a delete: the revision after it and how many keys went.
 * <pre>{@code
 * DeleteResult deleted = client.await(client.deletePrefix("/jobs/"));
 * System.out.println(deleted.deleted() + " keys deleted");
 * }</pre>
 */
public final class DeleteResult
{
    private final long revision;
    private final long deleted;

    /**
     * A delete outcome (built by the client; public for test doubles).
     * <pre>{@code DeleteResult deleted = new DeleteResult(42, 1); }</pre>
     *
     * @param revision the store's revision after the delete.
     * @param deleted  number of keys deleted.
     */
    public DeleteResult(final long revision, final long deleted)
    {
        this.revision = revision;
        this.deleted = deleted;
    }

    /**
     * The store's revision after the delete (unchanged when nothing was deleted).
     * <pre>{@code long rev = deleted.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * Number of keys deleted.
     * <pre>{@code boolean existed = deleted.deleted() > 0; }</pre>
     *
     * @return the count.
     */
    public long deleted()
    {
        return deleted;
    }

    @Override
    public String toString()
    {
        return "DeleteResult{revision=" + revision + ", deleted=" + deleted + '}';
    }
}
