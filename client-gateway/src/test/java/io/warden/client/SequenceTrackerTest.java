package io.warden.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SequenceTrackerTest
{
    @Test
    void sequencesRiseFromOneAndNothingIsAckedAtFirst()
    {
        final SequenceTracker tracker = new SequenceTracker();
        assertEquals(0, tracker.ackedSeq());
        assertEquals(1, tracker.next());
        assertEquals(2, tracker.next());
        assertEquals(3, tracker.next());
        assertEquals(0, tracker.ackedSeq());
        assertEquals(3, tracker.unansweredCount());
    }

    @Test
    void ackedSeqIsTheHighestBelowWhichEverythingWasAnswered()
    {
        final SequenceTracker tracker = new SequenceTracker();
        for (int i = 0; i < 5; i++)
        {
            tracker.next();
        }
        tracker.answered(2);
        assertEquals(0, tracker.ackedSeq(), "1 is still unanswered");
        tracker.answered(3);
        tracker.answered(1);
        assertEquals(3, tracker.ackedSeq());
        tracker.answered(5);
        assertEquals(3, tracker.ackedSeq());
        tracker.answered(4);
        assertEquals(5, tracker.ackedSeq());
        assertEquals(0, tracker.unansweredCount());
    }

    @Test
    void repeatedAndUnknownAnswersAreIgnored()
    {
        final SequenceTracker tracker = new SequenceTracker();
        tracker.next();
        tracker.next();
        tracker.answered(1);
        tracker.answered(1);
        tracker.answered(99);
        assertEquals(1, tracker.ackedSeq());
        assertTrue(tracker.isUnanswered(2));
        assertFalse(tracker.isUnanswered(1));
    }

    @Test
    void ackedSeqStaysBelowEveryNewSequence()
    {
        final SequenceTracker tracker = new SequenceTracker();
        for (int i = 0; i < 100; i++)
        {
            final long acked = tracker.ackedSeq();
            final long seq = tracker.next();
            assertTrue(acked < seq, "the node refuses ackedSeq >= requestSeq");
            if (i % 3 != 0)
            {
                tracker.answered(seq);
            }
        }
    }

    @Test
    void windowBoundsSequencesAboveAcked()
    {
        final SequenceTracker tracker = new SequenceTracker(4);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(tracker.canIssue());
            tracker.next();
        }
        assertFalse(tracker.canIssue());
        tracker.answered(2);
        assertFalse(tracker.canIssue(), "1 still holds the window");
        tracker.answered(1);
        assertTrue(tracker.canIssue());
        assertEquals(2, tracker.ackedSeq());
    }

    @Test
    void resetStartsANewSession()
    {
        final SequenceTracker tracker = new SequenceTracker();
        tracker.next();
        tracker.next();
        tracker.answered(1);
        tracker.reset();
        assertEquals(0, tracker.ackedSeq());
        assertEquals(1, tracker.next());
        assertEquals(0, tracker.lastIssued() - 1);
    }

    @Test
    void windowMustBePositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new SequenceTracker(0));
    }
}
