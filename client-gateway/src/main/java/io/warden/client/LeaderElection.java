package io.warden.client;

import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.ResultCode;

import java.util.concurrent.CompletableFuture;

/**
 * Leader election: candidates queue in FIFO order; the first leads until it resigns or its session ends, then the
 * next is elected. Every leadership has a term, a fencing token strictly rising across leaders: send it with every
 * action a leader takes on shared resources, and check it with a {@link FenceGuard}. The leader's value (an address,
 * say) is mirrored at {@code /_warden/election/<name>}, which anyone can watch: {@link #observe()}.
 * <pre>{@code
 * LeaderElection election = new LeaderElection(client, "scheduler", new LeaderElection.Listener()
 * {
 *     public void onElected(long term) { scheduler.start(term); }
 *     public void onRevoked(long term) { scheduler.stop(); }
 * });
 * election.campaign("10.0.0.7:8080".getBytes(UTF_8));   // completes with the term when elected
 * ...
 * election.close();                                     // resigns
 * }</pre>
 * <b>Leadership can end without notice.</b> While the client is {@link ConnectionState#SUSPENDED} the session may
 * expire at the cluster and someone else be elected; a leader must stop leading once the client's
 * {@link WardenClient#safeUntilNs()} has passed ({@link #isSafe()}) and rely on the term for fencing. The listener's
 * {@link Listener#onRevoked} is called on resign, when the session is {@link ConnectionState#LOST}, and (while
 * observing) when the mirror shows another leader.
 * <p>
 * Thread-safe; listeners run on the client's callback executor.
 */
public final class LeaderElection implements AutoCloseable
{
    /**
     * Told about leadership changes.
     */
    public interface Listener
    {
        /**
         * This candidate was elected.
         * <pre>{@code public void onElected(long term) { scheduler.start(term); } }</pre>
         *
         * @param term the term (fencing token) of the leadership.
         */
        default void onElected(final long term)
        {
        }

        /**
         * This candidate stopped leading (resigned, session lost, or another leader observed).
         * <pre>{@code public void onRevoked(long term) { scheduler.stop(); } }</pre>
         *
         * @param term the term that ended.
         */
        default void onRevoked(final long term)
        {
        }

        /**
         * Who leads changed (only while {@link #observe() observing}).
         * <pre>{@code public void onLeaderChanged(LeaderInfo l) { route(l == null ? null : l.valueAsString()); } }</pre>
         *
         * @param leader the new leader, or null when nobody leads.
         */
        default void onLeaderChanged(final LeaderInfo leader)
        {
        }
    }

    private static final Listener NO_LISTENER = new Listener()
    {
    };

    private final WardenClient client;
    private final String name;
    private final String mirrorKey;
    private final Listener listener;
    private final ConnectionStateListener stateListener = this::onStateChanged;
    private CompletableFuture<LockGrant> campaign;
    private long term;
    private boolean leader;
    private WatchHandle observer;
    private volatile LeaderInfo observed;

    /**
     * An election without a listener.
     * <pre>{@code LeaderElection election = new LeaderElection(client, "scheduler"); }</pre>
     *
     * @param client the client whose session campaigns.
     * @param name   the election name.
     */
    public LeaderElection(final WardenClient client, final String name)
    {
        this(client, name, NO_LISTENER);
    }

    /**
     * An election with a listener.
     * <pre>{@code LeaderElection election = new LeaderElection(client, "scheduler", listener); }</pre>
     *
     * @param client   the client whose session campaigns.
     * @param name     the election name (short enough to be mirrored under {@code /_warden/election/}).
     * @param listener told about elections, revocations and (while observing) leader changes.
     */
    public LeaderElection(final WardenClient client, final String name, final Listener listener)
    {
        if (WardenClient.checkElectionName(name) != ResultCode.OK)
        {
            throw new IllegalArgumentException("invalid election name: " + name);
        }
        this.client = client;
        this.name = name;
        this.mirrorKey = WardenLimits.ELECTION_PREFIX + name;
        this.listener = listener == null ? NO_LISTENER : listener;
        client.addConnectionStateListener(stateListener);
    }

