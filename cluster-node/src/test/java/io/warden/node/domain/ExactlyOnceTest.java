package io.warden.node.domain;

import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static io.warden.node.domain.support.TxnBuilder.txn;
import static io.warden.schema.protocol.CompareOp.EQUAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

final class ExactlyOnceTest
{
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();
    private final long s = h.openSession(100_000);
    private final long other = h.openSession(100_000);

    /**
     * Send a mutation as the next request of session {@code s}, then retry it with the same identity, and check the
     * retry gets the identical answer and changes nothing.
     */
    private Reply sendAndRetry(final Supplier<Reply> mutation)
    {
        final long seq = h.lastSeq(s) + 1;
        final Reply original = mutation.get();
        assertEquals(seq, h.lastSeq(s), "the mutation was a request of session s");
        final long digest = h.digest();
        final long revision = h.revision();
        final int events = h.events().size();

        h.withRequest(original.correlationId(), seq, seq - 1);
        final Reply retried = mutation.get();

        assertEquals(original, retried);
        assertEquals(digest, h.digest());
        assertEquals(revision, h.revision());
        assertEquals(events, h.events().size());
        return original;
    }

    @Test
    void aRetriedPutIsAnsweredFromMemory()
    {
        h.watch(1, "", true, false, 0);

        final Reply original = sendAndRetry(() -> h.put(s, "/k", "v"));

        assertEquals(new Reply.Put(ROUTE, original.correlationId(), ResultCode.OK, 1, 1, 1), original);
        assertEquals(1, h.get("/k").as(Reply.Get.class).entry().version());
        assertEquals(1, h.events().watchBatches().size());
    }

    @Test
    void aRetryWithAnotherCorrelationIdGetsTheSameAnswer()
    {
        final Reply original = h.put(s, "/k", "v");

        h.withSeq(1, 0);
        final Reply retried = h.put(s, "/k", "v");

        assertNotEquals(original.correlationId(), retried.correlationId());
        assertEquals(new Reply.Put(ROUTE, retried.correlationId(), ResultCode.OK, 1, 1, 1), retried);
        assertEquals(1, h.revision());
    }

    @Test
    void aRetryIsAnsweredEvenIfItsArgumentsDiffer()
    {
        h.put(s, "/k", "v");

        h.withSeq(1, 0);
        final Reply retried = h.put(s, "/other", "w");

        assertEquals(ResultCode.OK, retried.code());
        assertEquals(ResultCode.NOT_FOUND, h.get("/other").code());
    }

    @Test
    void aRetriedAcquireDoesNotGrantTwice()
    {
        final Reply granted = sendAndRetry(() -> h.acquire(s, "/lock", 0));
        assertEquals(ResultCode.OK, granted.code());

        h.acquire(other, "/lock", -1);
        final Reply.Lock queued = h.lockStatus(other, "/lock").as(Reply.Lock.class);
        assertEquals(ResultCode.QUEUED, queued.code());
        final Reply.Lock status = h.lockStatus(s, "/lock").as(Reply.Lock.class);
        assertEquals(granted.as(Reply.Lock.class).token(), status.token());
    }

    @Test
    void aRetriedQueuedAcquireStillAnswersQueuedAfterTheGrant()
    {
        final long token = h.acquire(other, "/lock", 0).as(Reply.Lock.class).token();
        final Reply queued = h.acquire(s, "/lock", -1);
        final long seq = h.lastSeq(s);
        h.release(other, "/lock", token);
        assertEquals(1, h.events().lockEnded().size());

        h.withRequest(queued.correlationId(), seq, seq - 1);
        final Reply retried = h.acquire(s, "/lock", -1);

        assertEquals(queued, retried);
        assertEquals(ResultCode.QUEUED, retried.code());
        assertEquals(1, h.events().lockEnded().size(), "no second grant");
        assertEquals(ResultCode.OK, h.lockStatus(s, "/lock").code());
    }

    @Test
    void retriedLockReleaseElectionAndKvMutationsAreAnsweredFromMemory()
    {
        final long token = sendAndRetry(() -> h.acquire(s, "/lock", LockMode.SHARED, 0, 1_000))
            .as(Reply.Lock.class).token();
        sendAndRetry(() -> h.release(s, "/lock", token));
        final long term = sendAndRetry(() -> h.campaign(s, "e", "v1")).as(Reply.Election.class).term();
        sendAndRetry(() -> h.proclaim(s, "e", term, "v2"));
        sendAndRetry(() -> h.proclaim(s, "e", term + 1, "wrong"));
        sendAndRetry(() -> h.resign(s, "e", term));
        sendAndRetry(() -> h.putEphemeral(s, "/a", "1"));
        sendAndRetry(() -> h.delete(s, "/a"));
        sendAndRetry(() -> h.delete(s, "/a"));
        h.put(other, "/p/1", "x");
        sendAndRetry(() -> h.deletePrefix(s, "/p/"));
        final Reply.Sequential created = sendAndRetry(() -> h.createSequential(s, "/q/", "x", true))
            .as(Reply.Sequential.class);
        assertEquals("/q/" + WardenStateMachine.sequentialSuffix(created.revision()), created.key());
    }

