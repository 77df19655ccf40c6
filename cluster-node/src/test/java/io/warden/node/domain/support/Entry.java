package io.warden.node.domain.support;

import io.warden.node.domain.kv.KvEntry;

/**
 * An immutable copy of a key-value entry as a reply carried it.
 */
public record Entry(String key, Bytes value, long createRevision, long modRevision, long version, long ownerSessionId)
{
    public static Entry copyOf(final KvEntry entry)
    {
        return entry == null ? null : new Entry(
            entry.key().toString(),
            Bytes.copyOf(entry.value()),
            entry.createRevision(),
            entry.modRevision(),
            entry.version(),
            entry.ownerSessionId());
    }

    /**
     * The value as UTF-8 text.
     */
    public String text()
    {
        return value.utf8();
    }
}
