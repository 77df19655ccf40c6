package io.warden.bench.chaos.check;

import io.warden.bench.chaos.history.Op;
import io.warden.bench.chaos.history.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Wing–Gong–Lowe linearizability checker in the style of Porcupine (Athalye), for recorded client histories.
 * <p>
 * The history is first cleaned and split: {@link Outcome#FAIL} operations are dropped (they did not happen),
 * unknown-outcome reads are dropped (they carry no information, see {@link Model#readOnly}), and the rest is split
 * by {@link Model#partition} into independent parts (P-compositionality). Each part is searched on its own:
 * <ol>
 *     <li>Every operation becomes a call entry at its invoke time and a return entry at its complete time
 *     ({@link Op#NEVER}, i.e. +infinity, for an unknown outcome), in one doubly linked list sorted by time, calls
 *     before returns on equal times (intervals are closed, so equal times are concurrent).</li>
 *     <li>Depth-first search: walking the list from its head, any call met before the first return is a candidate
 *     to linearize next. If the model accepts it and the configuration (set of linearized operations as a bitset,
 *     model state) has not been seen before, it is linearized: lifted out of the list (call and return) and pushed
 *     on a stack with the state before it, and the walk restarts at the head. Meeting a return means its operation
 *     should already have been linearized: backtrack (pop, unlift, try the next candidate).</li>
 *     <li>The list becomes empty: linearizable. The stack is empty when a return is met: not linearizable.</li>
 * </ol>
 * The memo of seen configurations (Lowe's improvement) makes each configuration be explored once; the bitset's hash
 * is kept incrementally (a random 64-bit value per operation, XORed in and out). An operation with an unknown
 * outcome has its return at +infinity, so it may be linearized anywhere after its invocation; linearizing it after
 * every other operation is the same, for every observer, as it never having happened.
 * <p>
 * Two refinements keep violations cheap to find, since proving one needs an exhaustive search:
 * <ul>
 *     <li>Symmetry: unknown-outcome operations with the same kind, key and input are interchangeable (same effect,
 *     both return at +infinity), so within such a class they are linearized in invoke order only. Without this, k
 *     lost writes of a few distinct values multiply the configurations by up to 2^k (a corrupted Jepsen etcd
 *     history with 19 lost writes ran past 10 s; with it, about a second).</li>
 *     <li>Fair parts: the parts are searched in turns of a few tens of thousands of steps each, as Porcupine searches
 *     them in parallel and stops at the first failure. One failing part settles the history, and others may need a
 *     long exhaustive search (several keys of the 50-client "bad" KV fixture take 10 to over 20 s each on their own).</li>
 * </ul>
 * Models must therefore decide a step from the operation's kind, key, input, output and outcome only, never from
 * its id, process or times.
 * <p>
 * A budget of model steps and wall time (shared by all parts) stops the search with
 * {@link LinearizabilityResult.Verdict#UNKNOWN} rather than letting it run on: an unfinished check is never a pass.
 * <p>
 * Instances are immutable and may be shared; one check runs on the caller's thread.
 */
public final class LinearizabilityChecker
{
    /** Default step budget: far beyond what the golden fixtures need. */
    public static final long DEFAULT_MAX_STEPS = 200_000_000L;

    /** Default wall-time budget. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    private static final int CLOCK_CHECK_MASK = 1023;
    private static final int PREFIX_SHOWN = 6;
    private static final long SLICE_STEPS = 50_000;

    private final long maxSteps;
    private final long timeoutNs;

    /**
     * A checker with the default budget.
     */
    public LinearizabilityChecker()
    {
        this(DEFAULT_MAX_STEPS, DEFAULT_TIMEOUT);
    }

    /**
     * A checker with a given budget.
     *
     * @param maxSteps most model steps over a whole check.
     * @param timeout  most wall time over a whole check.
     */
    public LinearizabilityChecker(final long maxSteps, final Duration timeout)
    {
        if (maxSteps <= 0)
        {
            throw new IllegalArgumentException("maxSteps must be positive");
        }
        this.maxSteps = maxSteps;
        // Capped so that now + timeout cannot overflow.
        this.timeoutNs = Math.min(timeout.isNegative() || timeout.isZero() ? 1 : saturatedNanos(timeout), Long.MAX_VALUE / 4);
    }

    /**
     * Check a history against a model.
     *
     * @param model   the sequential specification.
     * @param history the operations, in any order.
     * @param <S>     the model's state type.
     * @return the verdict.
     */
    public <S> LinearizabilityResult check(final Model<S> model, final List<Op> history)
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeoutNs;
        final List<Op> kept = new ArrayList<>(history.size());
        for (final Op op : history)
        {
            if (op.outcome() == Outcome.FAIL || (op.outcome() == Outcome.UNKNOWN && model.readOnly(op)))
            {
                continue;
            }
            kept.add(op);
        }

        // The parts are searched in turns of SLICE_STEPS steps each, as Porcupine searches them in parallel and
        // stops at the first failure: a violation in any part settles the whole history, and a part without one
        // may need an exhaustive search (exponential in the worst case) that the others make unnecessary.
        final List<List<Op>> parts = model.partition(kept);
        final List<Search<S>> active = new ArrayList<>(parts.size());
        for (final List<Op> part : parts)
        {
            active.add(new Search<>(model, part, deadlineNs));
        }
        long steps = 0;
        while (!active.isEmpty())
        {
            for (final Iterator<Search<S>> it = active.iterator(); it.hasNext(); )
            {
                final Search<S> search = it.next();
                final long before = search.steps;
                final LinearizabilityResult.Verdict verdict = search.run(Math.min(SLICE_STEPS, maxSteps - steps));
                steps += search.steps - before;
                if (verdict == LinearizabilityResult.Verdict.NOT_LINEARIZABLE)
                {
                    return new LinearizabilityResult(
                        verdict,
                        search.explainViolation(),
                        search.key(),
                        search.longestPrefix(),
                        search.stuckOp(),
                        parts.size(),
                        steps,
                        System.nanoTime() - startNs);
                }
                if (verdict == LinearizabilityResult.Verdict.LINEARIZABLE)
                {
                    it.remove();
                }
                else if (steps >= maxSteps || search.timedOut)
                {
                    return new LinearizabilityResult(
                        LinearizabilityResult.Verdict.UNKNOWN,
                        explainUnknown(active, parts.size(), steps, search.timedOut),
                        search.key(),
                        null,
                        null,
                        parts.size(),
                        steps,
                        System.nanoTime() - startNs);
                }
            }
        }
        return new LinearizabilityResult(
            LinearizabilityResult.Verdict.LINEARIZABLE,
            kept.size() + " operations in " + parts.size() + " part(s) are linearizable (" +
                (history.size() - kept.size()) + " failed operations or unknown reads dropped)",
            null,
            null,
            null,
            parts.size(),
            steps,
            System.nanoTime() - startNs);
    }

    private String explainUnknown(
        final List<? extends Search<?>> unfinished, final int parts, final long steps, final boolean timedOut)
    {
        final StringBuilder sb = new StringBuilder(256);
        sb.append("search budget spent (").append(timedOut ? "wall time, " + timeoutNs / 1_000_000 + " ms" :
            "steps, " + maxSteps).append(") after ").append(steps).append(" steps; ").append(unfinished.size())
            .append(" of ").append(parts).append(" part(s) unfinished:");
        int shown = 0;
        for (final Search<?> search : unfinished)
        {
            if (shown++ == PREFIX_SHOWN)
            {
                sb.append(" ...");
                break;
            }
            sb.append(' ').append(search.key() == null ? "history" : "key " + search.key()).append(" (")
                .append(search.size()).append(" ops, ").append(search.configurations()).append(" configurations)");
        }
        return sb.toString();
    }

    private static long saturatedNanos(final Duration timeout)
    {
        try
        {
            return timeout.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    /**
     * One memoized configuration: the set of linearized operations and the model state after them.
     */
    private static final class Config<S>
    {
        private final Model<S> model;
        private final long[] linearized;
        private final long bitsHash;
        private final S state;
        private final int hash;

        Config(final Model<S> model, final long[] linearized, final long bitsHash, final S state)
        {
            this.model = model;
            this.linearized = linearized;
            this.bitsHash = bitsHash;
            this.state = state;
            this.hash = (int)(bitsHash ^ (bitsHash >>> 32)) * 31 + model.stateHash(state);
        }

        Config<S> copy()
        {
            return new Config<>(model, linearized.clone(), bitsHash, state);
        }

        public int hashCode()
        {
            return hash;
        }

        @SuppressWarnings("unchecked")
        public boolean equals(final Object o)
        {
            if (!(o instanceof Config))
            {
                return false;
            }
            final Config<S> that = (Config<S>)o;
            return hash == that.hash &&
                bitsHash == that.bitsHash &&
                Arrays.equals(linearized, that.linearized) &&
                model.stateEquals(state, that.state);
        }
    }

    /**
     * The search over one part. Resumable: {@link #run} searches for a number of steps and can be called again.
     */
    private static final class Search<S>
    {
        private static final int NONE = -1;

        private final Model<S> model;
        private final Op[] ops;
        private final long deadlineNs;

        // Entry list: entries 0..2n-1 in time order, head sentinel at 2n. Entry e belongs to op entryOp[e]; a call
        // entry's matching return is match[e], a return entry has match[e] == NONE.
        private final int[] entryOp;
        private final int[] match;
        private final int[] next;
        private final int[] prev;
        private final int head;

        // Symmetry: unknown-outcome ops with the same kind, key and input are interchangeable (both return at
        // +infinity and change the state alike), so each such class is linearized in invoke order only: op i may
        // be linearized only when it is the next of its class (rank[i] == classDone[cls[i]]). cls[i] == NONE for
        // an op in no class.
        private final int[] cls;
        private final int[] rank;
        private final int[] classDone;

        private final long[] linearized;
        private final long[] opHash;
        private long bitsHash;

        private final Set<Config<S>> seen = new HashSet<>();
        private final int[] stackEntry;
        private final Object[] stackState;
        private int depth;
        private S state;
        private int entry;

        private long steps;
        private boolean timedOut;
        private int bestDepth = -1;
        private int[] bestPrefix = new int[0];
        private int bestStuck = NONE;
        private S bestState;

        Search(final Model<S> model, final List<Op> part, final long deadlineNs)
        {
            this.model = model;
            this.ops = part.toArray(new Op[0]);
            this.deadlineNs = deadlineNs;
            final int n = ops.length;

            // Entry i < n is the call of op i, entry n + i its return. Sort by time, calls first on equal times
            // (closed intervals), then by op index.
            final Integer[] entries = new Integer[2 * n];
            for (int i = 0; i < 2 * n; i++)
            {
                entries[i] = i;
            }
            Arrays.sort(entries, (a, b) ->
            {
                final long ta = time(a, n);
                final long tb = time(b, n);
                if (ta != tb)
                {
                    return Long.compare(ta, tb);
                }
                final boolean ca = a < n;
                final boolean cb = b < n;
                if (ca != cb)
                {
                    return ca ? -1 : 1;
                }
                return Integer.compare(a, b);
            });
            entryOp = new int[2 * n];
            match = new int[2 * n];
            next = new int[2 * n + 1];
            prev = new int[2 * n + 1];
            head = 2 * n;
            final int[] position = new int[2 * n];
            for (int pos = 0; pos < 2 * n; pos++)
            {
                position[entries[pos]] = pos;
            }
            for (int pos = 0; pos < 2 * n; pos++)
            {
                final int e = entries[pos];
                final boolean isCall = e < n;
                final int op = isCall ? e : e - n;
                entryOp[pos] = op;
                match[pos] = isCall ? position[op + n] : NONE;
                next[pos] = pos + 1 < 2 * n ? pos + 1 : NONE;
                prev[pos] = pos == 0 ? head : pos - 1;
            }
            next[head] = n == 0 ? NONE : 0;
            prev[head] = NONE;

            // Classes are numbered, and ranked, in call-entry order.
            cls = new int[n];
            rank = new int[n];
            Arrays.fill(cls, NONE);
            final Map<List<Object>, Integer> classOf = new HashMap<>();
            final List<Integer> sizes = new ArrayList<>();
            for (int pos = 0; pos < 2 * n; pos++)
            {
                final int op = entryOp[pos];
                if (match[pos] == NONE || ops[op].outcome() != Outcome.UNKNOWN)
                {
                    continue;
                }
                final List<Object> signature = Arrays.asList(ops[op].kind(), ops[op].key(), ops[op].input());
                final Integer c = classOf.computeIfAbsent(signature, k -> sizes.size());
                if (c == sizes.size())
                {
                    sizes.add(0);
                }
                cls[op] = c;
                rank[op] = sizes.get(c);
                sizes.set(c, rank[op] + 1);
            }
            classDone = new int[sizes.size()];

            linearized = new long[(n + 63) >>> 6];
            opHash = new long[n];
            long seed = 0x5DEECE66DL;
            for (int i = 0; i < n; i++)
            {
                seed += 0x9E3779B97F4A7C15L;
                opHash[i] = mix(seed);
            }
            stackEntry = new int[n];
            stackState = new Object[n];
            state = model.init();
            entry = next[head];
        }

        private long time(final int entry, final int n)
        {
            return entry < n ? ops[entry].invokeNs() : ops[entry - n].completeNs();
        }

        /**
         * Search on for at most {@code maxSteps} model steps.
         *
         * @return the verdict, or {@code null} if the steps ran out or the deadline passed ({@link #timedOut}).
         */
        @SuppressWarnings("unchecked")
        LinearizabilityResult.Verdict run(final long maxSteps)
        {
            final long stopAt = steps + maxSteps;
            while (next[head] != NONE)
            {
                if (match[entry] != NONE)
                {
                    final int op = entryOp[entry];
                    if (cls[op] != NONE && rank[op] != classDone[cls[op]])
                    {
                        entry = next[entry];
                        continue;
                    }
                    if (steps >= stopAt)
                    {
                        return null;
                    }
                    if ((++steps & CLOCK_CHECK_MASK) == 0 && System.nanoTime() - deadlineNs > 0)
                    {
                        timedOut = true;
                        return null;
                    }
                    final S after = model.step(state, ops[op]);
                    if (after != null)
                    {
                        set(op);
                        final Config<S> probe = new Config<>(model, linearized, bitsHash, after);
                        if (!seen.contains(probe))
                        {
                            seen.add(probe.copy());
                            stackEntry[depth] = entry;
                            stackState[depth] = state;
                            depth++;
                            state = after;
                            lift(entry);
                            entry = next[head];
                            continue;
                        }
                        clear(op);
                    }
                    entry = next[entry];
                }
                else
                {
                    // A return whose op is not linearized: it had to be linearized before now. Backtrack.
                    if (depth > bestDepth)
                    {
                        bestDepth = depth;
                        bestPrefix = Arrays.copyOf(stackEntry, depth);
                        bestStuck = entryOp[entry];
                        bestState = state;
                    }
                    if (depth == 0)
                    {
                        return LinearizabilityResult.Verdict.NOT_LINEARIZABLE;
                    }
                    depth--;
                    entry = stackEntry[depth];
                    state = (S)stackState[depth];
                    stackState[depth] = null;
                    clear(entryOp[entry]);
                    unlift(entry);
                    entry = next[entry];
                }
            }
            return LinearizabilityResult.Verdict.LINEARIZABLE;
        }

        private void lift(final int entry)
        {
            next[prev[entry]] = next[entry];
            prev[next[entry]] = prev[entry];
            final int ret = match[entry];
            next[prev[ret]] = next[ret];
            if (next[ret] != NONE)
            {
                prev[next[ret]] = prev[ret];
            }
        }

        private void unlift(final int entry)
        {
            final int ret = match[entry];
            next[prev[ret]] = ret;
            if (next[ret] != NONE)
            {
                prev[next[ret]] = ret;
            }
            next[prev[entry]] = entry;
            prev[next[entry]] = entry;
        }

        private void set(final int op)
        {
            linearized[op >>> 6] |= 1L << op;
            bitsHash ^= opHash[op];
            if (cls[op] != NONE)
            {
                classDone[cls[op]]++;
            }
        }

        private void clear(final int op)
        {
            linearized[op >>> 6] &= ~(1L << op);
            bitsHash ^= opHash[op];
            if (cls[op] != NONE)
            {
                classDone[cls[op]]--;
            }
        }

        String key()
        {
            return ops.length == 0 ? null : ops[0].key();
        }

        int size()
        {
            return ops.length;
        }

        int configurations()
        {
            return seen.size();
        }

        List<Op> longestPrefix()
        {
            final List<Op> prefix = new ArrayList<>(bestPrefix.length);
            for (final int e : bestPrefix)
            {
                prefix.add(ops[entryOp[e]]);
            }
            return prefix;
        }

        Op stuckOp()
        {
            return bestStuck == NONE ? null : ops[bestStuck];
        }

        String explainViolation()
        {
            final StringBuilder sb = new StringBuilder(512);
            sb.append(key() == null ? "history" : "key " + key()).append(": not linearizable. ");
            sb.append("Longest linearizable prefix: ").append(bestPrefix.length).append(" of ")
                .append(ops.length).append(" operations");
            if (bestPrefix.length > 0)
            {
                sb.append(", ending ");
                final int from = Math.max(0, bestPrefix.length - PREFIX_SHOWN);
                if (from > 0)
                {
                    sb.append("... ");
                }
                for (int i = from; i < bestPrefix.length; i++)
                {
                    sb.append(ops[entryOp[bestPrefix[i]]]).append(i + 1 < bestPrefix.length ? "; " : "");
                }
            }
            sb.append(". State after it: ").append(model.describe(bestState));
            sb.append(". Then ").append(stuckOp()).append(" returned, but neither it nor any operation pending ")
                .append("before its return can be linearized next.");
            return sb.toString();
        }

        private static long mix(final long z0)
        {
            long z = z0;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