    /**
     * Stand as a candidate with a value. Completes with the term when elected (at once, or when the candidates ahead
     * are gone); fails with {@code CANCELLED} when the candidacy is withdrawn ({@link #resign()}) and
     * {@code SESSION_EXPIRED} when the session is lost.
     * <pre>{@code long term = client.await(election.campaign(address), 1, TimeUnit.MINUTES); }</pre>
     *
     * @param value the value to publish while leading (e.g. an address).
     * @return the term.
     */
    public CompletableFuture<Long> campaign(final byte[] value)
    {
        final CompletableFuture<LockGrant> grant;
        synchronized (this)
        {
            if (leader || (campaign != null && !campaign.isDone()))
            {
                return CompletableFuture.failedFuture(new IllegalStateException(
                    "already " + (leader ? "leading " : "campaigning in ") + name));
            }
            grant = client.campaign(name, value);
            campaign = grant;
        }
        return grant.thenApply(g ->
        {
            synchronized (this)
            {
                term = g.token;
                leader = true;
            }
            listener.onElected(g.token);
            return g.token;
        });
    }

    /**
     * Step down (when leading) or withdraw a queued candidacy. The next candidate is elected.
     * <pre>{@code client.await(election.resign()); }</pre>
     *
     * @return completes when the cluster has applied it.
     */
    public CompletableFuture<Void> resign()
    {
        final long resignTerm;
        final boolean wasLeader;
        final boolean queued;
        synchronized (this)
        {
            wasLeader = leader;
            resignTerm = leader ? term : 0;
            queued = !leader && campaign != null && !campaign.isDone();
            leader = false;
        }
        if (!wasLeader && !queued)
        {
            return CompletableFuture.completedFuture(null);
        }
        if (wasLeader)
        {
            listener.onRevoked(resignTerm);
        }
        return client.resign(name, resignTerm).handle((ok, ex) -> null);
    }

    /**
     * Publish a new value as the leader (same term).
     * <pre>{@code client.await(election.proclaim(newAddress)); }</pre>
     *
     * @param value the new value.
     * @return completes when applied; fails with {@code NOT_HOLDER} when not leading.
     */
    public CompletableFuture<Void> proclaim(final byte[] value)
    {
        final long leaderTerm;
        synchronized (this)
        {
            if (!leader)
            {
                return CompletableFuture.failedFuture(new WardenException(ResultCode.NOT_HOLDER,
                    "not the leader of " + name));
            }
            leaderTerm = term;
        }
        return client.proclaim(name, leaderTerm, value).thenApply(t -> null);
    }

    /**
     * Does this candidate lead (elected, not resigned, session not lost)?
     * <pre>{@code if (election.isLeader()) { ... } }</pre>
     *
     * @return true when leading.
     */
    public synchronized boolean isLeader()
    {
        return leader;
    }

    /**
     * Leading, and before the session's safe time: leader work may go on.
     * <pre>{@code while (election.isSafe()) { step(election.term()); } }</pre>
     *
     * @return true when leading and safe.
     */
    public boolean isSafe()
    {
        return isLeader() && client.isSafe();
    }

    /**
     * The term of the current (or last) leadership: its fencing token.
     * <pre>{@code guard.admit(election.term()); }</pre>
     *
     * @return the term, 0 if never elected.
     */
    public synchronized long term()
    {
        return term;
    }

    /**
     * Who leads now, asked of the cluster.
     * <pre>{@code LeaderInfo now = client.await(election.leader()); }</pre>
     *
     * @return the leader, or null when nobody leads.
     */
    public CompletableFuture<LeaderInfo> leader()
    {
        return client.leader(name);
    }

