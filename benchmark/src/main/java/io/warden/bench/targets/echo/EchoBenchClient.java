package io.warden.bench.targets.echo;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.WatchCallback;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@code aeron-echo} client: its own {@link AeronCluster} session (sharing the rig's one {@link Aeron} client),
 * driven on the calling thread. Every operation is one round trip of a message through the cluster's log: an
 * 8-byte correlation id plus the value (writes) or the key (reads, locks). Acquire and release are one round trip
 * each and exclude nothing; the token is a per-client counter. An unanswered request is sent again after a new
 * leader is announced (the echo is idempotent), as Warden's gateway does with its requests; a closed session is
 * replaced by a new one.
 */
public final class EchoBenchClient implements BenchClient, EgressListener
{
    /** How long a round trip may take before it fails. */
    public static final long RESPONSE_TIMEOUT_MS = 10_000;

    private final EchoTarget.Connector connector;
    private final UnsafeBuffer sendBuffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final IdleStrategy idleStrategy = new BackoffIdleStrategy(1, 10, 1_000, 100_000);
    private AeronCluster cluster;
    private long nextCorrelationId = 1;
    private long awaitedCorrelationId;
    private int sendLength;
    private byte[] answer;
    private boolean isAnswered;
    private boolean hasNewLeader;
    private long token;

    EchoBenchClient(final EchoTarget.Connector connector)
    {
        this.connector = connector;
        this.cluster = connector.connect(this);
    }

    private byte[] roundTrip(final byte[] payload) throws Exception
    {
        final long correlationId = nextCorrelationId++;
        sendBuffer.putLong(0, correlationId);
        sendBuffer.putBytes(8, payload);
        sendLength = 8 + payload.length;
        awaitedCorrelationId = correlationId;
        isAnswered = false;
        answer = null;

        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESPONSE_TIMEOUT_MS);
        send(deadlineNs);
        while (!isAnswered)
        {
            if (cluster.isClosed())
            {
                cluster = connector.connect(this);
                send(deadlineNs);
            }
            final int work = cluster.pollEgress();
            if (hasNewLeader)
            {
                hasNewLeader = false;
                send(deadlineNs);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new TimeoutException("no echo within " + RESPONSE_TIMEOUT_MS + " ms");
            }
            idleStrategy.idle(work);
        }
        return answer;
    }

    private void send(final long deadlineNs) throws TimeoutException
    {
        while (cluster.offer(sendBuffer, 0, sendLength) < 0)
        {
            if (cluster.isClosed())
            {
                cluster = connector.connect(this);
                continue;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new TimeoutException("could not send within " + RESPONSE_TIMEOUT_MS + " ms");
            }
            cluster.pollEgress();
            idleStrategy.idle();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length >= 8 && buffer.getLong(offset) == awaitedCorrelationId && !isAnswered)
        {
            answer = new byte[length - 8];
            buffer.getBytes(offset + 8, answer);
            isAnswered = true;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeader(
        final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
    {
        hasNewLeader = true;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One round trip; the token is a per-client counter (nothing is excluded).
     * <p>
     * {@inheritDoc}
     */
    public long acquire(final String lockName, final long waitTimeoutMs) throws Exception
    {
        roundTrip(bytes(lockName));
        return ++token;
    }

    /**
     * One round trip.
     * <p>
     * {@inheritDoc}
     */
    public void release(final String lockName, final long token) throws Exception
    {
        roundTrip(bytes(lockName));
    }

    /**
     * One round trip carrying the value; nothing is stored.
     * <p>
     * {@inheritDoc}
     */
    public void put(final String key, final byte[] value) throws Exception
    {
        roundTrip(value);
    }

    /**
     * One round trip carrying the key; returns the key's bytes (there is no stored value).
     * <p>
     * {@inheritDoc}
     */
    public byte[] get(final String key) throws Exception
    {
        return roundTrip(bytes(key));
    }

    /**
     * Not supported.
     * <p>
     * {@inheritDoc}
     */
    public byte[] getCached(final String key)
    {
        throw new UnsupportedOperationException("aeron-echo has no cached read");
    }

    /**
     * Not supported.
     * <p>
     * {@inheritDoc}
     */
    public AutoCloseable watch(final String key, final WatchCallback callback)
    {
        throw new UnsupportedOperationException("aeron-echo has no watches");
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (null != cluster)
        {
            cluster.close();
        }
    }
}
