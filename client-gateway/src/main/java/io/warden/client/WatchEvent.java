package io.warden.client;

import io.warden.schema.protocol.EventType;

import java.nio.charset.StandardCharsets;

/**
 * One change seen by a watch: a put or a delete of one key at one revision. Immutable (values are copied out).
 * Events of a watch arrive in revision order without gaps or duplicates (several keys changed by one transaction
 * share its revision).
 * <pre>{@code
 * client.watchPrefix("/config/", 0, event ->
 * {
 *     if (event.type() == EventType.PUT) { apply(event.key(), event.value()); }
 *     else { remove(event.key()); }
 * });
 * }</pre>
 */
public final class WatchEvent
{
    private static final byte[] EMPTY = new byte[0];

    private final EventType type;
    private final String key;
    private final byte[] value;
    private final byte[] prevValue;
    private final long revision;
    private final long createRevision;
    private final long modRevision;
    private final long version;
    private final long ownerSessionId;
    private final long prevModRevision;

    /**
     * An event (built by the client; public for test doubles).
     * <pre>{@code WatchEvent e = new WatchEvent(EventType.PUT, "/c/a", v, null, 12, 12, 12, 1, 0, 0); }</pre>
     *
     * @param type            PUT or DELETE.
     * @param key             the key changed.
     * @param value           the new value (empty for a delete); copied.
     * @param prevValue       the value before, or null when not asked for; copied.
     * @param revision        the revision of the change.
     * @param createRevision  the key's create revision (0 after a delete).
     * @param modRevision     the key's mod revision after the change.
     * @param version         the key's version after the change (0 after a delete).
     * @param ownerSessionId  the owning session of an ephemeral key, else 0.
     * @param prevModRevision mod revision before the change, 0 if the key did not exist.
     */
    public WatchEvent(
        final EventType type,
        final String key,
        final byte[] value,
        final byte[] prevValue,
        final long revision,
        final long createRevision,
        final long modRevision,
        final long version,
        final long ownerSessionId,
        final long prevModRevision)
    {
        this.type = type;
        this.key = key;
        this.value = value == null ? EMPTY : value.clone();
        this.prevValue = prevValue == null ? null : prevValue.clone();
        this.revision = revision;
        this.createRevision = createRevision;
        this.modRevision = modRevision;
        this.version = version;
        this.ownerSessionId = ownerSessionId;
        this.prevModRevision = prevModRevision;
    }

    /**
     * This event as seen by a watch that did not ask for previous values.
     */
    WatchEvent withoutPrevValue()
    {
        return prevValue == null ? this :
            new WatchEvent(type, key, value, null, revision, createRevision, modRevision, version, ownerSessionId,
            prevModRevision);
    }

    /**
     * PUT or DELETE.
     * <pre>{@code if (event.type() == EventType.DELETE) { ... } }</pre>
     *
     * @return the type.
     */
    public EventType type()
    {
        return type;
    }

    /**
     * The key that changed.
     * <pre>{@code String key = event.key(); }</pre>
     *
     * @return the key.
     */
    public String key()
    {
        return key;
    }

    /**
     * The value after the change (empty for a delete); a fresh copy.
     * <pre>{@code byte[] bytes = event.value(); }</pre>
     *
     * @return the value.
     */
    public byte[] value()
    {
        return value.clone();
    }

    /**
     * The value after the change decoded as UTF-8.
     * <pre>{@code String text = event.valueAsString(); }</pre>
     *
     * @return the value as text.
     */
    public String valueAsString()
    {
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The value before the change, or null when the watch did not ask for previous values.
     * <pre>{@code byte[] before = event.prevValue(); }</pre>
     *
     * @return a copy of the previous value, or null.
     */
    public byte[] prevValue()
    {
        return prevValue == null ? null : prevValue.clone();
    }

    /**
     * The revision of the change.
     * <pre>{@code long resumeFrom = event.revision() + 1; }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * The key's create revision (0 after a delete).
     * <pre>{@code boolean created = event.createRevision() == event.revision(); }</pre>
     *
     * @return the create revision.
     */
    public long createRevision()
    {
        return createRevision;
    }

    /**
     * The key's mod revision after the change.
     * <pre>{@code long mod = event.modRevision(); }</pre>
     *
     * @return the mod revision.
     */
    public long modRevision()
    {
        return modRevision;
    }

    /**
     * The key's version after the change (0 after a delete).
     * <pre>{@code long version = event.version(); }</pre>
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * The session owning the key when ephemeral, else 0.
     * <pre>{@code long owner = event.ownerSessionId(); }</pre>
     *
     * @return the owner session id.
     */
    public long ownerSessionId()
    {
        return ownerSessionId;
    }

    /**
     * The key's mod revision before the change, 0 if it did not exist.
     * <pre>{@code boolean created = event.prevModRevision() == 0; }</pre>
     *
     * @return the previous mod revision.
     */
    public long prevModRevision()
    {
        return prevModRevision;
    }

    /**
     * The entry after a PUT, as a {@link KeyValue}.
     * <pre>{@code KeyValue kv = event.toKeyValue(); }</pre>
     *
     * @return the entry.
     */
    public KeyValue toKeyValue()
    {
        return KeyValue.adopt(key, value, createRevision, modRevision, version, ownerSessionId);
    }

    @Override
    public String toString()
    {
        return "WatchEvent{" + type + ' ' + key + " @" + revision + ", valueLength=" + value.length + '}';
    }
}
