package io.warden.node.domain;

import io.warden.node.domain.auth.AuthTable;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.session.Session;
import io.warden.node.domain.watch.Watch;

/**
 * Walks the whole replicated state in one canonical order: header, sessions by id (each followed by its remembered
 * outcomes by sequence), keys in key order, locks then elections in name order, watches by (route, id), history
 * oldest first. Snapshots and digests are both visitors, so they can never disagree about what the state is.
 */
public interface StateVisitor
{
    /**
     * The scalars of the state.
     */
    void header(StateHeader header);

    void session(Session session);

    void outcome(long sessionId, Outcome outcome);

    void kvEntry(KvEntry entry);

    /**
     * @param election false for a user lock, true for an election's candidate queue.
     */
    void lock(boolean election, LockQueue lock);

    void watch(Watch watch);

    void historyEvent(ChangeEvent event);

    /**
     * Users, roles and the auth switch (walk {@link AuthTable#users()} and {@link AuthTable#roles()} for their order).
     */
    void auth(AuthTable auth);

    void end();
}
