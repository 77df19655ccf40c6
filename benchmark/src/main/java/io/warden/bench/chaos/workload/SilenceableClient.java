package io.warden.bench.chaos.workload;

import io.warden.client.WardenClient;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client whose keepalives the harness can stop without closing its session: the silent client of a clock or
 * expiry scenario, whose session must then expire one TTL after its gateway last heard from it. It runs in invoker
 * mode ({@link ClientPool#connectInvoker}); the creating thread sets it up with blocking calls, then
 * {@link #start()} hands it to a thread of its own that runs its duty cycle until {@link #silence()}. Its media
 * driver is the pool's, which times out the silent client's Aeron connection after its liveness timeout, as it
 * would a crashed process's.
 * <pre>{@code
 * SilenceableClient doomed = new SilenceableClient(pool.connectInvoker("doomed", endpoints, 3_000));
 * doomed.client().await(new WardenLock(doomed.client(), "/lock").acquireAsync(0));
 * doomed.start();
 * long silentFromNs = doomed.silence();   // no frame leaves it after this
 * }</pre>
 * One owner at a time: the creating thread until {@link #start()}, its own thread until {@link #silence()}.
 */
public final class SilenceableClient
{
    private final WardenClient client;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /**
     * Wrap an invoker-mode client.
     *
     * @param client the client, from {@link ClientPool#connectInvoker}.
     */
    public SilenceableClient(final WardenClient client)
    {
        this.client = client;
    }

    /**
     * The client (for its owner only).
     *
     * @return the client.
     */
    public WardenClient client()
    {
        return client;
    }

    /**
     * Keep it alive from a thread of its own.
     */
    public void start()
    {
        running.set(true);
        thread = new Thread(() ->
        {
            final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
            while (running.get())
            {
                idle.idle(client.doWork());
            }
        }, "silenceable-" + client.context().clientName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stop it: after this returns it sends nothing more.
     *
     * @return an instant on the harness clock after its last duty cycle: nothing left it after this.
     */
    public long silence()
    {
        running.set(false);
        if (null != thread)
        {
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return System.nanoTime();
    }
}
