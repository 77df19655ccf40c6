package io.warden.client;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The default callback executor: one daemon thread that completes futures and calls listeners in the order the
 * agent handed them over, so user code never runs on (and never blocks) the agent thread. The hand-off is a lock-free
 * queue; the thread parks when idle and the agent unparks it, so it does not spin.
 * <p>
 * Thread: {@link #execute(Runnable)} from any thread (normally the agent); runs tasks on its own thread.
 */
final class CallbackDispatcher implements Executor, AutoCloseable
{
    private static final long PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ManyToOneConcurrentLinkedQueue<Runnable> queue = new ManyToOneConcurrentLinkedQueue<>();
    private final ErrorHandler errorHandler;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;

    CallbackDispatcher(final String name, final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void execute(final Runnable task)
    {
        queue.offer(task);
        if (parked)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Is the caller the dispatcher thread (where blocking on a client future would deadlock)?
     */
    boolean isDispatcherThread()
    {
        return Thread.currentThread() == thread;
    }

    private void run()
    {
        while (true)
        {
            final Runnable task = queue.poll();
            if (task != null)
            {
                try
                {
                    task.run();
                }
                catch (final Throwable ex)
                {
                    errorHandler.onError(ex);
                }
                continue;
            }
            if (!running)
            {
                return;
            }
            parked = true;
            if (queue.isEmpty() && running)
            {
                LockSupport.parkNanos(this, PARK_NS);
            }
            parked = false;
        }
    }

    /**
     * Run what is queued, then stop the thread (waits for it unless called from it).
     */
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        if (!isDispatcherThread())
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
