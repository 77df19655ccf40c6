package io.warden.bench.chaos.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.LongSupplier;

/**
 * Collects the operations of many client workers into one history. Thread-safe and lock-free: a worker calls
 * {@link #invoke} just before it sends a request and completes the returned {@link Call} exactly once when the
 * answer (or the lack of one) is known. Invoke and complete times come from one clock ({@code System::nanoTime}
 * unless another is given), so times from different threads compare.
 * <pre>{@code
 * HistoryRecorder history = new HistoryRecorder();
 * HistoryRecorder.Call call = history.invoke(process, "put", "/k", "v1");
 * try
 * {
 *     long revision = client.put("/k", "v1").get(1, SECONDS);
 *     call.ok(Long.toString(revision));
 * }
 * catch (TimeoutException ex)
 * {
 *     call.unknown();   // may or may not have been applied
 * }
 * history.writeJsonl(Path.of("target/chaos/history.jsonl"));
 * }</pre>
 * Calls still open when the history is taken appear as {@link Outcome#UNKNOWN}.
 */
public final class HistoryRecorder
{
    private final LongSupplier clockNs;
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentLinkedQueue<Op> completed = new ConcurrentLinkedQueue<>();
    private final Set<Call> open = ConcurrentHashMap.newKeySet();

    /**
     * A recorder timed by {@code System.nanoTime()}.
     */
    public HistoryRecorder()
    {
        this(System::nanoTime);
    }

    /**
     * A recorder timed by the given monotonic clock (tests use a counter).
     */
    public HistoryRecorder(final LongSupplier clockNs)
    {
        this.clockNs = Objects.requireNonNull(clockNs, "clockNs");
    }

    /**
     * Record the invocation of a call, timestamped now.
     *
     * @param process the logical client (at most one open call per process).
     * @param kind    the call kind.
     * @param key     the key, or {@code null}.
     * @param input   the arguments ({@code null} elements allowed).
     * @return the open call, to be completed exactly once.
     */
    public Call invoke(final int process, final String kind, final String key, final String... input)
    {
        final Call call = new Call(
            this, nextId.getAndIncrement(), process, kind, key, Arrays.asList(input.clone()), clockNs.getAsLong());
        open.add(call);
        return call;
    }

    /**
     * Append an operation built elsewhere (for example from a log). Its id should not clash with recorded ones.
     */
    public void record(final Op op)
    {
        completed.add(Objects.requireNonNull(op, "op"));
    }

    /**
     * @return the history so far, ordered by invoke time then id; calls still open appear as unknown.
     */
    public List<Op> history()
    {
        // Open calls first: a call completes by being added to "completed" before it leaves "open", so every
        // call is either in this snapshot of "open" or already in the copy of "completed" taken after it.
        final List<Call> stillOpen = new ArrayList<>(open);
        final List<Op> ops = new ArrayList<>(completed);
        final Set<Long> done = new HashSet<>();
        for (final Op op : ops)
        {
            done.add(op.id());
        }
        for (final Call call : stillOpen)
        {
            if (!done.contains(call.id))
            {
                ops.add(Op.unknown(call.id, call.process, call.kind, call.key, call.input, call.invokeNs));
            }
        }
        ops.sort(Comparator.comparingLong(Op::invokeNs).thenComparingLong(Op::id));
        return ops;
    }

    /**
     * @return the number of calls invoked and not yet completed.
     */
    public int openCalls()
    {
        return open.size();
    }

    /**
     * Write {@link #history()} as JSON lines.
     */
    public void writeJsonl(final Path file) throws IOException
    {
        JsonlHistory.write(file, history());
    }

    /**
     * An invoked call waiting for its completion. Complete it exactly once, from any thread.
     */
    public static final class Call
    {
        private static final AtomicReferenceFieldUpdater<Call, Outcome> STATE =
            AtomicReferenceFieldUpdater.newUpdater(Call.class, Outcome.class, "state");

        private final HistoryRecorder recorder;
        private final long id;
        private final int process;
        private final String kind;
        private final String key;
        private final List<String> input;
        private final long invokeNs;
        private volatile Outcome state;

        private Call(
            final HistoryRecorder recorder,
            final long id,
            final int process,
            final String kind,
            final String key,
            final List<String> input,
            final long invokeNs)
        {
            this.recorder = recorder;
            this.id = id;
            this.process = process;
            this.kind = kind;
            this.key = key;
            this.input = input;
            this.invokeNs = invokeNs;
        }

        /**
         * @return the id the operation will have in the history.
         */
        public long id()
        {
            return id;
        }

        /**
         * The call completed with a definite answer.
         */
        public void ok(final String... output)
        {
            complete(Outcome.OK, Arrays.asList(output.clone()));
        }

        /**
         * The call definitely did not take effect.
         */
        public void fail()
        {
            complete(Outcome.FAIL, null);
        }

        /**
         * Whether the call took effect is unknown.
         */
        public void unknown()
        {
            complete(Outcome.UNKNOWN, null);
        }

        private void complete(final Outcome outcome, final List<String> output)
        {
            final long completeNs = recorder.clockNs.getAsLong();
            if (!STATE.compareAndSet(this, null, outcome))
            {
                throw new IllegalStateException("call " + id + " already completed as " + state);
            }
            recorder.completed.add(new Op(id, process, kind, key, input, output, outcome, invokeNs, completeNs));
            recorder.open.remove(this);
        }
    }
}
