package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.warden.bench.chaos.check.LinearizabilityResult.Verdict.LINEARIZABLE;
import static io.warden.bench.chaos.check.LinearizabilityResult.Verdict.NOT_LINEARIZABLE;
import static io.warden.bench.chaos.check.LinearizabilityResult.Verdict.UNKNOWN;
import static io.warden.bench.chaos.history.Op.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small hand-written histories for each model, each with a linearizable and a violating variant.
 */
final class LinearizabilityCheckerTest
{
    private static final LinearizabilityChecker CHECKER = new LinearizabilityChecker();
    private static final CasRegisterModel REGISTER = new CasRegisterModel();
    private static final KvModel KV = new KvModel();
    private static final WardenKvModel WARDEN = new WardenKvModel();

    private final List<Op> history = new ArrayList<>();

    // ---------------------------------------------------------------- compare-and-set register

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder()
    {
        write("1", 0, 10);
        write("2", 0, 10);
        assertEquals(LINEARIZABLE, with(read("1", 11, 12)).verdict());
        assertEquals(LINEARIZABLE, with(read("2", 11, 12)).verdict());
        assertEquals(LINEARIZABLE, with(read(null, 5, 12)).verdict(), "a read concurrent with both may see neither");
        final LinearizabilityResult result = with(read("3", 11, 12));
        assertEquals(NOT_LINEARIZABLE, result.verdict());
        assertEquals("read", result.stuck().kind());
    }

    @Test
    void staleReadAfterAWriteCompletedIsAViolation()
    {
        write("1", 0, 1);
        write("2", 2, 3);
        final Op stale = read("1", 4, 5);
        final LinearizabilityResult result = check(REGISTER);
        assertEquals(NOT_LINEARIZABLE, result.verdict());
        assertEquals(stale, result.stuck());
        assertEquals(2, result.longestPrefix().size(), "both writes linearize, the read cannot follow");
        assertTrue(result.explanation().contains("State after it: 2"), result.explanation());

        history.remove(stale);
        assertEquals(LINEARIZABLE, with(read("2", 4, 5)).verdict());
    }

    @Test
    void casThatSwappedMustPrecedeAReadOfItsValue()
    {
        write("1", 0, 1);
        cas("1", "2", true, 2, 10);
        assertEquals(LINEARIZABLE, with(read("2", 3, 4)).verdict(), "the cas took effect before the read");
        assertEquals(LINEARIZABLE, with(read("1", 3, 4)).verdict(), "or after it");
        assertEquals(NOT_LINEARIZABLE, with(read("1", 11, 12)).verdict(), "but not after it completed");
        history.clear();

        write("1", 0, 1);
        read("2", 3, 4);
        cas("1", "2", true, 5, 6);
        assertEquals(NOT_LINEARIZABLE, check(REGISTER).verdict(), "a cas invoked after the read cannot explain it");
    }

    @Test
    void failedCasConstrainsTheValue()
    {
        write("1", 0, 1);
        cas("1", "2", false, 2, 3);
        assertEquals(NOT_LINEARIZABLE, check(REGISTER).verdict(), "the value was 1, so the cas must have swapped");
        history.clear();

        write("1", 0, 1);
        cas("3", "2", false, 2, 3);
        assertEquals(LINEARIZABLE, with(read("1", 4, 5)).verdict());
    }

    @Test
    void unknownWriteMayExplainALaterRead()
    {
        write("1", 0, 1);
        unknown("write", null, values("2"), 2);
        assertEquals(LINEARIZABLE, with(read("2", 10, 11)).verdict(), "the unknown write took effect");
        assertEquals(LINEARIZABLE, with(read("1", 10, 11)).verdict(), "or never did (or not yet)");
        read("2", 10, 11);
        assertEquals(NOT_LINEARIZABLE, with(read("1", 12, 13)).verdict(), "but once seen, it stays");
        history.clear();

        write("1", 0, 1);
        read("2", 10, 11);
        unknown("write", null, values("2"), 20);
        assertEquals(NOT_LINEARIZABLE, check(REGISTER).verdict(), "it cannot take effect before it was invoked");
    }

