package io.warden.gateway;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.logbuffer.Header;
import io.warden.schema.IdleStrategies;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The gateway's one Aeron Cluster session: connects without blocking the agent, follows leader changes, reconnects
 * when the session is lost, and hands every egress message to the listener.
 * <p>
 * A lost session is retried at once; an attempt that fails is retried after an exponential backoff (from
 * {@link GatewayConfig#clusterReconnectBackoffNs()}, doubling to {@link GatewayConfig#clusterReconnectBackoffMaxNs()},
 * each wait drawn between half and all of its step so that gateways restarted together spread out). The jitter
 * only decides when this gateway tries again; nothing replicated depends on it. While an attempt is in progress
 * {@link #poll(long)} reports work only when the attempt moves on, so the agent idles instead of spinning through
 * the attempt's timeout (with every member down, each attempt lasts the whole message timeout).
 */
final class ClusterLink implements EgressListener, AutoCloseable
{
    /**
     * What the gateway does when the link changes or a message arrives.
     */
    interface Listener
    {
        void onClusterMessage(DirectBuffer buffer, int offset, int length);

        /**
         * Connected (first time or again) or a new leader took over: whatever was in flight may be lost.
         */
        void onClusterLeader(int leaderMemberId);

        void onClusterLost();
    }

    enum State
    {
        DISCONNECTED, CONNECTING, CONNECTED
    }

    private final Aeron aeron;
    private final GatewayConfig config;
    private final Listener listener;
    private final AtomicCounter connectAttempts;
    private final SplittableRandom jitter = new SplittableRandom();
    private final CellCredentials credentials;
    private AeronCluster cluster;
    private AeronCluster.AsyncConnect asyncConnect;
    private State state = State.DISCONNECTED;
    private long nextAttemptNs;
    private int leaderMemberId = -1;
    private long connects;
    private int failedAttempts;
    private long leaderChanges;
    private String lastError = "";

    ClusterLink(
        final Aeron aeron, final GatewayConfig config, final Listener listener, final AtomicCounter connectAttempts)
    {
        this.aeron = aeron;
        this.config = config;
        this.credentials = new CellCredentials(
            Path.of(config.cellSecretFile()), CellSecrets.GATEWAY, config.principalName());
        this.listener = listener;
        this.connectAttempts = connectAttempts;
    }

    State state()
    {
        return state;
    }

    boolean isConnected()
    {
        return state == State.CONNECTED;
    }

    int leaderMemberId()
    {
        return leaderMemberId;
    }

    long connects()
    {
        return connects;
    }

    long leaderChanges()
    {
        return leaderChanges;
    }

    String lastError()
    {
        return lastError;
    }

    /**
     * Largest request frame the cluster's ingress takes.
     */
    int maxRequestLength()
    {
        return cluster == null ? 0 : cluster.ingressPublication().maxMessageLength() - AeronCluster.SESSION_HEADER_LENGTH;
    }

    int poll(final long nowNs)
    {
        switch (state)
        {
            case CONNECTED:
                if (cluster.isClosed())
                {
                    lost(nowNs, "cluster session closed");
                    return 1;
                }
                return cluster.pollEgress();

            case CONNECTING:
                try
                {
                    final int step = asyncConnect.step();
                    final AeronCluster connected = asyncConnect.poll();
                    if (connected != null)
                    {
                        asyncConnect = null;
                        cluster = connected;
                        state = State.CONNECTED;
                        connects++;
                        failedAttempts = 0;
                        leaderMemberId = connected.leaderMemberId();
                        listener.onClusterLeader(leaderMemberId);
                        return 1;
                    }
                    return asyncConnect.step() != step ? 1 : 0;
                }
                catch (final RuntimeException ex)
                {
                    lastError = String.valueOf(ex.getMessage());
                    asyncConnect.close();
                    asyncConnect = null;
                    state = State.DISCONNECTED;
                    failedAttempts++;
                    nextAttemptNs = nowNs + backoffNs(failedAttempts);
                    return 1;
                }

            default:
                if (nowNs - nextAttemptNs >= 0)
                {
                    asyncConnect = AeronCluster.asyncConnect(new AeronCluster.Context()
                        .aeron(aeron)
                        .ownsAeronClient(false)
                        .ingressChannel(config.clusterIngressChannel())
                        .ingressEndpoints(config.clusterIngressEndpoints())
                        .egressChannel(config.clusterEgressChannel())
                        .messageTimeoutNs(config.clusterMessageTimeoutNs())
                        .idleStrategy(IdleStrategies.backoff())
                        .egressListener(this)
                        .credentialsSupplier(credentials)
                        .clientName("warden-gateway-" + config.gatewayId()));
                    state = State.CONNECTING;
                    connectAttempts.incrementRelease();
                    return 1;
                }
                return 0;
        }
    }

    /**
     * The wait after the {@code failures}-th failed attempt in a row: step {@code base * 2^(failures - 1)}, capped at
     * the maximum, and a random point in its upper half.
     */
    long backoffNs(final int failures)
    {
        return backoffNs(config.clusterReconnectBackoffNs(), config.clusterReconnectBackoffMaxNs(), failures, jitter);
    }

    static long backoffNs(final long baseNs, final long maxNs, final int failures, final SplittableRandom random)
    {
        final int doublings = Math.max(failures - 1, 0);
        // past the sign bit the shift would wrap: by then the step is long capped
        final long stepNs = doublings >= Long.numberOfLeadingZeros(baseNs) - 1 ?
            maxNs : Math.min(maxNs, baseNs << doublings);
        return stepNs - random.nextLong(stepNs / 2 + 1);
    }

    private void lost(final long nowNs, final String why)
    {
        lastError = why;
        if (cluster != null)
        {
            cluster.close();
            cluster = null;
        }
        state = State.DISCONNECTED;
        leaderMemberId = -1;
        nextAttemptNs = nowNs;
        listener.onClusterLost();
    }

    /**
     * Offer one request frame (the cluster session header is added by Aeron).
     */
    long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return state == State.CONNECTED ? cluster.offer(buffer, offset, length) : Publication.NOT_CONNECTED;
    }

    boolean sendKeepAlive()
    {
        return state == State.CONNECTED && cluster.sendKeepAlive();
    }

    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        listener.onClusterMessage(buffer, offset, length);
    }

    public void onSessionEvent(
        final long correlationId,
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final EventCode code,
        final String detail)
    {
        if (code == EventCode.ERROR || code == EventCode.CLOSED || code == EventCode.AUTHENTICATION_REJECTED)
        {
            lastError = code + ": " + detail;
        }
    }

    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        this.leaderMemberId = leaderMemberId;
        leaderChanges++;
        listener.onClusterLeader(leaderMemberId);
    }

    public void close()
    {
        if (asyncConnect != null)
        {
            asyncConnect.close();
        }
        if (cluster != null)
        {
            cluster.close();
        }
    }
}
