package io.warden.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT or SIGTERM) for a long-running command: {@link #await} returns when the signal arrives, and the
 * JVM's shutdown waits (a few seconds at most) until the command has closed this, so a held lock is released, a
 * leadership resigned and a session closed before the process ends. Open it before the client so that it closes
 * after it:
 * <pre>
 * try (StopSignal stop = StopSignal.install(); WardenClient client = options.connect())
 * {
 *     ...
 *     stop.await(0);                     // until Ctrl-C
 * }                                      // client closed, then the shutdown may go on
 * </pre>
 */
final class StopSignal implements AutoCloseable
{
    private static final long CLEANUP_WAIT_MS = 5_000;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "warden-cli-stop");
    private volatile boolean shuttingDown;

    private StopSignal()
    {
    }

    static StopSignal install()
    {
        final StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /**
     * Stop now, as if Ctrl-C had been pressed (an event the command waited for).
     */
    void stop()
    {
        stopped.countDown();
    }

    /**
     * Wait for Ctrl-C or {@link #stop()}.
     *
     * @param forMs at most this long; 0 for ever.
     * @return true when stopped, false when the time ran out.
     */
    boolean await(final long forMs) throws InterruptedException
    {
        if (forMs > 0)
        {
            return stopped.await(forMs, TimeUnit.MILLISECONDS);
        }
        stopped.await();
        return true;
    }

    /**
     * @return true while waiting for a stop (no Ctrl-C and no {@link #stop()} yet).
     */
    boolean running()
    {
        return stopped.getCount() > 0;
    }

    public void close()
    {
        cleanedUp.countDown();
        if (!shuttingDown)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // the JVM is already shutting down: the hook is running and now finishes
            }
        }
    }

    private void onShutdown()
    {
        shuttingDown = true;
        stopped.countDown();
        try
        {
            cleanedUp.await(CLEANUP_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
