package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.WatchRecord;
import io.warden.bench.chaos.history.WatcherHistory;
import io.warden.node.audit.Change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watch delivery checked against the committed history of changes (reliability-anchors section 3.5; etcd's watch
 * properties). Watches are not linearizable objects; each watcher's stream is compared with the authoritative
 * stream of changes replayed from the log. Linear in the size of the history per watcher.
 * <table>
 *     <caption>Invariants</caption>
 *     <tr><td>W1</td><td>Ordered: revisions never go back within a watcher's stream, across resumes too.</td></tr>
 *     <tr><td>W2</td><td>Unique: no (revision, key) is delivered twice.</td></tr>
 *     <tr><td>W3</td><td>Reliable (no gaps): every committed change that matches the watch, at or after its start
 *     revision, is delivered before any later revision, before a progress notification that covers it, before a
 *     resume that starts past it (unless the watcher re-listed), and by the end of the run (up to the
 *     {@code caughtUpRevision}) unless the stream was last cancelled and not resumed.</td></tr>
 *     <tr><td>W4</td><td>Valid: each delivered event is a committed change (same revision, key and type) that the
 *     watch asked for (its key or prefix, at or after the current start revision).</td></tr>
 *     <tr><td>W5</td><td>Resumable: events arrive only while the stream is open, a resume follows a cancellation
 *     ({@code COMPACTED} or {@code SLOW_CONSUMER}), and a stream is not cancelled twice.</td></tr>
 * </table>
 * A watcher told {@code COMPACTED} must re-list and resume from the list's revision + 1; a resume without a re-list
 * that starts past undelivered changes is a gap (W3), which is exactly "compaction must be explicit, never a silent
 * jump". Stateless; each call works on its own data.
 */
public final class WatchChecker
{
    private record RevisionKey(long revision, String key)
    {
    }

    /**
     * Check every watcher.
     *
     * @param committed        the committed changes in revision order (each (revision, key) at most once).
     * @param watchers         what each watcher asked for and received.
     * @param caughtUpRevision the revision every open stream must have delivered up to by the end of the run (after
     *                         writes stopped and watchers drained); {@code 0} or less skips this end check.
     * @return the violations and counts ({@code watchers}, {@code events}, {@code cancellations},
     * {@code resumes}).
     */
    public SafetyReport check(final List<Change> committed, final List<WatcherHistory> watchers, final long caughtUpRevision)
    {
        final Map<RevisionKey, Change> byRevisionKey = new HashMap<>();
        long previous = Long.MIN_VALUE;
        for (final Change c : committed)
        {
            if (c.revision() < previous)
            {
                throw new IllegalArgumentException("committed changes out of revision order at " + c);
            }
            previous = c.revision();
            if (byRevisionKey.put(new RevisionKey(c.revision(), c.key()), c) != null)
            {
                throw new IllegalArgumentException("key changed twice in one revision: " + c);
            }
        }
        final Change[] changes = committed.toArray(new Change[0]);

        final List<Violation> violations = new ArrayList<>();
        long events = 0;
        long cancellations = 0;
        long resumes = 0;
        for (final WatcherHistory w : watchers)
        {
            final Stream stream = new Stream(w, changes, violations);
            for (final WatchRecord record : w.records())
            {
                if (record instanceof WatchRecord.Event e)
                {
                    events++;
                    stream.onEvent(e.change(), byRevisionKey.get(new RevisionKey(e.change().revision(), e.change().key())));
                }
                else if (record instanceof WatchRecord.Progress p)
                {
                    stream.onProgress(p.revision());
                }
                else if (record instanceof WatchRecord.Cancelled c)
                {
                    cancellations++;
                    stream.onCancelled(c.reason());
                }
                else if (record instanceof WatchRecord.Resumed r)
                {
                    resumes++;
                    stream.onResumed(r.startRevision(), r.relisted());
                }
            }
            stream.onEnd(caughtUpRevision);
        }
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("watchers", (long)watchers.size());
        counts.put("events", events);
        counts.put("cancellations", cancellations);
        counts.put("resumes", resumes);
        return new SafetyReport("watch", counts, violations);
    }

