package io.warden.bench.chaos.workload;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.bench.chaos.control.RunLayout;
import io.warden.client.WardenClient;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Warden clients that run inside the harness JVM: one shared media driver (SHARED threading, backoff idle) in
 * the run's tmpfs directory, and any number of {@link WardenClient}s on it, each with its own session, answering
 * on the harness client address. Client errors go to {@code logs/harness-clients.log}, not the console.
 * Thread-safe; {@link #close()} closes every client, then the driver.
 */
public final class ClientPool implements AutoCloseable
{
    /** Request timeout of harness clients: a call not answered in this time is recorded as unknown. */
    public static final long REQUEST_TIMEOUT_MS = 5_000;

    private final RunLayout layout;
    private final MediaDriver driver;
    private final PrintStream errors;
    private final List<WardenClient> clients = new ArrayList<>();

    /**
     * Start the shared media driver.
     *
     * @param layout the run's layout.
     */
    public ClientPool(final RunLayout layout)
    {
        this.layout = layout;
        try
        {
            Files.createDirectories(layout.logDir());
            this.errors = new PrintStream(new FileOutputStream(
                layout.logDir().resolve("harness-clients.log").toFile(), true), true, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the client error log", ex);
        }
        this.driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(layout.harnessAeronDir().toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(ex -> ex.printStackTrace(errors)));
    }

    /**
     * Connect a client with its own session.
     *
     * @param name      client name (in the cluster's session table).
     * @param endpoints gateway endpoints, tried in order.
     * @param ttlMs     session TTL.
     * @return the connected client.
     */
    public WardenClient connect(final String name, final List<String> endpoints, final long ttlMs)
    {
        return connect(name, endpoints, ttlMs, false);
    }

    /**
     * Connect a client with its own session and no thread of its own: it does nothing (sends no keepalive) unless
     * the thread that owns it calls {@link WardenClient#doWork()} or one of its blocking calls, so the harness can
     * silence it without closing its session ({@link SilenceableClient}).
     *
     * @param name      client name (in the cluster's session table).
     * @param endpoints gateway endpoints, tried in order.
     * @param ttlMs     session TTL.
     * @return the connected client, owned by the calling thread until it hands it on.
     */
    public WardenClient connectInvoker(final String name, final List<String> endpoints, final long ttlMs)
    {
        return connect(name, endpoints, ttlMs, true);
    }

    private WardenClient connect(
        final String name, final List<String> endpoints, final long ttlMs, final boolean invoker)
    {
        final WardenClient client = WardenClient.connect(new WardenClient.Context()
            .useAgentInvoker(invoker)
            .gatewayEndpoints(endpoints)
            .clientName(name)
            .sessionTtlMs(ttlMs)
            .requestTimeoutNs(TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MS))
            .connectTimeoutNs(TimeUnit.SECONDS.toNanos(30))
            .closeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .reconnectBackoffNs(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1))
            .responseHost(RunLayout.HARNESS_CLIENT_ADDRESS)
            .aeronDirectoryName(layout.harnessAeronDir().toString())
            .idleStrategy(new SleepingMillisIdleStrategy(1))
            .errorHandler(ex ->
            {
                errors.println(name + ": " + ex);
                ex.printStackTrace(errors);
            }));
        synchronized (clients)
        {
            clients.add(client);
        }
        return client;
    }

    /**
     * Where client errors are written.
     *
     * @return the stream.
     */
    public PrintStream errorLog()
    {
        return errors;
    }

    /**
     * Close every client, then the driver.
     */
    public void close()
    {
        final List<WardenClient> toClose;
        synchronized (clients)
        {
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        toClose.parallelStream().forEach(client ->
        {
            try
            {
                client.close();
            }
            catch (final RuntimeException ex)
            {
                ex.printStackTrace(errors);
            }
        });
        CloseHelper.quietClose(driver);
        errors.close();
    }
}
