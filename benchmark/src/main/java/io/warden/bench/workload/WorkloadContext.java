package io.warden.bench.workload;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a workload runs against and with: the started target, the settings, the progress display, the environment
 * (to start holder processes) and a run id that keeps the keys and locks of one run apart from any earlier run on
 * the same cluster. Used from the rig's main thread.
 */
public final class WorkloadContext
{
    /** Value bytes: 8-byte sequence number, 8-byte send time, then padding. */
    public static final int VALUE_HEADER_LENGTH = 16;

    private final Target target;
    private final WorkloadSettings settings;
    private final Progress progress;
    private final TargetEnvironment environment;
    private final String runId;

    /**
     * A context.
     *
     * @param target      started target.
     * @param settings    workload settings.
     * @param progress    progress display.
     * @param environment where holder processes get their classpath from.
     * @param runId       unique per run: a short alphanumeric string.
     */
    public WorkloadContext(
        final Target target,
        final WorkloadSettings settings,
        final Progress progress,
        final TargetEnvironment environment,
        final String runId)
    {
        this.target = target;
        this.settings = settings;
        this.progress = progress;
        this.environment = environment;
        this.runId = runId;
    }

    /**
     * The target, started.
     *
     * @return the target.
     */
    public Target target()
    {
        return target;
    }

    /**
     * The settings.
     *
     * @return settings.
     */
    public WorkloadSettings settings()
    {
        return settings;
    }

    /**
     * The progress display.
     *
     * @return progress.
     */
    public Progress progress()
    {
        return progress;
    }

    /**
     * The environment.
     *
     * @return environment.
     */
    public TargetEnvironment environment()
    {
        return environment;
    }

    /**
     * The run id.
     *
     * @return run id.
     */
    public String runId()
    {
        return runId;
    }

    /**
     * A key of this run: {@code /bench/<runId>/<workload>/<suffix>}.
     *
     * @param workload workload name.
     * @param suffix   rest of the key.
     * @return the key.
     */
    public String key(final String workload, final String suffix)
    {
        return "/bench/" + runId + "/" + workload + "/" + suffix;
    }

    /**
     * A lock name of this run: {@code bench-<runId>-<workload>-<suffix>}.
     *
     * @param workload workload name.
     * @param suffix   rest of the name.
     * @return the lock name.
     */
    public String lockName(final String workload, final String suffix)
    {
        return "bench-" + runId + "-" + workload + "-" + suffix;
    }

    /**
     * A result pre-filled with the common parameters and the target's durability.
     *
     * @param workload workload name.
     * @param variant  variant or null.
     * @param clients  client count it ran with.
     * @return the result.
     */
    public WorkloadResult newResult(final String workload, final String variant, final int clients)
    {
        return new WorkloadResult(target.name(), workload, variant, target.durability())
            .parameter("clients", clients)
            .parameter("warmupMs", settings.warmupMs())
            .parameter("durationMs", settings.durationMs())
            .parameter("mode", settings.mode())
            .parameter("valueLength", settings.valueLength());
    }

    /**
     * Connect clients in parallel (a few at a time), each with its own connection and session.
     *
     * @param count      how many.
     * @param namePrefix prefix of their names.
     * @return connected clients; close them with {@link #closeAll(List)}.
     * @throws Exception if any fails to connect (the others are closed).
     */
    public List<BenchClient> openClients(final int count, final String namePrefix) throws Exception
    {
        final ExecutorService executor = Executors.newFixedThreadPool(Math.min(count, 4));
        final List<Future<BenchClient>> futures = new ArrayList<>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                final ClientOptions options = new ClientOptions(namePrefix + "-" + i, settings.ttlMs());
                futures.add(executor.submit(() -> target.newClient(options)));
            }
            final List<BenchClient> clients = new ArrayList<>(count);
            Exception failure = null;
            for (final Future<BenchClient> future : futures)
            {
                try
                {
                    clients.add(future.get());
                }
                catch (final java.util.concurrent.ExecutionException ex)
                {
                    failure = null == failure && ex.getCause() instanceof Exception ? (Exception)ex.getCause() :
                        (null == failure ? ex : failure);
                }
            }
            if (null != failure)
            {
                closeAll(clients);
                throw failure;
            }
            return clients;
        }
        finally
        {
            executor.shutdown();
        }
    }

    /**
     * Close clients in parallel; never throws.
     *
     * @param clients to close.
     */
    public static void closeAll(final List<? extends BenchClient> clients)
    {
        final List<Thread> threads = new ArrayList<>();
        for (final BenchClient client : clients)
        {
            final Thread thread = new Thread(() ->
            {
                try
                {
                    client.close();
                }
                catch (final RuntimeException ignore)
                {
                    // closing is best effort
                }
            }, "bench-close");
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(10_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A value of {@link WorkloadSettings#valueLength()} bytes carrying a sequence number and a send time.
     *
     * @param sequence sequence number.
     * @param sendNs   send time ({@link System#nanoTime()}).
     * @return the value.
     */
    public byte[] value(final long sequence, final long sendNs)
    {
        final byte[] value = new byte[settings.valueLength()];
        ByteBuffer.wrap(value).putLong(sequence).putLong(sendNs);
        for (int i = VALUE_HEADER_LENGTH; i < value.length; i++)
        {
            value[i] = (byte)('a' + (i % 26));
        }
        return value;
    }

    /**
     * The sequence number of a value made by {@link #value}.
     *
     * @param value the value.
     * @return its sequence, or -1 if it is not such a value.
     */
    public static long sequenceOf(final byte[] value)
    {
        return null == value || value.length < VALUE_HEADER_LENGTH ? -1 : ByteBuffer.wrap(value).getLong(0);
    }

    /**
     * The send time of a value made by {@link #value}.
     *
     * @param value the value.
     * @return its send time, or 0 if it is not such a value.
     */
    public static long sendNsOf(final byte[] value)
    {
        return null == value || value.length < VALUE_HEADER_LENGTH ? 0 : ByteBuffer.wrap(value).getLong(8);
    }
}
