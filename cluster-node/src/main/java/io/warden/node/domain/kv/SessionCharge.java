package io.warden.node.domain.kv;

/**
 * What one live session is charged with in the store: the keys it last wrote, their accounted bytes, and how many of
 * them were created by {@code CreateSequential}.
 */
public final class SessionCharge
{
    long keys;
    long bytes;
    long sequential;

    public long keys()
    {
        return keys;
    }

    public long bytes()
    {
        return bytes;
    }

    public long sequential()
    {
        return sequential;
    }

    void clear()
    {
        keys = 0;
        bytes = 0;
        sequential = 0;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof SessionCharge && ((SessionCharge)o).keys == keys && ((SessionCharge)o).bytes == bytes &&
            ((SessionCharge)o).sequential == sequential;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(keys * 31 + bytes * 17 + sequential);
    }

    @Override
    public String toString()
    {
        return "SessionCharge{keys=" + keys + ", bytes=" + bytes + ", sequential=" + sequential + '}';
    }
}
