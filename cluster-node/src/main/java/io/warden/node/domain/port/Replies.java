package io.warden.node.domain.port;

import io.warden.node.domain.Key;
import io.warden.node.domain.Request;
import io.warden.node.domain.StatusView;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.kv.RangeResult;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.session.Session;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.LongArrayList;

import java.util.List;

/**
 * Answers to the request being applied; each request gets exactly one. Every answer carries the {@link Request} it
 * answers so the implementation can route it ({@code route}) and correlate it ({@code correlationId}).
 */
public interface Replies
{
    /**
     * A refusal with all other fields empty, in the response type that belongs to the request's template.
     */
    void reject(Request request, ResultCode code);

    /**
     * Refuse a request with the limit it would break, the usage before it, and a sentence for people (an
     * {@code ErrorResponse} with its version 3 fields).
     */
    void refuse(Request request, ResultCode code, long limit, long usage, String detail);

    void session(Request request, ResultCode code, long sessionId, long ttlMs);

    /**
     * Keepalive batch answer: only the sessions that could not be renewed, with why.
     */
    void keepAlive(Request request, LongArrayList failedSessionIds, List<ResultCode> failureCodes);

    void lock(Request request, ResultCode code, long token, long delayRemainingMs);

    /**
     * @param lock null when the lock does not exist (code NOT_FOUND).
     */
    void lockDescription(Request request, ResultCode code, LockQueue lock);

    void election(Request request, ResultCode code, long term);

    void leader(
        Request request, ResultCode code, long term, long leaderSessionId, long revision, int candidates, byte[] value);

    void put(Request request, ResultCode code, long revision, long createRevision, long version);

    /**
     * @param entry null when the key does not exist (code NOT_FOUND).
     */
    void get(Request request, ResultCode code, long revision, KvEntry entry);

    void delete(Request request, ResultCode code, long revision, long deleted);

    void range(Request request, ResultCode code, RangeResult result);

    void txn(Request request, ResultCode code, long revision);

    /**
     * @param key the created key, or null on failure.
     */
    void sequential(Request request, ResultCode code, long revision, Key key);

    void watch(Request request, ResultCode code, long watchId, long revision, long compactRevision);

    void progress(Request request, long revision);

    void status(Request request, ResultCode code, StatusView status);

    /**
     * Answer to UserChange, RoleChange and AuthSwitch, with a sentence for people (why, when refused).
     */
    void admin(Request request, ResultCode code, String detail);

    /**
     * A user's salt and iterations (made-up ones for an unknown user).
     */
    void authBegin(Request request, ResultCode code, int iterations, byte[] salt);

    /**
     * @param serverSignature null when the proof was refused.
     */
    void authenticate(Request request, ResultCode code, long userId, byte[] serverSignature);

    /**
     * Users with their roles, or roles with their permissions, as parallel lists.
     */
    void authList(Request request, ResultCode code, boolean enabled, List<String> names, List<String> details);

    /**
     * A page of live sessions (ListSessions), in id order; {@code more} when sessions follow the last one. The list
     * is only valid during the call.
     */
    void sessionList(Request request, ResultCode code, long nowMs, List<Session> page, boolean more);

    /**
     * A page of the locks in use (ListLocks), in name order; {@code more} when locks follow the last one. The list
     * is only valid during the call.
     */
    void lockList(Request request, ResultCode code, List<LockQueue> page, boolean more);
}
