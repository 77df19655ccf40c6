package io.warden.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives N client threads through a warm-up and a measured window, closed loop or open loop.
 * <ul>
 * <li><b>Closed loop</b>: each client sends its next operation as soon as the last one is answered; latency is
 * measured from the send.</li>
 * <li><b>Open loop</b> at a total rate R: client {@code i} of {@code n} intends to send operation {@code k} at
 * {@code start + i*n/R/n + k*n/R} seconds, whether or not earlier operations were answered in time. An operation that
 * could only be sent late (the client was still waiting for an earlier answer) is measured from its <em>intended</em>
 * send time, so a stall shows up in every operation it delayed (coordinated-omission correction). The primary
 * operation is also recorded from its actual send as {@code <op>.uncorrected}.</li>
 * </ul>
 * An operation belongs to the measured window if its intended send time falls in it. A failed operation (it threw)
 * counts as an error and is not recorded as a latency; the client pauses {@value #ERROR_PAUSE_MS} ms after a failure
 * so that a dead target does not turn into a busy loop.
 * <pre>{@code
 * LoadLoop.Outcome outcome = new LoadLoop("put", clients, latencies, progress)
 *     .warmupMs(1_000).durationMs(5_000).rateOpsPerSec(0)
 *     .start((client, sequence, context) -> clients.get(client).put(key(client), value))
 *     .await();
 * }</pre>
 */
public final class LoadLoop
{
    /** Suffix of the uncorrected (service time) histogram of the primary operation in open loop. */
    public static final String UNCORRECTED_SUFFIX = ".uncorrected";
    /** Pause after a failed operation. */
    public static final long ERROR_PAUSE_MS = 5;
    /** Distinct error messages kept per run. */
    public static final int MAX_ERROR_SAMPLES = 5;

    /**
     * One operation of one client.
     */
    @FunctionalInterface
    public interface ClientOp
    {
        /**
         * Execute one operation; throw to count an error.
         *
         * @param clientIndex which client (0-based), i.e. which thread.
         * @param sequence    the client's operation number, from 0.
         * @param context     records sub-operation latencies while measuring.
         * @throws Exception on failure.
         */
        void execute(int clientIndex, long sequence, OpContext context) throws Exception;
    }

    /**
     * Per-thread view of the run handed to each operation.
     */
    public static final class OpContext
    {
        private final Latencies latencies;
        private boolean isMeasuring;
        private long intendedNs;

        OpContext(final Latencies latencies)
        {
            this.latencies = latencies;
        }

        /**
         * Whether this operation is in the measured window.
         *
         * @return true while measuring.
         */
        public boolean isMeasuring()
        {
            return isMeasuring;
        }

        /**
         * The intended send time of this operation (its actual start in closed loop).
         *
         * @return {@link System#nanoTime()} based time.
         */
        public long intendedNs()
        {
            return intendedNs;
        }

        /**
         * Record the latency of a sub-operation if this operation is measured.
         *
         * @param op        sub-operation name.
         * @param latencyNs its latency.
         */
        public void record(final String op, final long latencyNs)
        {
            if (isMeasuring)
            {
                latencies.record(op, latencyNs);
            }
        }
    }

    /**
     * What a finished run did in its measured window.
     *
     * @param completedOps   operations that succeeded.
     * @param errors         operations that failed.
     * @param measuredNs     length of the measured window.
     * @param opsPerClient   successful operations per client.
     * @param errorSamples   up to {@value #MAX_ERROR_SAMPLES} distinct error messages.
     */
    public record Outcome(long completedOps, long errors, long measuredNs, long[] opsPerClient, List<String> errorSamples)
    {
        /**
         * Successful operations per second of the measured window.
         *
         * @return throughput.
         */
        public double throughputOpsPerSec()
        {
            return measuredNs > 0 ? completedOps * 1e9 / measuredNs : 0;
        }
    }

    /**
     * A run in progress.
     */
    public final class Running
    {
        private final List<Thread> threads;

        private Running(final List<Thread> threads)
        {
            this.threads = threads;
        }

        /**
         * Ask every client to stop after its current operation.
         */
        public void stop()
        {
            isStopped.set(true);
        }

        /**
         * Wait for every client to finish.
         *
         * @return the outcome.
         * @throws InterruptedException if interrupted while waiting.
         */
        public Outcome await() throws InterruptedException
        {
            for (final Thread thread : threads)
            {
                thread.join();
            }
            final long[] perClient = new long[clientCount];
            for (int i = 0; i < clientCount; i++)
            {
                perClient[i] = completedByClient[i].get();
            }
            final long measuredNs = TimeUnit.MILLISECONDS.toNanos(durationMs);
            return new Outcome(completed.sum(), errors.sum(), measuredNs, perClient, List.copyOf(errorSamples));
        }

        /**
         * When the measured window starts.
         *
         * @return {@link System#nanoTime()} based time.
         */
        public long measureStartNs()
        {
            return measureStartNs;
        }
    }

    private final String primaryOp;
    private final int clientCount;
    private final Latencies latencies;
    private final Progress progress;
    private final AtomicBoolean isStopped = new AtomicBoolean();
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong[] completedByClient;
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    private long warmupMs = 0;
    private long durationMs = 1_000;
    private double rateOpsPerSec = 0;
    private volatile long measureStartNs;

    /**
     * A loop for one primary operation.
     *
     * @param primaryOp   name the operation's latency is recorded under.
     * @param clientCount number of client threads.
     * @param latencies   where latencies go.
     * @param progress    counts operations and errors for display.
     */
    public LoadLoop(final String primaryOp, final int clientCount, final Latencies latencies, final Progress progress)
    {
        this.primaryOp = primaryOp;
        this.clientCount = clientCount;
        this.latencies = latencies;
        this.progress = progress;
        this.completedByClient = new AtomicLong[clientCount];
        for (int i = 0; i < clientCount; i++)
        {
            completedByClient[i] = new AtomicLong();
        }
        latencies.declare(primaryOp);
    }

    /**
     * Unmeasured warm-up.
     *
     * @param warmupMs milliseconds.
     * @return this.
     */
    public LoadLoop warmupMs(final long warmupMs)
    {
        this.warmupMs = warmupMs;
        return this;
    }

    /**
     * Measured window.
     *
     * @param durationMs milliseconds.
     * @return this.
     */
    public LoadLoop durationMs(final long durationMs)
    {
        this.durationMs = durationMs;
        return this;
    }

    /**
     * Total open-loop rate over all clients, or 0 for closed loop.
     *
     * @param rateOpsPerSec operations per second.
     * @return this.
     */
    public LoadLoop rateOpsPerSec(final double rateOpsPerSec)
    {
        this.rateOpsPerSec = rateOpsPerSec;
        return this;
    }

    /**
     * The intended send time of an open-loop client's operation.
     *
     * @param startNs     when the run starts.
     * @param clientIndex client.
     * @param clientCount number of clients.
     * @param intervalNs  interval between one client's operations ({@code clientCount / rate}).
     * @param sequence    operation number.
     * @return intended send time.
     */
    public static long intendedSendNs(
        final long startNs, final int clientIndex, final int clientCount, final long intervalNs, final long sequence)
    {
        return startNs + (intervalNs * clientIndex) / clientCount + intervalNs * sequence;
    }

    /**
     * Start the client threads.
     *
     * @param op the operation each client repeats.
     * @return the running loop.
     */
    public Running start(final ClientOp op)
    {
        final long startNs = System.nanoTime();
        measureStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        final long endNs = measureStartNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
        final boolean isOpenLoop = rateOpsPerSec > 0;
        final long intervalNs = isOpenLoop ? Math.max(1, Math.round(clientCount * 1e9 / rateOpsPerSec)) : 0;

        final List<Thread> threads = new ArrayList<>(clientCount);
        for (int i = 0; i < clientCount; i++)
        {
            final int clientIndex = i;
            final Thread thread = new Thread(
                () -> runClient(op, clientIndex, startNs, endNs, isOpenLoop, intervalNs), "load-" + primaryOp + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        return new Running(threads);
    }

    private void runClient(
        final ClientOp op,
        final int clientIndex,
        final long startNs,
        final long endNs,
        final boolean isOpenLoop,
        final long intervalNs)
    {
        final OpContext context = new OpContext(latencies);
        final String uncorrectedOp = primaryOp + UNCORRECTED_SUFFIX;
        for (long sequence = 0; !isStopped.get(); sequence++)
        {
            final long intendedNs = isOpenLoop ?
                intendedSendNs(startNs, clientIndex, clientCount, intervalNs, sequence) : System.nanoTime();
            if (intendedNs - endNs >= 0)
            {
                break;
            }
            if (isOpenLoop)
            {
                waitUntil(intendedNs);
            }

            final boolean isMeasuring = intendedNs - measureStartNs >= 0;
            context.isMeasuring = isMeasuring;
            context.intendedNs = intendedNs;
            final long sendNs = System.nanoTime();
            boolean isOk = true;
            try
            {
                op.execute(clientIndex, sequence, context);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            catch (final Exception ex)
            {
                isOk = false;
                if (isMeasuring)
                {
                    errors.increment();
                    progress.errors().increment();
                    sampleError(ex);
                }
            }
            final long doneNs = System.nanoTime();

            if (isOk)
            {
                progress.ops().increment();
                if (isMeasuring)
                {
                    completed.increment();
                    completedByClient[clientIndex].incrementAndGet();
                    latencies.record(primaryOp, doneNs - intendedNs);
                    if (isOpenLoop)
                    {
                        latencies.record(uncorrectedOp, doneNs - sendNs);
                    }
                }
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ERROR_PAUSE_MS));
            }
        }
    }

    private void sampleError(final Exception ex)
    {
        final String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        synchronized (errorSamples)
        {
            if (errorSamples.size() < MAX_ERROR_SAMPLES && !errorSamples.contains(message))
            {
                errorSamples.add(message);
            }
        }
    }

    private void waitUntil(final long deadlineNs)
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0 && !isStopped.get())
        {
            LockSupport.parkNanos(Math.min(remainingNs, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}
