package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.LeaseClaim;
import io.warden.bench.chaos.history.Silence;
import io.warden.node.audit.AuditEvent.Cause;
import io.warden.node.audit.AuditEvent.EndCause;
import io.warden.node.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.warden.bench.chaos.check.LockSafetyCheckerTest.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SessionCheckerTest
{
    private static final SessionChecker CHECKER = new SessionChecker(Duration.ofMillis(300));
    /** The log's own timestamps: deliberately nonsense (a clock that jumped), to show they are not used. */
    private static final long LOG_MS = 1_000_000_000L;

    private final List<AuditEvent> audit = new ArrayList<>();
    private final List<TimeMap.Anchor> anchors = new ArrayList<>();

    private static long ns(final long ms)
    {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /**
     * A client operation applied at {@code position} whose interval is exactly {@code ms} on the harness clock.
     */
    private void at(final long position, final long ms)
    {
        anchors.add(new TimeMap.Anchor(position, ns(ms), ns(ms)));
    }

    private TimeMap time()
    {
        return TimeMap.of(anchors);
    }

    private SafetyReport check()
    {
        return CHECKER.check(audit, time(), List.of(), List.of());
    }

    /**
     * Session 1 (ttl 1000 ms) opens at 0 ms, takes lock L and ephemeral key /e, renews at 500 ms (its gateway had
     * heard from it at once), and goes silent.
     */
    private void sessionWithLockAndEphemeral()
    {
        audit.add(new AuditEvent.SessionOpened(1, LOG_MS, 1, 1000));
        audit.add(new AuditEvent.Granted(2, LOG_MS - 60_000, "L", 1, 2, true));
        audit.add(new AuditEvent.EphemeralCreated(3, LOG_MS + 300_000, "/e", 1));
        audit.add(new AuditEvent.KeepAlive(4, LOG_MS, 1, 0));
        at(1, 0);
        at(2, 100);
        at(3, 200);
        at(4, 500);
    }

    private void expiresAt(final long ms)
    {
        audit.add(new AuditEvent.SessionEnded(5, LOG_MS, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.Released(5, LOG_MS, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, LOG_MS, "/e", 1, Cause.SESSION_END));
        at(5, ms);
    }

    @Test
    void expiryReleasesAndDeletesExactlyOnce()
    {
        sessionWithLockAndEphemeral();
        expiresAt(1600);
        final SafetyReport report = check();
        assertTrue(report.ok(), report::toString);
        assertEquals(1, report.count("ended"));
        assertEquals(1, report.count("releasedOnEnd"));
        assertEquals(1, report.count("deletedOnEnd"));
        assertEquals(1, report.count("expiriesJudged"));
    }

    @Test
    void closeAfterClientReleaseAndDeleteOwesNothing()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.Released(5, 600, "L", 1, 2, Cause.CLIENT));
        audit.add(new AuditEvent.EphemeralDeleted(6, 600, "/e", 1, Cause.CLIENT));
        audit.add(new AuditEvent.SessionEnded(7, 700, 1, EndCause.CLOSED));
        assertTrue(check().ok(), () -> check().toString());
    }

    @Test
    void expiryBeforeTheDeadlineIsPrematureOnTheHarnessClock()
    {
        sessionWithLockAndEphemeral();
        expiresAt(1400);
        assertOnly("S1", check());
    }

    @Test
    void theRenewalCountsFromWhenTheGatewayLastHeardTheClient()
    {
        sessionWithLockAndEphemeral();
        audit.set(3, new AuditEvent.KeepAlive(4, LOG_MS, 1, 200));
        expiresAt(1350);
        assertTrue(check().ok(), "renewed from 300 ms: the deadline is 1300 ms: " + check());
    }

    @Test
    void aLeaseTheClientWasShownMustBeHonoured()
    {
        sessionWithLockAndEphemeral();
        expiresAt(1600);
        final SafetyReport report = CHECKER.check(audit, time(), List.of(new LeaseClaim(1, ns(900), ns(1800))),
            List.of());
        assertOnly("S1", report);
        assertEquals(1, report.count("leaseClaims"));
    }

    @Test
    void aBoundIsOnlyAsGoodAsTheAnchors()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, LOG_MS, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.Released(5, LOG_MS, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, LOG_MS, "/e", 1, Cause.SESSION_END));
        final SafetyReport report = check();
        assertTrue(report.ok(), "nothing after the expiry bounds it from above: " + report);
        assertEquals(0, report.count("expiriesJudged"));

        anchors.add(new TimeMap.Anchor(6, ns(200), ns(1300)));
        assertOnly("S1", check());
    }

    @Test
    void silentSessionMustExpireWithinTheTolerance()
    {
        sessionWithLockAndEphemeral();
        expiresAt(1900);
        assertOnly("S2", check());
        assertTrue(new SessionChecker().check(audit, time(), List.of(), List.of()).ok(),
            "S2 is off without a tolerance");

        audit.clear();
        anchors.clear();
        sessionWithLockAndEphemeral();
        at(9, 1900);
        assertOnly("S2", check());
        anchors.remove(anchors.size() - 1);
        at(9, 1700);
        assertTrue(check().ok(), "still within ttl + tolerance");
    }

    @Test
    void aClientStoppedByTheHarnessBoundsItsSessionsDeadline()
    {
        sessionWithLockAndEphemeral();
        expiresAt(1600);
        assertOnly("S2", CHECKER.check(audit, time(), List.of(), List.of(new Silence(1, ns(200)))));
        assertTrue(CHECKER.check(audit, time(), List.of(), List.of(new Silence(1, ns(400)))).ok());
    }

    @Test
    void missingOrRepeatedSessionEndEffectsAreCaught()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END));
        final SafetyReport missing = CHECKER.check(audit);
        assertOnly("S3", missing);
        assertTrue(missing.violations().get(0).message().contains("never released"), missing::toString);

        audit.add(new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(6, 1700, "/e", 1, Cause.SESSION_END));
        final SafetyReport twice = CHECKER.check(audit);
        assertOnly("S3", twice);
        assertTrue(twice.violations().get(0).message().contains("deleted again"), twice::toString);
    }

    @Test
    void sessionEndEffectsNeverComeEarlyOrTwice()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.Released(5, 600, "L", 1, 2, Cause.SESSION_END));
        assertOnly("S3", CHECKER.check(audit));

        audit.clear();
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 700, 1, EndCause.CLOSED));
        audit.add(new AuditEvent.Released(5, 700, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, 700, "/e", 1, Cause.SESSION_END));
        audit.add(new AuditEvent.SessionEnded(6, 800, 1, EndCause.EXPIRED));
        assertOnly("S3", CHECKER.check(audit));
    }

    @Test
    void endedSessionIsNeverResurrected()
    {
        audit.add(new AuditEvent.SessionOpened(1, 0, 1, 1000));
        audit.add(new AuditEvent.SessionEnded(2, 1000, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.KeepAlive(3, 1100, 1));
        audit.add(new AuditEvent.EphemeralCreated(4, 1100, "/late", 1));
        audit.add(new AuditEvent.SessionOpened(5, 1200, 1, 1000));
        final SafetyReport report = CHECKER.check(audit);
        assertOnly("S4", report);
        assertEquals(3, report.violations().size(), report::toString);
    }
}
