package io.warden.node.domain.support;

import io.warden.node.domain.kv.ChangeEvent;
import io.warden.schema.protocol.EventType;

/**
 * An immutable copy of a {@link ChangeEvent} as a watch delivered it (the domain reuses its lists).
 */
public record Change(
    EventType type,
    long revision,
    String key,
    Bytes value,
    long createRevision,
    long modRevision,
    long version,
    long ownerSessionId,
    Bytes prevValue,
    long prevCreateRevision,
    long prevModRevision,
    long prevVersion,
    long prevOwnerSessionId)
{
    public static Change copyOf(final ChangeEvent event)
    {
        return new Change(
            event.type(),
            event.revision(),
            event.key().toString(),
            Bytes.copyOf(event.value()),
            event.createRevision(),
            event.modRevision(),
            event.version(),
            event.ownerSessionId(),
            Bytes.copyOf(event.prevValue()),
            event.prevCreateRevision(),
            event.prevModRevision(),
            event.prevVersion(),
            event.prevOwnerSessionId());
    }

    public boolean isPut()
    {
        return type == EventType.PUT;
    }

    public boolean isDelete()
    {
        return type == EventType.DELETE;
    }

    @Override
    public String toString()
    {
        return type + " " + key + " @" + revision + " value=" + value + " v" + version + " create=" + createRevision +
            " owner=" + ownerSessionId + " prev=" + prevValue + " prevMod=" + prevModRevision;
    }
}
