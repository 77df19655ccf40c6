package io.warden.node.audit;

import java.util.Objects;

/**
 * A committed change to a key, as replayed from the log (the authoritative stream watchers are checked against),
 * or as delivered to a watcher. Changes made by one command (a transaction) share a revision; within a revision
 * each key changes at most once.
 *
 * @param revision the revision of the command that made the change.
 * @param key      the key.
 * @param type     put or delete.
 */
public record Change(long revision, String key, Type type)
{
    /** The kind of change. */
    public enum Type
    {
        /** The key was created or updated. */
        PUT,
        /** The key was deleted (including an ephemeral key deleted by its session's end). */
        DELETE
    }

    /**
     * Checks the key and type are present.
     */
    public Change
    {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
    }

    /**
     * @return a put of {@code key} at {@code revision}.
     */
    public static Change put(final long revision, final String key)
    {
        return new Change(revision, key, Type.PUT);
    }

    /**
     * @return a delete of {@code key} at {@code revision}.
     */
    public static Change delete(final long revision, final String key)
    {
        return new Change(revision, key, Type.DELETE);
    }
}