    /**
     * Watch who leads: reads the mirror key {@code /_warden/election/<name>} and watches it from the revision read,
     * telling the listener's {@link Listener#onLeaderChanged} the current leader and every change. While observing,
     * a leader that sees someone else's term is told {@link Listener#onRevoked}.
     * <pre>{@code
     * LeaderElection watcher = new LeaderElection(client, "scheduler", new LeaderElection.Listener()
     * {
     *     public void onLeaderChanged(LeaderInfo leader) { route(leader == null ? null : leader.valueAsString()); }
     * });
     * client.await(watcher.observe());
     * }</pre>
     *
     * @return completes with the leader at the start (or null) once watching.
     */
    public CompletableFuture<LeaderInfo> observe()
    {
        synchronized (this)
        {
            if (observer != null)
            {
                return CompletableFuture.completedFuture(observed);
            }
        }
        return client.range(mirrorKey).thenApply(range ->
        {
            LeaderInfo current = null;
            for (final KeyValue kv : range.entries())
            {
                if (kv.key().equals(mirrorKey))
                {
                    current = fromMirror(kv.createRevision(), kv.ownerSessionId(), kv.modRevision(), kv.value());
                }
            }
            synchronized (this)
            {
                if (observer == null)
                {
                    observer = client.watch(mirrorKey, range.revision() + 1, this::onMirrorEvent);
                }
            }
            onObserved(current);
            return current;
        });
    }

    private static LeaderInfo fromMirror(
        final long createRevision, final long owner, final long modRevision, final byte[] value)
    {
        return new LeaderInfo(createRevision, owner, modRevision, -1, value);
    }

    private void onMirrorEvent(final WatchEvent event)
    {
        onObserved(event.type() == EventType.PUT ?
            fromMirror(event.createRevision(), event.ownerSessionId(), event.modRevision(), event.value()) : null);
    }

    private void onObserved(final LeaderInfo current)
    {
        observed = current;
        long revokedTerm = 0;
        synchronized (this)
        {
            if (leader && current != null && current.term() > term)
            {
                leader = false;
                revokedTerm = term;
            }
        }
        if (revokedTerm != 0)
        {
            listener.onRevoked(revokedTerm);
        }
        listener.onLeaderChanged(current);
    }

    /**
     * The leader last seen by {@link #observe()}.
     * <pre>{@code LeaderInfo seen = election.observed(); }</pre>
     *
     * @return the leader, or null (nobody leads, or not observing).
     */
    public LeaderInfo observed()
    {
        return observed;
    }

    /**
     * The election name.
     * <pre>{@code String name = election.name(); }</pre>
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The key mirroring the leader: {@code /_warden/election/<name>}.
     * <pre>{@code client.watch(election.mirrorKey(), 0, listener); }</pre>
     *
     * @return the key.
     */
    public String mirrorKey()
    {
        return mirrorKey;
    }

    private void onStateChanged(final WardenClient c, final ConnectionState state)
    {
        if (state != ConnectionState.LOST)
        {
            return;
        }
        final long revokedTerm;
        synchronized (this)
        {
            revokedTerm = leader ? term : 0;
            leader = false;
        }
        if (revokedTerm != 0)
        {
            listener.onRevoked(revokedTerm);
        }
    }

    /**
     * Resign (or withdraw) and stop observing.
     * <pre>{@code election.close(); }</pre>
     */
    public void close()
    {
        final WatchHandle running;
        synchronized (this)
        {
            running = observer;
            observer = null;
        }
        if (running != null)
        {
            running.cancel();
        }
        client.removeConnectionStateListener(stateListener);
        if (!client.isClosed())
        {
            try
            {
                client.await(resign());
            }
            catch (final WardenException ex)
            {
                // the session is going away; the cluster withdraws the candidacy with it
            }
        }
    }

    @Override
    public synchronized String toString()
    {
        return "LeaderElection{name=" + name + ", leader=" + leader + ", term=" + term + '}';
    }
}
