package io.warden.bench.chaos.workload;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.aeron.security.CredentialsSupplier;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster client that bypasses the gateway: an {@link AeronCluster} session of its own, so that bad frames reach
 * the nodes' {@code CommandAdapter} as they are (the node's checks are the authoritative ones; the gateway's are
 * only the first line) and the answers come back on its egress. Runs on an existing media driver (the harness's).
 * Not thread-safe: one scenario thread uses it.
 */
public final class RawClusterClient implements AutoCloseable, EgressListener
{
    private static final long KEEPALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final AeronCluster cluster;
    private final List<RawFrameClient.Answer> answers = new ArrayList<>();
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private long lastKeepAliveNs = System.nanoTime();

    /**
     * Connect to the cluster.
     *
     * @param aeronDir         the media driver's directory.
     * @param ingressEndpoints the members' ingress endpoints ({@code 0=host:port,1=...}).
     * @param egressHost       the address answers come to.
     * @param credentials      what it proves at connect (a gateway's or an operator's; none is rejected).
     */
    public RawClusterClient(
        final String aeronDir, final String ingressEndpoints, final String egressHost,
        final CredentialsSupplier credentials)
    {
        this.cluster = AeronCluster.connect(new AeronCluster.Context()
            .aeronDirectoryName(aeronDir)
            .ingressChannel("aeron:udp?term-length=1m")
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=" + egressHost + ":0")
            .egressListener(this)
            .credentialsSupplier(credentials)
            .idleStrategy(new BackoffIdleStrategy())
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10)));
    }

    /**
     * Send a frame as it is (it becomes one log entry).
     *
     * @param bytes the frame.
     */
    public void send(final byte[] bytes)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cluster.offer(buffer, 0, bytes.length) <= 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the cluster does not take frames");
            }
            idle.idle(poll());
        }
    }

    /**
     * Wait for the answer to a correlation id (removed from the received answers).
     *
     * @param correlationId the id (0 for frames too short to carry one).
     * @param timeoutMs     how long.
     * @return the answer, or null when none came.
     */
    public RawFrameClient.Answer await(final long correlationId, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final RawFrameClient.Answer answer = RawFrameClient.take(answers, correlationId);
            if (null != answer)
            {
                return answer;
            }
            idle.idle(poll());
        }
        return null;
    }

    /**
     * Close the cluster session.
     */
    public void close()
    {
        CloseHelper.quietClose(cluster);
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
        RawFrameClient.readAnswers(buffer, offset, length, answers);
    }

    private int poll()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastKeepAliveNs > KEEPALIVE_INTERVAL_NS)
        {
            lastKeepAliveNs = nowNs;
            cluster.sendKeepAlive();
        }
        return cluster.pollEgress();
    }
}
