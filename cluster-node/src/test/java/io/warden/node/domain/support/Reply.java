package io.warden.node.domain.support;

import io.warden.node.domain.StatusView;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded answer of the state machine: an immutable copy of what went to the {@code Replies} port. Each kind of
 * answer is a record; {@link #as(Class)} narrows with a readable failure.
 */
public sealed interface Reply
    permits Reply.Rejected, Reply.Refused, Reply.Session, Reply.KeepAlive, Reply.Lock, Reply.LockDescription, Reply.Election,
    Reply.Leader, Reply.Put, Reply.Get, Reply.Delete, Reply.Range, Reply.Txn, Reply.Sequential, Reply.Watch,
    Reply.Progress, Reply.Status, Reply.Admin, Reply.AuthBegin, Reply.Authenticate, Reply.AuthList, Reply.SessionList,
    Reply.LockList
{
    /**
     * The connection the answer goes to.
     */
    long route();

    long correlationId();

    ResultCode code();

    /**
     * This reply as the given kind, or an {@link AssertionError} saying what it was instead.
     */
    default <T extends Reply> T as(final Class<T> type)
    {
        if (!type.isInstance(this))
        {
            throw new AssertionError("expected a " + type.getSimpleName() + " reply but got " + this);
        }
        return type.cast(this);
    }

    /**
     * A refusal with all other fields empty.
     */
    record Rejected(long route, long correlationId, ResultCode code) implements Reply
    {
    }

    /**
     * A refusal that says why: the limit, the usage before the request, a sentence.
     */
    record Refused(long route, long correlationId, ResultCode code, long limit, long usage, String detail)
        implements Reply
    {
    }

    record Session(long route, long correlationId, ResultCode code, long sessionId, long ttlMs) implements Reply
    {
    }

    /**
     * Keepalive answer: the sessions that could not be renewed, with why (code is always OK).
     */
    record KeepAlive(
        long route, long correlationId, ResultCode code, List<Long> failedSessionIds, List<ResultCode> failureCodes)
        implements Reply
    {
    }

    record Lock(long route, long correlationId, ResultCode code, long token, long delayRemainingMs) implements Reply
    {
    }

    record LockDescription(
        long route, long correlationId, ResultCode code, long delayUntilMs, List<Holder> holders, List<Waiter> waiters)
        implements Reply
    {
        /**
         * Session ids of the waiters, in queue order.
         */
        public List<Long> waiterSessionIds()
        {
            final ArrayList<Long> ids = new ArrayList<>(waiters.size());
            for (final Waiter waiter : waiters)
            {
                ids.add(waiter.sessionId());
            }
            return ids;
        }
    }

    record Holder(long sessionId, long token, long sinceMs, LockMode mode)
    {
    }

    record Waiter(long sessionId, long sinceMs, LockMode mode)
    {
    }

    record Election(long route, long correlationId, ResultCode code, long term) implements Reply
    {
    }

    record Leader(
        long route,
        long correlationId,
        ResultCode code,
        long term,
        long leaderSessionId,
        long revision,
        int candidates,
        Bytes value) implements Reply
    {
    }

    record Put(long route, long correlationId, ResultCode code, long revision, long createRevision, long version)
        implements Reply
    {
    }

    /**
     * @param entry null when the key does not exist.
     */
    record Get(long route, long correlationId, ResultCode code, long revision, Entry entry) implements Reply
    {
    }

    record Delete(long route, long correlationId, ResultCode code, long revision, long deleted) implements Reply
    {
    }

    record Range(long route, long correlationId, ResultCode code, long revision, boolean more, List<Entry> entries)
        implements Reply
    {
        /**
         * The keys of the page, in order.
         */
        public List<String> keys()
        {
            final ArrayList<String> keys = new ArrayList<>(entries.size());
            for (final Entry entry : entries)
            {
                keys.add(entry.key());
            }
            return keys;
        }
    }

    record Txn(long route, long correlationId, ResultCode code, long revision) implements Reply
    {
    }

    /**
     * @param key the created key, or null on failure.
     */
    record Sequential(long route, long correlationId, ResultCode code, long revision, String key) implements Reply
    {
    }

    record Watch(long route, long correlationId, ResultCode code, long watchId, long revision, long compactRevision)
        implements Reply
    {
    }

    record Progress(long route, long correlationId, ResultCode code, long revision) implements Reply
    {
    }

    record Status(long route, long correlationId, ResultCode code, Counters counters) implements Reply
    {
    }

    /**
     * An immutable copy of a {@link StatusView}.
     */
    record Counters(
        long revision,
        long compactRevision,
        long sessions,
        long locks,
        long elections,
        long keys,
        long watches,
        long historyEvents,
        long historyBytes,
        int maxValueLength,
        int historyMaxEvents,
        long historyMaxBytes,
        long stateDigest)
    {
        public static Counters copyOf(final StatusView view)
        {
            return new Counters(
                view.revision,
                view.compactRevision,
                view.sessions,
                view.locks,
                view.elections,
                view.keys,
                view.watches,
                view.historyEvents,
                view.historyBytes,
                view.maxValueLength,
                view.historyMaxEvents,
                view.historyMaxBytes,
                view.stateDigest);
        }
    }

    record Admin(long route, long correlationId, ResultCode code, String detail) implements Reply
    {
    }

    record AuthBegin(long route, long correlationId, ResultCode code, int iterations, byte[] salt) implements Reply
    {
    }

    record Authenticate(long route, long correlationId, ResultCode code, long userId, byte[] serverSignature)
        implements Reply
    {
    }

    record AuthList(long route, long correlationId, ResultCode code, boolean enabled, List<String> names,
        List<String> details) implements Reply
    {
    }

    /** One listed session: id, client name, TTL and lease times. */
    record ListedSession(long sessionId, String clientName, long ttlMs, long openedMs, long expiryMs)
    {
    }

    record SessionList(long route, long correlationId, ResultCode code, long nowMs, List<ListedSession> sessions,
        boolean more) implements Reply
    {
    }

    /** One listed lock: name, holder and waiter counts, the first holder. */
    record ListedLock(String name, int holders, int waiters, long sessionId, long token)
    {
    }

    record LockList(long route, long correlationId, ResultCode code, List<ListedLock> locks, boolean more)
        implements Reply
    {
    }
}
