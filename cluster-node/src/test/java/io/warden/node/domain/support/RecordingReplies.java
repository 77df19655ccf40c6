package io.warden.node.domain.support;

import io.warden.node.domain.Key;
import io.warden.node.domain.Request;
import io.warden.node.domain.StatusView;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.kv.RangeResult;
import io.warden.node.domain.lock.LockClaim;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.port.Replies;
import io.warden.node.domain.session.Session;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.LongArrayList;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Replies} port that records every answer as an immutable {@link Reply}, copying out whatever the domain
 * reuses (entries, range pages, lock queues, value arrays).
 */
public final class RecordingReplies implements Replies
{
    private final ArrayList<Reply> replies = new ArrayList<>();

    /**
     * Every reply so far, oldest first (a read-only view).
     */
    public List<Reply> all()
    {
        return Collections.unmodifiableList(replies);
    }

    public int size()
    {
        return replies.size();
    }

    public Reply get(final int index)
    {
        return replies.get(index);
    }

    /**
     * The latest reply; fails if there is none.
     */
    public Reply last()
    {
        if (replies.isEmpty())
        {
            throw new AssertionError("no reply recorded");
        }
        return replies.get(replies.size() - 1);
    }

    /**
     * The latest reply as the given kind.
     */
    public <T extends Reply> T last(final Class<T> type)
    {
        return last().as(type);
    }

    public ResultCode lastCode()
    {
        return last().code();
    }

    public void clear()
    {
        replies.clear();
    }

    public void reject(final Request request, final ResultCode code)
    {
        replies.add(new Reply.Rejected(request.route, request.correlationId, code));
    }

    public void refuse(
        final Request request, final ResultCode code, final long limit, final long usage, final String detail)
    {
        replies.add(new Reply.Refused(request.route, request.correlationId, code, limit, usage, detail));
    }

    public void session(final Request request, final ResultCode code, final long sessionId, final long ttlMs)
    {
        replies.add(new Reply.Session(request.route, request.correlationId, code, sessionId, ttlMs));
    }

    public void keepAlive(
        final Request request, final LongArrayList failedSessionIds, final List<ResultCode> failureCodes)
    {
        final ArrayList<Long> ids = new ArrayList<>(failedSessionIds.size());
        for (int i = 0, n = failedSessionIds.size(); i < n; i++)
        {
            ids.add(failedSessionIds.getLong(i));
        }
        replies.add(new Reply.KeepAlive(
            request.route, request.correlationId, ResultCode.OK, List.copyOf(ids), List.copyOf(failureCodes)));
    }

    public void lock(final Request request, final ResultCode code, final long token, final long delayRemainingMs)
    {
        replies.add(new Reply.Lock(request.route, request.correlationId, code, token, delayRemainingMs));
    }

    public void lockDescription(final Request request, final ResultCode code, final LockQueue lock)
    {
        final ArrayList<Reply.Holder> holders = new ArrayList<>();
        final ArrayList<Reply.Waiter> waiters = new ArrayList<>();
        long delayUntilMs = 0;
        if (lock != null)
        {
            delayUntilMs = lock.delayUntilMs();
            for (int i = 0, n = lock.holderCount(); i < n; i++)
            {
                final LockClaim claim = lock.holder(i);
                holders.add(new Reply.Holder(claim.sessionId(), claim.token(), claim.sinceMs(), claim.mode()));
            }
            for (int i = 0, n = lock.waiterCount(); i < n; i++)
            {
                final LockClaim claim = lock.waiter(i);
                waiters.add(new Reply.Waiter(claim.sessionId(), claim.sinceMs(), claim.mode()));
            }
        }
        replies.add(new Reply.LockDescription(
            request.route, request.correlationId, code, delayUntilMs, List.copyOf(holders), List.copyOf(waiters)));
    }

    public void election(final Request request, final ResultCode code, final long term)
    {
        replies.add(new Reply.Election(request.route, request.correlationId, code, term));
    }

    public void leader(
        final Request request,
        final ResultCode code,
        final long term,
        final long leaderSessionId,
        final long revision,
        final int candidates,
        final byte[] value)
    {
        replies.add(new Reply.Leader(
            request.route, request.correlationId, code, term, leaderSessionId, revision, candidates,
            Bytes.copyOf(value)));
    }

