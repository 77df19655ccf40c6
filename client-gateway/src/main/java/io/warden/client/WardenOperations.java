package io.warden.client;

import java.util.concurrent.CompletableFuture;

/**
 * What an operator asks of a cell ({@link WardenClient#operations()}): list its sessions and locks a page at a time,
 * end a stuck session, and have the leader take a snapshot now. Listing sessions needs the admin permission once
 * authentication is on and listing locks read on every lock name; expiring a session and asking for a snapshot need
 * the admin permission (or, while authentication is off, the gateway's admin credential). A refusal fails the future
 * with a {@link WardenException} ({@code PERMISSION_DENIED}, {@code UNAUTHORISED}) and changes nothing.
 * <pre>{@code
 * WardenOperations ops = admin.operations();
 * SessionListing sessions = admin.await(ops.sessions(0, 100));
 * admin.await(ops.expireSession(sessions.sessions().get(0).sessionId()));
 * admin.await(ops.snapshot());
 * }</pre>
 */
public final class WardenOperations
{
    private final WardenClient client;

    WardenOperations(final WardenClient client)
    {
        this.client = client;
    }

    /**
     * One page of the live sessions, in id order.
     * <pre>{@code SessionListing page = client.await(client.operations().sessions(0, 100)); }</pre>
     *
     * @param afterSessionId list sessions with a greater id: 0 from the first, else the previous page's
     *                       {@link SessionListing#lastSessionId()}.
     * @param maxCount       at most this many (0 for the node's largest page); a page may stop earlier to fit one
     *                       frame, and then says more follow.
     * @return the page.
     */
    public CompletableFuture<SessionListing> sessions(final long afterSessionId, final int maxCount)
    {
        final Op op = new Op(Op.Kind.LIST_SESSIONS, new CompletableFuture<>());
        op.encoding = (writer, buffer) -> writer.listSessions(buffer, 0, afterSessionId, maxCount);
        return client.submit(op);
    }

    /**
     * One page of the locks in use, in name order.
     * <pre>{@code LockListing page = client.await(client.operations().locks("", 100)); }</pre>
     *
     * @param after    list locks whose name sorts after this: empty from the first, else the previous page's
     *                 {@link LockListing#lastName()}.
     * @param maxCount at most this many (0 for the node's largest page); a page may stop earlier to fit one frame.
     * @return the page.
     */
    public CompletableFuture<LockListing> locks(final String after, final int maxCount)
    {
        final Op op = new Op(Op.Kind.LIST_LOCKS, new CompletableFuture<>());
        op.encoding = (writer, buffer) -> writer.listLocks(buffer, 0, after, maxCount);
        return client.submit(op);
    }

    /**
     * End a session now, exactly as if its TTL had run out: its locks are released (with their lock-delay), its
     * candidacies withdrawn, its ephemeral keys deleted, and its own client is told it expired.
     * <pre>{@code client.await(client.operations().expireSession(42)); }</pre>
     *
     * @param sessionId the session.
     * @return completes once the cell ended it; fails with {@code SESSION_EXPIRED} or {@code SESSION_UNKNOWN} when
     *         there is no such live session.
     */
    public CompletableFuture<Void> expireSession(final long sessionId)
    {
        final Op op = new Op(Op.Kind.EXPIRE_SESSION, new CompletableFuture<>());
        op.encoding = (writer, buffer) -> writer.expireSession(buffer, 0, sessionId);
        return client.submit(op);
    }

    /**
     * Ask the cell's leader for a snapshot now (as {@code ClusterTool snapshot} does on the leader's host). The
     * answer comes once the request is in the log; the leader takes the snapshot within a second or two, and every
     * node then purges what its retention allows.
     * <pre>{@code String said = client.await(client.operations().snapshot()); }</pre>
     *
     * @return the cell's answer, a sentence.
     */
    public CompletableFuture<String> snapshot()
    {
        final Op op = new Op(Op.Kind.ADMIN, new CompletableFuture<>());
        op.encoding = (writer, buffer) -> writer.requestSnapshot(buffer, 0);
        return client.submit(op);
    }
}
