package io.warden.node.domain.kv;

import io.warden.node.domain.Key;
import io.warden.schema.protocol.EventType;

/**
 * One change to one key at one revision, with the state before it. Watches deliver it; the history keeps it so that
 * watches can resume and reads can see past revisions (by undoing newer changes).
 */
public final class ChangeEvent
{
    private static final byte[] EMPTY = new byte[0];
    private static final int OVERHEAD_BYTES = 96;

    EventType type;
    long revision;
    Key key;
    byte[] value;
    long createRevision;
    long modRevision;
    long version;
    long ownerSessionId;
    byte[] prevValue;
    long prevCreateRevision;
    long prevModRevision;
    long prevVersion;
    long prevOwnerSessionId;
    /** The previous value came from the store's {@link ValuePool}: it goes back there when history evicts this. */
    boolean prevValuePooled;

    public ChangeEvent()
    {
    }

    /**
     * Build an event from all its parts (snapshot load).
     */
    public ChangeEvent(
        final EventType type,
        final long revision,
        final Key key,
        final byte[] value,
        final long createRevision,
        final long modRevision,
        final long version,
        final long ownerSessionId,
        final byte[] prevValue,
        final long prevCreateRevision,
        final long prevModRevision,
        final long prevVersion,
        final long prevOwnerSessionId)
    {
        this.type = type;
        this.revision = revision;
        this.key = key;
        this.value = value;
        this.createRevision = createRevision;
        this.modRevision = modRevision;
        this.version = version;
        this.ownerSessionId = ownerSessionId;
        this.prevValue = prevValue;
        this.prevCreateRevision = prevCreateRevision;
        this.prevModRevision = prevModRevision;
        this.prevVersion = prevVersion;
        this.prevOwnerSessionId = prevOwnerSessionId;
    }

    void setPrevious(final KvEntry previous)
    {
        if (previous == null)
        {
            prevValuePooled = false;
            prevValue = EMPTY;
            prevCreateRevision = 0;
            prevModRevision = 0;
            prevVersion = 0;
            prevOwnerSessionId = 0;
        }
        else
        {
            prevValuePooled = previous.valuePooled;
            prevValue = previous.value;
            prevCreateRevision = previous.createRevision;
            prevModRevision = previous.modRevision;
            prevVersion = previous.version;
            prevOwnerSessionId = previous.ownerSessionId;
        }
    }

    /**
     * Approximate memory held, for the history's byte bound.
     */
    public int sizeInBytes()
    {
        return OVERHEAD_BYTES + key.length() + value.length + prevValue.length;
    }

    /**
     * Did the key exist before this change?
     */
    public boolean hadPrevious()
    {
        return prevModRevision != 0;
    }

    public EventType type()
    {
        return type;
    }

    public long revision()
    {
        return revision;
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

    public long ownerSessionId()
    {
        return ownerSessionId;
    }

    public byte[] prevValue()
    {
        return prevValue;
    }

    public long prevCreateRevision()
    {
        return prevCreateRevision;
    }

    public long prevModRevision()
    {
        return prevModRevision;
    }

    public long prevVersion()
    {
        return prevVersion;
    }

    public long prevOwnerSessionId()
    {
        return prevOwnerSessionId;
    }

    static byte[] empty()
    {
        return EMPTY;
    }

    @Override
    public String toString()
    {
        return "ChangeEvent{" + type + " " + key + " @" + revision + ", version=" + version + ", prevMod=" +
            prevModRevision + '}';
    }
}
