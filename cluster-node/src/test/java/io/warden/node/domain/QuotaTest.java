package io.warden.node.domain;

import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.LimitsSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import static io.warden.node.domain.support.TxnBuilder.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state budget: growth past the quota, or past what one session may be charged with, is refused with
 * QUOTA_EXCEEDED (naming the limit and the usage) and changes nothing; shrinking and reading always work.
 */
final class QuotaTest
{
    private static final int VALUE = 1_000;
    private static final long HISTORY = 4_096;

    private final Harness h = new Harness();
    private final long s = h.openSession(100_000);

    /**
     * A quota with room for the current state plus {@code roomBytes} beyond the history's share.
     */
    private void quotaWithRoom(final long roomBytes)
    {
        final long main = h.machine().stateBytes() - h.machine().recount().historyBytes();
        assertEquals(ResultCode.OK, h.configureLimits(new LimitsSpec()
            .historyMaxBytes(HISTORY)
            .stateQuotaBytes(HISTORY + Math.max(WardenLimits.MIN_STATE_QUOTA_HEADROOM_BYTES, main + roomBytes)))
            .code());
    }

    private static byte[] value(final int length)
    {
        return new byte[length];
    }

    @Test
    void aPutOverTheStateQuotaIsRefusedWithTheLimitAndTheUsageAndChangesNothing()
    {
        quotaWithRoom(WardenLimits.MIN_STATE_QUOTA_HEADROOM_BYTES);
        int accepted = 0;
        Reply last;
        do
        {
            last = h.put(s, Key.of("/fill/" + accepted), value(VALUE), false);
            accepted += last.code() == ResultCode.OK ? 1 : 0;
        }
        while (last.code() == ResultCode.OK);
        assertTrue(accepted > 0, "some puts fit");

        final long digest = h.digest();
        final long revision = h.revision();
        final Reply.Refused refused = h.put(s, Key.of("/fill/x"), value(VALUE), false).as(Reply.Refused.class);
        assertEquals(ResultCode.QUOTA_EXCEEDED, refused.code());
        assertEquals(h.machine().limits().mainQuotaBytes(), refused.limit());
        assertTrue(refused.usage() <= refused.limit() && refused.usage() > refused.limit() - 2 * VALUE,
            "usage near the limit: " + refused);
        assertTrue(refused.detail().startsWith("the state quota would be exceeded: "), refused.detail());
        assertTrue(refused.detail().contains("this request needs 1.2 KiB more"), refused.detail());
        assertEquals(digest, h.digest());
        assertEquals(revision, h.revision());
        assertTrue(h.machine().stateBytes() <= h.machine().limits().stateQuotaBytes());
    }

    @Test
    void overTheQuotaReadsWatchesDeletesReleasesResignsAndClosesStillWork()
    {
        final long other = h.openSession(100_000);
        final long token = h.acquire(s, "/lock", -1).as(Reply.Lock.class).token();
        final long term = h.campaign(s, "boss", "me").as(Reply.Election.class).term();
        h.put(s, Key.of("/keep"), value(3 * VALUE), false);
        h.put(s, Key.of("/keep2"), value(3 * VALUE), false);
        assertEquals(ResultCode.OK, h.configureLimits(new LimitsSpec()
            .historyMaxBytes(HISTORY).stateQuotaBytes(HISTORY + WardenLimits.MIN_STATE_QUOTA_HEADROOM_BYTES)).code(),
            "a quota below the usage is accepted");
        assertTrue(h.machine().stateBytes() > h.machine().limits().stateQuotaBytes());
        assertEquals(ResultCode.QUOTA_EXCEEDED, h.put(s, "/more", "v").code());
        assertEquals(ResultCode.QUOTA_EXCEEDED, h.acquire(other, "/lock2", -1).code());
        assertEquals(ResultCode.QUOTA_EXCEEDED, h.openSession(10_000, 77, "late").code());

        assertEquals(ResultCode.OK, h.get("/keep").code());
        assertEquals(ResultCode.OK, h.range("/").code());
        assertEquals(ResultCode.OK, h.watch(1, "/", true, false, 0).code());
        assertEquals(ResultCode.OK, h.keepAlive(s, other).code());
        assertEquals(ResultCode.OK, h.release(s, "/lock", token).code());
        assertEquals(ResultCode.OK, h.resign(s, "boss", term).code());
        assertEquals(ResultCode.OK, h.delete(s, "/keep").code());
        assertEquals(ResultCode.OK, h.closeSession(other).code());
        assertEquals(ResultCode.OK, h.status().code());
    }

    @Test
    void theKeysOfOneSessionAreCappedAndTheChargeFollowsTheWriter()
    {
        h.configureLimits(new LimitsSpec().maxKeysPerSession(2));
        final long other = h.openSession(100_000);
        assertEquals(ResultCode.OK, h.put(s, "/a", "1").code());
        assertEquals(ResultCode.OK, h.put(s, "/b", "1").code());
        assertEquals(ResultCode.OK, h.put(s, "/a", "2").code(), "rewriting a key it is charged with");
        final long digest = h.digest();
        final Reply.Refused refused = h.put(s, "/c", "1").as(Reply.Refused.class);
        assertEquals(2, refused.limit());
        assertEquals(2, refused.usage());
        assertEquals("keys of session " + s + " would be exceeded: 2 of 2 in use, this request needs 1 more",
            refused.detail());
        assertEquals(digest, h.digest());

        assertEquals(ResultCode.OK, h.put(other, "/a", "3").code(), "another writer takes the charge over");
        assertEquals(1, h.machine().chargeOf(s)[0]);
        assertEquals(1, h.machine().chargeOf(other)[0]);
        assertEquals(ResultCode.OK, h.put(s, "/c", "1").code());
        assertEquals(ResultCode.OK, h.delete(s, "/b").code());
        assertEquals(ResultCode.OK, h.put(s, "/d", "1").code(), "a deleted key is charged to nobody");
    }

