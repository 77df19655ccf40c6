package io.warden.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One key-value entry as read from Warden: immutable (the value is copied in and out).
 * <pre>{@code
 * KeyValue kv = client.await(client.get("/config/payments/limits"));
 * if (kv != null)
 * {
 *     String limits = kv.valueAsString();
 *     long version = kv.version();
 * }
 * }</pre>
 */
public final class KeyValue
{
    private final String key;
    private final byte[] value;
    private final long createRevision;
    private final long modRevision;
    private final long version;
    private final long ownerSessionId;

    /**
     * An entry (built by the client; public for test doubles and caches).
     * <pre>{@code KeyValue kv = new KeyValue("/config/a", bytes, 3, 7, 2, 0); }</pre>
     *
     * @param key            the key.
     * @param value          the value (copied).
     * @param createRevision revision that created the key.
     * @param modRevision    revision of the last change.
     * @param version        number of changes since creation, 1 for a new key.
     * @param ownerSessionId session owning an ephemeral key, 0 for a persistent one.
     */
    public KeyValue(
        final String key,
        final byte[] value,
        final long createRevision,
        final long modRevision,
        final long version,
        final long ownerSessionId)
    {
        this.key = key;
        this.value = value.clone();
        this.createRevision = createRevision;
        this.modRevision = modRevision;
        this.version = version;
        this.ownerSessionId = ownerSessionId;
    }

    /**
     * Build from an array the caller gives up (no copy): used by the decoder.
     */
    static KeyValue adopt(
        final String key,
        final byte[] value,
        final long createRevision,
        final long modRevision,
        final long version,
        final long ownerSessionId)
    {
        return new KeyValue(key, value, createRevision, modRevision, version, ownerSessionId, false);
    }

    private KeyValue(
        final String key,
        final byte[] value,
        final long createRevision,
        final long modRevision,
        final long version,
        final long ownerSessionId,
        final boolean copy)
    {
        this.key = key;
        this.value = copy ? value.clone() : value;
        this.createRevision = createRevision;
        this.modRevision = modRevision;
        this.version = version;
        this.ownerSessionId = ownerSessionId;
    }

    /**
     * The key.
     * <pre>{@code String key = kv.key(); }</pre>
     *
     * @return the key.
     */
    public String key()
    {
        return key;
    }

    /**
     * The value, a fresh copy on each call.
     * <pre>{@code byte[] bytes = kv.value(); }</pre>
     *
     * @return the value bytes.
     */
    public byte[] value()
    {
        return value.clone();
    }

    /**
     * The value decoded as UTF-8.
     * <pre>{@code String text = kv.valueAsString(); }</pre>
     *
     * @return the value as text.
     */
    public String valueAsString()
    {
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Length of the value in bytes.
     * <pre>{@code int n = kv.valueLength(); }</pre>
     *
     * @return the length.
     */
    public int valueLength()
    {
        return value.length;
    }

    /**
     * The revision that created the key.
     * <pre>{@code long created = kv.createRevision(); }</pre>
     *
     * @return the create revision.
     */
    public long createRevision()
    {
        return createRevision;
    }

    /**
     * The revision of the last change to the key.
     * <pre>{@code long modified = kv.modRevision(); }</pre>
     *
     * @return the mod revision.
     */
    public long modRevision()
    {
        return modRevision;
    }

    /**
     * Changes since creation: 1 for a new key.
     * <pre>{@code new TxnSpec().compareVersion(kv.key(), CompareOp.EQUAL, kv.version()); }</pre>
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * The session an ephemeral key belongs to, or 0 for a persistent key.
     * <pre>{@code boolean ephemeral = kv.ownerSessionId() != 0; }</pre>
     *
     * @return the owner session id.
     */
    public long ownerSessionId()
    {
        return ownerSessionId;
    }

    boolean sameValue(final KeyValue other)
    {
        return Arrays.equals(value, other.value);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof KeyValue))
        {
            return false;
        }
        final KeyValue that = (KeyValue)o;
        return createRevision == that.createRevision && modRevision == that.modRevision &&
            version == that.version && ownerSessionId == that.ownerSessionId && key.equals(that.key) &&
            Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode()
    {
        return 31 * key.hashCode() + Long.hashCode(modRevision);
    }

    @Override
    public String toString()
    {
        return "KeyValue{key=" + key + ", valueLength=" + value.length + ", createRevision=" + createRevision +
            ", modRevision=" + modRevision + ", version=" + version + ", ownerSessionId=" + ownerSessionId + '}';
    }
}