    @Test
    void unknownCasSwapsOnlyFromItsExpectedValue()
    {
        write("1", 0, 1);
        unknown("cas", null, values("1", "2"), 2);
        assertEquals(LINEARIZABLE, with(read("2", 5, 6)).verdict());
        history.clear();

        write("3", 0, 1);
        unknown("cas", null, values("1", "2"), 2);
        assertEquals(NOT_LINEARIZABLE, with(read("2", 5, 6)).verdict());
    }

    @Test
    void lostWritesOfTheSameValueAreInterchangeableButKeepTheirInvokeTimes()
    {
        unknown("write", null, values("a"), 0);
        unknown("write", null, values("b"), 5);
        final Op late = unknown("write", null, values("a"), 10);
        read("a", 6, 7);
        read("b", 8, 9);
        read("a", 20, 21);
        assertEquals(LINEARIZABLE, check(REGISTER).verdict(), "a, then b, then the second a");

        history.set(history.indexOf(late), Op.unknown(late.id(), late.process(), "write", null, values("a"), 30));
        assertEquals(NOT_LINEARIZABLE, check(REGISTER).verdict(), "the second a was invoked too late");
    }

    @Test
    void manyLostWritesOfFewValuesDoNotBlowUpTheSearch()
    {
        write("0", 0, 1);
        for (int i = 0; i < 40; i++)
        {
            unknown("write", null, values(Integer.toString(i % 2)), 2 + i);
        }
        read("7", 100, 101);
        // 40 lost writes could be linearized in 2^40 subsets; as two classes of 20 they give 21 * 21 * 2 at most.
        final LinearizabilityResult result = new LinearizabilityChecker(100_000, Duration.ofMinutes(1)).check(REGISTER, history);
        assertEquals(NOT_LINEARIZABLE, result.verdict(), result::toString);
    }

    @Test
    void failedOperationsAndUnknownReadsAreDropped()
    {
        history.add(new Op(0, 0, "write", null, values("5"), null, Outcome.FAIL, 0, 1));
        unknown("read", null, values(), 0);
        final LinearizabilityResult ok = with(read(null, 2, 3));
        assertEquals(LINEARIZABLE, ok.verdict());
        assertTrue(ok.explanation().contains("2 failed operations or unknown reads dropped"), ok.explanation());
        assertEquals(NOT_LINEARIZABLE, with(read("5", 2, 3)).verdict(), "a failed write never happened");
    }

    @Test
    void equalTimesAreConcurrent()
    {
        write("1", 0, 5);
        assertEquals(LINEARIZABLE, with(read(null, 5, 6)).verdict(), "closed intervals: [0,5] and [5,6] overlap");
        assertEquals(NOT_LINEARIZABLE, with(read(null, 6, 7)).verdict());
    }

    @Test
    void emptyHistoryIsLinearizable()
    {
        assertEquals(LINEARIZABLE, check(REGISTER).verdict());
    }

    @Test
    void spentBudgetIsUnknownNeverAPass()
    {
        for (int i = 0; i < 20; i++)
        {
            write(Integer.toString(i), 0, 100);
        }
        read("none of them", 101, 102);
        final LinearizabilityResult bySteps = new LinearizabilityChecker(1_000, Duration.ofMinutes(1)).check(REGISTER, history);
        assertEquals(UNKNOWN, bySteps.verdict());
        assertTrue(bySteps.explanation().contains("steps"), bySteps.explanation());
        final LinearizabilityResult byTime = new LinearizabilityChecker(Long.MAX_VALUE, Duration.ofMillis(20)).check(REGISTER, history);
        assertEquals(UNKNOWN, byTime.verdict());
        assertTrue(byTime.explanation().contains("wall time"), byTime.explanation());
    }

