package io.warden.bench.workload;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Progress of a run, shown on a stream (stderr) while it runs: target, workload, phase, elapsed time, operations and
 * errors so far. Load threads add to the counters (wait-free); a daemon thread prints a line every
 * {@code intervalMs}. {@link #phase} and {@link #note} may be called from any thread.
 */
public final class Progress implements AutoCloseable
{
    private final PrintStream out;
    private final long intervalMs;
    private final LongAdder ops = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Thread printer;
    private volatile String label = "";
    private volatile String phase = "";
    private volatile long phaseStartNs = System.nanoTime();
    private volatile long phaseDurationMs;
    private volatile long phaseOpsBase;
    private volatile boolean isClosed;

    /**
     * Progress printed to a stream.
     *
     * @param out        where to print (stderr).
     * @param intervalMs how often; 0 prints only phase changes and notes.
     */
    public Progress(final PrintStream out, final long intervalMs)
    {
        this.out = out;
        this.intervalMs = intervalMs;
        if (intervalMs > 0)
        {
            printer = new Thread(this::printLoop, "bench-progress");
            printer.setDaemon(true);
            printer.start();
        }
        else
        {
            printer = null;
        }
    }

    /**
     * Progress that prints nothing (tests).
     *
     * @return a silent progress.
     */
    public static Progress silent()
    {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), 0);
    }

    /**
     * Counter of completed operations; load threads increment it.
     *
     * @return the counter.
     */
    public LongAdder ops()
    {
        return ops;
    }

    /**
     * Counter of failed operations; load threads increment it.
     *
     * @return the counter.
     */
    public LongAdder errors()
    {
        return errors;
    }

    /**
     * What is running now: target and workload.
     *
     * @param target   target name.
     * @param workload workload name (with variant).
     */
    public void begin(final String target, final String workload)
    {
        label = target + " " + workload;
        errors.reset();
        phase = "setup";
        phaseDurationMs = 0;
        phaseStartNs = System.nanoTime();
        phaseOpsBase = ops.sum();
    }

    /**
     * A new phase (setup, warmup, measure, check) of the current workload.
     *
     * @param name       phase name.
     * @param durationMs planned duration, or 0 if unknown.
     */
    public void phase(final String name, final long durationMs)
    {
        phase = name;
        phaseDurationMs = durationMs;
        phaseStartNs = System.nanoTime();
        phaseOpsBase = ops.sum();
        print();
    }

    /**
     * Print a one-off note.
     *
     * @param text the note.
     */
    public void note(final String text)
    {
        synchronized (out)
        {
            out.println("[" + label + "] " + text);
            out.flush();
        }
    }

    private void printLoop()
    {
        while (!isClosed)
        {
            try
            {
                Thread.sleep(intervalMs);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            if (!isClosed && !label.isEmpty())
            {
                print();
            }
        }
    }

    private void print()
    {
        final double elapsedS = (System.nanoTime() - phaseStartNs) / (double)TimeUnit.SECONDS.toNanos(1);
        final long phaseOps = ops.sum() - phaseOpsBase;
        final String planned = phaseDurationMs > 0 ?
            String.format(Locale.ROOT, "/%.1f", phaseDurationMs / 1000.0) : "";
        final String rate = elapsedS > 0.05 ?
            String.format(Locale.ROOT, " (%,.0f/s)", phaseOps / elapsedS) : "";
        synchronized (out)
        {
            out.println(String.format(Locale.ROOT, "[%s] %-7s %5.1f%s s  ops %,d%s  errors %,d",
                label, phase, elapsedS, planned, phaseOps, rate, errors.sum()));
            out.flush();
        }
    }

    /**
     * Stop printing.
     */
    public void close()
    {
        isClosed = true;
        if (null != printer)
        {
            printer.interrupt();
        }
    }
}
