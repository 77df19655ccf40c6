package io.warden.node.snapshot;

/**
 * A snapshot that cannot be trusted: wrong schema or version, records out of order, a count or digest mismatch.
 */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotException(final String message)
    {
        super(message);
    }
}
