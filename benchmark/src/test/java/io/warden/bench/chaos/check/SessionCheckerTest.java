package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.AuditEvent;
import io.warden.bench.chaos.history.AuditEvent.Cause;
import io.warden.bench.chaos.history.AuditEvent.EndCause;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.warden.bench.chaos.check.LockSafetyCheckerTest.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SessionCheckerTest
{
    private static final SessionChecker CHECKER = new SessionChecker(Duration.ofMillis(300));

    private final List<AuditEvent> audit = new ArrayList<>();

    /**
     * Session 1 (ttl 1000 ms) opens at 0, renews at 500, takes lock L and ephemeral key /e, and goes silent.
     */
    private void sessionWithLockAndEphemeral()
    {
        audit.add(new AuditEvent.SessionOpened(1, 0, 1, 1000));
        audit.add(new AuditEvent.Granted(2, 100, "L", 1, 2, true));
        audit.add(new AuditEvent.EphemeralCreated(3, 200, "/e", 1));
        audit.add(new AuditEvent.KeepAlive(4, 500, 1));
    }

    @Test
    void expiryReleasesAndDeletesExactlyOnce()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END));
        final SafetyReport report = CHECKER.check(audit, 5000);
        assertTrue(report.ok(), report::toString);
        assertEquals(1, report.count("ended"));
        assertEquals(1, report.count("releasedOnEnd"));
        assertEquals(1, report.count("deletedOnEnd"));
    }

    @Test
    void closeAfterClientReleaseAndDeleteOwesNothing()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.Released(5, 600, "L", 1, 2, Cause.CLIENT));
        audit.add(new AuditEvent.EphemeralDeleted(6, 600, "/e", 1, Cause.CLIENT));
        audit.add(new AuditEvent.SessionEnded(7, 700, 1, EndCause.CLOSED));
        assertTrue(CHECKER.check(audit).ok(), () -> CHECKER.check(audit).toString());
    }

    @Test
    void expiryBeforeTheDeadlineIsPremature()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 1400, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.Released(5, 1400, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, 1400, "/e", 1, Cause.SESSION_END));
        assertOnly("S1", CHECKER.check(audit));
    }

    @Test
    void silentSessionMustExpireWithinTheTolerance()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 1900, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.Released(5, 1900, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, 1900, "/e", 1, Cause.SESSION_END));
        assertOnly("S2", CHECKER.check(audit));
        assertTrue(new SessionChecker().check(audit).ok(), "S2 is off without a tolerance");

        audit.clear();
        sessionWithLockAndEphemeral();
        assertOnly("S2", CHECKER.check(audit, 1900));
        assertTrue(CHECKER.check(audit, 1700).ok(), "still within ttl + tolerance");
    }

    @Test
    void missingOrRepeatedSessionEndEffectsAreCaught()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 1600, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.EphemeralDeleted(5, 1600, "/e", 1, Cause.SESSION_END));
        final SafetyReport missing = CHECKER.check(audit, 1600);
        assertOnly("S3", missing);
        assertTrue(missing.violations().get(0).message().contains("never released"), missing::toString);

        audit.add(new AuditEvent.Released(5, 1600, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(6, 1700, "/e", 1, Cause.SESSION_END));
        final SafetyReport twice = CHECKER.check(audit, 1700);
        assertOnly("S3", twice);
        assertTrue(twice.violations().get(0).message().contains("deleted again"), twice::toString);
    }

    @Test
    void sessionEndEffectsNeverComeEarlyOrTwice()
    {
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.Released(5, 600, "L", 1, 2, Cause.SESSION_END));
        assertOnly("S3", CHECKER.check(audit, 600));

        audit.clear();
        sessionWithLockAndEphemeral();
        audit.add(new AuditEvent.SessionEnded(5, 700, 1, EndCause.CLOSED));
        audit.add(new AuditEvent.Released(5, 700, "L", 1, 2, Cause.SESSION_END));
        audit.add(new AuditEvent.EphemeralDeleted(5, 700, "/e", 1, Cause.SESSION_END));
        audit.add(new AuditEvent.SessionEnded(6, 800, 1, EndCause.EXPIRED));
        assertOnly("S3", CHECKER.check(audit, 800));
    }

    @Test
    void endedSessionIsNeverResurrected()
    {
        audit.add(new AuditEvent.SessionOpened(1, 0, 1, 1000));
        audit.add(new AuditEvent.SessionEnded(2, 1000, 1, EndCause.EXPIRED));
        audit.add(new AuditEvent.KeepAlive(3, 1100, 1));
        audit.add(new AuditEvent.EphemeralCreated(4, 1100, "/late", 1));
        audit.add(new AuditEvent.SessionOpened(5, 1200, 1, 1000));
        final SafetyReport report = CHECKER.check(audit, 1200);
        assertOnly("S4", report);
        assertEquals(3, report.violations().size(), report::toString);
    }
}
