package io.warden.bench.chaos.workload;

import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.FencedWrite;
import io.warden.bench.chaos.history.HistoryRecorder;
import io.warden.bench.chaos.history.Outcome;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;
import io.warden.schema.protocol.ResultCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lock-storm workload: clients (each its own session) take locks with a wait, write to the lock's protected
 * resource with the fencing token while the lock is safe, hold it briefly, and release it. Records every acquire
 * as the client saw it ({@link Acquisition}: granted with a token, definitely not granted, or unknown), every
 * acquire and release in the operation history, and every resource write ({@link FencedWrite}).
 * <p>
 * An acquire whose answer did not arrive is withdrawn (a grant arriving later is given back by the client) and
 * recorded as unknown, so the lock checker may match it to a grant in the log. Thread-safe: one thread per client.
 */
public final class LockWorkload
{
    private final HistoryRecorder history;
    private final Map<String, FencedResource> resources = new LinkedHashMap<>();
    private final List<String> lockNames;
    private final long seed;
    private final long waitMs;
    private final long holdMs;
    private final ConcurrentLinkedQueue<Acquisition> acquisitions = new ConcurrentLinkedQueue<>();
    private final Map<Integer, SplittableRandom> randoms = new ConcurrentHashMap<>();
    private final Map<String, WardenLock> locks = new ConcurrentHashMap<>();

    /**
     * A storm over some locks, each guarding one resource.
     *
     * @param history   where acquires and releases are recorded.
     * @param lockNames the locks.
     * @param fenced    whether the resources check tokens.
     * @param seed      seeds each client's choices.
     * @param waitMs    how long an acquire waits in the queue.
     * @param holdMs    how long a holder keeps the lock after writing.
     */
    public LockWorkload(
        final HistoryRecorder history,
        final List<String> lockNames,
        final boolean fenced,
        final long seed,
        final long waitMs,
        final long holdMs)
    {
        this.history = history;
        this.lockNames = List.copyOf(lockNames);
        this.seed = seed;
        this.waitMs = waitMs;
        this.holdMs = holdMs;
        for (final String lock : lockNames)
        {
            resources.put(lock, new FencedResource("resource-" + lock, lock, fenced));
        }
    }

    /**
     * One cycle of one client: acquire a random lock, write while safe, hold, release.
     *
     * @param process the logical client (unique in the history).
     * @param client  its client (its own session).
     */
    public void step(final int process, final WardenClient client)
    {
        final SplittableRandom random = randoms.computeIfAbsent(process, p -> new SplittableRandom(seed * 17 + p));
        if (!Sessions.renewIfLost(client))
        {
            Sessions.pause();
            return;
        }
        final String name = lockNames.get(random.nextInt(lockNames.size()));
        final WardenLock lock = locks.computeIfAbsent(process + "/" + name, k -> new WardenLock(client, name));
        final long session = client.sessionId();
        final long token = acquire(process, lock, session);
        if (token <= 0)
        {
            return;
        }
        if (lock.isSafe())
        {
            resources.get(name).write(session, token);
        }
        sleep(holdMs);
        release(process, lock, token);
    }

    /**
     * Acquire, recording the outcome.
     *
     * @param process the logical client.
     * @param lock    the lock.
     * @param session the client's session.
     * @return the token, or 0 when not granted.
     */
    public long acquire(final int process, final WardenLock lock, final long session)
    {
        final HistoryRecorder.Call call = history.invoke(process, "acquire", lock.name(), Long.toString(session));
        final long invokeNs = System.nanoTime();
        final CompletableFuture<Long> future = lock.acquireAsync(waitMs);
        try
        {
            final long token = future.get(waitMs + ClientPool.REQUEST_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
            acquisitions.add(Acquisition.granted(lock.name(), session, token, invokeNs, System.nanoTime()));
            call.ok(Long.toString(token));
            return token;
        }
        catch (final ExecutionException ex)
        {
            final ResultCode code = Outcomes.codeOf(ex);
            final Outcome outcome = code == ResultCode.LOCK_HELD || ex.getCause() instanceof IllegalStateException ?
                Outcome.FAIL : Outcome.UNKNOWN;
            record(call, lock.name(), session, outcome, invokeNs);
            return 0;
        }
        catch (final TimeoutException ex)
        {
            future.cancel(false);
            record(call, lock.name(), session, Outcome.UNKNOWN, invokeNs);
            return 0;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            future.cancel(false);
            record(call, lock.name(), session, Outcome.UNKNOWN, invokeNs);
            return 0;
        }
    }

    /**
     * Release, recording the outcome.
     *
     * @param process the logical client.
     * @param lock    the lock.
     * @param token   the token it holds.
     */
    public void release(final int process, final WardenLock lock, final long token)
    {
        final HistoryRecorder.Call call = history.invoke(process, "release", lock.name(), Long.toString(token));
        try
        {
            final boolean released = lock.releaseAsync().get(
                ClientPool.REQUEST_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
            call.ok(Boolean.toString(released));
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            call.unknown();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            call.unknown();
        }
    }

    private void record(
        final HistoryRecorder.Call call,
        final String lock,
        final long session,
        final Outcome outcome,
        final long invokeNs)
    {
        acquisitions.add(new Acquisition(lock, session, 0, outcome, invokeNs, System.nanoTime()));
        if (outcome == Outcome.FAIL)
        {
            call.fail();
        }
        else
        {
            call.unknown();
        }
    }

    /**
     * Every acquisition so far.
     *
     * @return a copy.
     */
    public List<Acquisition> acquisitions()
    {
        return new ArrayList<>(acquisitions);
    }

    /**
     * Every resource write so far, resource by resource, each in its resource's order.
     *
     * @return the writes.
     */
    public List<FencedWrite> writes()
    {
        final List<FencedWrite> all = new ArrayList<>();
        for (final FencedResource resource : resources.values())
        {
            all.addAll(resource.writes());
        }
        return all;
    }

    /**
     * The resources.
     *
     * @return lock name to resource.
     */
    public Map<String, FencedResource> resources()
    {
        return resources;
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
