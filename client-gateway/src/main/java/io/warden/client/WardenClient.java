package io.warden.client;

import io.warden.schema.IdleStrategies;
import io.warden.schema.KeyRules;
import io.warden.schema.LocalAddress;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A connection to Warden through a gateway, with one session (lease). Thread-safe: any thread may call it; every
 * request is handed to one agent that owns the network and answers through {@link CompletableFuture}s.
 * <pre>{@code
 * try (WardenClient client = WardenClient.connect(new WardenClient.Context()
 *     .gatewayEndpoints("10.0.0.1:7000,10.0.0.2:7000")
 *     .credential("secret")
 *     .clientName("billing-7")))
 * {
 *     client.await(client.put("/config/billing/limit", "100".getBytes(UTF_8)));
 *     KeyValue kv = client.await(client.get("/config/billing/limit"));
 *
 *     try (WardenLock lock = new WardenLock(client, "billing-run"))
 *     {
 *         lock.acquire();
 *         storage.write(lock.fencingToken(), batch);
 *     }
 * }
 * }</pre>
 * <b>Sessions.</b> {@link #connect} opens the session with a random 64-bit secret (so the open is idempotent and the
 * session can be resumed) and keeps it alive with {@code ClientKeepAlive} every interval the gateway asks for. When a
 * gateway is lost the client tries the configured endpoints in order, with jittered exponential backoff, resumes the
 * session with its secret, re-sends every unanswered request byte for byte (the cluster applies each mutation at most
 * once), re-synchronises queued lock and campaign waits, and re-creates watches where they stood. Listen to
 * {@link ConnectionState}s to know when that happens; when the session expires ({@link ConnectionState#LOST}) the
 * client opens a new one only when asked ({@link #newSession()}).
 * <p>
 * <b>Requests.</b> Mutations carry {@code (sessionId, requestSeq, ackedSeq)}; reads carry no session and sequence 0.
 * Every future completes on the callback executor ({@link Context#callbackExecutor}); failures are
 * {@link WardenException}s with a {@link ResultCode}. A request not answered within
 * {@link Context#requestTimeoutNs} fails with {@code TIMED_OUT}; a mutation that timed out is still re-sent until
 * answered, so it is applied at most once, but its outcome is unknown to the caller.
 * <p>
 * <b>Threads.</b> By default: one agent thread, one callback thread, and an embedded media driver (SHARED threading,
 * backoff idle). With {@link Context#useAgentInvoker(boolean)} there is no thread at all: the caller runs
 * {@link #doWork()} and blocking calls drive it themselves. Never block on a client future inside a callback (the
 * blocking conveniences refuse to).
 */
public final class WardenClient implements AutoCloseable
{
    private static final long CLOSE_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Context ctx;
    private final ManyToOneConcurrentArrayQueue<Op> commands;
    private final ClientAgent agent;
    private final WardenAuth auth = new WardenAuth(this);
    private final WardenOperations operations = new WardenOperations(this);
    private final AgentRunner runner;
    private final CallbackDispatcher dispatcher;
    private final Executor callbacks;
    private final NanoClock clock;
    private final IdleStrategy invokerIdle;
    private final CopyOnWriteArrayList<ConnectionStateListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong watchIds = new AtomicLong();
    private volatile boolean closed;

    private WardenClient(final Context ctx)
    {
        this.ctx = ctx;
        this.clock = ctx.nanoClock();
        this.commands = new ManyToOneConcurrentArrayQueue<>(ctx.commandQueueCapacity());
        if (ctx.callbackExecutor() != null)
        {
            this.dispatcher = null;
            this.callbacks = ctx.callbackExecutor();
        }
        else if (ctx.useAgentInvoker())
        {
            this.dispatcher = null;
            this.callbacks = Runnable::run;
        }
        else
        {
            this.dispatcher = new CallbackDispatcher("warden-callbacks-" + ctx.clientName(), ctx.errorHandler());
            this.callbacks = dispatcher;
        }
        if (ctx.connectionStateListener() != null)
        {
            listeners.add(ctx.connectionStateListener());
        }
        final ClientTransport transport;
        try
        {
            transport = ctx.transportFactory().apply(ctx);
        }
        catch (final RuntimeException ex)
        {
            if (dispatcher != null)
            {
                dispatcher.close();
            }
            throw ex;
        }
        this.agent = new ClientAgent(this, ctx, transport, commands, callbacks, clock, ctx.random(),
            ctx.secretRandom());
        if (ctx.useAgentInvoker())
        {
            this.runner = null;
            this.invokerIdle = ctx.idleStrategy();
        }
        else
        {
            this.invokerIdle = null;
            this.runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, agent);
            AgentRunner.startOnThread(runner);
        }
    }

    /**
     * Connect to one of the gateways and open a session; blocks until the session is open or
     * {@link Context#connectTimeoutNs} passes.
     * <pre>{@code
     * WardenClient client = WardenClient.connect(new WardenClient.Context().gatewayEndpoints("127.0.0.1:7000"));
     * }</pre>
     *
     * @param ctx the settings; concluded here.
     * @return the connected client; close it.
     * @throws WardenException {@code TIMED_OUT} when no gateway answered in time, {@code UNAUTHORISED} for a wrong
     *                         credential, or the code the session open was refused with.
     */
    public static WardenClient connect(final Context ctx)
    {
        ctx.conclude();
        final WardenClient client = new WardenClient(ctx);
        try
        {
            client.awaitSession();
            return client;
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    private void awaitSession()
    {
        final long deadlineNs = clock.nanoTime() + ctx.connectTimeoutNs();
        final CompletableFuture<Long> ready = agent.sessionReady();
        while (!ready.isDone())
        {
            if (clock.nanoTime() - deadlineNs >= 0)
            {
                throw new WardenException(ResultCode.TIMED_OUT, "no session through any of " +
                    ctx.gatewayEndpoints() + " within " + TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs()) +
                    " ms; last: " + agent.lastFailure());
            }
            if (runner == null)
            {
                invokerIdle.idle(agent.doWork());
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        try
        {
            ready.join();
        }
        catch (final RuntimeException ex)
        {
            final Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            if (cause instanceof WardenException)
            {
                final WardenException failure = (WardenException)cause;
                throw new WardenException(failure.code(), failure.detail(), failure);
            }
            throw ex;
        }
    }

    // ------------------------------------------------------------------------------------------------ state

    /**
     * The settings this client runs with.
     * <pre>{@code long ttlMs = client.context().sessionTtlMs(); }</pre>
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * The token the gateway issued at this client's last login with a password (empty when it did not log in), for
     * {@link Context#token(String)} of a later client: it connects to the same gateway without the password, until
     * the gateway's token lifetime ends.
     * <pre>{@code String token = client.loginToken(); }</pre>
     *
     * @return the token, or empty.
     */
    public String loginToken()
    {
        final String token = agent.loginToken();
        return token == null ? "" : token;
    }

    /**
     * The current session id (a new one after {@link #newSession()}).
     * <pre>{@code long session = client.sessionId(); }</pre>
     *
     * @return the session id.
     */
    public long sessionId()
    {
        return agent.sessionId();
    }

    /**
     * The last connection state reported to listeners.
     * <pre>{@code if (client.state() == ConnectionState.LOST) { client.newSession(); } }</pre>
     *
     * @return the state.
     */
    public ConnectionState state()
    {
        return agent.state();
    }

    /**
     * The instant, on {@link System#nanoTime()}'s clock, until which the session is known to be alive, less the
     * safety margin: PROTOCOL.md's safe time ({@code t - confirmedAge - rtt + ttl}). Work protected by a lock or a
     * leadership must stop at this instant unless a newer keepalive moved it forward; the fencing token protects what
     * happens after. It stops moving forward while suspended and is set to "now" when the session is lost.
     * <pre>{@code
     * while (System.nanoTime() - client.safeUntilNs() < 0) { doSomeProtectedWork(); }
     * }</pre>
     *
     * @return the safe-until instant in nanoseconds.
     */
    public long safeUntilNs()
    {
        return agent.safeTime().safeUntilNs();
    }

    /**
     * Is now before {@link #safeUntilNs()}?
     * <pre>{@code if (!client.isSafe()) { stopProtectedWork(); } }</pre>
     *
     * @return true while the session is known to be alive.
     */
    public boolean isSafe()
    {
        return agent.safeTime().isSafe(clock.nanoTime());
    }

    /**
     * Has {@link #close()} been called?
     * <pre>{@code if (!client.isClosed()) { ... } }</pre>
     *
     * @return true once closing.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Listen to connection state changes (in addition to {@link Context#connectionStateListener}).
     * <pre>{@code client.addConnectionStateListener((c, state) -> log.info("warden: {}", state)); }</pre>
     *
     * @param listener called on the callback executor.
     */
    public void addConnectionStateListener(final ConnectionStateListener listener)
    {
        listeners.add(listener);
    }

    /**
     * Stop listening.
     * <pre>{@code client.removeConnectionStateListener(listener); }</pre>
     *
     * @param listener a listener added before.
     */
    public void removeConnectionStateListener(final ConnectionStateListener listener)
    {
        listeners.remove(listener);
    }

    void onStateChanged(final ConnectionState state)
    {
        for (final ConnectionStateListener listener : listeners)
        {
            try
            {
                listener.onStateChanged(this, state);
            }
            catch (final Throwable ex)
            {
                ctx.errorHandler().onError(ex);
            }
        }
    }

    /**
     * Run one duty cycle of the client's agent; only in invoker mode ({@link Context#useAgentInvoker(boolean)}),
     * where nothing else runs it. Call it often (at least every few milliseconds, and well within the media driver's
     * client liveness timeout of 10 s), from one thread.
     * <pre>{@code
     * while (running) { idle.idle(client.doWork()); }
     * }</pre>
     *
     * @return work done, for an idle strategy.
     */
    public int doWork()
    {
        if (runner != null)
        {
            throw new IllegalStateException("doWork() is only for invoker mode (Context.useAgentInvoker(true))");
        }
        return agent.doWork();
    }

    // ------------------------------------------------------------------------------------------------ sessions

    /**
     * Open a new session after the old one was {@link ConnectionState#LOST}. Nothing of the old session comes back:
     * re-acquire locks, campaign again, re-create ephemeral keys (as after a ZooKeeper session expiry). Listeners
     * see {@link ConnectionState#CONNECTED} when it is open.
     * <pre>{@code
     * client.addConnectionStateListener((c, state) ->
     * {
     *     if (state == ConnectionState.LOST) { c.newSession().thenRun(this::reRegister); }
     * });
     * }</pre>
     *
     * @return completes with the new session id; fails with {@code INVALID_ARGUMENT} when the session is not lost.
     */
    public CompletableFuture<Long> newSession()
    {
        return send(new Op(Op.Kind.NEW_SESSION, new CompletableFuture<>()), 0);
    }

    // ------------------------------------------------------------------------------------------------ key-value

    /**
     * Put a value (persistent key).
     * <pre>{@code PutResult put = client.await(client.put("/config/a", "1".getBytes(UTF_8))); }</pre>
     *
     * @param key   the key: 1 to {@link WardenLimits#MAX_KEY_LENGTH} bytes of UTF-8, not under {@code /_warden/}.
     * @param value the value, at most the cluster's value limit (default 64 KiB).
     * @return the revision of the put and the key's version.
     */
    public CompletableFuture<PutResult> put(final String key, final byte[] value)
    {
        return put(key, value, false);
    }

    /**
     * Put a value that belongs to this session: it is deleted when the session ends (closed or expired).
     * <pre>{@code client.await(client.putEphemeral("/services/api/host-1", address)); }</pre>
     *
     * @param key   the key.
     * @param value the value.
     * @return the revision of the put and the key's version.
     */
    public CompletableFuture<PutResult> putEphemeral(final String key, final byte[] value)
    {
        return put(key, value, true);
    }

    private CompletableFuture<PutResult> put(final String key, final byte[] value, final boolean ephemeral)
    {
        final ResultCode code = checkWritableKey(key);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid key: " + key);
        }
        final ResultCode valueCode = checkValue(value);
        if (valueCode != ResultCode.OK)
        {
            return failed(valueCode, "value of " + (value == null ? "null" : value.length + " bytes"));
        }
        final Op op = new Op(Op.Kind.PUT, new CompletableFuture<>());
        op.name = key;
        op.value = value.clone();
        op.flag = ephemeral;
        return send(op);
    }

    /**
     * Read one key (linearizable: through the cluster's log).
     * <pre>{@code
     * KeyValue kv = client.await(client.get("/config/a"));
     * if (kv == null) { useDefault(); }
     * }</pre>
     *
     * @param key the key.
     * @return the entry, or {@code null} when the key does not exist.
     */
    public CompletableFuture<KeyValue> get(final String key)
    {
        final ResultCode code = checkName(key);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid key: " + key);
        }
        final Op op = new Op(Op.Kind.GET, new CompletableFuture<>());
        op.name = key;
        return send(op);
    }

    /**
     * Delete one key.
     * <pre>{@code boolean existed = client.await(client.delete("/config/a")).deleted() == 1; }</pre>
     *
     * @param key the key.
     * @return the revision after the delete and how many keys went (0 or 1).
     */
    public CompletableFuture<DeleteResult> delete(final String key)
    {
        final ResultCode code = checkWritableKey(key);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid key: " + key);
        }
        final Op op = new Op(Op.Kind.DELETE, new CompletableFuture<>());
        op.name = key;
        return send(op);
    }

    /**
     * Delete every key starting with a prefix, atomically at one revision (reserved keys are skipped).
     * <pre>{@code client.await(client.deletePrefix("/jobs/done/")); }</pre>
     *
     * @param prefix the prefix.
     * @return the revision after the delete and how many keys went.
     */
    public CompletableFuture<DeleteResult> deletePrefix(final String prefix)
    {
        final byte[] bytes = utf8(prefix);
        final ResultCode code = bytes == null ? ResultCode.INVALID_KEY : KeyRules.checkWritablePrefix(bytes, bytes.length);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid prefix: " + prefix);
        }
        final Op op = new Op(Op.Kind.DELETE, new CompletableFuture<>());
        op.name = prefix;
        op.flag = true;
        return send(op);
    }

    /**
     * Every key under a prefix, in key order, read at one revision: the pages after the first are read at the first
     * page's revision, so the result is one consistent snapshot however many pages it takes.
     * <pre>{@code
     * RangeResult range = client.await(client.range("/config/"));
     * client.watchPrefix("/config/", range.revision() + 1, listener);
     * }</pre>
     *
     * @param prefix the prefix ("" for every key).
     * @return the entries and the revision they were read at.
     */
    public CompletableFuture<RangeResult> range(final String prefix)
    {
        return range(prefix, 0);
    }

    /**
     * Every key under a prefix as of an earlier revision (still within the cluster's history), or now with 0.
     * <pre>{@code RangeResult before = client.await(client.range("/config/", revision)); }</pre>
     *
     * @param prefix     the prefix.
     * @param atRevision the revision to read at; 0 for now.
     * @return the entries; fails with {@code COMPACTED} when the revision is no longer in the history.
     */
    public CompletableFuture<RangeResult> range(final String prefix, final long atRevision)
    {
        final byte[] bytes = utf8(prefix);
        final ResultCode code = bytes == null ? ResultCode.INVALID_KEY : KeyRules.checkPrefix(bytes, bytes.length);
        if (code != ResultCode.OK || atRevision < 0)
        {
            return failed(code != ResultCode.OK ? code : ResultCode.INVALID_ARGUMENT, "invalid range " + prefix);
        }
        final Op op = new Op(Op.Kind.RANGE, new CompletableFuture<>());
        op.pager = new RangePager(prefix, atRevision);
        return send(op);
    }

    /**
     * A transaction: if every compare holds, apply the then-ops, else the else-ops; atomically, at one revision.
     * Do not change the spec after passing it.
     * <pre>{@code
     * TxnResult txn = client.await(client.txn(new TxnSpec()
     *     .compareModRevision("/config/a", CompareOp.EQUAL, seen.modRevision())
     *     .thenPut("/config/a", updated)));
     * }</pre>
     *
     * @param spec the compares and operations ({@link TxnSpec} from the schema module).
     * @return whether the compares held, and the revision after.
     */
    public CompletableFuture<TxnResult> txn(final TxnSpec spec)
    {
        if (spec == null || spec.compareCount() + spec.operationCount() > WardenLimits.MAX_TXN_OPS)
        {
            return failed(spec == null ? ResultCode.INVALID_ARGUMENT : ResultCode.LIMIT_EXCEEDED,
                "a transaction holds at most " + WardenLimits.MAX_TXN_OPS + " compares and operations");
        }
        final Op op = new Op(Op.Kind.TXN, new CompletableFuture<>());
        op.txn = spec;
        return send(op);
    }

    /**
     * Create a key named by a prefix plus a zero-padded, ever increasing number (ZooKeeper's sequential nodes).
     * <pre>{@code String key = client.await(client.createSequential("/queue/job-", payload)).key(); }</pre>
     *
     * @param prefix the prefix.
     * @param value  the value.
     * @return the key created and its revision.
     */
    public CompletableFuture<SequentialResult> createSequential(final String prefix, final byte[] value)
    {
        return createSequential(prefix, value, false);
    }

    /**
     * Like {@link #createSequential(String, byte[])}, but the key belongs to this session (deleted when it ends).
     * <pre>{@code String me = client.await(client.createSequentialEphemeral("/members/m-", id)).key(); }</pre>
     *
     * @param prefix the prefix.
     * @param value  the value.
     * @return the key created and its revision.
     */
    public CompletableFuture<SequentialResult> createSequentialEphemeral(final String prefix, final byte[] value)
    {
        return createSequential(prefix, value, true);
    }

    private CompletableFuture<SequentialResult> createSequential(
        final String prefix, final byte[] value, final boolean ephemeral)
    {
        final byte[] bytes = utf8(prefix);
        final ResultCode code = bytes == null ? ResultCode.INVALID_KEY :
            KeyRules.checkSequentialPrefix(bytes, bytes.length);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid sequential prefix: " + prefix);
        }
        final ResultCode valueCode = checkValue(value);
        if (valueCode != ResultCode.OK)
        {
            return failed(valueCode, "value too large");
        }
        final Op op = new Op(Op.Kind.CREATE_SEQUENTIAL, new CompletableFuture<>());
        op.name = prefix;
        op.value = value.clone();
        op.flag = ephemeral;
        return send(op);
    }

    // ------------------------------------------------------------------------------------------------ watches

    /**
     * Watch one key from a revision.
     * <pre>{@code WatchHandle watch = client.watch("/config/flag", 0, event -> flag = event.valueAsString()); }</pre>
     *
     * @param key          the key.
     * @param fromRevision the first revision to deliver; 0 for "from now".
     * @param listener     receives the events.
     * @return the running watch; cancel it when done.
     */
    public WatchHandle watch(final String key, final long fromRevision, final WatchListener listener)
    {
        return watch(key, false, fromRevision, false, listener);
    }

    /**
     * Watch every key starting with a prefix, from a revision.
     * <pre>{@code
     * RangeResult range = client.await(client.range("/config/"));
     * WatchHandle watch = client.watchPrefix("/config/", range.revision() + 1, listener);
     * }</pre>
     *
     * @param prefix       the prefix.
     * @param fromRevision the first revision to deliver; 0 for "from now".
     * @param listener     receives the events.
     * @return the running watch.
     */
    public WatchHandle watchPrefix(final String prefix, final long fromRevision, final WatchListener listener)
    {
        return watch(prefix, true, fromRevision, false, listener);
    }

    /**
     * Watch a key or a prefix, optionally with previous values, from a revision. Persistent (etcd style): events keep
     * coming until cancelled, across reconnects (re-created from the revision after the last event delivered). When
     * the history it needs is gone the listener's {@link WatchListener#onEnded} gets {@code COMPACTED}.
     * <pre>{@code WatchHandle watch = client.watch("/config/", true, 0, true, listener); }</pre>
     *
     * @param key          the key or prefix.
     * @param prefix       true to watch every key starting with {@code key}.
     * @param fromRevision the first revision to deliver; 0 for "from now".
     * @param prevValue    true to receive the value before each change.
     * @param listener     receives the events on the callback executor.
     * @return the running watch.
     */
    public WatchHandle watch(
        final String key,
        final boolean prefix,
        final long fromRevision,
        final boolean prevValue,
        final WatchListener listener)
    {
        final byte[] bytes = utf8(key);
        final ResultCode code = bytes == null ? ResultCode.INVALID_KEY :
            prefix ? KeyRules.checkPrefix(bytes, bytes.length) : KeyRules.checkName(bytes, bytes.length);
        final WatchHandle handle = new WatchHandle(this, watchIds.incrementAndGet(), key, prefix);
        if (code != ResultCode.OK || fromRevision < 0 || listener == null)
        {
            handle.ended();
            handle.registered().completeExceptionally(new WardenException(
                code != ResultCode.OK ? code : ResultCode.INVALID_ARGUMENT, "invalid watch of " + key));
            return handle;
        }
        final Op op = new Op(Op.Kind.WATCH, null);
        op.watch = new WatchState(handle.watchId(), key, prefix, prevValue, fromRevision, listener, handle);
        if (closed || !commands.offer(op))
        {
            handle.ended();
            handle.registered().completeExceptionally(new WardenException(
                closed ? ResultCode.CANCELLED : ResultCode.LIMIT_EXCEEDED,
                closed ? "client closed" : "client command queue full"));
        }
        else
        {
            wakeAgent();
        }
        return handle;
    }

    void cancelWatch(final WatchHandle handle)
    {
        final Op op = new Op(Op.Kind.CANCEL_WATCH, null);
        op.watch = new WatchState(handle.watchId(), handle.key(), handle.isPrefix(), false, 0, e -> { }, handle);
        if (!closed)
        {
            while (!commands.offer(op))
            {
                Thread.yield();
            }
        }
    }

    /**
     * The cluster's current revision; answered after every event up to it has been delivered to this client's
     * watches.
     * <pre>{@code long revision = client.await(client.progress()); }</pre>
     *
     * @return the revision.
     */
    public CompletableFuture<Long> progress()
    {
        return send(new Op(Op.Kind.PROGRESS, new CompletableFuture<>()));
    }

    /**
     * Counters of the replicated state.
     * <pre>{@code ClusterStatus status = client.await(client.status()); }</pre>
     *
     * @return the status.
     */
    public CompletableFuture<ClusterStatus> status()
    {
        return send(new Op(Op.Kind.STATUS, new CompletableFuture<>()));
    }

    /**
     * What the connected gateway knows: the cluster's members, the leader, its own counts. Answered by the gateway
     * (reports {@link GatewayInfo#clusterReachable()} false while it has no cluster connection).
     * <pre>{@code GatewayInfo info = client.await(client.gatewayInfo()); }</pre>
     *
     * @return the gateway's view.
     */
    public CompletableFuture<GatewayInfo> gatewayInfo()
    {
        return send(new Op(Op.Kind.GATEWAY_INFO, new CompletableFuture<>()));
    }

    // ------------------------------------------------------------------------------------------------ locks, elections

    /**
     * Is this token the fencing token of a current holder of the lock? (Chubby's {@code CheckSequencer}; a resource
     * that cannot keep a {@link FenceGuard} can ask the cluster instead.)
     * <pre>{@code boolean current = client.await(client.checkFence("orders", token)); }</pre>
     *
     * @param lockName the lock.
     * @param token    the token to check.
     * @return true when current, false when stale.
     */
    public CompletableFuture<Boolean> checkFence(final String lockName, final long token)
    {
        final ResultCode code = checkName(lockName);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid lock name: " + lockName);
        }
        final Op op = new Op(Op.Kind.CHECK_FENCE, new CompletableFuture<>());
        op.name = lockName;
        op.number = token;
        return send(op);
    }

    /**
     * Who holds a lock and who waits for it, in queue order.
     * <pre>{@code LockInfo info = client.await(client.describeLock("orders")); }</pre>
     *
     * @param lockName the lock.
     * @return holders and waiters (both empty when nobody holds or waits).
     */
    public CompletableFuture<LockInfo> describeLock(final String lockName)
    {
        final ResultCode code = checkName(lockName);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid lock name: " + lockName);
        }
        final Op op = new Op(Op.Kind.DESCRIBE_LOCK, new CompletableFuture<>());
        op.name = lockName;
        return send(op);
    }

    /**
     * Who leads an election now.
     * <pre>{@code LeaderInfo leader = client.await(client.leader("scheduler")); }</pre>
     *
     * @param election the election name.
     * @return the leader, or {@code null} when nobody leads.
     */
    public CompletableFuture<LeaderInfo> leader(final String election)
    {
        final ResultCode code = checkElectionName(election);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid election name: " + election);
        }
        final Op op = new Op(Op.Kind.LEADER, new CompletableFuture<>());
        op.name = election;
        return send(op);
    }

    CompletableFuture<LockGrant> acquire(
        final String name, final LockMode mode, final long waitTimeoutMs, final long lockDelayMs)
    {
        final ResultCode code = checkName(name);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid lock name: " + name);
        }
        if (waitTimeoutMs < -1 || waitTimeoutMs > WardenLimits.MAX_WAIT_TIMEOUT_MS || lockDelayMs < 0 ||
            lockDelayMs > WardenLimits.MAX_LOCK_DELAY_MS || mode == null)
        {
            return failed(ResultCode.INVALID_ARGUMENT, "waitTimeoutMs " + waitTimeoutMs + ", lockDelayMs " +
                lockDelayMs + ", mode " + mode);
        }
        final Op op = new Op(Op.Kind.ACQUIRE, new CompletableFuture<>());
        op.name = name;
        op.mode = mode;
        op.number = waitTimeoutMs;
        op.number2 = lockDelayMs;
        return send(op);
    }

    CompletableFuture<Boolean> release(final String name, final long token)
    {
        final Op op = new Op(Op.Kind.RELEASE, new CompletableFuture<>());
        op.name = name;
        op.number = token;
        return send(op);
    }

    CompletableFuture<LockGrant> campaign(final String election, final byte[] value)
    {
        final ResultCode code = checkElectionName(election);
        if (code != ResultCode.OK)
        {
            return failed(code, "invalid election name: " + election);
        }
        final ResultCode valueCode = checkValue(value);
        if (valueCode != ResultCode.OK)
        {
            return failed(valueCode, "value too large");
        }
        final Op op = new Op(Op.Kind.CAMPAIGN, new CompletableFuture<>());
        op.name = election;
        op.value = value.clone();
        return send(op);
    }

    CompletableFuture<Long> proclaim(final String election, final long term, final byte[] value)
    {
        final ResultCode valueCode = checkValue(value);
        if (valueCode != ResultCode.OK)
        {
            return failed(valueCode, "value too large");
        }
        final Op op = new Op(Op.Kind.PROCLAIM, new CompletableFuture<>());
        op.name = election;
        op.number = term;
        op.value = value.clone();
        return send(op);
    }

    CompletableFuture<Long> resign(final String election, final long term)
    {
        final Op op = new Op(Op.Kind.RESIGN, new CompletableFuture<>());
        op.name = election;
        op.number = term;
        return send(op);
    }

    /**
     * A grant arrived for a request whose future was cancelled meanwhile: hand it back.
     */
    void giveBack(final boolean lock, final String name, final long token)
    {
        if (lock)
        {
            release(name, token);
        }
        else
        {
            resign(name, token);
        }
    }

    // ------------------------------------------------------------------------------------------------ blocking

    /**
     * Wait for a future of this client, up to the request timeout (plus a second: the client itself fails requests
     * at the request timeout). In invoker mode this runs the agent while it waits.
     * <pre>{@code PutResult put = client.await(client.put("/a", bytes)); }</pre>
     *
     * @param future a future from this client.
     * @param <T>    the result type.
     * @return the result.
     * @throws WardenException with the request's code, or {@code TIMED_OUT}.
     */
    public <T> T await(final CompletableFuture<T> future)
    {
        return await(future, ctx.requestTimeoutNs() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    }

    /**
     * Wait for a future of this client, up to a timeout. In invoker mode this runs the agent while it waits. Must not
     * be called from a callback of this client (it would wait for itself): that throws {@link IllegalStateException}.
     * <pre>{@code long term = client.await(election.campaign(value), 30, TimeUnit.SECONDS); }</pre>
     *
     * @param future  a future from this client.
     * @param timeout how long to wait.
     * @param unit    unit of {@code timeout}.
     * @param <T>     the result type.
     * @return the result.
     * @throws WardenException with the request's code, {@code TIMED_OUT} when the wait timed out (the request
     *                         goes on), or {@code CANCELLED} when interrupted or the future was cancelled.
     */
    public <T> T await(final CompletableFuture<T> future, final long timeout, final TimeUnit unit)
    {
        final long timeoutNs = unit.toNanos(timeout);
        try
        {
            if (runner == null)
            {
                final long deadlineNs = clock.nanoTime() + timeoutNs;
                while (!future.isDone())
                {
                    if (clock.nanoTime() - deadlineNs >= 0)
                    {
                        throw new TimeoutException();
                    }
                    invokerIdle.idle(agent.doWork());
                }
                return future.get();
            }
            if (!future.isDone() && (Thread.currentThread() == runner.thread() ||
                (dispatcher != null && dispatcher.isDispatcherThread())))
            {
                throw new IllegalStateException(
                    "blocking on a Warden future inside a Warden callback would deadlock: chain it instead");
            }
            return future.get(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof WardenException)
            {
                final WardenException failure = (WardenException)cause;
                throw new WardenException(failure.code(), failure.detail(), failure);
            }
            throw new WardenException(ResultCode.MALFORMED, String.valueOf(cause), cause);
        }
        catch (final TimeoutException ex)
        {
            throw new WardenException(ResultCode.TIMED_OUT,
                "no result within " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new WardenException(ResultCode.CANCELLED, "interrupted while waiting", ex);
        }
        catch (final java.util.concurrent.CancellationException ex)
        {
            throw new WardenException(ResultCode.CANCELLED, "cancelled", ex);
        }
    }

    // ------------------------------------------------------------------------------------------------ close

    /**
     * Close the session (releasing its locks, candidacies and ephemeral keys at once instead of after its TTL), leave
     * the gateway, stop the agent and callback threads and the embedded media driver (deleting its directory).
     * Pending requests fail with {@code CANCELLED}. Idempotent.
     * <pre>{@code client.close(); }</pre>
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final Op op = new Op(Op.Kind.CLOSE_CLIENT, new CompletableFuture<>());
        final long deadlineNs = clock.nanoTime() + ctx.closeTimeoutNs() + TimeUnit.SECONDS.toNanos(1);
        while (!commands.offer(op) && clock.nanoTime() - deadlineNs < 0)
        {
            if (runner == null)
            {
                agent.doWork();
            }
            Thread.yield();
        }
        while (!agent.isClosedFlag() && clock.nanoTime() - deadlineNs < 0)
        {
            if (runner == null)
            {
                invokerIdle.idle(agent.doWork());
            }
            else
            {
                LockSupport.parkNanos(CLOSE_POLL_NS);
            }
        }
        if (runner != null)
        {
            runner.close();
        }
        else
        {
            agent.onClose();
        }
        if (dispatcher != null)
        {
            dispatcher.close();
        }
    }

    /**
     * Users, roles, permissions and the cell's authentication switch, as {@code etcdctl user|role|auth} manage them.
     * Changes need the admin permission (or, while authentication is off, the gateway's admin credential).
     * <pre>{@code
     * WardenAuth auth = client.auth();
     * client.await(auth.addUser("alice", "s3cret".toCharArray()));
     * client.await(auth.addRole("config-reader"));
     * client.await(auth.grant("config-reader", ResourceType.KEY, "/config/", EnumSet.of(WardenAuth.Permission.READ)));
     * client.await(auth.grantRole("alice", "config-reader"));
     * }</pre>
     *
     * @return the auth requests of this client.
     */
    public WardenAuth auth()
    {
        return auth;
    }

    /**
     * An operator's requests: list sessions and locks, expire a session, ask for a snapshot.
     * <pre>{@code
     * SessionListing sessions = admin.await(admin.operations().sessions(0, 100));
     * admin.await(admin.operations().snapshot());
     * }</pre>
     *
     * @return the operator requests of this client.
     */
    public WardenOperations operations()
    {
        return operations;
    }

    /**
     * Send an op built elsewhere in this package ({@link WardenAuth}).
     */
    <T> CompletableFuture<T> submit(final Op op)
    {
        return send(op);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private <T> CompletableFuture<T> send(final Op op)
    {
        return send(op, ctx.requestTimeoutNs());
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> send(final Op op, final long timeoutNs)
    {
        op.timeoutNs = timeoutNs;
        if (closed)
        {
            op.future.completeExceptionally(new WardenException(ResultCode.CANCELLED, "client closed"));
        }
        else if (!commands.offer(op))
        {
            op.future.completeExceptionally(new WardenException(ResultCode.LIMIT_EXCEEDED,
                "client command queue full (" + ctx.commandQueueCapacity() + ")"));
        }
        else
        {
            wakeAgent();
        }
        return (CompletableFuture<T>)(CompletableFuture<?>)op.future;
    }

    /**
     * The agent thread may be parked for up to its idle strategy's cap (1 ms once idle): wake it, so a request made
     * after a quiet spell leaves at once instead of after the rest of that park.
     */
    private void wakeAgent()
    {
        final Thread thread = runner == null ? null : runner.thread();
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }

    private static <T> CompletableFuture<T> failed(final ResultCode code, final String message)
    {
        return CompletableFuture.failedFuture(new WardenException(code, message));
    }

    private static byte[] utf8(final String text)
    {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static ResultCode checkName(final String name)
    {
        final byte[] bytes = utf8(name);
        return bytes == null ? ResultCode.INVALID_KEY : KeyRules.checkName(bytes, bytes.length);
    }

    static ResultCode checkWritableKey(final String key)
    {
        final byte[] bytes = utf8(key);
        return bytes == null ? ResultCode.INVALID_KEY : KeyRules.checkWritableName(bytes, bytes.length);
    }

    static ResultCode checkElectionName(final String election)
    {
        final byte[] bytes = utf8(election);
        return bytes == null ? ResultCode.INVALID_KEY : KeyRules.checkElectionName(bytes, bytes.length);
    }

    static ResultCode checkValue(final byte[] value)
    {
        if (value == null)
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        return value.length > WardenLimits.MAX_VALUE_LENGTH_CEILING ? ResultCode.VALUE_TOO_LARGE : ResultCode.OK;
    }

    ClientAgent agent()
    {
        return agent;
    }

    // ================================================================================================ Context

    /**
     * Settings of a {@link WardenClient}, Aeron style: fluent setters, then {@link #conclude()} (called by
     * {@link WardenClient#connect}).
     * <pre>{@code
     * WardenClient.Context ctx = new WardenClient.Context()
     *     .gatewayEndpoints("10.0.0.1:7000,10.0.0.2:7000")   // tried in order
     *     .credential("secret")
     *     .clientName("billing-7")
     *     .sessionTtlMs(10_000)
     *     .requestTimeoutNs(TimeUnit.SECONDS.toNanos(10))
     *     .responseHost("10.0.0.9");                          // where gateways answer this client
     * }</pre>
     */
    public static final class Context
    {
        private static final AtomicLong INSTANCES = new AtomicLong();

        private List<String> gatewayEndpoints = new ArrayList<>();
        private int requestStreamId = 1001;
        private int responseStreamId = 1002;
        private String credential = "warden";
        private String user = "";
        private char[] password;
        private String token = "";
        private String clientName = "warden-client";
        private long sessionTtlMs = 10_000;
        private long requestTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private long connectTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private long connectAttemptTimeoutNs = TimeUnit.SECONDS.toNanos(2);
        private long reconnectBackoffInitialNs = TimeUnit.MILLISECONDS.toNanos(100);
        private long reconnectBackoffMaxNs = TimeUnit.SECONDS.toNanos(5);
        private long closeTimeoutNs = TimeUnit.SECONDS.toNanos(2);
        private long safeTimeMarginNs = -1;
        private String responseHost;
        private int publicationTermLength = 1024 * 1024;
        private String aeronDirectoryName;
        private boolean embeddedDriver;
        private IdleStrategy idleStrategy;
        private boolean useAgentInvoker;
        private Executor callbackExecutor;
        private ConnectionStateListener connectionStateListener;
        private ErrorHandler errorHandler;
        private int commandQueueCapacity = 64 * 1024;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private Random random;
        private Random secretRandom;
        private Function<Context, ClientTransport> transportFactory = AeronTransport::new;
        private boolean concluded;

        /**
         * Check the settings and fill in defaults: the embedded media driver's directory when none is given, the
         * safety margin of the safe time (a tenth of the TTL), the idle strategy (backoff).
         * <pre>{@code ctx.conclude(); }</pre>
         *
         * @return this.
         * @throws IllegalArgumentException for an invalid setting.
         * @throws IllegalStateException    when already concluded.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            if (gatewayEndpoints.isEmpty())
            {
                throw new IllegalArgumentException("no gateway endpoints");
            }
            for (final String endpoint : gatewayEndpoints)
            {
                parseEndpoint(endpoint);
            }
            final byte[] name = clientName.getBytes(StandardCharsets.UTF_8);
            if (name.length > WardenLimits.MAX_CLIENT_NAME_LENGTH)
            {
                throw new IllegalArgumentException("client name longer than " + WardenLimits.MAX_CLIENT_NAME_LENGTH +
                    " bytes");
            }
            if (!user.isEmpty() && password == null && token.isEmpty())
            {
                throw new IllegalArgumentException("user " + user + " needs a password or a token");
            }
            if (user.getBytes(StandardCharsets.UTF_8).length > WardenLimits.MAX_AUTH_NAME_LENGTH ||
                token.length() > WardenLimits.MAX_TOKEN_LENGTH)
            {
                throw new IllegalArgumentException("user names are at most " + WardenLimits.MAX_AUTH_NAME_LENGTH +
                    " bytes and tokens at most " + WardenLimits.MAX_TOKEN_LENGTH);
            }
            if (sessionTtlMs < WardenLimits.MIN_SESSION_TTL_MS || sessionTtlMs > WardenLimits.MAX_SESSION_TTL_MS)
            {
                throw new IllegalArgumentException("sessionTtlMs must be " + WardenLimits.MIN_SESSION_TTL_MS + ".." +
                    WardenLimits.MAX_SESSION_TTL_MS + ": " + sessionTtlMs);
            }
            if (requestTimeoutNs <= 0 || connectTimeoutNs <= 0 || connectAttemptTimeoutNs <= 0 || closeTimeoutNs < 0)
            {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (reconnectBackoffInitialNs <= 0 || reconnectBackoffMaxNs < reconnectBackoffInitialNs)
            {
                throw new IllegalArgumentException("need 0 < reconnectBackoffInitialNs <= reconnectBackoffMaxNs");
            }
            if (Integer.bitCount(publicationTermLength) != 1 || publicationTermLength < 64 * 1024)
            {
                throw new IllegalArgumentException("publicationTermLength must be a power of two >= 64k: " +
                    publicationTermLength);
            }
            if (Integer.bitCount(commandQueueCapacity) != 1)
            {
                throw new IllegalArgumentException("commandQueueCapacity must be a power of two");
            }
            if (requestStreamId == responseStreamId)
            {
                throw new IllegalArgumentException("request and response stream ids must differ");
            }
            if (safeTimeMarginNs < 0)
            {
                safeTimeMarginNs = TimeUnit.MILLISECONDS.toNanos(sessionTtlMs) / 10;
            }
            if (aeronDirectoryName == null)
            {
                embeddedDriver = true;
                aeronDirectoryName = defaultAeronDirectoryName();
            }
            if (idleStrategy == null)
            {
                idleStrategy = IdleStrategies.backoff();
            }
            if (errorHandler == null)
            {
                errorHandler = Throwable::printStackTrace;
            }
            if (random == null)
            {
                random = new Random(ThreadLocalRandom.current().nextLong() ^ System.nanoTime());
            }
            if (secretRandom == null)
            {
                secretRandom = new SecureRandom();
            }
            concluded = true;
            return this;
        }

        private static String defaultAeronDirectoryName()
        {
            final File shm = new File("/dev/shm");
            final String base = shm.isDirectory() && shm.canWrite() ? shm.getPath() :
                System.getProperty("java.io.tmpdir");
            return new File(base, "warden-client-" + ProcessHandle.current().pid() + "-" +
                INSTANCES.incrementAndGet() + "-" + Long.toHexString(ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL))
                .getAbsolutePath();
        }

        static String[] parseEndpoint(final String endpoint)
        {
            final int colon = endpoint == null ? -1 : endpoint.lastIndexOf(':');
            if (colon <= 0 || colon == endpoint.length() - 1)
            {
                throw new IllegalArgumentException("endpoint must be host:port: " + endpoint);
            }
            final int port;
            try
            {
                port = Integer.parseInt(endpoint.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("endpoint must be host:port: " + endpoint, ex);
            }
            if (port <= 0 || port > 65535)
            {
                throw new IllegalArgumentException("port out of range: " + endpoint);
            }
            return new String[]{ endpoint.substring(0, colon), endpoint.substring(colon + 1) };
        }

        /**
         * Gateway request endpoints as a comma-separated list of {@code host:port}, tried in this order.
         * <pre>{@code ctx.gatewayEndpoints("10.0.0.1:7000,10.0.0.2:7000"); }</pre>
         *
         * @param endpoints the endpoints.
         * @return this.
         */
        public Context gatewayEndpoints(final String endpoints)
        {
            final List<String> list = new ArrayList<>();
            for (final String endpoint : endpoints.split(","))
            {
                if (!endpoint.isBlank())
                {
                    list.add(endpoint.trim());
                }
            }
            this.gatewayEndpoints = list;
            return this;
        }

        /**
         * Gateway request endpoints ({@code host:port}), tried in this order.
         * <pre>{@code ctx.gatewayEndpoints(List.of("10.0.0.1:7000", "10.0.0.2:7000")); }</pre>
         *
         * @param endpoints the endpoints.
         * @return this.
         */
        public Context gatewayEndpoints(final List<String> endpoints)
        {
            this.gatewayEndpoints = new ArrayList<>(endpoints);
            return this;
        }

        /**
         * The gateway endpoints as a comma-separated list.
         * <pre>{@code String endpoints = ctx.gatewayEndpoints(); }</pre>
         *
         * @return the endpoints.
         */
        public String gatewayEndpoints()
        {
            return String.join(",", gatewayEndpoints);
        }

        String[] gatewayEndpointArray()
        {
            return gatewayEndpoints.toArray(new String[0]);
        }

        /**
         * Stream id of the gateways' request channel (default 1001).
         * <pre>{@code ctx.requestStreamId(1001); }</pre>
         *
         * @param requestStreamId the stream id.
         * @return this.
         */
        public Context requestStreamId(final int requestStreamId)
        {
            this.requestStreamId = requestStreamId;
            return this;
        }

        /**
         * Stream id of the gateways' request channel.
         * <pre>{@code int id = ctx.requestStreamId(); }</pre>
         *
         * @return the stream id.
         */
        public int requestStreamId()
        {
            return requestStreamId;
        }

        /**
         * Stream id of this client's response subscription, named in {@code Connect} (default 1002).
         * <pre>{@code ctx.responseStreamId(1002); }</pre>
         *
         * @param responseStreamId the stream id.
         * @return this.
         */
        public Context responseStreamId(final int responseStreamId)
        {
            this.responseStreamId = responseStreamId;
            return this;
        }

        /**
         * Stream id of this client's response subscription.
         * <pre>{@code int id = ctx.responseStreamId(); }</pre>
         *
         * @return the stream id.
         */
        public int responseStreamId()
        {
            return responseStreamId;
        }

        /**
         * The shared token the gateways are configured with (default "warden").
         * <pre>{@code ctx.credential(System.getenv("WARDEN_CREDENTIAL")); }</pre>
         *
         * @param credential the token.
         * @return this.
         */
        public Context credential(final String credential)
        {
            this.credential = credential == null ? "" : credential;
            return this;
        }

        /**
         * The credential.
         * <pre>{@code String credential = ctx.credential(); }</pre>
         *
         * @return the token.
         */
        public String credential()
        {
            return credential;
        }

        /**
         * Log in as this user with {@link #password(char[])}: the gateway challenges and the client answers with a
         * SCRAM-SHA-256 proof, so the password never leaves this process. Once the cell's authentication is on, every
         * request acts for this user and needs its permissions. Empty (the default) for no login.
         * <pre>{@code ctx.user("billing").password(System.getenv("WARDEN_PASSWORD").toCharArray()); }</pre>
         *
         * @param user the user name.
         * @return this.
         */
        public Context user(final String user)
        {
            this.user = user == null ? "" : user;
            return this;
        }

        /**
         * The user to log in as, or empty.
         * <pre>{@code String user = ctx.user(); }</pre>
         *
         * @return the user name.
         */
        public String user()
        {
            return user;
        }

        /**
         * The password of {@link #user(String)}; kept as characters so it can be cleared, and never sent.
         * <pre>{@code ctx.password(console.readPassword()); }</pre>
         *
         * @param password the password.
         * @return this.
         */
        public Context password(final char[] password)
        {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /**
         * The password, or null.
         * <pre>{@code char[] password = ctx.password(); }</pre>
         *
         * @return the password.
         */
        public char[] password()
        {
            return password;
        }

        /**
         * Log in with a token an earlier login at the same gateway issued ({@link WardenClient#loginToken()}), instead
         * of a password. A client that logged in with a password uses its token on its own when it reconnects.
         * <pre>{@code ctx.token(savedToken); }</pre>
         *
         * @param token the token.
         * @return this.
         */
        public Context token(final String token)
        {
            this.token = token == null ? "" : token;
            return this;
        }

        /**
         * The token to log in with, or empty.
         * <pre>{@code String token = ctx.token(); }</pre>
         *
         * @return the token.
         */
        public String token()
        {
            return token;
        }

        /**
         * A name for this client, shown by tools (at most {@link WardenLimits#MAX_CLIENT_NAME_LENGTH} bytes).
         * <pre>{@code ctx.clientName("billing-7"); }</pre>
         *
         * @param clientName the name.
         * @return this.
         */
        public Context clientName(final String clientName)
        {
            this.clientName = clientName;
            return this;
        }

        /**
         * The client name.
         * <pre>{@code String name = ctx.clientName(); }</pre>
         *
         * @return the name.
         */
        public String clientName()
        {
            return clientName;
        }

        /**
         * Session time-to-live: how long the session survives without a renewal reaching the cluster (default 10 s).
         * <pre>{@code ctx.sessionTtlMs(15_000); }</pre>
         *
         * @param sessionTtlMs the TTL in milliseconds.
         * @return this.
         */
        public Context sessionTtlMs(final long sessionTtlMs)
        {
            this.sessionTtlMs = sessionTtlMs;
            return this;
        }

        /**
         * The session TTL.
         * <pre>{@code long ttlMs = ctx.sessionTtlMs(); }</pre>
         *
         * @return milliseconds.
         */
        public long sessionTtlMs()
        {
            return sessionTtlMs;
        }

        /**
         * How long a request may wait for its answer before its future fails with {@code TIMED_OUT} (default 10 s;
         * keep it above a cluster failover).
         * <pre>{@code ctx.requestTimeoutNs(TimeUnit.SECONDS.toNanos(5)); }</pre>
         *
         * @param requestTimeoutNs nanoseconds.
         * @return this.
         */
        public Context requestTimeoutNs(final long requestTimeoutNs)
        {
            this.requestTimeoutNs = requestTimeoutNs;
            return this;
        }

        /**
         * The request timeout.
         * <pre>{@code long ns = ctx.requestTimeoutNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long requestTimeoutNs()
        {
            return requestTimeoutNs;
        }

        /**
         * How long {@link WardenClient#connect} waits for a session (default 10 s).
         * <pre>{@code ctx.connectTimeoutNs(TimeUnit.SECONDS.toNanos(30)); }</pre>
         *
         * @param connectTimeoutNs nanoseconds.
         * @return this.
         */
        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        /**
         * The connect timeout.
         * <pre>{@code long ns = ctx.connectTimeoutNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long connectTimeoutNs()
        {
            return connectTimeoutNs;
        }

        /**
         * How long one attempt on one endpoint may take (publication connected and {@code ConnectResponse})
         * before the next endpoint is tried (default 2 s).
         * <pre>{@code ctx.connectAttemptTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500)); }</pre>
         *
         * @param connectAttemptTimeoutNs nanoseconds.
         * @return this.
         */
        public Context connectAttemptTimeoutNs(final long connectAttemptTimeoutNs)
        {
            this.connectAttemptTimeoutNs = connectAttemptTimeoutNs;
            return this;
        }

        /**
         * The per-attempt timeout.
         * <pre>{@code long ns = ctx.connectAttemptTimeoutNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long connectAttemptTimeoutNs()
        {
            return connectAttemptTimeoutNs;
        }

        /**
         * Backoff between connection attempts: attempt {@code k} waits a random delay in {@code [cap/2, cap]} with
         * {@code cap = min(max, initial * 2^k)} (defaults 100 ms and 5 s).
         * <pre>{@code ctx.reconnectBackoffNs(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(2)); }</pre>
         *
         * @param initialNs the first cap.
         * @param maxNs     the largest cap.
         * @return this.
         */
        public Context reconnectBackoffNs(final long initialNs, final long maxNs)
        {
            this.reconnectBackoffInitialNs = initialNs;
            this.reconnectBackoffMaxNs = maxNs;
            return this;
        }

        /**
         * The first backoff cap.
         * <pre>{@code long ns = ctx.reconnectBackoffInitialNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long reconnectBackoffInitialNs()
        {
            return reconnectBackoffInitialNs;
        }

        /**
         * The largest backoff cap.
         * <pre>{@code long ns = ctx.reconnectBackoffMaxNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long reconnectBackoffMaxNs()
        {
            return reconnectBackoffMaxNs;
        }

        /**
         * How long {@link WardenClient#close()} waits for the session to be closed at the cluster (default 2 s).
         * <pre>{@code ctx.closeTimeoutNs(TimeUnit.SECONDS.toNanos(1)); }</pre>
         *
         * @param closeTimeoutNs nanoseconds.
         * @return this.
         */
        public Context closeTimeoutNs(final long closeTimeoutNs)
        {
            this.closeTimeoutNs = closeTimeoutNs;
            return this;
        }

        /**
         * The close timeout.
         * <pre>{@code long ns = ctx.closeTimeoutNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long closeTimeoutNs()
        {
            return closeTimeoutNs;
        }

        /**
         * Subtracted from every safe-time bound (clock rate differences between client, gateway and cluster,
         * scheduling); default a tenth of the session TTL.
         * <pre>{@code ctx.safeTimeMarginNs(TimeUnit.MILLISECONDS.toNanos(500)); }</pre>
         *
         * @param safeTimeMarginNs nanoseconds, or -1 for the default.
         * @return this.
         */
        public Context safeTimeMarginNs(final long safeTimeMarginNs)
        {
            this.safeTimeMarginNs = safeTimeMarginNs;
            return this;
        }

        /**
         * The safe-time margin.
         * <pre>{@code long ns = ctx.safeTimeMarginNs(); }</pre>
         *
         * @return nanoseconds.
         */
        public long safeTimeMarginNs()
        {
            return safeTimeMarginNs;
        }

        /**
         * The address gateways should answer to: this host's address as the gateways can reach it. By default the
         * local address this host would send from to the first gateway (127.0.0.1 for a gateway on loopback), so a
         * client on another host needs no setting. The port is chosen by the system.
         * <pre>{@code ctx.responseHost("10.0.0.9"); }</pre>
         *
         * @param responseHost a host name or address.
         * @return this.
         */
        public Context responseHost(final String responseHost)
        {
            this.responseHost = responseHost;
            return this;
        }

        /**
         * The response host.
         * <pre>{@code String host = ctx.responseHost(); }</pre>
         *
         * @return the host.
         */
        public String responseHost()
        {
            if (null == responseHost)
            {
                responseHost = gatewayEndpoints.isEmpty() ? "127.0.0.1" : LocalAddress.towards(gatewayEndpoints.get(0));
            }
            return responseHost;
        }

        /**
         * Term length of the publication to the gateway: its eighth bounds the largest request (default 1 MiB, so a
         * 64 KiB value fits).
         * <pre>{@code ctx.publicationTermLength(16 * 1024 * 1024); }</pre>
         *
         * @param publicationTermLength bytes, a power of two.
         * @return this.
         */
        public Context publicationTermLength(final int publicationTermLength)
        {
            this.publicationTermLength = publicationTermLength;
            return this;
        }

        /**
         * The publication term length.
         * <pre>{@code int bytes = ctx.publicationTermLength(); }</pre>
         *
         * @return bytes.
         */
        public int publicationTermLength()
        {
            return publicationTermLength;
        }

        /**
         * Use a media driver that already runs in this directory instead of an embedded one (several clients in one
         * process can share a driver).
         * <pre>{@code ctx.aeronDirectoryName("/dev/shm/aeron-app"); }</pre>
         *
         * @param aeronDirectoryName the driver's directory.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * The media driver directory (the embedded driver's after {@link #conclude()}).
         * <pre>{@code String dir = ctx.aeronDirectoryName(); }</pre>
         *
         * @return the directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Does the client run its own media driver (no {@link #aeronDirectoryName(String)} was given)?
         * <pre>{@code boolean own = ctx.embeddedDriver(); }</pre>
         *
         * @return true for an embedded driver.
         */
        public boolean embeddedDriver()
        {
            return embeddedDriver;
        }

        /**
         * Idle strategy of the agent thread (default {@link IdleStrategies#backoff()}: parks of 1 µs to 100 µs; never
         * busy-spin on a small machine). In invoker mode it is used by the blocking conveniences.
         * <pre>{@code ctx.idleStrategy(new SleepingMillisIdleStrategy(1)); }</pre>
         *
         * @param idleStrategy the strategy.
         * @return this.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * The idle strategy.
         * <pre>{@code IdleStrategy idle = ctx.idleStrategy(); }</pre>
         *
         * @return the strategy.
         */
        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * Invoker mode: no threads at all (like Aeron's {@code useConductorAgentInvoker}). The caller runs
         * {@link WardenClient#doWork()}; an embedded driver runs in INVOKER mode inside it; callbacks run inside it
         * unless a {@link #callbackExecutor(Executor)} is given; blocking conveniences drive it while they wait.
         * <pre>{@code
         * WardenClient client = WardenClient.connect(ctx.useAgentInvoker(true));
         * while (running) { idle.idle(client.doWork()); }
         * }</pre>
         *
         * @param useAgentInvoker true for invoker mode.
         * @return this.
         */
        public Context useAgentInvoker(final boolean useAgentInvoker)
        {
            this.useAgentInvoker = useAgentInvoker;
            return this;
        }

        /**
         * Is invoker mode on?
         * <pre>{@code boolean invoker = ctx.useAgentInvoker(); }</pre>
         *
         * @return true in invoker mode.
         */
        public boolean useAgentInvoker()
        {
            return useAgentInvoker;
        }

        /**
         * Where futures complete and listeners run. Default: one callback thread owned by the client (in invoker
         * mode: inside {@link WardenClient#doWork()}). {@code Runnable::run} runs them on the agent thread: lowest
         * latency, but a callback that blocks then stalls the whole client. Must run tasks in submission order.
         * <pre>{@code ctx.callbackExecutor(Executors.newSingleThreadExecutor()); }</pre>
         *
         * @param callbackExecutor an executor that keeps order.
         * @return this.
         */
        public Context callbackExecutor(final Executor callbackExecutor)
        {
            this.callbackExecutor = callbackExecutor;
            return this;
        }

        /**
         * The callback executor given, or null for the default.
         * <pre>{@code Executor executor = ctx.callbackExecutor(); }</pre>
         *
         * @return the executor or null.
         */
        public Executor callbackExecutor()
        {
            return callbackExecutor;
        }

        /**
         * A listener told about every {@link ConnectionState} change, from the first {@code CONNECTED} on.
         * <pre>{@code ctx.connectionStateListener((client, state) -> log.info("warden {}", state)); }</pre>
         *
         * @param listener the listener.
         * @return this.
         */
        public Context connectionStateListener(final ConnectionStateListener listener)
        {
            this.connectionStateListener = listener;
            return this;
        }

        /**
         * The connection state listener, or null.
         * <pre>{@code ConnectionStateListener listener = ctx.connectionStateListener(); }</pre>
         *
         * @return the listener.
         */
        public ConnectionStateListener connectionStateListener()
        {
            return connectionStateListener;
        }

        /**
         * Where errors of the agent, Aeron and callbacks go (default: printed).
         * <pre>{@code ctx.errorHandler(ex -> log.warn("warden client", ex)); }</pre>
         *
         * @param errorHandler the handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * The error handler.
         * <pre>{@code ErrorHandler handler = ctx.errorHandler(); }</pre>
         *
         * @return the handler.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Capacity of the queue from user threads to the agent (a power of two, default 65536): beyond it requests
         * fail at once with {@code LIMIT_EXCEEDED}.
         * <pre>{@code ctx.commandQueueCapacity(1 << 20); }</pre>
         *
         * @param capacity the capacity.
         * @return this.
         */
        public Context commandQueueCapacity(final int capacity)
        {
            this.commandQueueCapacity = capacity;
            return this;
        }

        /**
         * The command queue capacity.
         * <pre>{@code int capacity = ctx.commandQueueCapacity(); }</pre>
         *
         * @return the capacity.
         */
        public int commandQueueCapacity()
        {
            return commandQueueCapacity;
        }

        Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        NanoClock nanoClock()
        {
            return nanoClock;
        }

        Context random(final Random random)
        {
            this.random = random;
            return this;
        }

        Random random()
        {
            return random;
        }

        Context secretRandom(final Random secretRandom)
        {
            this.secretRandom = secretRandom;
            return this;
        }

        Random secretRandom()
        {
            return secretRandom;
        }

        Context transportFactory(final Function<Context, ClientTransport> transportFactory)
        {
            this.transportFactory = transportFactory;
            return this;
        }

        Function<Context, ClientTransport> transportFactory()
        {
            return transportFactory;
        }

        @Override
        public String toString()
        {
            return "WardenClient.Context{gateways=" + gatewayEndpoints + ", requestStreamId=" + requestStreamId +
                ", responseStreamId=" + responseStreamId + ", clientName=" + clientName + ", sessionTtlMs=" +
                sessionTtlMs + ", requestTimeoutMs=" + TimeUnit.NANOSECONDS.toMillis(requestTimeoutNs) +
                ", responseHost=" + responseHost + ", aeronDir=" + aeronDirectoryName + ", invoker=" +
                useAgentInvoker + '}';
        }
    }
}
