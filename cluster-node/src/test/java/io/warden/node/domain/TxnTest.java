package io.warden.node.domain;

import io.warden.node.domain.kv.TxnCommand;
import io.warden.node.domain.support.Bytes;
import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Entry;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.node.domain.support.TxnBuilder;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.CompareTarget;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.TxnOpType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.warden.node.domain.support.TxnBuilder.txn;
import static io.warden.schema.protocol.CompareOp.EQUAL;
import static io.warden.schema.protocol.CompareOp.GREATER;
import static io.warden.schema.protocol.CompareOp.LESS;
import static io.warden.schema.protocol.CompareOp.NOT_EQUAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class TxnTest
{
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();
    private final long s = h.openSession(10_000);

    /**
     * Run a txn with one compare that writes "then" or "else" to /result, and check which branch ran.
     */
    private void assertCompare(final TxnBuilder compare, final boolean holds)
    {
        final long revision = h.revision();
        final Reply reply = h.txn(s, compare.thenPut("/result", "then").elsePut("/result", "else"));

        assertEquals(holds ? ResultCode.OK : ResultCode.COMPARE_FAILED, reply.code(), () -> describe(compare));
        assertEquals(revision + 1, reply.as(Reply.Txn.class).revision());
        assertEquals(holds ? "then" : "else", h.get("/result").as(Reply.Get.class).entry().text());
    }

    private static String describe(final TxnBuilder txn)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < txn.command().compareCount(); i++)
        {
            final TxnCommand.Compare compare = txn.command().compare(i);
            text.append(compare.key).append(' ').append(compare.target).append(' ').append(compare.op).append(' ')
                .append(compare.target == CompareTarget.VALUE ? Bytes.copyOf(compare.value) : compare.number)
                .append("; ");
        }
        return text.toString();
    }

    @Test
    void valueComparesWithEachOperator()
    {
        h.put(s, "/k", "m");

        assertCompare(txn().ifValue("/k", EQUAL, "m"), true);
        assertCompare(txn().ifValue("/k", EQUAL, "n"), false);
        assertCompare(txn().ifValue("/k", NOT_EQUAL, "n"), true);
        assertCompare(txn().ifValue("/k", NOT_EQUAL, "m"), false);
        assertCompare(txn().ifValue("/k", LESS, "n"), true);
        assertCompare(txn().ifValue("/k", LESS, "m"), false);
        assertCompare(txn().ifValue("/k", GREATER, "l"), true);
        assertCompare(txn().ifValue("/k", GREATER, "mm"), false);
        assertCompare(txn().ifValue("/k", LESS, "mm"), true);
    }

    @Test
    void valueComparesAsUnsignedBytes()
    {
        h.put(s, "/k", "\u00e9");

        assertCompare(txn().ifValue("/k", GREATER, "z"), true);
    }

    @Test
    void valueCompareOnAMissingKeyNeverHolds()
    {
        assertCompare(txn().ifValue("/missing", EQUAL, ""), false);
        assertCompare(txn().ifValue("/missing", NOT_EQUAL, "x"), false);
    }

    @Test
    void versionComparesWithEachOperator()
    {
        h.put(s, "/k", "1");
        h.put(s, "/k", "2");

        assertCompare(txn().ifVersion("/k", EQUAL, 2), true);
        assertCompare(txn().ifVersion("/k", EQUAL, 1), false);
        assertCompare(txn().ifVersion("/k", NOT_EQUAL, 1), true);
        assertCompare(txn().ifVersion("/k", LESS, 3), true);
        assertCompare(txn().ifVersion("/k", LESS, 2), false);
        assertCompare(txn().ifVersion("/k", GREATER, 1), true);
        assertCompare(txn().ifVersion("/k", GREATER, 2), false);
        assertCompare(txn().ifVersion("/missing", EQUAL, 0), true);
    }

    @Test
    void createRevisionComparesWithEachOperator()
    {
        h.put(s, "/before", "x");
        h.put(s, "/k", "1");
        h.put(s, "/k", "2");

        assertCompare(txn().ifCreateRevision("/k", EQUAL, 2), true);
        assertCompare(txn().ifCreateRevision("/k", EQUAL, 3), false);
        assertCompare(txn().ifCreateRevision("/k", NOT_EQUAL, 3), true);
        assertCompare(txn().ifCreateRevision("/k", LESS, 3), true);
        assertCompare(txn().ifCreateRevision("/k", LESS, 2), false);
        assertCompare(txn().ifCreateRevision("/k", GREATER, 1), true);
        assertCompare(txn().ifCreateRevision("/k", GREATER, 2), false);
        assertCompare(txn().ifCreateRevision("/missing", EQUAL, 0), true);
    }

    @Test
    void modRevisionComparesWithEachOperator()
    {
        h.put(s, "/k", "1");
        h.put(s, "/other", "x");
        h.put(s, "/k", "2");

        assertCompare(txn().ifModRevision("/k", EQUAL, 3), true);
        assertCompare(txn().ifModRevision("/k", EQUAL, 1), false);
        assertCompare(txn().ifModRevision("/k", NOT_EQUAL, 1), true);
        assertCompare(txn().ifModRevision("/k", LESS, 4), true);
        assertCompare(txn().ifModRevision("/k", LESS, 3), false);
        assertCompare(txn().ifModRevision("/k", GREATER, 2), true);
        assertCompare(txn().ifModRevision("/k", GREATER, 3), false);
    }

    @Test
    void everyCompareMustHoldForTheThenBranch()
    {
        h.put(s, "/a", "1");
        h.put(s, "/b", "2");

        assertCompare(txn().ifValue("/a", EQUAL, "1").ifValue("/b", EQUAL, "2"), true);
        assertCompare(txn().ifValue("/a", EQUAL, "1").ifValue("/b", EQUAL, "3"), false);
        assertCompare(txn(), true);
    }

    @Test
    void theWholeBranchTakesOneRevision()
    {
        h.put(s, "/t/gone", "x");
        h.put(s, "/t/old/1", "x");
        h.put(s, "/t/old/2", "x");
        h.watch(1, "/t/", true, false, 0);

        final Reply reply = h.txn(s, txn()
            .ifVersion("/t/gone", EQUAL, 1)
            .thenPut("/t/new", "n")
            .thenPutEphemeral("/t/mine", "m")
            .thenDelete("/t/gone")
            .thenDeletePrefix("/t/old/"));

        assertEquals(new Reply.Txn(ROUTE, reply.correlationId(), ResultCode.OK, 4), reply);
        assertEquals(4, h.revision());
        assertEquals(new Entry("/t/new", Bytes.of("n"), 4, 4, 1, 0), h.get("/t/new").as(Reply.Get.class).entry());
        assertEquals(s, h.get("/t/mine").as(Reply.Get.class).entry().ownerSessionId());
        assertEquals(List.of("/t/mine", "/t/new"), h.range("/t/").as(Reply.Range.class).keys());
        final List<Change> changes = h.events().changes(ROUTE, 1);
        assertEquals(1, h.events().watchBatches().size());
        assertEquals(5, changes.size());
        for (final Change change : changes)
        {
            assertEquals(4, change.revision());
        }
        assertEquals(
            List.of("/t/new", "/t/mine", "/t/gone", "/t/old/1", "/t/old/2"),
            changes.stream().map(Change::key).toList());
    }

    @Test
    void failedComparesApplyTheElseBranch()
    {
        h.put(s, "/lock-owner", "a");

        final Reply reply = h.txn(s, txn()
            .ifValue("/lock-owner", EQUAL, "b")
            .thenPut("/lock-owner", "b")
            .elsePut("/contended", "yes")
            .elseDelete("/lock-owner"));

        assertEquals(new Reply.Txn(ROUTE, reply.correlationId(), ResultCode.COMPARE_FAILED, 2), reply);
        assertEquals(ResultCode.NOT_FOUND, h.get("/lock-owner").code());
        assertEquals("yes", h.get("/contended").as(Reply.Get.class).entry().text());
    }

    @Test
    void aTxnThatChangesNothingTakesNoRevision()
    {
        h.put(s, "/a", "1");

        final Reply reply = h.txn(s, txn().ifValue("/a", EQUAL, "2").thenPut("/a", "2"));

        assertEquals(new Reply.Txn(ROUTE, reply.correlationId(), ResultCode.COMPARE_FAILED, 1), reply);
        assertEquals(1, h.revision());
    }

    @Test
    void theSameKeyMayAppearInBothBranches()
    {
        final Reply reply = h.txn(s, txn().ifVersion("/a", EQUAL, 0).thenPut("/a", "then").elsePut("/a", "else"));

        assertEquals(ResultCode.OK, reply.code());
    }

    @Test
    void invalidTxnsAreRejectedAndChangeNothing()
    {
        h.put(s, "/a", "1");
        h.watch(1, "", true, false, 0);
        final long digest = h.digest();
        final long revision = h.revision();
        final byte[] big = new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH];

        assertRejected(ResultCode.INVALID_ARGUMENT, txn().thenPut("/a", "1").thenPut("/a", "2"));
        assertRejected(ResultCode.INVALID_ARGUMENT, txn().elseDelete("/a").elsePut("/a", "2"));
        assertRejected(ResultCode.INVALID_ARGUMENT, txn().thenDeletePrefix("/a").thenPut("/ab", "2"));
        assertRejected(ResultCode.INVALID_ARGUMENT, txn().thenPut("/x/y", "1").thenDeletePrefix("/x/"));
        assertRejected(ResultCode.INVALID_ARGUMENT, txn().thenDeletePrefix("/x/").thenDeletePrefix("/x/y"));
        assertRejected(ResultCode.INVALID_ARGUMENT, txn().thenDeletePrefix("").thenDelete("/z"));
        assertRejected(ResultCode.VALUE_TOO_LARGE, txn().thenPut("/a", "2").op(
            true, TxnOpType.PUT, Key.of("/b"), new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1], false));
        assertRejected(ResultCode.VALUE_TOO_LARGE, txn().op(
            false, TxnOpType.PUT, Key.of("/b"), new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1], false));
        assertRejected(ResultCode.INVALID_KEY, txn().thenPut("", "x"));
        assertRejected(ResultCode.INVALID_KEY, txn().compare(
            CompareTarget.VALUE, Key.copyOf(new byte[]{ '/', (byte)0xFF }, 0, 2), EQUAL, 0, new byte[0]));
        assertRejected(ResultCode.KEY_TOO_LONG, txn().ifVersion("/" + "k".repeat(1024), EQUAL, 0));
        assertRejected(ResultCode.RESERVED_KEY, txn().thenDelete("/_warden/election/x"));

        final TxnBuilder tooMany = txn();
        for (int i = 0; i < WardenLimits.MAX_TXN_OPS - 1; i++)
        {
            tooMany.ifVersion("/c" + i, EQUAL, 0);
        }
        tooMany.thenPut("/a", "x").elsePut("/a", "y");
        assertRejected(ResultCode.LIMIT_EXCEEDED, tooMany);

        final TxnBuilder tooBig = txn();
        for (int i = 0; i < WardenLimits.MAX_TXN_BYTES / big.length + 1; i++)
        {
            tooBig.op(true, TxnOpType.PUT, Key.of("/big/" + i), big, false);
        }
        assertRejected(ResultCode.LIMIT_EXCEEDED, tooBig);

        assertEquals(digest, h.digest());
        assertEquals(revision, h.revision());
        assertTrue(h.events().isEmpty());
    }

    @Test
    void theLargestAllowedTxnIsAccepted()
    {
        final TxnBuilder most = txn();
        for (int i = 0; i < WardenLimits.MAX_TXN_OPS - 2; i++)
        {
            most.ifVersion("/c" + i, EQUAL, 0);
        }
        most.thenPut("/a", "x").elsePut("/a", "y");

        assertEquals(ResultCode.OK, h.txn(s, most).code());
    }

    private void assertRejected(final ResultCode expected, final TxnBuilder txn)
    {
        final Reply reply = h.txn(s, txn);
        assertEquals(new Reply.Rejected(ROUTE, reply.correlationId(), expected), reply);
    }
}