    /**
     * One watcher's stream as the checker follows it.
     */
    private static final class Stream
    {
        private final WatcherHistory watch;
        private final Change[] changes;
        private final List<Violation> violations;
        private final Set<RevisionKey> delivered = new HashSet<>();
        private boolean open = true;
        private WatchRecord.CancelReason cancelReason;
        private long start;
        // Every matching change with revision <= covered has been delivered (or re-listed, or reported missing).
        private long covered;
        private int next;
        private long lastRevision = Long.MIN_VALUE;

        Stream(final WatcherHistory watch, final Change[] changes, final List<Violation> violations)
        {
            this.watch = watch;
            this.changes = changes;
            this.violations = violations;
            this.start = watch.startRevision();
            this.covered = watch.startRevision() - 1;
        }

        void onEvent(final Change event, final Change committed)
        {
            final String what = "event " + event.type() + " " + event.key() + "@" + event.revision();
            if (!open)
            {
                violation("W5", what + " delivered after the stream was cancelled (" + cancelReason + ") and before a resume");
            }
            final RevisionKey id = new RevisionKey(event.revision(), event.key());
            if (!delivered.add(id))
            {
                violation("W2", what + " delivered twice");
                return;
            }
            if (!watch.matches(event.key()))
            {
                violation("W4", what + " does not match the watch");
            }
            else if (event.revision() < start)
            {
                violation("W4", what + " is before the start revision " + start);
            }
            if (committed == null)
            {
                violation("W4", what + " was never committed");
            }
            else if (committed.type() != event.type())
            {
                violation("W4", what + " was committed as " + committed.type());
            }
            if (event.revision() < lastRevision)
            {
                violation("W1", what + " delivered after revision " + lastRevision);
            }
            lastRevision = Math.max(lastRevision, event.revision());
            requireDelivered(event.revision() - 1, "before " + what);
        }

        void onProgress(final long revision)
        {
            if (!open)
            {
                violation("W5", "progress notification at " + revision + " after the stream was cancelled");
            }
            requireDelivered(revision, "by the progress notification at " + revision);
        }

        void onCancelled(final WatchRecord.CancelReason reason)
        {
            if (!open)
            {
                violation("W5", "stream cancelled (" + reason + ") twice");
            }
            open = false;
            cancelReason = reason;
        }

        void onResumed(final long startRevision, final boolean relisted)
        {
            if (open)
            {
                violation("W5", "resumed from " + startRevision + " without having been cancelled");
            }
            if (relisted)
            {
                skipTo(startRevision - 1);
            }
            else
            {
                requireDelivered(startRevision - 1, "before resuming (without a re-list) from " + startRevision +
                    (cancelReason == null ? "" : " after " + cancelReason));
            }
            start = startRevision;
            open = true;
        }

        void onEnd(final long caughtUpRevision)
        {
            if (open && caughtUpRevision > 0)
            {
                requireDelivered(caughtUpRevision, "by the end of the run (caught up to " + caughtUpRevision + ")");
            }
        }

        /**
         * Every matching change in (covered, upTo] must have been delivered; report the ones that were not, then
         * move covered to upTo.
         */
        private void requireDelivered(final long upTo, final String when)
        {
            if (upTo <= covered)
            {
                return;
            }
            seekPast(covered);
            int missing = 0;
            Change first = null;
            while (next < changes.length && changes[next].revision() <= upTo)
            {
                final Change c = changes[next++];
                if (watch.matches(c.key()) && !delivered.contains(new RevisionKey(c.revision(), c.key())))
                {
                    if (first == null)
                    {
                        first = c;
                    }
                    missing++;
                }
            }
            if (missing > 0)
            {
                violation("W3", missing + " matching change(s) in revisions (" + covered + ", " + upTo +
                    "] not delivered " + when + ", first " + first.type() + " " + first.key() + "@" + first.revision());
            }
            covered = upTo;
        }

        private void skipTo(final long upTo)
        {
            covered = Math.max(covered, upTo);
        }

        private void seekPast(final long revision)
        {
            if (next > 0 && changes[next - 1].revision() > revision)
            {
                next = 0;
            }
            int lo = next;
            int hi = changes.length;
            while (lo < hi)
            {
                final int mid = (lo + hi) >>> 1;
                if (changes[mid].revision() <= revision)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            next = lo;
        }

        private void violation(final String invariant, final String message)
        {
            violations.add(new Violation(invariant, "watcher " + watch.watcher() + ": " + message));
        }
    }
}
