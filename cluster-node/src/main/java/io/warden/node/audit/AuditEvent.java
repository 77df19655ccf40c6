package io.warden.node.audit;

import java.util.Objects;

/**
 * One record of the committed log's audit stream: what the state machine did to sessions, locks and ephemeral keys,
 * in log order. The lock and session checkers read a list of these.
 * <p>
 * Every event has a {@code position} (its command's place in the log; events caused by one command, such as an
 * expiry and the releases and deletes it causes, share a position, so positions never decrease but may repeat) and
 * a {@code timeMs} (the cluster time of that command, the time the state machine itself used). Sessions are
 * {@code long} ids, locks and keys are strings. A fencing token is the revision of the grant.
 * <ul>
 *     <li>{@link SessionOpened}: a session was created with a TTL.</li>
 *     <li>{@link KeepAlive}: a keepalive was applied; {@code timeMs} is the instant it renewed the session from (the
 *     cluster time minus how long the client had been silent), so the deadline moved to {@code timeMs + ttlMs}.</li>
 *     <li>{@link SessionEnded}: the session expired or was closed.</li>
 *     <li>{@link Granted}: a lock was granted to a session with a token (exclusive or shared).</li>
 *     <li>{@link Released}: a grant ended, by the holder or because its session ended.</li>
 *     <li>{@link EphemeralCreated} and {@link EphemeralDeleted}: a key owned by a session appeared or went.</li>
 * </ul>
 */
public sealed interface AuditEvent
{
    /**
     * @return the command's position in the log.
     */
    long position();

    /**
     * @return the cluster time of the command, in milliseconds.
     */
    long timeMs();

    /** Why a grant or an ephemeral key went away. */
    enum Cause
    {
        /** The owning client asked (release, delete). */
        CLIENT,
        /** The owning session expired or was closed. */
        SESSION_END
    }

    /** How a session ended. */
    enum EndCause
    {
        /** Its deadline passed without a keepalive. */
        EXPIRED,
        /** The client closed it. */
        CLOSED
    }

    /**
     * A session was opened.
     *
     * @param position position in the log.
     * @param timeMs   cluster time.
     * @param session  the session id.
     * @param ttlMs    its time to live.
     */
    record SessionOpened(long position, long timeMs, long session, long ttlMs) implements AuditEvent
    {
    }

    /**
     * A keepalive for a live session was applied.
     *
     * @param position position in the log.
     * @param timeMs   the cluster time it renewed from (the command's time minus {@code silentMs}).
     * @param session  the session id.
     * @param silentMs how long the client had been silent when its gateway sent the renewal, as the gateway measured
     *                 it (0 for a renewal from the command's own time, such as a resume): the renewal counts from
     *                 that long before the command.
     */
    record KeepAlive(long position, long timeMs, long session, long silentMs) implements AuditEvent
    {
        /**
         * A renewal from the command's own time.
         *
         * @param position position in the log.
         * @param timeMs   cluster time.
         * @param session  the session id.
         */
        public KeepAlive(final long position, final long timeMs, final long session)
        {
            this(position, timeMs, session, 0);
        }
    }

    /**
     * A session ended.
     *
     * @param position position in the log.
     * @param timeMs   cluster time.
     * @param session  the session id.
     * @param cause    expired or closed.
     */
    record SessionEnded(long position, long timeMs, long session, EndCause cause) implements AuditEvent
    {
        /**
         * Checks the cause is present.
         */
        public SessionEnded
        {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A lock was granted.
     *
     * @param position  position in the log.
     * @param timeMs    cluster time.
     * @param lock      the lock name.
     * @param session   the new holder.
     * @param token     the fencing token of this grant.
     * @param exclusive true for an exclusive grant, false for a shared one.
     */
    record Granted(long position, long timeMs, String lock, long session, long token, boolean exclusive)
        implements AuditEvent
    {
        /**
         * Checks the lock is present.
         */
        public Granted
        {
            Objects.requireNonNull(lock, "lock");
        }
    }

    /**
     * A grant ended.
     *
     * @param position position in the log.
     * @param timeMs   cluster time.
     * @param lock     the lock name.
     * @param session  the holder that lost it.
     * @param token    the token of the grant that ended.
     * @param cause    the holder released it, or its session ended.
     */
    record Released(long position, long timeMs, String lock, long session, long token, Cause cause)
        implements AuditEvent
    {
        /**
         * Checks the lock and cause are present.
         */
        public Released
        {
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * An ephemeral key was created, owned by a session.
     *
     * @param position position in the log.
     * @param timeMs   cluster time.
     * @param key      the key.
     * @param session  its owner.
     */
    record EphemeralCreated(long position, long timeMs, String key, long session) implements AuditEvent
    {
        /**
         * Checks the key is present.
         */
        public EphemeralCreated
        {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * An ephemeral key was deleted.
     *
     * @param position position in the log.
     * @param timeMs   cluster time.
     * @param key      the key.
     * @param session  its owner.
     * @param cause    deleted by a client, or because the owner's session ended.
     */
    record EphemeralDeleted(long position, long timeMs, String key, long session, Cause cause) implements AuditEvent
    {
        /**
         * Checks the key and cause are present.
         */
        public EphemeralDeleted
        {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A committed change of a key, with who sent the command that made it (the session its request named, 0 for
     * none: an ephemeral key deleted by its session's end names that session's end, not a request).
     *
     * @param position the log position of the command.
     * @param timeMs   its cluster time.
     * @param key      the key.
     * @param revision the revision the change made.
     * @param type     put or delete.
     * @param session  the session the command's request named, 0 if none.
     */
    record KeyChanged(long position, long timeMs, String key, long revision, Change.Type type, long session)
        implements AuditEvent
    {
        public KeyChanged
        {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
        }
    }
}
