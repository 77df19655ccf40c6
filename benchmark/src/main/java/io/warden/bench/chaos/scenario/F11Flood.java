package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.history.Outcome;
import io.warden.client.ClusterStatus;
import io.warden.client.KeyValue;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WardenLock;
import io.warden.client.WatchEvent;
import io.warden.client.WatchHandle;
import io.warden.node.launcher.NodeConfig;
import io.warden.schema.protocol.ResultCode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * F11: a cell survives its own clients. Four flooders run at once: large puts to fresh keys (32 in flight), sequential
 * creates, acquires of thousands of locks, and many connections each opening watches on fresh keys. Meanwhile a
 * well-behaved client overwrites a few keys, takes and releases a lock and watches its own prefix. Then the whole
 * cell is killed and restarted from snapshot plus log.
 * <p>
 * Checks: each flooder gets its quota or limit code (Q1); the well-behaved client sees no error and every change of
 * its prefix (Q2); the accounted state stays within its quota (Q3); no node logs an OutOfMemoryError and each node's
 * heap after every collection stays under 70% of its maximum, from the nodes' GC logs (Q4); after the restart every
 * acknowledged write is there (Q5). The well-behaved client's p99s are noted.
 */
public final class F11Flood implements Scenario
{
    private static final String PREFIX = "/chaos/f11/";
    private static final String GOOD = PREFIX + "good/";
    private static final long FLOOD_MS = 15_000;
    private static final int BIG_VALUE = 64 * 1024;
    private static final int IN_FLIGHT = 32;
    private static final int WATCH_CONNECTIONS = 6;
    private static final int WATCHES_PER_CONNECTION = 1_200;
    private static final long HEAP_MAX_BYTES = 256L << 20;
    private static final double HEAP_AFTER_GC_SHARE = 0.70;
    private static final Pattern AFTER_GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern PROBLEM = Pattern.compile("(?i)exception|error");
    private static final Pattern LIMITS_APPLIED = Pattern.compile("cluster file's limits");

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F11";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "flood-quotas-and-limits";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx) throws Exception
    {
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1)
            .nodeSetting(NodeConfig.MAX_BYTES_PER_SESSION_PROP_NAME, "2m")
            .nodeSetting(NodeConfig.MAX_KEYS_PER_SESSION_PROP_NAME, "2000")
            .nodeSetting(NodeConfig.MAX_SEQUENTIAL_PER_SESSION_PROP_NAME, "500")
            .nodeSetting(NodeConfig.MAX_LOCKS_PER_SESSION_PROP_NAME, "300")
            // a per-connection rate that the well-behaved client (a few requests per cycle) never reaches and the
            // flooders (32 in flight each) always do
            .gatewaySetting("warden.gateway.client.request.rate", "100")
            .gatewaySetting("warden.gateway.client.request.burst", "50"));
        final boolean applied = cluster.node(0).awaitLogLine(LIMITS_APPLIED, 30_000) ||
            cluster.node(1).awaitLogLine(LIMITS_APPLIED, 1_000) || cluster.node(2).awaitLogLine(LIMITS_APPLIED, 1_000);
        ctx.require(applied, "setup", "no node proposed the cluster file's limits within 30 s");
        final List<String> endpoints = cluster.gatewayEndpoints();

        final GoodClient good = new GoodClient(ctx.client("f11-good", endpoints, 10_000));
        final List<Flooder> flooders = List.of(
            new BigPuts(ctx.client("f11-big-puts", endpoints, 10_000)),
            new Sequential(ctx.client("f11-sequential", endpoints, 10_000)),
            new Locks(ctx.client("f11-locks", endpoints, 10_000)),
            new Watches(ctx, endpoints));
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> good.run(stop), "f11-good"));
        for (final Flooder flooder : flooders)
        {
            threads.add(new Thread(() -> flooder.run(stop), "f11-" + flooder.name()));
        }
        ctx.faults().fault("flood", "clients", flooders.size() + " flooders for " + FLOOD_MS + " ms");
        threads.forEach(Thread::start);
        ctx.sleep(FLOOD_MS / 2);
        ctx.snapshot();
        ctx.sleep(FLOOD_MS / 2);
        stop.set(true);
        for (final Thread thread : threads)
        {
            thread.join(60_000);
        }

        for (final Flooder flooder : flooders)
        {
            final long refused = flooder.seen(ResultCode.QUOTA_EXCEEDED) + flooder.seen(ResultCode.LIMIT_EXCEEDED) +
                flooder.seen(ResultCode.RATE_LIMITED);
            ctx.require(refused > 0, "Q1", flooder.name() + " was never refused: " + flooder.codes);
            ctx.note(flooder.name() + "=" + flooder.codes);
        }
        ctx.require(good.errors.isEmpty(), "Q2", "the well-behaved client saw errors: " + good.errors);
        ctx.require(good.changesSeen.get() == good.changesMade.get(), "Q2", "the well-behaved client's watch saw " +
            good.changesSeen.get() + " of its " + good.changesMade.get() + " changes");
        ctx.require(good.maxStateBytes <= good.stateQuotaBytes && good.stateQuotaBytes > 0, "Q3",
            "accounted state " + good.maxStateBytes + " bytes, quota " + good.stateQuotaBytes);
        ctx.note(String.format(java.util.Locale.ROOT,
            "good-client put p99=%.1fms lock p99=%.1fms ops=%d max-state=%d/%d bytes",
            good.puts.getValueAtPercentile(99) / 1e3, good.locks.getValueAtPercentile(99) / 1e3,
            good.puts.getTotalCount() + good.locks.getTotalCount(), good.maxStateBytes, good.stateQuotaBytes));

        checkNodeLogsClean(ctx, cluster);

        // The whole cell dies and comes back from snapshot plus log.
        ctx.faults().fault("kill-all", "cell", "SIGKILL every node");
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            cluster.killNode(id);
        }
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            cluster.restartNode(id);
        }
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            cluster.awaitNodeStarted(id, 60_000);
        }
        cluster.awaitLeader(30_000);
        final WardenClient reader = ctx.client("f11-reader", endpoints, 10_000);
        ctx.measureRecovery("cell-restart", reader, 30_000);
        checkAcknowledged(ctx, reader, good.lastValues, "well-behaved");
        for (final Flooder flooder : flooders)
        {
            checkAcknowledged(ctx, reader, flooder.acknowledged, flooder.name());
        }
        checkHeaps(ctx, cluster);
    }

    /**
     * No node logged an error or an exception during the flood (their logs hold only what the launcher prints).
     */
    private static void checkNodeLogsClean(final ScenarioContext ctx, final ClusterController cluster)
    {
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            final String log = cluster.node(id).logSinceStart();
            int problems = 0;
            for (final String line : log.split("\n"))
            {
                if (!line.startsWith("==== start") && PROBLEM.matcher(line).find())
                {
                    ctx.violation("Q4", "node-" + id + " logged: " + line);
                    problems++;
                }
            }
            ctx.note("node-" + id + "-log-problems=" + problems);
        }
    }

    private static void checkAcknowledged(
        final ScenarioContext ctx, final WardenClient reader, final Map<String, Integer> acknowledged,
        final String who)
    {
        int present = 0;
        for (final Map.Entry<String, Integer> e : acknowledged.entrySet())
        {
            final KeyValue kv = paced(reader, e.getKey());
            final boolean same = kv != null && Arrays.hashCode(kv.value()) == e.getValue();
            ctx.require(same, "Q5", who + ": acknowledged " + e.getKey() + " is " +
                (kv == null ? "missing" : "different") + " after the restart");
            present += same ? 1 : 0;
            ctx.countOp(Outcome.OK);
        }
        ctx.note(who + "-acknowledged-present=" + present + "/" + acknowledged.size());
    }

    /**
     * Read a key as a well-behaved client does under the gateway's rate limit: on RATE_LIMITED, wait as told.
     */
    private static KeyValue paced(final WardenClient reader, final String key)
    {
        while (true)
        {
            try
            {
                return reader.await(reader.get(key), 10, TimeUnit.SECONDS);
            }
            catch (final WardenException ex)
            {
                if (ex.code() != ResultCode.RATE_LIMITED)
                {
                    throw ex;
                }
                try
                {
                    Thread.sleep(Math.max(1, ex.retryAfterMs()));
                }
                catch (final InterruptedException interrupted)
                {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
    }

    private static void checkHeaps(final ScenarioContext ctx, final ClusterController cluster)
    {
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            final Path gcLogs = cluster.layout().nodeGcLog(id).getParent();
            long worst = 0;
            int collections = 0;
            try (java.util.stream.Stream<Path> files = Files.list(gcLogs))
            {
                for (final Path gcLog : files.filter(p -> p.getFileName().toString().startsWith("gc-")).toList())
                {
                    for (final String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8))
                    {
                        final Matcher m = AFTER_GC.matcher(line);
                        if (m.find())
                        {
                            worst = Math.max(worst, Long.parseLong(m.group(2)) << 20);
                            collections++;
                        }
                    }
                }
                final String nodeLog = Files.readString(cluster.node(id).logFile(), StandardCharsets.UTF_8);
                ctx.require(!nodeLog.contains("java.lang.OutOfMemoryError"), "Q4", "node-" + id + " ran out of heap");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            ctx.require(collections > 0, "Q4", "node-" + id + ": no collection logged in " + gcLogs);
            ctx.require(worst < HEAP_AFTER_GC_SHARE * HEAP_MAX_BYTES, "Q4", "node-" + id + ": " + (worst >> 20) +
                " MiB live after a collection, over " + (int)(HEAP_AFTER_GC_SHARE * 100) + "% of 256 MiB");
            ctx.note("node-" + id + "-heap-after-gc-max=" + (worst >> 20) + "MiB/" + collections + "gcs");
        }
    }

    private static ResultCode codeOf(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof WardenException))
        {
            cause = cause.getCause();
        }
        return cause == null ? ResultCode.NULL_VAL : ((WardenException)cause).code();
    }

    /**
     * A client that does ordinary work throughout and must never be refused.
     */
    private static final class GoodClient
    {
        final WardenClient client;
        final Histogram puts = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        final Histogram locks = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
        final List<String> errors = new ArrayList<>();
        final Map<String, Integer> lastValues = new ConcurrentHashMap<>();
        final AtomicLong changesMade = new AtomicLong();
        final AtomicLong changesSeen = new AtomicLong();
        long maxStateBytes;
        long stateQuotaBytes;

        GoodClient(final WardenClient client)
        {
            this.client = client;
        }

        void run(final AtomicBoolean stop)
        {
            final WatchHandle watch = client.watchPrefix(GOOD, 0, new io.warden.client.WatchListener()
            {
                public void onEvent(final WatchEvent event)
                {
                    changesSeen.incrementAndGet();
                }
            });
            client.await(watch.registered(), 10, TimeUnit.SECONDS);
            final WardenLock lock = new WardenLock(client, GOOD + "lock");
            int i = 0;
            while (!stop.get())
            {
                try
                {
                    final String key = GOOD + "k" + (i % 8);
                    final byte[] value = ("value-" + i).getBytes(StandardCharsets.UTF_8);
                    long startNs = System.nanoTime();
                    client.await(client.put(key, value), 10, TimeUnit.SECONDS);
                    puts.recordValue((System.nanoTime() - startNs) / 1_000);
                    lastValues.put(key, Arrays.hashCode(value));
                    changesMade.incrementAndGet();
                    startNs = System.nanoTime();
                    lock.acquire();
                    lock.release();
                    locks.recordValue((System.nanoTime() - startNs) / 1_000);
                    if (i % 20 == 0)
                    {
                        final ClusterStatus status = client.await(client.status(), 10, TimeUnit.SECONDS);
                        maxStateBytes = Math.max(maxStateBytes, status.stateBytes());
                        stateQuotaBytes = status.stateQuotaBytes();
                    }
                }
                catch (final RuntimeException ex)
                {
                    errors.add(ex.toString());
                }
                i++;
            }
            try
            {
                client.await(client.progress(), 10, TimeUnit.SECONDS);
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (changesSeen.get() < changesMade.get() && System.nanoTime() - deadlineNs < 0)
                {
                    Thread.sleep(10);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            watch.close();
        }
    }

    /**
     * A client that asks for more than it may have, counting the answers it gets.
     */
    private abstract static class Flooder
    {
        final Map<ResultCode, Long> codes = new EnumMap<>(ResultCode.class);
        final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();

        abstract String name();

        abstract void run(AtomicBoolean stop);

        synchronized void count(final ResultCode code)
        {
            codes.merge(code, 1L, Long::sum);
        }

        synchronized long seen(final ResultCode code)
        {
            return codes.getOrDefault(code, 0L);
        }

        void failed(final Throwable failure)
        {
            count(codeOf(failure));
        }
    }

    /**
     * A flooder that keeps {@value #IN_FLIGHT} requests in flight on one client, each a fresh key or lock.
     */
    private abstract static class Pipelined extends Flooder
    {
        final WardenClient client;

        Pipelined(final WardenClient client)
        {
            this.client = client;
        }

        /**
         * Send request number {@code n}; acknowledge its key in the future's success handler.
         */
        abstract CompletableFuture<?> send(long n);

        void run(final AtomicBoolean stop)
        {
            final List<CompletableFuture<?>> inFlight = new ArrayList<>();
            long n = 0;
            while (!stop.get())
            {
                while (inFlight.size() < IN_FLIGHT)
                {
                    inFlight.add(send(n++).whenComplete((result, failure) ->
                    {
                        if (failure == null)
                        {
                            count(ResultCode.OK);
                        }
                        else
                        {
                            failed(failure);
                        }
                    }));
                }
                CompletableFuture.anyOf(inFlight.toArray(new CompletableFuture[0])).exceptionally(ex -> null).join();
                inFlight.removeIf(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(inFlight.toArray(new CompletableFuture[0])).exceptionally(ex -> null).join();
        }
    }

    /**
     * Large values to fresh keys.
     */
    private static final class BigPuts extends Pipelined
    {
        BigPuts(final WardenClient client)
        {
            super(client);
        }

        String name()
        {
            return "big-puts";
        }

        CompletableFuture<?> send(final long n)
        {
            final String key = PREFIX + "big/" + n;
            final byte[] value = new byte[BIG_VALUE];
            Arrays.fill(value, (byte)n);
            final int hash = Arrays.hashCode(value);
            return client.put(key, value).thenRun(() -> acknowledged.put(key, hash));
        }
    }

    /**
     * Sequential keys under one prefix.
     */
    private static final class Sequential extends Pipelined
    {
        private final byte[] value = new byte[512];
        private final int hash = Arrays.hashCode(value);

        Sequential(final WardenClient client)
        {
            super(client);
        }

        String name()
        {
            return "sequential";
        }

        CompletableFuture<?> send(final long n)
        {
            return client.createSequential(PREFIX + "queue/", value)
                .thenAccept(created -> acknowledged.put(created.key(), hash));
        }
    }

    /**
     * Thousands of distinct locks, each taken and held.
     */
    private static final class Locks extends Pipelined
    {
        Locks(final WardenClient client)
        {
            super(client);
        }

        String name()
        {
            return "locks";
        }

        CompletableFuture<?> send(final long n)
        {
            return new WardenLock(client, PREFIX + "locks/" + n).acquireAsync(-1);
        }
    }

    /**
     * Many connections, each with a session and more watches than a client may hold.
     */
    private static final class Watches extends Flooder
    {
        private final ScenarioContext ctx;
        private final List<String> endpoints;

        Watches(final ScenarioContext ctx, final List<String> endpoints)
        {
            this.ctx = ctx;
            this.endpoints = endpoints;
        }

        String name()
        {
            return "watches";
        }

        void run(final AtomicBoolean stop)
        {
            final io.warden.client.WatchListener ignore = event -> { };
            for (int c = 0; c < WATCH_CONNECTIONS && !stop.get(); c++)
            {
                final WardenClient client = ctx.client("f11-watches-" + c, endpoints, 10_000);
                count(ResultCode.OK);
                final List<WatchHandle> handles = new ArrayList<>();
                for (int w = 0; w < WATCHES_PER_CONNECTION && !stop.get(); w++)
                {
                    try
                    {
                        handles.add(client.watch(PREFIX + "watched/" + c + "/" + w, 0, ignore));
                    }
                    catch (final RuntimeException ex)
                    {
                        failed(ex);
                    }
                }
                for (final WatchHandle handle : handles)
                {
                    try
                    {
                        client.await(handle.registered(), 10, TimeUnit.SECONDS);
                        count(ResultCode.OK);
                    }
                    catch (final RuntimeException ex)
                    {
                        failed(ex);
                    }
                }
            }
        }
    }
}
