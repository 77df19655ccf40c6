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
    /** The session charged with this key while it lives: the one that last wrote it; 0 for none (Warden's own). */
    long chargedSessionId;
    /** Created by {@code CreateSequential}; counts against the charged session's sequential-key cap. */
    boolean sequential;

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
     * The session charged with this key (the one that last wrote it), or 0; a session that has ended is charged with
     * nothing, whatever this still says.
     */
    public long chargedSessionId()
    {
        return chargedSessionId;
    }

    /**
     * Was this key created by {@code CreateSequential}?
     */
    public boolean sequential()
    {
        return sequential;
    }

    /**
     * Set the accounting attributes of an entry being restored from a snapshot.
     */
    public KvEntry charge(final long chargedSessionId, final boolean sequential)
    {
        this.chargedSessionId = chargedSessionId;
        this.sequential = sequential;
        return this;
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
            ", owner=" + ownerSessionId + ", charged=" + chargedSessionId + (sequential ? ", sequential" : "") +
            ", valueLength=" + value.length + '}';
    }
}
