package io.warden.bench.targets.warden;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.WatchCallback;
import io.warden.client.KeyValue;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Warden client of the load rig: one {@link WardenClient} (one gateway connection and one session of the client's
 * TTL) per client, with its agent thread; callbacks run on the agent thread (the rig's callbacks are short). Locks
 * are {@link WardenLock}s (one per lock name), linearizable reads are {@link WardenClient#get}, watches are
 * {@link WardenClient#watch} from now. Warden has no cached read in its client yet.
 */
public final class WardenBenchClient implements BenchClient
{
    /** Request timeout of the client. */
    public static final long REQUEST_TIMEOUT_MS = 30_000;

    private final WardenClient client;
    private final Map<String, WardenLock> lockByName = new ConcurrentHashMap<>();

    /**
     * Connect.
     *
     * @param gatewayEndpoint    {@code host:port} of the gateway.
     * @param credential         the gateway's credential.
     * @param aeronDirectoryName a running media driver to share, or null for the client's own embedded driver.
     * @param options            name and session TTL.
     */
    public WardenBenchClient(
        final String gatewayEndpoint,
        final String credential,
        final String aeronDirectoryName,
        final ClientOptions options)
    {
        this(gatewayEndpoint, credential, "", null, aeronDirectoryName, options);
    }

    /**
     * Connect and log in.
     *
     * @param gatewayEndpoint    {@code host:port} of the gateway.
     * @param credential         the gateway's credential.
     * @param user               user to log in as, or empty for none.
     * @param password           its password (null for none).
     * @param aeronDirectoryName a running media driver to share, or null for the client's own embedded driver.
     * @param options            name and session TTL.
     */
    public WardenBenchClient(
        final String gatewayEndpoint,
        final String credential,
        final String user,
        final char[] password,
        final String aeronDirectoryName,
        final ClientOptions options)
    {
        final WardenClient.Context context = new WardenClient.Context()
            .user(user)
            .password(password)
            .gatewayEndpoints(gatewayEndpoint)
            .credential(credential)
            .clientName(options.name())
            .sessionTtlMs(options.sessionTtlMs())
            .requestTimeoutNs(TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MS))
            .connectTimeoutNs(TimeUnit.SECONDS.toNanos(30))
            .callbackExecutor(Runnable::run);
        if (null != aeronDirectoryName)
        {
            context.aeronDirectoryName(aeronDirectoryName);
        }
        client = WardenClient.connect(context);
    }

    /**
     * {@inheritDoc}
     */
    public long acquire(final String lockName, final long waitTimeoutMs) throws Exception
    {
        final WardenLock lock = lockByName.computeIfAbsent(lockName, name -> new WardenLock(client, name));
        if (!lock.tryAcquire(waitTimeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new TimeoutException("lock " + lockName + " not granted within " + waitTimeoutMs + " ms");
        }
        return lock.fencingToken();
    }

    /**
     * {@inheritDoc}
     */
    public void release(final String lockName, final long token)
    {
        final WardenLock lock = lockByName.get(lockName);
        if (null == lock || !lock.release())
        {
            throw new IllegalStateException("lock " + lockName + " (token " + token + ") was not held");
        }
    }

    /**
     * {@inheritDoc}
     */
    public void put(final String key, final byte[] value)
    {
        client.await(client.put(key, value));
    }

    /**
     * {@inheritDoc}
     */
    public byte[] get(final String key)
    {
        final KeyValue keyValue = client.await(client.get(key));
        return null == keyValue ? null : keyValue.value();
    }

    /**
     * Not supported: the Warden client has no cached read yet.
     * <p>
     * {@inheritDoc}
     */
    public byte[] getCached(final String key)
    {
        throw new UnsupportedOperationException("the Warden client has no cached read");
    }

    /**
     * {@inheritDoc}
     */
    public AutoCloseable watch(final String key, final WatchCallback callback)
    {
        // Not awaited: registrations are pipelined, as jetcd's and ZooKeeper's are; the watch-fanout workload's
        // barrier value proves every watch registered, and a watch that failed to register never sees it.
        return client.watch(key, 0, event -> callback.onValue(key, event.value()));
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        client.close();
    }
}
