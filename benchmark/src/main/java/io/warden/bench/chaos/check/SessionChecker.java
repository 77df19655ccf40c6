package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.LeaseClaim;
import io.warden.bench.chaos.history.Silence;
import io.warden.node.audit.AuditEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Session and lease invariants over the audit stream ({@link AuditEvent}, in log order), in linear time
 * (reliability-anchors section 3.4).
 * <p>
 * Expiry is judged on the harness clock, from the clients' own records, never by the node's arithmetic: the log says
 * only in which order things happened, and a {@link TimeMap} built from the clients' operations says when (bounds on
 * the harness's monotonic clock). A renewal counts from its command's earliest time minus the silence its gateway
 * reported ({@link AuditEvent.KeepAlive#silentMs()}, a duration the gateway measured), a session open from its
 * command's earliest time; a {@link LeaseClaim} is what a client's keepalive answers proved to it; a {@link Silence}
 * is when the harness stopped a client. A node whose clock jumps expires sessions at the wrong real time, and that is
 * what these invariants see; the log's own timestamps are not used.
 * <table>
 *     <caption>Invariants</caption>
 *     <tr><td>S1</td><td>No premature expiry: a session expires no earlier (its expiry's latest time plus
 *     {@link #ROUNDING_NS}) than the latest of: its open's earliest time plus its TTL, each applied renewal's
 *     earliest time minus its silence plus the TTL, and every lease its client was shown ({@link LeaseClaim}).
 *     Grace periods only extend deadlines, so they never excuse an early expiry.</td></tr>
 *     <tr><td>S2</td><td>Eventual expiry: a session expires by (its expiry's earliest time is at most) the earliest
 *     of its last renewal's latest time minus its silence plus the TTL and its client's {@link Silence} plus the TTL,
 *     plus the tolerance (grace across leader changes and the detection bound); a session still live at the end of
 *     the observation ({@link TimeMap#observedUntilNs()}) must not be past that either. Skipped when the tolerance is
 *     unbounded, and for a session without a bound.</td></tr>
 *     <tr><td>S3</td><td>Exactly-once effects: a session ends once; when it ends, each lock it holds is released
 *     with cause {@code SESSION_END} exactly once and each ephemeral key it owns is deleted with cause
 *     {@code SESSION_END} exactly once, and no such effect happens before the end or for something it did not
 *     hold.</td></tr>
 *     <tr><td>S4</td><td>No resurrection: after a session ended, no keepalive, no ephemeral key creation and no
 *     client delete is applied for it, and its id is never opened again. (Grants and releases after the end are
 *     {@link LockSafetyChecker}'s L2 and L6.)</td></tr>
 * </table>
 * S5 (the client library stops claiming a lock at its local deadline) is client behaviour; its scenario checks it
 * directly, and {@link LockSafetyChecker#checkSafeClaims} checks that no holder claimed safety once its lock had
 * gone (L7). Sessions that appear without a {@code SessionOpened} (the stream began after they were opened) are
 * checked for S3 and S4 only. Stateless apart from its tolerance; each call works on its own data.
 */
public final class SessionChecker
{
    /**
     * Slack of S1: log time is whole milliseconds, and each node anchors its clock to the wall clock's millisecond,
     * so a correct expiry can come up to a couple of milliseconds before a bound computed in nanoseconds.
     */
    public static final long ROUNDING_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long expiryToleranceNs;

    /**
     * A checker without the eventual-expiry check (S2).
     */
    public SessionChecker()
    {
        this.expiryToleranceNs = Long.MAX_VALUE;
    }

    /**
     * A checker with the eventual-expiry check (S2).
     *
     * @param expiryTolerance how long after its last renewal plus TTL a silent session may still be live: the grace
     *                        periods that leader changes may add, plus how late the expiry timer may fire.
     */
    public SessionChecker(final Duration expiryTolerance)
    {
        this.expiryToleranceNs = expiryTolerance.toNanos();
    }

    private static final class SessionState
    {
        final long session;
        long ttlMs = -1;
        /** The latest lower bound of the deadline found so far (S1). */
        long deadlineAtLeastNs = TimeMap.UNKNOWN_EARLIEST;
        /** An upper bound of the deadline from the renewals (S2), or unknown. */
        long renewedAtMostNs = TimeMap.UNKNOWN_EARLIEST;
        boolean renewalUnbounded;
        AuditEvent.SessionEnded ended;
        final Map<String, Long> locks = new LinkedHashMap<>();
        final Set<String> ephemerals = new LinkedHashSet<>();
        final Map<String, Long> pendingReleases = new LinkedHashMap<>();
        final Set<String> pendingDeletes = new LinkedHashSet<>();
        final Set<String> releasedOnEnd = new HashSet<>();
        final Set<String> deletedOnEnd = new HashSet<>();

        SessionState(final long session)
        {
            this.session = session;
        }
    }

    /**
     * Check an audit stream's effects (S3, S4) without any times: S1 and S2 are not judged.
     *
     * @param audit the events in log order (positions never decrease).
     * @return the violations and counts.
     */
    public SafetyReport check(final List<AuditEvent> audit)
    {
        return check(audit, TimeMap.empty(), List.of(), List.of());
    }

    /**
     * Check an audit stream against the clients' records.
     *
     * @param audit    the events in log order (positions never decrease).
     * @param time     when log positions happened, from the clients' operations.
     * @param claims   leases the clients were shown.
     * @param silences clients the harness stopped.
     * @return the violations and counts ({@code sessions}, {@code ended}, {@code releasedOnEnd},
     * {@code deletedOnEnd}, {@code expiriesJudged}: expiries S1 had a bound for, {@code leaseClaims}).
     */
    public SafetyReport check(
        final List<AuditEvent> audit, final TimeMap time, final List<LeaseClaim> claims, final List<Silence> silences)
    {
        final List<Violation> violations = new ArrayList<>();
        final Map<Long, SessionState> sessions = new LinkedHashMap<>();
        final Map<String, Long> ephemeralOwner = new HashMap<>();
        final List<SessionState> expired = new ArrayList<>();
        long releasedOnEnd = 0;
        long deletedOnEnd = 0;
        long lastPosition = Long.MIN_VALUE;
        for (final AuditEvent event : audit)
        {
            if (event.position() < lastPosition)
            {
                throw new IllegalArgumentException("audit stream out of log order at " + event);
            }
            lastPosition = event.position();
            if (event instanceof AuditEvent.SessionOpened o)
            {
                final SessionState existing = sessions.get(o.session());
                if (existing != null)
                {
                    violations.add(new Violation("S4", "session " + o.session() + " opened again at position " +
                        o.position() + (existing.ended != null ? " after it ended at position " +
                        existing.ended.position() : " while live")));
                    continue;
                }
                final SessionState s = new SessionState(o.session());
                s.ttlMs = o.ttlMs();
                sessions.put(o.session(), s);
                renewed(s, time, o.position(), 0);
            }
            else if (event instanceof AuditEvent.KeepAlive k)
            {
                final SessionState s = session(sessions, k.session());
                if (s.ended != null)
                {
                    violations.add(new Violation("S4", "keepalive for session " + k.session() + " applied at position " +
                        k.position() + ", after it ended at position " + s.ended.position()));
                }
                else if (s.ttlMs >= 0)
                {
                    renewed(s, time, k.position(), k.silentMs());
                }
            }
            else if (event instanceof AuditEvent.SessionEnded e)
            {
                final SessionState s = session(sessions, e.session());
                if (s.ended != null)
                {
                    violations.add(new Violation("S3", "session " + e.session() + " ended again at position " +
                        e.position() + " (first at " + s.ended.position() + ")"));
                    continue;
                }
                s.ended = e;
                if (e.cause() == AuditEvent.EndCause.EXPIRED && s.ttlMs >= 0)
                {
                    expired.add(s);
                }
                s.pendingReleases.putAll(s.locks);
                s.pendingDeletes.addAll(s.ephemerals);
            }
            else if (event instanceof AuditEvent.Granted g)
            {
                final SessionState s = session(sessions, g.session());
                if (s.ended == null)
                {
                    s.locks.put(g.lock(), g.token());
                }
            }
            else if (event instanceof AuditEvent.Released r)
            {
                final SessionState s = session(sessions, r.session());
                final Long held = s.locks.get(r.lock());
                if (held != null && held == r.token())
                {
                    s.locks.remove(r.lock());
                }
                if (r.cause() != AuditEvent.Cause.SESSION_END)
                {
                    s.pendingReleases.remove(r.lock(), r.token());
                    continue;
                }
                releasedOnEnd++;
                final String what = "lock " + r.lock() + " (token " + r.token() + ") of session " + r.session();
                if (s.ended == null)
                {
                    violations.add(new Violation("S3", what + " released for session end at position " +
                        r.position() + ", but the session has not ended"));
                }
                else if (s.pendingReleases.remove(r.lock(), r.token()))
                {
                    s.releasedOnEnd.add(r.lock() + "#" + r.token());
                }
                else if (s.releasedOnEnd.contains(r.lock() + "#" + r.token()))
                {
                    violations.add(new Violation("S3", what + " released again for session end at position " +
                        r.position()));
                }
                else
                {
                    violations.add(new Violation("S3", what + " released for session end at position " +
                        r.position() + ", but the session did not hold it when it ended"));
                }
            }
            else if (event instanceof AuditEvent.EphemeralCreated c)
            {
                final SessionState s = session(sessions, c.session());
                if (s.ended != null)
                {
                    violations.add(new Violation("S4", "ephemeral key " + c.key() + " created for session " +
                        c.session() + " at position " + c.position() + ", after it ended at position " +
                        s.ended.position()));
                    continue;
                }
                final Long previous = ephemeralOwner.put(c.key(), c.session());
                if (previous != null && previous != c.session())
                {
                    sessions.get(previous).ephemerals.remove(c.key());
                }
                s.ephemerals.add(c.key());
            }
            else if (event instanceof AuditEvent.EphemeralDeleted d)
            {
                final SessionState s = session(sessions, d.session());
                final Long owner = ephemeralOwner.get(d.key());
                final boolean owned = owner != null && owner == d.session();
                if (owned)
                {
                    ephemeralOwner.remove(d.key());
                    s.ephemerals.remove(d.key());
                }
                if (d.cause() != AuditEvent.Cause.SESSION_END)
                {
                    if (s.ended != null && !s.pendingDeletes.remove(d.key()))
                    {
                        violations.add(new Violation("S4", "client delete of ephemeral key " + d.key() +
                            " of session " + d.session() + " applied at position " + d.position() +
                            ", after the session ended and its keys were deleted"));
                    }
                    continue;
                }
                deletedOnEnd++;
                final String what = "ephemeral key " + d.key() + " of session " + d.session();
                if (s.ended == null)
                {
                    violations.add(new Violation("S3", what + " deleted for session end at position " +
                        d.position() + ", but the session has not ended"));
                }
                else if (s.pendingDeletes.remove(d.key()))
                {
                    s.deletedOnEnd.add(d.key());
                }
                else if (s.deletedOnEnd.contains(d.key()))
                {
                    violations.add(new Violation("S3", what + " deleted again for session end at position " +
                        d.position()));
                }
                else
                {
                    violations.add(new Violation("S3", what + " deleted for session end at position " +
                        d.position() + ", but the session did not own it when it ended"));
                }
            }
        }

        final Map<Long, Long> silentFromNs = new HashMap<>();
        for (final Silence silence : silences)
        {
            silentFromNs.merge(silence.session(), silence.fromNs(), Math::min);
        }
        for (final LeaseClaim claim : claims)
        {
            final SessionState s = sessions.get(claim.session());
            if (null != s)
            {
                s.deadlineAtLeastNs = Math.max(s.deadlineAtLeastNs, claim.leastExpiryNs());
            }
        }
        long judged = 0;
        for (final SessionState s : expired)
        {
            judged += checkExpiry(s, time, silentFromNs.get(s.session), violations) ? 1 : 0;
        }

        long ended = 0;
        for (final SessionState s : sessions.values())
        {
            if (s.ended != null)
            {
                ended++;
                for (final Map.Entry<String, Long> lock : s.pendingReleases.entrySet())
                {
                    violations.add(new Violation("S3", "lock " + lock.getKey() + " (token " + lock.getValue() +
                        ") of session " + s.session + " never released after the session ended at position " +
                        s.ended.position()));
                }
                for (final String key : s.pendingDeletes)
                {
                    violations.add(new Violation("S3", "ephemeral key " + key + " of session " + s.session +
                        " never deleted after the session ended at position " + s.ended.position()));
                }
            }
            else if (expiryToleranceNs != Long.MAX_VALUE && s.ttlMs >= 0)
            {
                final long atMostNs = deadlineAtMostNs(s, silentFromNs.get(s.session));
                final long untilNs = time.observedUntilNs();
                if (atMostNs != TimeMap.UNKNOWN_LATEST && untilNs != TimeMap.UNKNOWN_EARLIEST &&
                    untilNs - atMostNs > expiryToleranceNs)
                {
                    violations.add(new Violation("S2", "session " + s.session + " still live at the end of the " +
                        "observation, " + ms(untilNs - atMostNs) + " ms past its latest deadline (last renewal or " +
                        "silence + ttl " + s.ttlMs + " ms; tolerance " + ms(expiryToleranceNs) + " ms)"));
                }
            }
        }

        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("sessions", (long)sessions.size());
        counts.put("ended", ended);
        counts.put("releasedOnEnd", releasedOnEnd);
        counts.put("deletedOnEnd", deletedOnEnd);
        counts.put("expiriesJudged", judged);
        counts.put("leaseClaims", (long)claims.size());
        return new SafetyReport("session", counts, violations);
    }

    /**
     * A renewal (an open, or an applied keepalive with the silence its gateway reported) at a log position.
     */
    private static void renewed(final SessionState s, final TimeMap time, final long position, final long silentMs)
    {
        final long ttlNs = TimeUnit.MILLISECONDS.toNanos(s.ttlMs) - TimeUnit.MILLISECONDS.toNanos(silentMs);
        final long earliestNs = time.earliestNs(position);
        if (earliestNs != TimeMap.UNKNOWN_EARLIEST)
        {
            s.deadlineAtLeastNs = Math.max(s.deadlineAtLeastNs, earliestNs + ttlNs);
        }
        final long latestNs = time.latestNs(position);
        if (latestNs == TimeMap.UNKNOWN_LATEST)
        {
            s.renewalUnbounded = true;
        }
        else
        {
            s.renewedAtMostNs = Math.max(s.renewedAtMostNs, latestNs + ttlNs);
        }
    }

    /**
     * The latest the session's deadline can be without new terms: the renewals' bound, or one TTL after its client
     * went silent, whichever is earlier.
     */
    private static long deadlineAtMostNs(final SessionState s, final Long silentFromNs)
    {
        long atMostNs = s.renewalUnbounded || s.renewedAtMostNs == TimeMap.UNKNOWN_EARLIEST ?
            TimeMap.UNKNOWN_LATEST : s.renewedAtMostNs;
        if (null != silentFromNs)
        {
            atMostNs = Math.min(atMostNs, silentFromNs + TimeUnit.MILLISECONDS.toNanos(s.ttlMs));
        }
        return atMostNs;
    }

    /**
     * S1 and S2 for one expiry.
     *
     * @return true when S1 had a bound to judge it by.
     */
    private boolean checkExpiry(
        final SessionState s, final TimeMap time, final Long silentFromNs, final List<Violation> violations)
    {
        final long position = s.ended.position();
        final long latestNs = time.latestNs(position);
        boolean judged = false;
        if (latestNs != TimeMap.UNKNOWN_LATEST && s.deadlineAtLeastNs != TimeMap.UNKNOWN_EARLIEST)
        {
            judged = true;
            if (s.deadlineAtLeastNs - latestNs > ROUNDING_NS)
            {
                violations.add(new Violation("S1", "session " + s.session + " expired at position " + position +
                    ", " + ms(s.deadlineAtLeastNs - latestNs) + " ms (at least) before the earliest deadline its " +
                    "renewals and its client's evidence allow (ttl " + s.ttlMs + " ms)"));
            }
        }
        final long earliestNs = time.earliestNs(position);
        final long atMostNs = deadlineAtMostNs(s, silentFromNs);
        if (expiryToleranceNs != Long.MAX_VALUE && earliestNs != TimeMap.UNKNOWN_EARLIEST &&
            atMostNs != TimeMap.UNKNOWN_LATEST && earliestNs - atMostNs > expiryToleranceNs)
        {
            violations.add(new Violation("S2", "session " + s.session + " expired at position " + position + ", " +
                ms(earliestNs - atMostNs) + " ms (at least) after its latest deadline (last renewal or silence + ttl " +
                s.ttlMs + " ms; tolerance " + ms(expiryToleranceNs) + " ms)"));
        }
        return judged;
    }

    private static long ms(final long ns)
    {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }

    private static SessionState session(final Map<Long, SessionState> sessions, final long session)
    {
        return sessions.computeIfAbsent(session, SessionState::new);
    }
}
