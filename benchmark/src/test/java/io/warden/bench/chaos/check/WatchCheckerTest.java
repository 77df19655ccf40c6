package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.WatchRecord.CancelReason;
import io.warden.bench.chaos.history.WatchRecord;
import io.warden.bench.chaos.history.WatcherHistory;
import io.warden.node.audit.Change;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.warden.bench.chaos.check.LockSafetyCheckerTest.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WatchCheckerTest
{
    private static final WatchChecker CHECKER = new WatchChecker();

    /** Revisions 1..6; /x/a and /x/b are under the watched prefix /x/, /y/c is not. Revision 5 is a txn. */
    private static final List<Change> COMMITTED = List.of(
        Change.put(1, "/x/a"),
        Change.put(2, "/x/b"),
        Change.put(3, "/y/c"),
        Change.put(4, "/x/a"),
        Change.delete(5, "/x/a"),
        Change.put(5, "/x/b"),
        Change.put(6, "/y/c"));

    private static final WatchRecord A1 = WatchRecord.put(1, "/x/a");
    private static final WatchRecord B2 = WatchRecord.put(2, "/x/b");
    private static final WatchRecord A4 = WatchRecord.put(4, "/x/a");
    private static final WatchRecord A5 = WatchRecord.delete(5, "/x/a");
    private static final WatchRecord B5 = WatchRecord.put(5, "/x/b");

    @Test
    void completeOrderedStreamPasses()
    {
        final SafetyReport report = check(1, A1, B2, A4, A5, B5);
        assertTrue(report.ok(), report::toString);
        assertEquals(5, report.count("events"));
        assertTrue(check(3, A4, new WatchRecord.Progress(4), A5, B5).ok(), "a watch from revision 3");
        assertTrue(CHECKER.check(COMMITTED, List.of(new WatcherHistory("k", "/x/b", false, 1, List.of(B2, B5))), 6).ok(),
            "a single-key watch");
    }

    @Test
    void skippedChangeIsAGap()
    {
        final SafetyReport report = check(1, A1, A4, A5, B5);
        assertOnly("W3", report);
        assertTrue(report.violations().get(0).message().contains("PUT /x/b@2"), report::toString);
        assertOnly("W3", check(1, A1, B2, A4, A5));
    }

    @Test
    void duplicateIsCaught()
    {
        assertOnly("W2", check(1, A1, B2, B2, A4, A5, B5));
    }

    @Test
    void outOfOrderIsCaught()
    {
        final SafetyReport report = check(1, A1, A4, B2, A5, B5);
        assertTrue(!report.violationsOf("W1").isEmpty(), report::toString);
    }

    @Test
    void eventsMustBeCommittedMatchingAndAfterTheStart()
    {
        assertOnly("W4", check(1, A1, B2, A4, A5, B5, WatchRecord.put(6, "/y/c")));
        assertOnly("W4", check(1, A1, B2, A4, WatchRecord.put(5, "/x/a"), B5));
        assertOnly("W4", check(1, A1, B2, WatchRecord.put(3, "/x/z"), A4, A5, B5));
        assertOnly("W4", check(2, A1, B2, A4, A5, B5));
    }

    @Test
    void compactedWatcherResumesAfterARelist()
    {
        assertTrue(check(1, A1, new WatchRecord.Cancelled(CancelReason.COMPACTED), new WatchRecord.Resumed(5, true), A5, B5).ok());
        final SafetyReport silentJump = check(1, A1, new WatchRecord.Cancelled(CancelReason.COMPACTED),
            new WatchRecord.Resumed(5, false), A5, B5);
        assertOnly("W3", silentJump);
        assertTrue(silentJump.violations().get(0).message().contains("COMPACTED"), silentJump::toString);
    }

    @Test
    void slowConsumerResumesFromItsLastRevision()
    {
        assertTrue(check(1, A1, B2, new WatchRecord.Cancelled(CancelReason.SLOW_CONSUMER), new WatchRecord.Resumed(3, false), A4, A5, B5).ok());
        assertOnly("W2", check(1, A1, B2, new WatchRecord.Cancelled(CancelReason.SLOW_CONSUMER), new WatchRecord.Resumed(2, false), B2, A4, A5, B5));
        assertTrue(check(1, A1, new WatchRecord.Cancelled(CancelReason.SLOW_CONSUMER)).ok(),
            "a cancelled stream that never resumed owes nothing more");
    }

    @Test
    void streamLifecycleIsRespected()
    {
        assertOnly("W5", check(1, A1, new WatchRecord.Cancelled(CancelReason.SLOW_CONSUMER), B2));
        assertOnly("W5", check(1, A1, new WatchRecord.Resumed(2, false), B2, A4, A5, B5));
        assertOnly("W5", check(1, A1, new WatchRecord.Cancelled(CancelReason.SLOW_CONSUMER), new WatchRecord.Cancelled(CancelReason.COMPACTED)));
    }

    @Test
    void progressNotificationVouchesForEverythingBeforeIt()
    {
        assertOnly("W3", check(1, A1, new WatchRecord.Progress(4), A4, A5, B5));
    }

    private static SafetyReport check(final long startRevision, final WatchRecord... records)
    {
        return CHECKER.check(COMMITTED, List.of(new WatcherHistory("w1", "/x/", true, startRevision, List.of(records))), 6);
    }
}