    // ---------------------------------------------------------------- KV map with append

    @Test
    void kvKeysAreCheckedIndependently()
    {
        kv("put", "a", "x", null, 0, 1);
        kv("append", "a", "y", null, 2, 3);
        kv("get", "a", null, "xy", 4, 5);
        kv("get", "b", null, "", 0, 9);
        final LinearizabilityResult ok = check(KV);
        assertEquals(LINEARIZABLE, ok.verdict());
        assertEquals(2, ok.partitions());

        kv("get", "b", null, "z", 10, 11);
        final LinearizabilityResult bad = check(KV);
        assertEquals(NOT_LINEARIZABLE, bad.verdict());
        assertEquals("b", bad.key());
    }

    @Test
    void concurrentAppendsMayLandInEitherOrder()
    {
        kv("append", "k", "1", null, 0, 5);
        kv("append", "k", "2", null, 0, 5);
        assertEquals(LINEARIZABLE, with(kv("get", "k", null, "12", 6, 7), KV).verdict());
        assertEquals(LINEARIZABLE, with(kv("get", "k", null, "21", 6, 7), KV).verdict());
        assertEquals(NOT_LINEARIZABLE, with(kv("get", "k", null, "1", 6, 7), KV).verdict(), "an append was lost");
    }

    // ---------------------------------------------------------------- Warden KV (value + modRevision)

    @Test
    void wardenGetReturnsValueAndModRevision()
    {
        wardenGet("k", null, 0, 0, 1);
        wardenPut("k", "a", 5, 2, 3);
        assertEquals(LINEARIZABLE, with(wardenGet("k", "a", 5, 4, 5), WARDEN).verdict());
        assertEquals(NOT_LINEARIZABLE, with(wardenGet("k", "a", 4, 4, 5), WARDEN).verdict(), "wrong modRevision");
    }

    @Test
    void wardenRevisionsOfOneKeyRise()
    {
        wardenPut("k", "a", 5, 0, 1);
        wardenPut("k", "b", 4, 2, 3);
        assertEquals(NOT_LINEARIZABLE, check(WARDEN).verdict());
        history.clear();
        wardenPut("k", "a", 5, 0, 3);
        wardenPut("k", "b", 4, 0, 3);
        assertEquals(LINEARIZABLE, with(wardenGet("k", "a", 5, 4, 5), WARDEN).verdict(), "concurrent: b then a");
    }

    @Test
    void wardenTxnComparesModRevision()
    {
        wardenPut("k", "a", 5, 0, 1);
        wardenTxn("k", 5, "b", true, 7, 2, 3);
        assertEquals(LINEARIZABLE, with(wardenGet("k", "b", 7, 4, 5), WARDEN).verdict());
        history.clear();

        wardenPut("k", "a", 5, 0, 1);
        wardenTxn("k", 4, "b", true, 7, 2, 3);
        assertEquals(NOT_LINEARIZABLE, check(WARDEN).verdict(), "succeeded although modRevision was 5");
        history.clear();

        wardenPut("k", "a", 5, 0, 1);
        wardenTxn("k", 5, "b", false, 0, 2, 3);
        assertEquals(NOT_LINEARIZABLE, check(WARDEN).verdict(), "failed although modRevision was 5");
        history.clear();

        wardenTxn("k", 0, "a", true, 3, 0, 1);
        wardenTxn("k", 0, "b", true, 4, 2, 3);
        assertEquals(NOT_LINEARIZABLE, check(WARDEN).verdict(), "create-if-missing succeeded twice");
    }

