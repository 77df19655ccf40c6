package io.warden.bench.targets.zookeeper;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.targets.WatchCallback;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A ZooKeeper client of the load rig: one Curator framework (one ZooKeeper connection and session, session timeout
 * = the TTL) per client. Locks are Curator's {@link InterProcessMutex} (ephemeral sequential nodes under
 * {@code /bench-locks/<name>}; the fencing token is the lock node's sequence number). Reads, writes and watches use
 * the raw {@link ZooKeeper} handle: a linearizable read is {@code sync} then {@code getData}; the cached read is a
 * plain {@code getData} served by the connected member. A watch is one persistent watch ({@link AddWatchMode#PERSISTENT})
 * per key and connection; each change notification is followed by one {@code getData} whose value goes to every
 * callback of that key on this connection (as Curator's caches do).
 */
public final class ZooKeeperBenchClient implements BenchClient
{
    /** Parent of every lock node. */
    public static final String LOCK_ROOT = "/bench-locks/";
    /** How long connecting may take. */
    public static final long CONNECT_TIMEOUT_MS = 30_000;
    /** How long a sync may take. */
    public static final long SYNC_TIMEOUT_MS = 30_000;

    private final CuratorFramework curator;
    private final Map<String, TokenMutex> mutexByName = new ConcurrentHashMap<>();
    private final Map<String, List<WatchCallback>> callbacksByKey = new ConcurrentHashMap<>();

    /**
     * An {@link InterProcessMutex} that tells the path of the lock node it holds.
     */
    static final class TokenMutex extends InterProcessMutex
    {
        TokenMutex(final CuratorFramework client, final String path)
        {
            super(client, path);
        }

        String lockNodePath()
        {
            return getLockPath();
        }
    }

    /**
     * Connect.
     *
     * @param connectString {@code host:port,...}.
     * @param options       name and session timeout.
     * @throws Exception if it does not connect in time.
     */
    public ZooKeeperBenchClient(final String connectString, final ClientOptions options) throws Exception
    {
        curator = CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int)options.sessionTtlMs())
            .connectionTimeoutMs((int)Math.min(CONNECT_TIMEOUT_MS, options.sessionTtlMs()))
            .retryPolicy(new ExponentialBackoffRetry(50, 8, 1_000))
            .build();
        curator.start();
        if (!curator.blockUntilConnected((int)CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            curator.close();
            throw new TimeoutException("ZooKeeper client " + options.name() + " did not connect to " + connectString);
        }
    }

    private ZooKeeper zk() throws Exception
    {
        return curator.getZookeeperClient().getZooKeeper();
    }

    /**
     * The sequence number at the end of a lock node's name, the fencing token.
     *
     * @param lockNodePath e.g. {@code /bench-locks/x/_c_...-lock-0000000012}.
     * @return the number.
     */
    static long tokenOf(final String lockNodePath)
    {
        int start = lockNodePath.length();
        while (start > 0 && Character.isDigit(lockNodePath.charAt(start - 1)))
        {
            start--;
        }
        return Long.parseLong(lockNodePath.substring(start));
    }

    /**
     * {@inheritDoc}
     */
    public long acquire(final String lockName, final long waitTimeoutMs) throws Exception
    {
        final TokenMutex mutex = mutexByName.computeIfAbsent(lockName, name -> new TokenMutex(curator, LOCK_ROOT + name));
        if (!mutex.acquire(waitTimeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new TimeoutException("lock " + lockName + " not granted within " + waitTimeoutMs + " ms");
        }
        return tokenOf(mutex.lockNodePath());
    }

    /**
     * {@inheritDoc}
     */
    public void release(final String lockName, final long token) throws Exception
    {
        final TokenMutex mutex = mutexByName.get(lockName);
        if (null == mutex)
        {
            throw new IllegalStateException("lock " + lockName + " was never acquired by this client");
        }
        mutex.release();
    }

    /**
     * {@inheritDoc}
     */
    public void put(final String key, final byte[] value) throws Exception
    {
        try
        {
            zk().setData(key, value, -1);
        }
        catch (final KeeperException.NoNodeException ex)
        {
            curator.create().orSetData().creatingParentsIfNeeded().forPath(key, value);
        }
    }

    /**
     * {@inheritDoc}
     */
    public byte[] get(final String key) throws Exception
    {
        final ZooKeeper zk = zk();
        final CompletableFuture<Integer> synced = new CompletableFuture<>();
        zk.sync(key, (rc, path, context) -> synced.complete(rc), null);
        final int rc = synced.get(SYNC_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (KeeperException.Code.OK.intValue() != rc && KeeperException.Code.NONODE.intValue() != rc)
        {
            throw KeeperException.create(KeeperException.Code.get(rc), key);
        }
        return read(zk, key);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] getCached(final String key) throws Exception
    {
        return read(zk(), key);
    }

    private static byte[] read(final ZooKeeper zk, final String key) throws Exception
    {
        try
        {
            return zk.getData(key, false, null);
        }
        catch (final KeeperException.NoNodeException ex)
        {
            return null;
        }
    }

    /**
     * {@inheritDoc}
     */
    public AutoCloseable watch(final String key, final WatchCallback callback) throws Exception
    {
        final List<WatchCallback> callbacks = callbacksByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        final boolean isFirst;
        synchronized (callbacks)
        {
            isFirst = callbacks.isEmpty();
            callbacks.add(callback);
        }
        if (isFirst)
        {
            final ZooKeeper zk = zk();
            zk.addWatch(key, (WatchedEvent event) ->
            {
                if (event.getType() == Watcher.Event.EventType.NodeDataChanged ||
                    event.getType() == Watcher.Event.EventType.NodeCreated)
                {
                    zk.getData(key, false, (rc, path, context, data, stat) ->
                    {
                        if (KeeperException.Code.OK.intValue() == rc)
                        {
                            for (final WatchCallback each : callbacks)
                            {
                                each.onValue(key, data);
                            }
                        }
                    }, null);
                }
            }, AddWatchMode.PERSISTENT);
        }
        return () -> callbacks.remove(callback);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        curator.close();
    }
}
