package io.warden.client;

/**
 * The outcome of a sequential create: the key made (prefix plus a zero-padded, ever increasing number) and its
 * revision.
 * <pre>{@code
 * SequentialResult created = client.await(client.createSequential("/queue/job-", payload));
 * String myKey = created.key();   // e.g. /queue/job-0000000000000000042
 * }</pre>
 */
public final class SequentialResult
{
    private final String key;
    private final long revision;

    /**
     * A sequential create outcome (built by the client; public for test doubles).
     * <pre>{@code SequentialResult created = new SequentialResult("/q/job-0000000000000000042", 42); }</pre>
     *
     * @param key      the key created.
     * @param revision the revision of the create.
     */
    public SequentialResult(final String key, final long revision)
    {
        this.key = key;
        this.revision = revision;
    }

    /**
     * The key created.
     * <pre>{@code String key = created.key(); }</pre>
     *
     * @return the key.
     */
    public String key()
    {
        return key;
    }

    /**
     * The revision of the create.
     * <pre>{@code long rev = created.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    @Override
    public String toString()
    {
        return "SequentialResult{key=" + key + ", revision=" + revision + '}';
    }
}