    @Test
    void theBytesOfOneSessionAreCappedAcrossPutsTxnsAndSequentialKeys()
    {
        final long cap = 3 * StateBudget.entryBytes(2, VALUE);
        h.configureLimits(new LimitsSpec().maxBytesPerSession(cap));
        assertEquals(ResultCode.OK, h.put(s, Key.of("/a"), value(VALUE), false).code());
        assertEquals(ResultCode.OK, h.txn(s, txn().ifVersion("/a", CompareOp.EQUAL, 1).thenPut("/b", "x")).code());
        assertEquals(ResultCode.OK, h.createSequential(s, Key.of("/q/"), value(10), false).code());
        final Reply refusedPut = h.put(s, Key.of("/c"), value(2 * VALUE), false);
        assertEquals(ResultCode.QUOTA_EXCEEDED, refusedPut.code());
        assertTrue(refusedPut.as(Reply.Refused.class).detail().startsWith("bytes of session " + s));
        final long digest = h.digest();
        assertEquals(ResultCode.QUOTA_EXCEEDED,
            h.txn(s, txn().ifVersion("/a", CompareOp.EQUAL, 99).elsePut("/e", new String(new char[2 * VALUE])))
                .code(), "the branch that would run is the one counted");
        assertEquals(digest, h.digest());
        assertEquals(ResultCode.OK, h.put(s, Key.of("/a"), value(1), false).code(), "shrinking a value fits");
    }

    @Test
    void sequentialKeysOfOneSessionAreCappedApart()
    {
        h.configureLimits(new LimitsSpec().maxSequentialPerSession(2));
        assertEquals(ResultCode.OK, h.createSequential(s, "/q/", "1", false).code());
        assertEquals(ResultCode.OK, h.createSequential(s, "/q/", "2", true).code());
        final Reply.Refused refused = h.createSequential(s, "/q/", "3", false).as(Reply.Refused.class);
        assertEquals(ResultCode.QUOTA_EXCEEDED, refused.code());
        assertTrue(refused.detail().startsWith("sequential keys of session " + s), refused.detail());
        assertEquals(ResultCode.OK, h.put(s, "/plain", "keys are not sequential").code());
        assertEquals(ResultCode.OK, h.deletePrefix(s, "/q/").code());
        assertEquals(ResultCode.OK, h.createSequential(s, "/q/", "4", false).code());
    }

    @Test
    void anEndedSessionIsChargedWithNothingAndItsPersistentKeysStay()
    {
        h.put(s, "/persistent", "v");
        h.putEphemeral(s, "/ephemeral", "v");
        assertEquals(2, h.machine().chargeOf(s)[0]);
        h.closeSession(s);
        assertEquals(0, h.machine().chargeOf(s)[0]);
        assertEquals(ResultCode.OK, h.get("/persistent").code());
        assertEquals(h.machine().recount().totalBytes(), h.machine().stateBytes());
    }

    @Test
    void limitsThatLeaveNoRoomBeyondTheHistoryAreRefused()
    {
        assertEquals(ResultCode.INVALID_ARGUMENT, h.configureLimits(new LimitsSpec()
            .stateQuotaBytes(WardenLimits.DEFAULT_HISTORY_MAX_BYTES)).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.configureLimits(new LimitsSpec()
            .maxKeysPerSession(-1)).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.configureLimits(new LimitsSpec()
            .stateQuotaBytes(WardenLimits.MAX_STATE_QUOTA_BYTES + 1)).code());
        final Reply.Status ok = h.configureLimits(new LimitsSpec()
            .stateQuotaBytes(1L << 30).maxLocksPerSession(5)).as(Reply.Status.class);
        assertEquals(ResultCode.OK, ok.code());
        assertEquals(1L << 30, h.machine().limits().stateQuotaBytes());
        assertEquals(5, h.machine().limits().maxLocksPerSession());
        assertEquals(WardenLimits.DEFAULT_MAX_KEYS_PER_SESSION, h.machine().limits().maxKeysPerSession(),
            "zeros leave limits as they are");
    }

    @Test
    void theAccountGrowsAndShrinksWithTheState()
    {
        final long empty = h.machine().stateBytes();
        h.put(s, Key.of("/big"), value(10_000), false);
        assertTrue(h.machine().stateBytes() >= empty + 10_000);
        h.delete(s, "/big");
        h.acquire(s, "/l", -1);
        h.watch(1, "/w", false, false, 0);
        assertEquals(h.machine().recount().totalBytes(), h.machine().stateBytes());
        assertEquals(h.machine().recount().totalBytes(), h.machine().status().stateBytes);
    }
}
