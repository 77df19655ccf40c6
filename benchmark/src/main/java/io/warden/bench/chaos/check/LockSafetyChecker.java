package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.FencedWrite;
import io.warden.bench.chaos.history.Outcome;
import io.warden.bench.chaos.history.SafeClaim;
import io.warden.node.audit.AuditEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lock safety in linear (or n log n) time, from three views of a run (reliability-anchors section 3.4):
 * the committed log's audit stream ({@link AuditEvent}, in log order), the acquires as clients saw them
 * ({@link Acquisition}) and the writes as each fenced resource decided them ({@link FencedWrite}, in the resource's
 * order). Any view may be empty; the invariants that need it are then skipped.
 * <table>
 *     <caption>Invariants</caption>
 *     <tr><td>L1</td><td>Per lock, the tokens of successive grants strictly increase (shared grants made by one
 *     command may share a token).</td></tr>
 *     <tr><td>L2</td><td>No grant while the lock is held incompatibly (an exclusive grant needs no holder, a shared
 *     grant no exclusive holder), no second grant to a holder, and no grant to a session that has ended (the
 *     etcd#11456 shape).</td></tr>
 *     <tr><td>L3</td><td>Real time: an acquire that returned {@code ok(t1)} before another acquire of the same lock
 *     was invoked has the lower token: {@code t2 > t1}.</td></tr>
 *     <tr><td>L4</td><td>No phantom grants: for every (lock, session, token), the grants clients saw equal the
 *     grants in the log, except that a client's unknown-outcome acquire may explain one logged grant. Only
 *     sessions that appear among the acquisitions are checked.</td></tr>
 *     <tr><td>L5</td><td>Resource-side fencing: a resource never accepts a token below one it already accepted (no
 *     two holders at once as seen by the resource), rejects exactly the stale writes, and (with an audit stream)
 *     never sees a token that was not granted to the writer's session.</td></tr>
 *     <tr><td>L6</td><td>A release is applied only for the current holder with its token, and not after the
 *     holder's session ended: never by a non-holder, with a stale token, or twice.</td></tr>
 *     <tr><td>L7</td><td>No safety after the loss ({@link #checkSafeClaims}): a holder's client never says its grant
 *     is safe ({@link SafeClaim}) after the lock has definitely gone, that is after the latest time (on the harness
 *     clock, {@link TimeMap}) of the command that released it with its session's end or granted it to another
 *     session incompatibly.</td></tr>
 * </table>
 * Session-end effects (each held lock released exactly once when its session ends) are {@link SessionChecker}'s
 * S3. Stateless; each call works on its own data.
 */
public final class LockSafetyChecker
{
    /**
     * Check the three views of a run.
     *
     * @param audit        the audit stream in log order (positions never decrease).
     * @param acquisitions acquires as clients saw them, any order.
     * @param writes       fenced writes, in each resource's own order (resources may be interleaved).
     * @return the violations and counts ({@code grants}, {@code releases}, {@code acquisitions},
     * {@code writesAccepted}, {@code staleWritesRejected}).
     */
    public SafetyReport check(final List<AuditEvent> audit, final List<Acquisition> acquisitions, final List<FencedWrite> writes)
    {
        final List<Violation> violations = new ArrayList<>();
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Map<GrantKey, Integer> logged = checkAudit(audit, violations, counts);
        checkRealTimeOrder(acquisitions, violations);
        if (!audit.isEmpty() && !acquisitions.isEmpty())
        {
            checkNoPhantomGrants(logged, acquisitions, violations);
        }
        checkResources(writes, audit.isEmpty() ? null : logged, violations, counts);
        counts.put("acquisitions", (long)acquisitions.size());
        return new SafetyReport("lock", counts, violations);
    }

    /**
     * L7: no holder's client says a grant is safe once the lock has definitely gone from it.
     *
     * @param audit  the audit stream in log order.
     * @param claims what holders' clients said, any order.
     * @param time   when log positions happened, from the clients' operations.
     * @return the violations and counts ({@code safeClaims}, {@code safeClaimsJudged}: claims about a grant that
     * was lost within the log).
     */
    public SafetyReport checkSafeClaims(final List<AuditEvent> audit, final List<SafeClaim> claims, final TimeMap time)
    {
        final Map<GrantKey, Long> lostAt = new HashMap<>();
        final Map<String, Map<GrantKey, Boolean>> held = new HashMap<>();
        for (final AuditEvent event : audit)
        {
            if (event instanceof AuditEvent.Granted g)
            {
                final Map<GrantKey, Boolean> holders = held.computeIfAbsent(g.lock(), k -> new LinkedHashMap<>());
                for (final Map.Entry<GrantKey, Boolean> h : holders.entrySet())
                {
                    if (h.getKey().session() != g.session() && (g.exclusive() || h.getValue()))
                    {
                        lostAt.putIfAbsent(h.getKey(), g.position());
                    }
                }
                holders.put(new GrantKey(g.lock(), g.session(), g.token()), g.exclusive());
            }
            else if (event instanceof AuditEvent.Released r)
            {
                final GrantKey key = new GrantKey(r.lock(), r.session(), r.token());
                held.getOrDefault(r.lock(), Map.of()).remove(key);
                if (r.cause() == AuditEvent.Cause.SESSION_END)
                {
                    lostAt.putIfAbsent(key, r.position());
                }
            }
        }
        final List<Violation> violations = new ArrayList<>();
        long judged = 0;
        for (final SafeClaim claim : claims)
        {
            final Long position = lostAt.get(new GrantKey(claim.lock(), claim.session(), claim.token()));
            if (null == position)
            {
                continue;
            }
            judged++;
            final long latestNs = time.latestNs(position);
            if (latestNs != TimeMap.UNKNOWN_LATEST && claim.observedNs() > latestNs)
            {
                violations.add(new Violation("L7", "session " + claim.session() + " was told lock " + claim.lock() +
                    " (token " + claim.token() + ") is safe " + (claim.observedNs() - latestNs) / 1_000_000 +
                    " ms (at least) after the lock left it at position " + position));
            }
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("safeClaims", (long)claims.size());
        counts.put("safeClaimsJudged", judged);
        return new SafetyReport("safe", counts, violations);
    }

    private record GrantKey(String lock, long session, long token)
    {
    }

    private record SessionLock(String lock, long session)
    {
    }

    private static final class LockState
    {
        final Map<Long, Long> holders = new LinkedHashMap<>();
        final Set<Long> exclusiveHolders = new HashSet<>();
        boolean granted;
        long lastToken;
        long lastPosition;
        boolean lastExclusive;
    }

    private static Map<GrantKey, Integer> checkAudit(
        final List<AuditEvent> audit, final List<Violation> violations, final Map<String, Long> counts)
    {
        final Map<String, LockState> locks = new HashMap<>();
        final Map<Long, Long> endedAt = new HashMap<>();
        final Map<GrantKey, Integer> logged = new HashMap<>();
        long grants = 0;
        long releases = 0;
        long lastPosition = Long.MIN_VALUE;
        for (final AuditEvent event : audit)
        {
            if (event.position() < lastPosition)
            {
                throw new IllegalArgumentException("audit stream out of log order at " + event);
            }
            lastPosition = event.position();
            if (event instanceof AuditEvent.Granted g)
            {
                grants++;
                logged.merge(new GrantKey(g.lock(), g.session(), g.token()), 1, Integer::sum);
                final LockState lock = locks.computeIfAbsent(g.lock(), k -> new LockState());
                if (lock.granted)
                {
                    final boolean sameSharedBatch = !g.exclusive() && !lock.lastExclusive &&
                        g.position() == lock.lastPosition && g.token() == lock.lastToken;
                    if (g.token() <= lock.lastToken && !sameSharedBatch)
                    {
                        violations.add(new Violation("L1", "lock " + g.lock() + ": grant to session " + g.session() +
                            " at position " + g.position() + " has token " + g.token() +
                            ", not above the previous grant's token " + lock.lastToken + " (position " +
                            lock.lastPosition + ")"));
                    }
                }
                final Long ended = endedAt.get(g.session());
                if (ended != null)
                {
                    violations.add(new Violation("L2", "lock " + g.lock() + ": granted (token " + g.token() +
                        ", position " + g.position() + ") to session " + g.session() + ", which ended at position " +
                        ended));
                }
                if (lock.holders.containsKey(g.session()))
                {
                    violations.add(new Violation("L2", "lock " + g.lock() + ": granted again (token " + g.token() +
                        ", position " + g.position() + ") to session " + g.session() + ", which holds it with token " +
                        lock.holders.get(g.session())));
                }
                else if (g.exclusive() && !lock.holders.isEmpty())
                {
                    violations.add(new Violation("L2", "lock " + g.lock() + ": exclusive grant to session " +
                        g.session() + " (token " + g.token() + ", position " + g.position() +
                        ") while held by sessions " + lock.holders.keySet()));
                }
                else if (!g.exclusive() && !lock.exclusiveHolders.isEmpty())
                {
                    violations.add(new Violation("L2", "lock " + g.lock() + ": shared grant to session " +
                        g.session() + " (token " + g.token() + ", position " + g.position() +
                        ") while held exclusively by session " + lock.exclusiveHolders));
                }
                lock.holders.put(g.session(), g.token());
                if (g.exclusive())
                {
                    lock.exclusiveHolders.add(g.session());
                }
                lock.lastToken = lock.granted ? Math.max(lock.lastToken, g.token()) : g.token();
                lock.granted = true;
                lock.lastPosition = g.position();
                lock.lastExclusive = g.exclusive();
            }
            else if (event instanceof AuditEvent.Released r)
            {
                releases++;
                final LockState lock = locks.computeIfAbsent(r.lock(), k -> new LockState());
                final Long held = lock.holders.get(r.session());
                if (held == null || held != r.token())
                {
                    violations.add(new Violation("L6", "lock " + r.lock() + ": release of token " + r.token() +
                        " by session " + r.session() + " applied at position " + r.position() + ", but " +
                        (held == null ? "that session did not hold it (holders " + lock.holders + ")" :
                        "it holds token " + held)));
                }
                else
                {
                    lock.holders.remove(r.session());
                    lock.exclusiveHolders.remove(r.session());
                }
                final Long ended = endedAt.get(r.session());
                if (r.cause() == AuditEvent.Cause.CLIENT && ended != null)
                {
                    violations.add(new Violation("L6", "lock " + r.lock() + ": client release by session " +
                        r.session() + " applied at position " + r.position() + ", after the session ended at " +
                        ended));
                }
            }
            else if (event instanceof AuditEvent.SessionEnded e)
            {
                endedAt.putIfAbsent(e.session(), e.position());
            }
        }
        counts.put("grants", grants);
        counts.put("releases", releases);
        return logged;
    }

    private static void checkRealTimeOrder(final List<Acquisition> acquisitions, final List<Violation> violations)
    {
        final Map<String, List<Acquisition>> byLock = new LinkedHashMap<>();
        for (final Acquisition a : acquisitions)
        {
            if (a.outcome() == Outcome.OK)
            {
                byLock.computeIfAbsent(a.lock(), k -> new ArrayList<>()).add(a);
            }
        }
        for (final List<Acquisition> granted : byLock.values())
        {
            final List<Acquisition> byComplete = new ArrayList<>(granted);
            byComplete.sort(Comparator.comparingLong(Acquisition::completeNs));
            final List<Acquisition> byInvoke = new ArrayList<>(granted);
            byInvoke.sort(Comparator.comparingLong(Acquisition::invokeNs));
            Acquisition highest = null;
            int done = 0;
            for (final Acquisition b : byInvoke)
            {
                while (done < byComplete.size() && byComplete.get(done).completeNs() < b.invokeNs())
                {
                    final Acquisition a = byComplete.get(done++);
                    if (highest == null || a.token() > highest.token())
                    {
                        highest = a;
                    }
                }
                if (highest != null && b.token() <= highest.token())
                {
                    violations.add(new Violation("L3", "lock " + b.lock() + ": session " + b.session() +
                        " was granted token " + b.token() + " by an acquire invoked at " + b.invokeNs() +
                        "ns, after session " + highest.session() + "'s acquire had returned token " +
                        highest.token() + " at " + highest.completeNs() + "ns"));
                }
            }
        }
    }

    private static void checkNoPhantomGrants(
        final Map<GrantKey, Integer> logged, final List<Acquisition> acquisitions, final List<Violation> violations)
    {
        final Set<Long> observedSessions = new HashSet<>();
        final Map<GrantKey, Integer> observed = new LinkedHashMap<>();
        final Map<SessionLock, Integer> unknown = new HashMap<>();
        for (final Acquisition a : acquisitions)
        {
            observedSessions.add(a.session());
            if (a.outcome() == Outcome.OK)
            {
                observed.merge(new GrantKey(a.lock(), a.session(), a.token()), 1, Integer::sum);
            }
            else if (a.outcome() == Outcome.UNKNOWN)
            {
                unknown.merge(new SessionLock(a.lock(), a.session()), 1, Integer::sum);
            }
        }
        for (final Map.Entry<GrantKey, Integer> e : observed.entrySet())
        {
            final int inLog = logged.getOrDefault(e.getKey(), 0);
            if (e.getValue() > inLog)
            {
                final GrantKey k = e.getKey();
                violations.add(new Violation("L4", "lock " + k.lock + ": session " + k.session + " was told " +
                    e.getValue() + " time(s) it holds token " + k.token + ", but the log has " + inLog +
                    " such grant(s)"));
            }
        }
        final Map<SessionLock, Integer> unexplained = new LinkedHashMap<>();
        for (final Map.Entry<GrantKey, Integer> e : logged.entrySet())
        {
            final GrantKey k = e.getKey();
            final int extra = e.getValue() - observed.getOrDefault(k, 0);
            if (extra > 0 && observedSessions.contains(k.session))
            {
                unexplained.merge(new SessionLock(k.lock, k.session), extra, Integer::sum);
            }
        }
        for (final Map.Entry<SessionLock, Integer> e : unexplained.entrySet())
        {
            final int explained = unknown.getOrDefault(e.getKey(), 0);
            if (e.getValue() > explained)
            {
                violations.add(new Violation("L4", "lock " + e.getKey().lock + ": the log has " + e.getValue() +
                    " grant(s) to session " + e.getKey().session + " that its client never saw, and only " +
                    explained + " acquire(s) with an unknown outcome to explain them"));
            }
        }
    }

    private static void checkResources(
        final List<FencedWrite> writes,
        final Map<GrantKey, Integer> logged,
        final List<Violation> violations,
        final Map<String, Long> counts)
    {
        final Map<String, Long> highestAccepted = new HashMap<>();
        long accepted = 0;
        long staleRejected = 0;
        for (final FencedWrite w : writes)
        {
            final Long highest = highestAccepted.get(w.resource());
            final boolean stale = highest != null && w.token() < highest;
            if (w.accepted())
            {
                accepted++;
                if (stale)
                {
                    violations.add(new Violation("L5", "resource " + w.resource() + " accepted a write by session " +
                        w.session() + " with token " + w.token() + " after accepting token " + highest +
                        ": two holders of lock " + w.lock() + " at once as seen by the resource"));
                }
                else
                {
                    highestAccepted.put(w.resource(), w.token());
                }
            }
            else if (stale)
            {
                staleRejected++;
            }
            else
            {
                violations.add(new Violation("L5", "resource " + w.resource() + " rejected a write by session " +
                    w.session() + " with token " + w.token() + ", which is not stale (highest accepted: " +
                    highest + ")"));
            }
            if (logged != null && !logged.containsKey(new GrantKey(w.lock(), w.session(), w.token())))
            {
                violations.add(new Violation("L5", "resource " + w.resource() + " saw token " + w.token() +
                    " from session " + w.session() + ", but the log never granted lock " + w.lock() +
                    " to that session with that token"));
            }
        }
        counts.put("writesAccepted", accepted);
        counts.put("staleWritesRejected", staleRejected);
    }
}
