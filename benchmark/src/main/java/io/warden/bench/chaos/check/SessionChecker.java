package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.AuditEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Session and lease invariants over the audit stream ({@link AuditEvent}, in log order), in linear time
 * (reliability-anchors section 3.4). Times are the cluster times of the log, the clock the state machine itself
 * uses, so expiry is judged by the same clock that decided it.
 * <table>
 *     <caption>Invariants</caption>
 *     <tr><td>S1</td><td>No premature expiry: a session expires no earlier than its last renewal (open or applied
 *     keepalive) plus its TTL. Grace periods only extend deadlines, so they never excuse an early expiry.</td></tr>
 *     <tr><td>S2</td><td>Eventual expiry: a session whose last renewal plus TTL plus the tolerance (grace across
 *     leader changes and the detection bound) has passed is expired by then, both for sessions that expired late
 *     and for sessions still live at the end of the observation. Skipped when the tolerance is unbounded.</td></tr>
 *     <tr><td>S3</td><td>Exactly-once effects: a session ends once; when it ends, each lock it holds is released
 *     with cause {@code SESSION_END} exactly once and each ephemeral key it owns is deleted with cause
 *     {@code SESSION_END} exactly once, and no such effect happens before the end or for something it did not
 *     hold.</td></tr>
 *     <tr><td>S4</td><td>No resurrection: after a session ended, no keepalive, no ephemeral key creation and no
 *     client delete is applied for it, and its id is never opened again. (Grants and releases after the end are
 *     {@link LockSafetyChecker}'s L2 and L6.)</td></tr>
 * </table>
 * S5 (the client library stops claiming a lock at its local deadline) is client behaviour, not visible in the log;
 * its scenario checks it directly. Sessions that appear without a {@code SessionOpened} (the stream began after
 * they were opened) are checked for S3 and S4 only. Stateless apart from its tolerance; each call works on its own
 * data.
 */
public final class SessionChecker
{
    private final long expiryToleranceMs;

    /**
     * A checker without the eventual-expiry check (S2).
     */
    public SessionChecker()
    {
        this.expiryToleranceMs = Long.MAX_VALUE;
    }

    /**
     * A checker with the eventual-expiry check (S2).
     *
     * @param expiryTolerance how long after its last renewal plus TTL a silent session may still be live: the grace
     *                        periods that leader changes may add, plus how late the expiry timer may fire.
     */
    public SessionChecker(final Duration expiryTolerance)
    {
        this.expiryToleranceMs = expiryTolerance.toMillis();
    }

    private static final class SessionState
    {
        final long session;
        long ttlMs = -1;
        long lastRenewalMs;
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
     * Check an audit stream, observed until its last event.
     */
    public SafetyReport check(final List<AuditEvent> audit)
    {
        long lastTimeMs = Long.MIN_VALUE;
        for (final AuditEvent e : audit)
        {
            lastTimeMs = Math.max(lastTimeMs, e.timeMs());
        }
        return check(audit, lastTimeMs);
    }

    /**
     * Check an audit stream.
     *
     * @param audit           the events in log order (positions never decrease).
     * @param observedUntilMs the cluster time up to which the stream is complete (for S2 on live sessions).
     * @return the violations and counts ({@code sessions}, {@code ended}, {@code releasedOnEnd},
     * {@code deletedOnEnd}).
     */
    public SafetyReport check(final List<AuditEvent> audit, final long observedUntilMs)
    {
        final List<Violation> violations = new ArrayList<>();
        final Map<Long, SessionState> sessions = new LinkedHashMap<>();
        final Map<String, Long> ephemeralOwner = new HashMap<>();
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
                s.lastRenewalMs = o.timeMs();
                sessions.put(o.session(), s);
            }
            else if (event instanceof AuditEvent.KeepAlive k)
            {
                final SessionState s = session(sessions, k.session());
                if (s.ended != null)
                {
                    violations.add(new Violation("S4", "keepalive for session " + k.session() + " applied at position " +
                        k.position() + ", after it ended at position " + s.ended.position()));
                }
                else
                {
                    s.lastRenewalMs = Math.max(s.lastRenewalMs, k.timeMs());
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
                    final long deadlineMs = s.lastRenewalMs + s.ttlMs;
                    if (e.timeMs() < deadlineMs)
                    {
                        violations.add(new Violation("S1", "session " + e.session() + " expired at " + e.timeMs() +
                            " ms (position " + e.position() + "), " + (deadlineMs - e.timeMs()) +
                            " ms before its deadline: last renewal " + s.lastRenewalMs + " ms + ttl " + s.ttlMs + " ms"));
                    }
                    else if (expiryToleranceMs != Long.MAX_VALUE && e.timeMs() > deadlineMs + expiryToleranceMs)
                    {
                        violations.add(new Violation("S2", "session " + e.session() + " expired at " + e.timeMs() +
                            " ms, " + (e.timeMs() - deadlineMs) + " ms after its deadline " + deadlineMs +
                            " ms (tolerance " + expiryToleranceMs + " ms)"));
                    }
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
            else if (expiryToleranceMs != Long.MAX_VALUE && s.ttlMs >= 0 &&
                observedUntilMs > s.lastRenewalMs + s.ttlMs + expiryToleranceMs)
            {
                violations.add(new Violation("S2", "session " + s.session + " still live at " + observedUntilMs +
                    " ms: last renewal " + s.lastRenewalMs + " ms + ttl " + s.ttlMs + " ms + tolerance " +
                    expiryToleranceMs + " ms has passed"));
            }
        }

        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("sessions", (long)sessions.size());
        counts.put("ended", ended);
        counts.put("releasedOnEnd", releasedOnEnd);
        counts.put("deletedOnEnd", deletedOnEnd);
        return new SafetyReport("session", counts, violations);
    }

    private static SessionState session(final Map<Long, SessionState> sessions, final long session)
    {
        return sessions.computeIfAbsent(session, SessionState::new);
    }
}
