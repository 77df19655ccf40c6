package io.warden.client;

/**
 * The outcome of a put: the revision it was applied at and the key's create revision and version after it.
 * <pre>{@code
 * PutResult put = client.await(client.put("/config/a", bytes));
 * long revision = put.revision();
 * }</pre>
 */
public final class PutResult
{
    private final long revision;
    private final long createRevision;
    private final long version;

    /**
     * A put outcome (built by the client; public for test doubles).
     * <pre>{@code PutResult put = new PutResult(12, 10, 2); }</pre>
     *
     * @param revision       the revision of the put.
     * @param createRevision the key's create revision.
     * @param version        the key's version after the put.
     */
    public PutResult(final long revision, final long createRevision, final long version)
    {
        this.revision = revision;
        this.createRevision = createRevision;
        this.version = version;
    }

    /**
     * The revision the put was applied at (the key's new mod revision).
     * <pre>{@code long rev = put.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * The key's create revision (equal to {@link #revision()} when the put created it).
     * <pre>{@code boolean created = put.createRevision() == put.revision(); }</pre>
     *
     * @return the create revision.
     */
    public long createRevision()
    {
        return createRevision;
    }

    /**
     * The key's version after the put: 1 when created.
     * <pre>{@code long version = put.version(); }</pre>
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    @Override
    public String toString()
    {
        return "PutResult{revision=" + revision + ", createRevision=" + createRevision + ", version=" + version + '}';
    }
}