    @Test
    void aRetriedSequentialCreateThatFoundItsNameTakenGetsTheSameAnswer()
    {
        h.put(other, "/q/" + WardenStateMachine.sequentialSuffix(2), "squatter");

        final Reply failed = sendAndRetry(() -> h.createSequential(s, "/q/", "x", false));

        assertEquals(new Reply.Sequential(ROUTE, failed.correlationId(), ResultCode.COMPARE_FAILED, 1, null), failed);
    }

    @Test
    void aRetriedTxnIsAnsweredFromMemoryOnBothBranches()
    {
        h.put(other, "/k", "1");

        final Reply applied = sendAndRetry(() -> h.txn(s, txn().ifValue("/k", EQUAL, "1").thenPut("/k", "2")));
        final Reply failed = sendAndRetry(() -> h.txn(s, txn().ifValue("/k", EQUAL, "1").thenPut("/k", "3")
            .elsePut("/lost", "x")));

        assertEquals(new Reply.Txn(ROUTE, applied.correlationId(), ResultCode.OK, 2), applied);
        assertEquals(new Reply.Txn(ROUTE, failed.correlationId(), ResultCode.COMPARE_FAILED, 3), failed);
        assertEquals("2", h.get("/k").as(Reply.Get.class).entry().text());
    }

    @Test
    void sequencesBelongToTheirSession()
    {
        h.put(s, "/a", "1");

        final Reply fromOther = h.put(other, "/b", "2");

        assertEquals(1, h.lastSeq(other));
        assertEquals(ResultCode.OK, fromOther.code());
        assertEquals(2, fromOther.as(Reply.Put.class).revision());
    }

    @Test
    void anAcknowledgedSequenceIsTooOldToRetry()
    {
        h.put(s, "/a", "1");
        h.put(s, "/b", "2");
        final long digest = h.digest();

        h.withSeq(1, 0);
        assertEquals(ResultCode.SEQUENCE_TOO_OLD, h.put(s, "/a", "1").code());
        h.withSeq(2, 1);
        assertEquals(ResultCode.OK, h.put(s, "/b", "2").code());
        assertEquals(digest, h.digest());
    }

    @Test
    void unacknowledgedAnswersAreBounded()
    {
        h.autoAck(false);
        for (int i = 1; i <= WardenLimits.MAX_UNACKNOWLEDGED_PER_SESSION; i++)
        {
            assertEquals(ResultCode.OK, h.put(s, "/k", "v" + i).code());
        }
        final long digest = h.digest();
        final long next = WardenLimits.MAX_UNACKNOWLEDGED_PER_SESSION + 1;

        h.withSeq(next, 0);
        assertEquals(ResultCode.LIMIT_EXCEEDED, h.put(s, "/k", "over").code());
        assertEquals(digest, h.digest());
        h.withSeq(7, 0);
        assertEquals(7, h.put(s, "/k", "retry").as(Reply.Put.class).revision(), "old answers are still remembered");
        assertEquals(ResultCode.OK, h.put(other, "/k", "other session").code());

        h.withSeq(next, 1);
        assertEquals(ResultCode.OK, h.put(s, "/k", "acknowledged one").code());
        h.withSeq(1, 0);
        assertEquals(ResultCode.SEQUENCE_TOO_OLD, h.put(s, "/k", "retry").code());
    }

    @Test
    void invalidSequencesAreRefused()
    {
        h.put(s, "/k", "v");
        final long digest = h.digest();

        h.withSeq(0, 0);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.put(s, "/k", "x").code());
        h.withSeq(-5, 0);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.put(s, "/k", "x").code());
        h.withSeq(9, -1);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.put(s, "/k", "x").code());
        h.withSeq(9, 9);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.put(s, "/k", "x").code());
        h.withSeq(9, 10);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.acquire(s, "/l", 0).code());
        h.withSeq(0, 0);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.closeSession(s).code());

        assertEquals(digest, h.digest());
    }

    @Test
    void aRejectedMutationIsNotRememberedAndMayBeSentAgain()
    {
        final long digest = h.digest();

        final Reply rejected = h.put(s, Key.of("/k"), new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1], false);
        assertEquals(ResultCode.VALUE_TOO_LARGE, rejected.code());
        assertEquals(digest, h.digest());

        h.withSeq(1, 0);
        assertEquals(ResultCode.VALUE_TOO_LARGE,
            h.put(s, Key.of("/k"), new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1], false).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void mutationsOfMissingSessionsAreRefused()
    {
        h.closeSession(other);
        final long digest = h.digest();

        assertEquals(ResultCode.SESSION_EXPIRED, h.put(other, "/k", "v").code());
        assertEquals(ResultCode.SESSION_UNKNOWN, h.put(99, "/k", "v").code());
        assertEquals(ResultCode.SESSION_UNKNOWN, h.put(0, "/k", "v").code());
        assertEquals(digest, h.digest());
    }
}
