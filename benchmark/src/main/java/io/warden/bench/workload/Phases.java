package io.warden.bench.workload;

import java.util.concurrent.TimeUnit;

/**
 * Shared steps of the workloads: one warm-up plus measured load phase with progress, and error notes.
 */
final class Phases
{
    private Phases()
    {
    }

    /**
     * Run one load phase to its end, showing warm-up and measure phases in the progress display.
     *
     * @param context     workload context.
     * @param primaryOp   primary operation name.
     * @param clientCount client threads.
     * @param latencies   where latencies go.
     * @param warmupMs    warm-up.
     * @param durationMs  measured window.
     * @param rate        open-loop rate or 0.
     * @param op          the operation.
     * @return the outcome.
     * @throws InterruptedException if interrupted.
     */
    static LoadLoop.Outcome run(
        final WorkloadContext context,
        final String primaryOp,
        final int clientCount,
        final Latencies latencies,
        final long warmupMs,
        final long durationMs,
        final double rate,
        final LoadLoop.ClientOp op) throws InterruptedException
    {
        final LoadLoop.Running running = start(context, primaryOp, clientCount, latencies, warmupMs, durationMs, rate, op);
        return running.await();
    }

    /**
     * Start one load phase and switch the progress display to "measure" when the warm-up ends (on a helper thread).
     *
     * @param context     workload context.
     * @param primaryOp   primary operation name.
     * @param clientCount client threads.
     * @param latencies   where latencies go.
     * @param warmupMs    warm-up.
     * @param durationMs  measured window.
     * @param rate        open-loop rate or 0.
     * @param op          the operation.
     * @return the running loop.
     */
    static LoadLoop.Running start(
        final WorkloadContext context,
        final String primaryOp,
        final int clientCount,
        final Latencies latencies,
        final long warmupMs,
        final long durationMs,
        final double rate,
        final LoadLoop.ClientOp op)
    {
        final Progress progress = context.progress();
        progress.phase(warmupMs > 0 ? "warmup" : "measure", warmupMs > 0 ? warmupMs : durationMs);
        final LoadLoop.Running running = new LoadLoop(primaryOp, clientCount, latencies, progress)
            .warmupMs(warmupMs)
            .durationMs(durationMs)
            .rateOpsPerSec(rate)
            .start(op);
        if (warmupMs > 0)
        {
            final Thread switcher = new Thread(() ->
            {
                final long waitNs = running.measureStartNs() - System.nanoTime();
                if (waitNs > 0)
                {
                    try
                    {
                        TimeUnit.NANOSECONDS.sleep(waitNs);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
                progress.phase("measure", durationMs);
            }, "bench-phase");
            switcher.setDaemon(true);
            switcher.start();
        }
        return running;
    }

    /**
     * Copy the error samples of an outcome into a result's notes.
     *
     * @param result  the result.
     * @param outcome the outcome.
     */
    static void addErrorNotes(final WorkloadResult result, final LoadLoop.Outcome outcome)
    {
        for (final String sample : outcome.errorSamples())
        {
            result.note("error: " + sample);
        }
    }
}