    public void put(
        final Request request, final ResultCode code, final long revision, final long createRevision, final long version)
    {
        replies.add(new Reply.Put(request.route, request.correlationId, code, revision, createRevision, version));
    }

    public void get(final Request request, final ResultCode code, final long revision, final KvEntry entry)
    {
        replies.add(new Reply.Get(request.route, request.correlationId, code, revision, Entry.copyOf(entry)));
    }

    public void delete(final Request request, final ResultCode code, final long revision, final long deleted)
    {
        replies.add(new Reply.Delete(request.route, request.correlationId, code, revision, deleted));
    }

    public void range(final Request request, final ResultCode code, final RangeResult result)
    {
        final ArrayList<Entry> entries = new ArrayList<>(result.size());
        for (int i = 0, n = result.size(); i < n; i++)
        {
            entries.add(Entry.copyOf(result.get(i)));
        }
        replies.add(new Reply.Range(
            request.route, request.correlationId, code, result.revision(), result.more(), List.copyOf(entries)));
    }

    public void txn(final Request request, final ResultCode code, final long revision)
    {
        replies.add(new Reply.Txn(request.route, request.correlationId, code, revision));
    }

    public void sequential(final Request request, final ResultCode code, final long revision, final Key key)
    {
        replies.add(new Reply.Sequential(
            request.route, request.correlationId, code, revision, key == null ? null : key.toString()));
    }

    public void watch(
        final Request request, final ResultCode code, final long watchId, final long revision, final long compactRevision)
    {
        replies.add(new Reply.Watch(request.route, request.correlationId, code, watchId, revision, compactRevision));
    }

    public void progress(final Request request, final long revision)
    {
        replies.add(new Reply.Progress(request.route, request.correlationId, ResultCode.OK, revision));
    }

    public void status(final Request request, final ResultCode code, final StatusView status)
    {
        replies.add(new Reply.Status(request.route, request.correlationId, code, Reply.Counters.copyOf(status)));
    }

    public void admin(final Request request, final ResultCode code, final String detail)
    {
        replies.add(new Reply.Admin(request.route, request.correlationId, code, detail));
    }

    public void authBegin(final Request request, final ResultCode code, final int iterations, final byte[] salt)
    {
        replies.add(new Reply.AuthBegin(request.route, request.correlationId, code, iterations, salt.clone()));
    }

    public void authenticate(
        final Request request, final ResultCode code, final long userId, final byte[] serverSignature)
    {
        replies.add(new Reply.Authenticate(request.route, request.correlationId, code, userId,
            serverSignature == null ? null : serverSignature.clone()));
    }

    public void authList(
        final Request request,
        final ResultCode code,
        final boolean enabled,
        final List<String> names,
        final List<String> details)
    {
        replies.add(new Reply.AuthList(request.route, request.correlationId, code, enabled, List.copyOf(names),
            List.copyOf(details)));
    }

    public void sessionList(
        final Request request, final ResultCode code, final long nowMs, final List<Session> page, final boolean more)
    {
        final ArrayList<Reply.ListedSession> sessions = new ArrayList<>();
        for (final Session session : page)
        {
            sessions.add(new Reply.ListedSession(session.sessionId(),
                new String(session.clientName(), StandardCharsets.UTF_8), session.ttlMs(), session.openedMs(),
                session.expiryMs()));
        }
        replies.add(new Reply.SessionList(request.route, request.correlationId, code, nowMs, List.copyOf(sessions),
            more));
    }

    public void lockList(final Request request, final ResultCode code, final List<LockQueue> page, final boolean more)
    {
        final ArrayList<Reply.ListedLock> locks = new ArrayList<>();
        for (final LockQueue lock : page)
        {
            final LockClaim first = lock.holderCount() > 0 ? lock.holder(0) : null;
            locks.add(new Reply.ListedLock(
                new String(lock.name().bytes(), 0, lock.name().length(), StandardCharsets.UTF_8),
                lock.holderCount(), lock.waiterCount(), null == first ? 0 : first.sessionId(),
                null == first ? 0 : first.token()));
        }
        replies.add(new Reply.LockList(request.route, request.correlationId, code, List.copyOf(locks), more));
    }
}
