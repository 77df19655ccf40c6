package io.warden.node.domain;

import io.warden.schema.protocol.ResultCode;

/**
 * The remembered answer to an applied mutation, kept per session until the client acknowledges it, so a retried
 * {@code (sessionId, requestSeq)} gets the original answer instead of acting twice. The meaning of the three numbers
 * depends on {@link Kind}.
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

    public final long requestSeq;
    public final Kind kind;
    public final ResultCode code;
    public final long a;
    public final long b;
    public final long c;
    /** The key created by a sequential create; null for other kinds. */
    public final Key key;

    public Outcome(final long requestSeq, final Kind kind, final ResultCode code, final long a, final long b, final long c)
    {
        this(requestSeq, kind, code, a, b, c, null);
    }

    public Outcome(
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
    }

    @Override
    public String toString()
    {
        return "Outcome{seq=" + requestSeq + ", " + kind + ", " + code + ", " + a + ", " + b + ", " + c + '}';
    }
}
