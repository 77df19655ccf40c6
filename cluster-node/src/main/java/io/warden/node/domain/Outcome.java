package io.warden.node.domain;

import io.warden.schema.protocol.ResultCode;

/**
 * The remembered answer to an applied mutation, kept per session until the client acknowledges it, so a retried
 * {@code (sessionId, requestSeq)} gets the original answer instead of acting twice. The meaning of the three numbers
 * depends on {@link Kind}. Owned by one session, which refills acknowledged ones ({@link #set}); read an outcome during
 * the command that looks it up and keep no reference.
 */
public final class Outcome
{
    /**
     * Which response an outcome answers with.
     */
    public enum Kind
    {
        /** a = session id, b = ttl. */
        SESSION,
        /** a = token, b = lock-delay remaining. */
        LOCK,
        /** a = term. */
        ELECTION,
        /** a = revision, b = create revision, c = version. */
        PUT,
        /** a = revision, b = deleted count. */
        DELETE,
        /** a = revision. */
        TXN,
        /** a = revision; key = the created key. */
        SEQUENTIAL;

        private static final Kind[] VALUES = values();

        public static Kind get(final int ordinal)
        {
            return VALUES[ordinal];
        }
    }

    public long requestSeq;
    public Kind kind;
    public ResultCode code;
    public long a;
    public long b;
    public long c;
    /** The key created by a sequential create; null for other kinds. */
    public Key key;

    /**
     * An empty outcome; fill it with {@link #set}.
     */
    public Outcome()
    {
    }

    /**
     * Refill a spare outcome (its session reuses the objects of acknowledged answers, so answering allocates nothing).
     *
     * @return this.
     */
    public Outcome set(
        final long requestSeq,
        final Kind kind,
        final ResultCode code,
        final long a,
        final long b,
        final long c,
        final Key key)
    {
        this.key = key;
        this.requestSeq = requestSeq;
        this.kind = kind;
        this.code = code;
        this.a = a;
        this.b = b;
        this.c = c;
        return this;
    }

    @Override
    public String toString()
    {
        return "Outcome{seq=" + requestSeq + ", " + kind + ", " + code + ", " + a + ", " + b + ", " + c + '}';
    }
}
