package io.warden.bench.chaos.workload;

import io.warden.bench.chaos.check.LinearizabilityChecker;
import io.warden.bench.chaos.check.LinearizabilityResult;
import io.warden.bench.chaos.check.WardenKvModel;
import io.warden.bench.chaos.history.HistoryRecorder;
import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;
import io.warden.client.KeyValue;
import io.warden.client.PutResult;
import io.warden.client.TxnResult;
import io.warden.client.WardenClient;
import io.warden.node.audit.Change;
import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.CompareOp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The register workload: a few keys, each read ({@code get}), written ({@code put}) and compare-and-set
 * ({@code txn} on the key's modRevision) by several logical clients with unique values, recorded as invoke and
 * complete with outcome ok, fail or unknown, in the form {@link WardenKvModel} checks per key. Each process makes
 * one call at a time; values are {@code p<process>-<n>} so every write is distinguishable.
 * <p>
 * Also answers "nothing acknowledged lost": every put or successful txn that was acknowledged must appear, with its
 * revision, among the committed changes replayed from the log. Thread-safe: each process runs on one thread.
 */
public final class KvWorkload
{
    private final HistoryRecorder history;
    private final List<String> keys;
    private final long seed;
    private final Map<Integer, ProcessState> processes = new ConcurrentHashMap<>();

    private static final class ProcessState
    {
        final SplittableRandom random;
        final Map<String, Long> seenModRevision = new HashMap<>();
        long written;

        ProcessState(final long seed)
        {
            this.random = new SplittableRandom(seed);
        }
    }

    /**
     * A workload over the given keys.
     *
     * @param history where operations are recorded.
     * @param keys    the registers.
     * @param seed    seeds each process's choices.
     */
    public KvWorkload(final HistoryRecorder history, final List<String> keys, final long seed)
    {
        this.history = history;
        this.keys = List.copyOf(keys);
        this.seed = seed;
    }

    /**
     * The keys.
     *
     * @return the registers.
     */
    public List<String> keys()
    {
        return keys;
    }

    /**
     * One operation of one process: get 40 %, put 30 %, compare-and-set 30 %, on a random key.
     *
     * @param process the logical client (unique in the history).
     * @param client  the client it uses.
     */
    public void step(final int process, final WardenClient client)
    {
        final ProcessState state = processes.computeIfAbsent(process, p -> new ProcessState(seed * 31 + p));
        if (!Sessions.renewIfLost(client))
        {
            Sessions.pause();
            return;
        }
        final String key = keys.get(state.random.nextInt(keys.size()));
        final int dice = state.random.nextInt(100);
        if (dice < 40)
        {
            get(process, client, key, state);
        }
        else if (dice < 70)
        {
            put(process, client, key, state);
        }
        else
        {
            cas(process, client, key, state);
        }
    }

    /**
     * Read every key once (the final reads that pin each register's last value).
     *
     * @param process the logical client.
     * @param client  the client.
     */
    public void readAll(final int process, final WardenClient client)
    {
        final ProcessState state = processes.computeIfAbsent(process, p -> new ProcessState(seed * 31 + p));
        for (final String key : keys)
        {
            get(process, client, key, state);
        }
    }

    private void get(final int process, final WardenClient client, final String key, final ProcessState state)
    {
        final HistoryRecorder.Call call = history.invoke(process, "get", key);
        try
        {
            final KeyValue kv = client.await(client.get(key));
            if (null == kv)
            {
                call.ok(null, "0");
            }
            else
            {
                state.seenModRevision.put(key, kv.modRevision());
                call.ok(kv.valueAsString(), Long.toString(kv.modRevision()));
            }
        }
        catch (final RuntimeException ex)
        {
            call.fail();
        }
    }

    private void put(final int process, final WardenClient client, final String key, final ProcessState state)
    {
        final String value = "p" + process + "-" + (++state.written);
        final HistoryRecorder.Call call = history.invoke(process, "put", key, value);
        try
        {
            final PutResult result = client.await(client.put(key, value.getBytes(StandardCharsets.UTF_8)));
            state.seenModRevision.put(key, result.revision());
            call.ok(Long.toString(result.revision()));
        }
        catch (final RuntimeException ex)
        {
            complete(call, ex);
        }
    }

    private void cas(final int process, final WardenClient client, final String key, final ProcessState state)
    {
        final long expected = state.seenModRevision.getOrDefault(key, 0L);
        final String value = "p" + process + "-" + (++state.written);
        final HistoryRecorder.Call call = history.invoke(process, "txn", key, Long.toString(expected), value);
        try
        {
            final TxnResult result = client.await(client.txn(new TxnSpec()
                .compareModRevision(key, CompareOp.EQUAL, expected)
                .thenPut(key, value.getBytes(StandardCharsets.UTF_8))));
            if (result.succeeded())
            {
                state.seenModRevision.put(key, result.revision());
                call.ok("true", Long.toString(result.revision()));
            }
            else
            {
                call.ok("false");
            }
        }
        catch (final RuntimeException ex)
        {
            complete(call, ex);
        }
    }

    private static void complete(final HistoryRecorder.Call call, final RuntimeException ex)
    {
        if (Outcomes.ofFailedMutation(ex) == Outcome.FAIL)
        {
            call.fail();
        }
        else
        {
            call.unknown();
        }
    }

    /**
     * Check the recorded register operations for linearizability, per key.
     *
     * @param ops     the history (other kinds are ignored).
     * @param timeout the checker's time budget.
     * @return the verdict.
     */
    public static LinearizabilityResult checkLinearizable(final List<Op> ops, final Duration timeout)
    {
        final List<Op> kv = new ArrayList<>();
        for (final Op op : ops)
        {
            if ((op.is("get") || op.is("put") || op.is("txn")) && op.key() != null && op.outcome() != Outcome.FAIL)
            {
                kv.add(op);
            }
        }
        return new LinearizabilityChecker(LinearizabilityChecker.DEFAULT_MAX_STEPS, timeout)
            .check(new WardenKvModel(), kv);
    }

    /**
     * Acknowledged writes that the committed log does not hold: a put or successful txn answered OK whose
     * (revision, key) is not among the replayed changes.
     *
     * @param ops       the history.
     * @param committed the committed changes from the log.
     * @return the lost writes (empty when nothing acknowledged was lost).
     */
    public static List<Op> lostAcknowledgedWrites(final List<Op> ops, final List<Change> committed)
    {
        final Set<String> puts = new HashSet<>();
        for (final Change change : committed)
        {
            if (change.type() == Change.Type.PUT)
            {
                puts.add(change.revision() + "/" + change.key());
            }
        }
        final List<Op> lost = new ArrayList<>();
        for (final Op op : ops)
        {
            if (op.outcome() != Outcome.OK || null == op.key())
            {
                continue;
            }
            final String revision = op.is("put") ? op.out(0) :
                op.is("txn") && "true".equals(op.out(0)) ? op.out(1) : null;
            if (null != revision && !puts.contains(revision + "/" + op.key()))
            {
                lost.add(op);
            }
        }
        return lost;
    }
}
