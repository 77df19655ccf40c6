package io.warden.bench.workload;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed and open loop, and the coordinated-omission correction of open loop: one stalled operation must show up in
 * every operation it delayed, measured from their intended send times, while the uncorrected histogram shows it once.
 */
final class LoadLoopTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void intendedSendTimesFollowTheRateAndStaggerClients()
    {
        final long intervalNs = 4 * MS;
        assertEquals(1_000, LoadLoop.intendedSendNs(1_000, 0, 4, intervalNs, 0));
        assertEquals(1_000 + MS, LoadLoop.intendedSendNs(1_000, 1, 4, intervalNs, 0));
        assertEquals(1_000 + 3 * MS + 10 * intervalNs, LoadLoop.intendedSendNs(1_000, 3, 4, intervalNs, 10));
    }

    @Test
    void openLoopMeasuresFromTheIntendedSendTime() throws Exception
    {
        final long stallMs = 300;
        final Latencies latencies = new Latencies();
        final LoadLoop.Outcome outcome = new LoadLoop("op", 1, latencies, Progress.silent())
            .warmupMs(0)
            .durationMs(1_000)
            .rateOpsPerSec(200)
            .start((client, sequence, context) ->
            {
                if (50 == sequence)
                {
                    Thread.sleep(stallMs);
                }
            })
            .await();

        final Map<String, Histogram> histograms = latencies.histograms();
        final Histogram corrected = histograms.get("op");
        final Histogram uncorrected = histograms.get("op" + LoadLoop.UNCORRECTED_SUFFIX);
        assertEquals(outcome.completedOps(), corrected.getTotalCount());
        assertEquals(corrected.getTotalCount(), uncorrected.getTotalCount());
        assertTrue(outcome.completedOps() >= 190 && outcome.completedOps() <= 201, "ops " + outcome.completedOps());

        // Sent every 5 ms: the stall delays the ~60 operations intended during it, by 300, 295, 290, ... ms.
        final long correctedAbove100Ms = corrected.getCountBetweenValues(100 * MS, corrected.getMaxValue());
        final long uncorrectedAbove100Ms = uncorrected.getCountBetweenValues(100 * MS, uncorrected.getMaxValue());
        assertTrue(correctedAbove100Ms >= 35, "corrected samples >= 100 ms: " + correctedAbove100Ms);
        assertTrue(uncorrectedAbove100Ms >= 1 && uncorrectedAbove100Ms <= 3,
            "uncorrected samples >= 100 ms: " + uncorrectedAbove100Ms);
        assertTrue(corrected.getMaxValue() >= stallMs * MS);
        assertTrue(corrected.getValueAtPercentile(90) > uncorrected.getValueAtPercentile(90) * 10,
            "corrected p90 " + corrected.getValueAtPercentile(90) + " vs uncorrected " +
            uncorrected.getValueAtPercentile(90));
    }

    @Test
    void closedLoopCountsOpsAndErrorsOnlyInTheMeasuredWindow() throws Exception
    {
        final Latencies latencies = new Latencies();
        final LoadLoop.Outcome outcome = new LoadLoop("op", 2, latencies, Progress.silent())
            .warmupMs(200)
            .durationMs(400)
            .start((client, sequence, context) ->
            {
                Thread.sleep(2);
                context.record("inner", MS);
                if (1 == client && 0 == sequence % 10)
                {
                    throw new IllegalStateException("boom");
                }
            })
            .await();

        final Map<String, Histogram> histograms = latencies.histograms();
        assertEquals(outcome.completedOps(), histograms.get("op").getTotalCount());
        assertTrue(outcome.completedOps() > 50, "ops " + outcome.completedOps());
        assertTrue(outcome.errors() > 0 && outcome.errors() < outcome.completedOps() / 4, "errors " + outcome.errors());
        assertEquals(1, outcome.errorSamples().size());
        assertTrue(outcome.errorSamples().get(0).contains("boom"));
        assertTrue(outcome.opsPerClient()[0] > outcome.opsPerClient()[1]);
        assertEquals(outcome.completedOps() + outcome.errors(), histograms.get("inner").getTotalCount());
        assertTrue(histograms.get("op").getValueAtPercentile(50) >= 2 * MS);
        assertEquals(400.0, outcome.measuredNs() / (double)MS);
    }
}
