package io.warden.client;

import io.warden.schema.RequestWriter;
import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.LockMode;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * One piece of work handed from a user thread to the client agent: a request (with its arguments, its future and,
 * once the agent has taken it, its correlation id, sequence and encoded frame, kept so it can be re-sent byte for
 * byte), or a control command (cancel a watch, open a new session, close).
 * <p>
 * Why a queue of small command objects rather than a ring buffer of encoded bytes: every request needs a
 * {@link CompletableFuture} delivered to the agent, which a byte ring cannot carry without a second, concurrent
 * table; the {@code requestSeq} and {@code ackedSeq} of a mutation are only known on the agent, which owns the
 * sequence tracker; and the one {@code RequestWriter} (not thread-safe) lives on the agent. The hand-off is Agrona's
 * lock-free {@code ManyToOneConcurrentArrayQueue}; the command object is the only extra allocation on a path that
 * allocates its future and arguments anyway.
 * <p>
 * Thread: fields set before the hand-off by the user thread; everything after by the agent.
 */
final class Op
{
    /**
     * What the op does. {@code mutation}: carries a {@code requestSeq}; {@code sessionBound}: carries the session id
     * (mutations and session reads such as {@code LockStatus}), so it waits for the session to be owned by the
     * current connection and fails when the session is lost.
     */
    enum Kind
    {
        OPEN_SESSION(false, false),
        RESUME_SESSION(false, true),
        CLOSE_SESSION(true, true),
        PUT(true, true),
        GET(false, false),
        DELETE(true, true),
        RANGE(false, false),
        TXN(true, true),
        CREATE_SEQUENTIAL(true, true),
        ACQUIRE(true, true),
        RELEASE(true, true),
        CHECK_FENCE(false, false),
        DESCRIBE_LOCK(false, false),
        LOCK_STATUS(false, true),
        CAMPAIGN(true, true),
        PROCLAIM(true, true),
        RESIGN(true, true),
        LEADER(false, false),
        WATCH(false, false),
        CANCEL_WATCH(false, false),
        PROGRESS(false, false),
        STATUS(false, false),
        GATEWAY_INFO(false, false),
        ADMIN(false, false),
        AUTH_LIST(false, false),
        LIST_SESSIONS(false, false),
        LIST_LOCKS(false, false),
        EXPIRE_SESSION(false, false),
        NEW_SESSION(false, false),
        CLOSE_CLIENT(false, false);

        final boolean mutation;
        final boolean sessionBound;

        Kind(final boolean mutation, final boolean sessionBound)
        {
            this.mutation = mutation;
            this.sessionBound = sessionBound;
        }
    }

    final Kind kind;
    final CompletableFuture<Object> future;

    String name;
    String text;
    byte[] value;
    boolean flag;
    long number;
    long number2;
    LockMode mode;
    TxnSpec txn;
    RangePager pager;
    /** ADMIN and AUTH_LIST: writes the request. */
    Encoding encoding;
    WatchState watch;
    Op parent;

    long correlationId;
    long sessionId;
    long requestSeq;
    byte[] frame;
    /**
     * When the frame was first offered: an answer may come from any of its sends, and only the first is sure to
     * precede whichever the cluster applied (what a session's safe time counts from).
     */
    long firstSentNs;
    boolean isSent;
    boolean hasDeadline;
    long deadlineNs;
    long timeoutNs;
    /** The agent has settled the future (answer, failure or local timeout). */
    boolean done;
    /** The agent gave up on it locally (request timeout) while it may still be applied. */
    boolean abandoned;
    /** Answered QUEUED: waits for a LockEvent or ElectionEvent. */
    boolean queued;
    /** A re-sync (LockStatus or Leader) is due once the op is queued. */
    boolean resyncNeeded;
    /** A LockStatus or Leader re-sync for this op is in flight. */
    boolean resyncInFlight;
    /** A session request the gateway could not forward now: send it again at {@link #retryAtNs}. */
    boolean retryPending;
    long retryAtNs;

    /**
     * Writes a request whose fields the op does not carry one by one (the auth admin requests).
     */
    @FunctionalInterface
    interface Encoding
    {
        int write(RequestWriter writer, MutableDirectBuffer buffer);
    }

    Op(final Kind kind, final CompletableFuture<Object> future)
    {
        this.kind = kind;
        this.future = future;
    }

    /**
     * Has the user given up on the result (timed out or cancelled)?
     */
    boolean isAbandoned()
    {
        return abandoned || (future != null && future.isCancelled());
    }

    @Override
    public String toString()
    {
        return "Op{" + kind + ", correlationId=" + correlationId + ", seq=" + requestSeq + ", name=" + name + '}';
    }
}