    @Test
    void wardenUnknownPutMayExplainALaterGet()
    {
        wardenPut("k", "a", 5, 0, 1);
        unknown("put", "k", values("b"), 2);
        assertEquals(LINEARIZABLE, with(wardenGet("k", "b", 9, 3, 4), WARDEN).verdict());
        assertEquals(NOT_LINEARIZABLE, with(wardenGet("k", "b", 5, 3, 4), WARDEN).verdict(),
            "the unknown put's revision must be above 5");
        history.clear();

        wardenPut("k", "a", 5, 0, 1);
        unknown("txn", "k", values("5", "b"), 2);
        assertEquals(LINEARIZABLE, with(wardenGet("k", "b", 6, 3, 4), WARDEN).verdict());
        assertEquals(NOT_LINEARIZABLE, with(wardenGet("k", "b", 5, 3, 4), WARDEN).verdict());
    }

    @Test
    void wardenFailedCompareRulesOutARevisionOfAnUnknownPut()
    {
        wardenPut("k", "a", 5, 0, 1);
        unknown("put", "k", values("b"), 2);
        wardenTxn("k", 5, "c", false, 0, 3, 4);   // so the unknown put happened before this
        wardenTxn("k", 7, "d", false, 0, 5, 6);   // and its revision is not 7
        assertEquals(NOT_LINEARIZABLE, with(wardenGet("k", "b", 7, 7, 8), WARDEN).verdict());
        assertEquals(LINEARIZABLE, with(wardenGet("k", "b", 6, 7, 8), WARDEN).verdict());
        assertEquals(LINEARIZABLE, with(wardenGet("k", "b", 8, 7, 8), WARDEN).verdict());
    }

    // ---------------------------------------------------------------- helpers

    private LinearizabilityResult check(final Model<?> model)
    {
        return CHECKER.check(model, history);
    }

    /**
     * Check with {@code extra} (already added) against the register model, then take it out again.
     */
    private LinearizabilityResult with(final Op extra)
    {
        return with(extra, REGISTER);
    }

    private LinearizabilityResult with(final Op extra, final Model<?> model)
    {
        final LinearizabilityResult result = CHECKER.check(model, history);
        history.remove(extra);
        return result;
    }

    private Op add(final String kind, final String key, final List<String> in, final List<String> out, final long invokeNs, final long completeNs)
    {
        final Op op = Op.ok(history.size(), history.size(), kind, key, in, out, invokeNs, completeNs);
        history.add(op);
        return op;
    }

    private Op unknown(final String kind, final String key, final List<String> in, final long invokeNs)
    {
        final Op op = Op.unknown(history.size(), history.size(), kind, key, in, invokeNs);
        history.add(op);
        return op;
    }

    private Op write(final String value, final long invokeNs, final long completeNs)
    {
        return add("write", null, values(value), values(), invokeNs, completeNs);
    }

    private Op read(final String value, final long invokeNs, final long completeNs)
    {
        return add("read", null, values(), values(value), invokeNs, completeNs);
    }

    private Op cas(final String from, final String to, final boolean swapped, final long invokeNs, final long completeNs)
    {
        return add("cas", null, values(from, to), values(Boolean.toString(swapped)), invokeNs, completeNs);
    }

    private Op kv(final String kind, final String key, final String in, final String out, final long invokeNs, final long completeNs)
    {
        return add(kind, key, in == null ? values() : values(in), out == null ? values() : values(out), invokeNs, completeNs);
    }

    private Op wardenGet(final String key, final String value, final long modRevision, final long invokeNs, final long completeNs)
    {
        return add("get", key, values(), values(value, Long.toString(modRevision)), invokeNs, completeNs);
    }

    private Op wardenPut(final String key, final String value, final long revision, final long invokeNs, final long completeNs)
    {
        return add("put", key, values(value), values(Long.toString(revision)), invokeNs, completeNs);
    }

    private Op wardenTxn(
        final String key,
        final long expectedModRevision,
        final String value,
        final boolean succeeded,
        final long revision,
        final long invokeNs,
        final long completeNs)
    {
        return add("txn", key, values(Long.toString(expectedModRevision), value),
            succeeded ? values("true", Long.toString(revision)) : values("false"), invokeNs, completeNs);
    }
}
