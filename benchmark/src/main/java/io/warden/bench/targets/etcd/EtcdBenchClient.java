package io.warden.bench.targets.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.lock.LockResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.stub.StreamObserver;
import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.WatchCallback;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An etcd client of the load rig: one jetcd {@link Client} (one gRPC connection) per client, and one lease of the
 * client's TTL (rounded up to whole seconds, etcd's unit) kept alive by jetcd's keep-alive stream. Locks use etcd's
 * Lock service with that lease; the fencing token is the revision of the grant. Reads are the default linearizable
 * range, and serializable ranges (served by the connected member) as the cached read. Watches are jetcd watches, one
 * per watcher, multiplexed on the client's connection.
 */
public final class EtcdBenchClient implements BenchClient
{
    /** How long any single request may take. */
    public static final long REQUEST_TIMEOUT_MS = 30_000;

    private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

    private final Client client;
    private final long ttlSeconds;
    private final Map<String, ByteSequence> lockKeyByName = new ConcurrentHashMap<>();
    private volatile long leaseId;
    private volatile CloseableClient keepAlive;

    /**
     * Connect.
     *
     * @param endpoints client URLs.
     * @param options   name and lease TTL.
     * @throws Exception if the first request fails.
     */
    public EtcdBenchClient(final List<String> endpoints, final ClientOptions options) throws Exception
    {
        client = Client.builder()
            .endpoints(endpoints.toArray(new String[0]))
            .connectTimeout(java.time.Duration.ofSeconds(10))
            .build();
        ttlSeconds = Math.max(1, (options.sessionTtlMs() + 999) / 1000);
        try
        {
            client.getKVClient().get(bytes("/bench-connect-check"), SERIALIZABLE)
                .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            client.close();
            throw ex;
        }
    }

    private static ByteSequence bytes(final String text)
    {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private long lease() throws Exception
    {
        long id = leaseId;
        if (0 == id)
        {
            synchronized (this)
            {
                id = leaseId;
                if (0 == id)
                {
                    id = client.getLeaseClient().grant(ttlSeconds).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS).getID();
                    keepAlive = client.getLeaseClient().keepAlive(id, new StreamObserver<>()
                    {
                        public void onNext(final LeaseKeepAliveResponse response)
                        {
                        }

                        public void onError(final Throwable throwable)
                        {
                        }

                        public void onCompleted()
                        {
                        }
                    });
                    leaseId = id;
                }
            }
        }
        return id;
    }

    /**
     * {@inheritDoc}
     */
    public long acquire(final String lockName, final long waitTimeoutMs) throws Exception
    {
        final long lease = lease();
        final LockResponse response;
        try
        {
            response = client.getLockClient().lock(bytes(lockName), lease).get(waitTimeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new TimeoutException("lock " + lockName + " not granted within " + waitTimeoutMs + " ms");
        }
        lockKeyByName.put(lockName, response.getKey());
        return response.getHeader().getRevision();
    }

    /**
     * {@inheritDoc}
     */
    public void release(final String lockName, final long token) throws Exception
    {
        final ByteSequence lockKey = lockKeyByName.remove(lockName);
        if (null == lockKey)
        {
            throw new IllegalStateException("lock " + lockName + " is not held by this client");
        }
        client.getLockClient().unlock(lockKey).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * {@inheritDoc}
     */
    public void put(final String key, final byte[] value) throws Exception
    {
        client.getKVClient().put(bytes(key), ByteSequence.from(value)).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] get(final String key) throws Exception
    {
        return valueOf(client.getKVClient().get(bytes(key)).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    /**
     * {@inheritDoc}
     */
    public byte[] getCached(final String key) throws Exception
    {
        return valueOf(client.getKVClient().get(bytes(key), SERIALIZABLE)
            .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    private static byte[] valueOf(final GetResponse response)
    {
        final List<KeyValue> kvs = response.getKvs();
        return kvs.isEmpty() ? null : kvs.get(0).getValue().getBytes();
    }

    /**
     * {@inheritDoc}
     */
    public AutoCloseable watch(final String key, final WatchCallback callback)
    {
        final Watch.Watcher watcher = client.getWatchClient().watch(bytes(key), response ->
        {
            for (final WatchEvent event : response.getEvents())
            {
                if (event.getEventType() == WatchEvent.EventType.PUT)
                {
                    callback.onValue(key, event.getKeyValue().getValue().getBytes());
                }
            }
        });
        return watcher::close;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        try
        {
            final CloseableClient stream = keepAlive;
            if (null != stream)
            {
                stream.close();
            }
            if (0 != leaseId)
            {
                client.getLeaseClient().revoke(leaseId).get(5, TimeUnit.SECONDS);
            }
        }
        catch (final Exception ignore)
        {
            // the lease runs out by itself
        }
        finally
        {
            client.close();
        }
    }
}
