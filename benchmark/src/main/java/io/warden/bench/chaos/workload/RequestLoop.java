package io.warden.bench.chaos.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * Runs workers, each a bounded request loop on its own thread that stops by itself: at its deadline, after its
 * maximum number of operations, when a step says so, or when {@link #stop()} is called. A worker's step performs one
 * operation (and records it); the loop sleeps the think time between steps.
 * <pre>{@code
 * RequestLoop loop = new RequestLoop("kv", 20_000, 5_000, 5);
 * loop.start(4, process -> { kv.step(process); return true; });
 * loop.join();
 * }</pre>
 * Thread-safe.
 */
public final class RequestLoop
{
    /**
     * One operation of one worker.
     */
    @FunctionalInterface
    public interface Step
    {
        /**
         * Do one operation.
         *
         * @param worker the worker's index.
         * @return false to stop this worker.
         */
        boolean step(int worker);
    }

    private final String name;
    private final long durationMs;
    private final long maxOpsPerWorker;
    private final long thinkMs;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private long deadlineNs;

    /**
     * A loop.
     *
     * @param name            thread name prefix.
     * @param durationMs      how long every worker runs at most.
     * @param maxOpsPerWorker operations per worker at most.
     * @param thinkMs         pause between two operations of one worker.
     */
    public RequestLoop(final String name, final long durationMs, final long maxOpsPerWorker, final long thinkMs)
    {
        this.name = name;
        this.durationMs = durationMs;
        this.maxOpsPerWorker = maxOpsPerWorker;
        this.thinkMs = thinkMs;
    }

    /**
     * Start workers {@code 0 .. count-1}.
     *
     * @param count how many.
     * @param step  what each does per operation.
     * @return this.
     */
    public RequestLoop start(final int count, final Step step)
    {
        return start(0, count, step);
    }

    /**
     * Start workers {@code first .. first+count-1}.
     *
     * @param first index of the first.
     * @param count how many.
     * @param step  what each does per operation.
     * @return this.
     */
    public synchronized RequestLoop start(final int first, final int count, final Step step)
    {
        if (0 == deadlineNs)
        {
            deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        }
        for (int i = first; i < first + count; i++)
        {
            final int worker = i;
            final Thread thread = new Thread(() -> run(worker, step), name + "-" + worker);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /**
     * Is the loop still meant to run (not stopped, deadline not passed)?
     *
     * @return true while running.
     */
    public boolean isRunning()
    {
        return !stopped.get() && System.nanoTime() - deadlineNs < 0;
    }

    /**
     * Ask every worker to stop after its current operation.
     */
    public void stop()
    {
        stopped.set(true);
    }

    /**
     * Wait for every worker to end (they end by themselves at the deadline).
     *
     * @param timeoutMs how long to wait beyond that.
     * @return the failures workers threw (each one ends its worker).
     */
    public List<Throwable> join(final long timeoutMs)
    {
        final long endNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final List<Thread> all;
        synchronized (this)
        {
            all = new ArrayList<>(threads);
        }
        for (final Thread thread : all)
        {
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(endNs - System.nanoTime())));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (failures)
        {
            return List.copyOf(failures);
        }
    }

    /**
     * A predicate form of {@link #isRunning()} for steps that wait.
     *
     * @return the predicate.
     */
    public IntPredicate running()
    {
        return worker -> isRunning();
    }

    private void run(final int worker, final Step step)
    {
        long ops = 0;
        try
        {
            while (isRunning() && ops < maxOpsPerWorker)
            {
                ops++;
                if (!step.step(worker))
                {
                    break;
                }
                if (thinkMs > 0 && isRunning())
                {
                    Thread.sleep(thinkMs);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Throwable ex)
        {
            synchronized (failures)
            {
                failures.add(ex);
            }
        }
    }
}
