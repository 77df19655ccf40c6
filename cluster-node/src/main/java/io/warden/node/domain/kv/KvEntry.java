package io.warden.node.domain.kv;

import io.warden.node.domain.Key;

/**
 * One key and its value with etcd-style metadata. The value array is never modified in place, so it can be shared with
 * history events.
 */
public final class KvEntry
{
    final Key key;
    byte[] value;
    long createRevision;
    long modRevision;
    long version;
    long ownerSessionId;
    /** The value came from the store's {@link ValuePool} (see its ownership rule). */
    boolean valuePooled;

    public KvEntry(
        final Key key,
        final byte[] value,
        final long createRevision,
        final long modRevision,
        final long version,
        final long ownerSessionId)
    {
        this.key = key;
        this.value = value;
        this.createRevision = createRevision;
        this.modRevision = modRevision;
        this.version = version;
        this.ownerSessionId = ownerSessionId;
    }

    public Key key()
    {
        return key;
    }

    public byte[] value()
    {
        return value;
    }

    public long createRevision()
    {
        return createRevision;
    }

    public long modRevision()
    {
        return modRevision;
    }

    public long version()
    {
        return version;
    }

    /**
     * The session that owns this ephemeral key, or 0 for a persistent key.
     */
    public long ownerSessionId()
    {
        return ownerSessionId;
    }

    @Override
    public String toString()
    {
        return "KvEntry{" + key + ", create=" + createRevision + ", mod=" + modRevision + ", version=" + version +
            ", owner=" + ownerSessionId + ", valueLength=" + value.length + '}';
    }
}
