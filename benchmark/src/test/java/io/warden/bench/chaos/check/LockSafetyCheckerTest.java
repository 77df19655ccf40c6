package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.FencedWrite;
import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;
import io.warden.bench.chaos.history.SafeClaim;
import io.warden.node.audit.AuditEvent.Cause;
import io.warden.node.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class LockSafetyCheckerTest
{
    private static final LockSafetyChecker CHECKER = new LockSafetyChecker();

    private final List<AuditEvent> audit = new ArrayList<>();
    private final List<Acquisition> acquisitions = new ArrayList<>();
    private final List<FencedWrite> writes = new ArrayList<>();

    @Test
    void handOverWithFencingPasses()
    {
        grant(1, "L", 1, 10);
        acquisitions.add(Acquisition.granted("L", 1, 10, 0, 5));
        writes.add(new FencedWrite("db", "L", 1, 10, true));
        release(2, "L", 1, 10, Cause.CLIENT);
        grant(2, "L", 2, 12);
        acquisitions.add(Acquisition.granted("L", 2, 12, 3, 8));
        writes.add(new FencedWrite("db", "L", 2, 12, true));
        writes.add(new FencedWrite("db", "L", 1, 10, false));   // the paused old holder wakes up: rejected
        writes.add(new FencedWrite("db", "L", 2, 12, true));

        final SafetyReport report = check();
        assertTrue(report.ok(), report::toString);
        assertEquals(2, report.count("grants"));
        assertEquals(3, report.count("writesAccepted"));
        assertEquals(1, report.count("staleWritesRejected"));
    }

    @Test
    void tokensMustRiseAcrossGrants()
    {
        grant(1, "L", 1, 10);
        release(2, "L", 1, 10, Cause.CLIENT);
        grant(3, "L", 2, 9);
        assertOnly("L1", check());
    }

    @Test
    void exclusiveLockIsNotGrantedWhileHeld()
    {
        grant(1, "L", 1, 10);
        grant(2, "L", 2, 11);
        assertOnly("L2", check());
    }

    @Test
    void lockIsNotGrantedToAnEndedSession()
    {
        audit.add(new AuditEvent.SessionEnded(1, 100, 1, AuditEvent.EndCause.EXPIRED));
        grant(2, "L", 1, 10);
        final SafetyReport report = check();
        assertOnly("L2", report);
        assertTrue(report.violations().get(0).message().contains("which ended at position 1"), report::toString);
    }

    @Test
    void sharedGrantsOfOneCommandMayShareATokenButExcludeExclusive()
    {
        audit.add(new AuditEvent.Granted(1, 0, "L", 1, 10, false));
        audit.add(new AuditEvent.Granted(1, 0, "L", 2, 10, false));
        assertTrue(check().ok(), () -> check().toString());
        audit.add(new AuditEvent.Granted(2, 0, "L", 3, 11, true));
        assertOnly("L2", check());
    }

    @Test
    void grantThatReturnedFirstHasTheLowerToken()
    {
        grant(1, "L", 1, 12);
        release(2, "L", 1, 12, Cause.CLIENT);
        grant(3, "L", 2, 11);
        acquisitions.add(Acquisition.granted("L", 1, 12, 0, 5));
        acquisitions.add(Acquisition.granted("L", 2, 11, 6, 9));
        final SafetyReport report = check();
        assertTrue(!report.violationsOf("L3").isEmpty(), report::toString);
        assertTrue(!report.violationsOf("L1").isEmpty(), "the log shows it too: " + report);

        acquisitions.clear();
        acquisitions.add(Acquisition.granted("L", 1, 12, 0, 9));
        acquisitions.add(Acquisition.granted("L", 2, 11, 6, 9));
        assertTrue(check().violationsOf("L3").isEmpty(), "overlapping acquires may return in any token order");
    }

    @Test
    void everyGrantAClientSawIsLoggedAndEveryLoggedGrantIsExplained()
    {
        grant(1, "L", 1, 10);
        acquisitions.add(new Acquisition("L", 1, 0, Outcome.FAIL, 0, 5));
        assertOnly("L4", check());

        acquisitions.set(0, new Acquisition("L", 1, 0, Outcome.UNKNOWN, 0, Op.NEVER));
        assertTrue(check().ok(), "an acquire whose answer was lost may have been granted");

        acquisitions.add(Acquisition.granted("L", 1, 11, 6, 9));
        assertOnly("L4", check());
    }

    @Test
    void unfencedResourceAcceptingAStaleTokenIsCaught()
    {
        grant(1, "L", 1, 10);
        release(2, "L", 1, 10, Cause.SESSION_END);
        grant(3, "L", 2, 12);
        writes.add(new FencedWrite("db", "L", 2, 12, true));
        writes.add(new FencedWrite("db", "L", 1, 10, true));   // negative control: the resource ignores tokens
        final SafetyReport report = check();
        assertOnly("L5", report);
        assertTrue(report.violations().get(0).message().contains("two holders"), report::toString);
    }

    @Test
    void resourceRejectsOnlyStaleTokensAndOnlySeesGrantedOnes()
    {
        grant(1, "L", 1, 10);
        writes.add(new FencedWrite("db", "L", 1, 10, true));
        writes.add(new FencedWrite("db", "L", 1, 10, false));
        assertOnly("L5", check());

        writes.clear();
        writes.add(new FencedWrite("db", "L", 1, 99, true));
        assertOnly("L5", check());
    }

    @Test
    void releaseIsAppliedOnlyForTheHolderOnce()
    {
        grant(1, "L", 1, 10);
        release(2, "L", 2, 10, Cause.CLIENT);
        assertOnly("L6", check());

        audit.remove(1);
        release(2, "L", 1, 10, Cause.CLIENT);
        release(3, "L", 1, 10, Cause.CLIENT);
        assertOnly("L6", check());

        audit.remove(2);
        audit.add(new AuditEvent.SessionEnded(3, 0, 1, AuditEvent.EndCause.CLOSED));
        grant(4, "L", 2, 11);
        release(5, "L", 2, 11, Cause.CLIENT);
        assertTrue(check().ok(), () -> check().toString());
    }

    @Test
    void auditOutOfLogOrderIsRejected()
    {
        grant(2, "L", 1, 10);
        grant(1, "M", 1, 11);
        try
        {
            check();
        }
        catch (final IllegalArgumentException expected)
        {
            return;
        }
        throw new AssertionError("expected the out-of-order audit to be refused");
    }

    private SafetyReport check()
    {
        return CHECKER.check(audit, acquisitions, writes);
    }

    private void grant(final long position, final String lock, final long session, final long token)
    {
        audit.add(new AuditEvent.Granted(position, position * 10, lock, session, token, true));
    }

    private void release(final long position, final String lock, final long session, final long token, final Cause cause)
    {
        audit.add(new AuditEvent.Released(position, position * 10, lock, session, token, cause));
    }

    @Test
    void noHolderIsToldItsLockIsSafeAfterTheLockLeftIt()
    {
        grant(1, "L", 1, 10);
        audit.add(new AuditEvent.SessionEnded(2, 20, 1, AuditEvent.EndCause.EXPIRED));
        release(2, "L", 1, 10, Cause.SESSION_END);
        grant(2, "L", 2, 12);
        grant(3, "M", 1, 13);
        grant(4, "M", 2, 14);
        final TimeMap time = TimeMap.of(List.of(new TimeMap.Anchor(1, 0, 100), new TimeMap.Anchor(2, 200, 300),
            new TimeMap.Anchor(4, 400, 500)));

        final List<SafeClaim> inTime = List.of(new SafeClaim("L", 1, 10, 250), new SafeClaim("L", 1, 10, 300),
            new SafeClaim("L", 2, 12, 900));
        final SafetyReport ok = CHECKER.checkSafeClaims(audit, inTime, time);
        assertTrue(ok.ok(), "it may not have left yet by 300: " + ok);
        assertEquals(2, ok.count("safeClaimsJudged"), "the new holder's grant never left it");

        assertOnly("L7", CHECKER.checkSafeClaims(audit, List.of(new SafeClaim("L", 1, 10, 301)), time));
        assertOnly("L7", CHECKER.checkSafeClaims(audit, List.of(new SafeClaim("M", 1, 13, 501)), time));
    }

    static void assertOnly(final String invariant, final SafetyReport report)
    {
        assertTrue(!report.ok(), () -> "expected a violation of " + invariant + ": " + report);
        for (final Violation v : report.violations())
        {
            assertEquals(invariant, v.invariant(), report::toString);
        }
    }
}
