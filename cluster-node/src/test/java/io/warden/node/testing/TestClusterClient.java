package io.warden.node.testing;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.aeron.security.CredentialsSupplier;
import io.aeron.security.NullCredentialsSupplier;
import io.warden.node.launcher.NodeConfig;
import io.warden.node.launcher.NodeErrorHandler;
import io.warden.schema.trust.CellSecrets;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A cluster client for integration tests: its own embedded {@link MediaDriver} (aeron dir under {@code /dev/shm}, so
 * stopping a node never takes the client down) and one {@link AeronCluster} session, with an egress listener that
 * records messages, new-leader events, session events and admin responses.
 * <p>
 * Aeron moves the session to a new leader by itself ({@code onNewLeader}); if the client closes instead (no new
 * leader within its timeout), the next {@link #poll()} reconnects with a fresh {@link AeronCluster.Context}, which
 * opens a new session. Keepalives are sent every second while polling. Not thread-safe: use it from the test thread.
 * <pre>{@code
 * try (TestClusterClient client = TestClusterClient.connect(cluster))
 * {
 *     client.offerUntilAccepted(buffer, 0, length, 5_000);
 *     client.pollUntil(() -> client.messageCount() > 0, 5_000);
 * }
 * }</pre>
 */
public final class TestClusterClient implements AutoCloseable
{
    /** Default time allowed to connect. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

    private static final long KEEPALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long MESSAGE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final String ingressChannel;
    private final String ingressEndpoints;
    private final String egressChannel;
    private final File aeronDir;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final IdleStrategy idleStrategy = NodeConfig.newIdleStrategy("backoff");
    private final Listener listener = new Listener();
    private CredentialsSupplier credentials = new NullCredentialsSupplier();
    private AeronCluster cluster;
    private int connectCount;
    private long lastKeepAliveNs;

    /**
     * The directory of this client's media driver, for another Aeron client in the same test to share it.
     *
     * @return the path.
     */
    public String aeronDirectoryName()
    {
        return aeronDir.getAbsolutePath();
    }

    /**
     * Start the client's media driver and Aeron client; call {@link #connect(long)} next.
     *
     * @param ingressChannel   cluster ingress channel.
     * @param ingressEndpoints {@code id=host:port,...}.
     * @param egressChannel    egress channel with an endpoint on this host.
     * @param aeronDir         directory for the client's media driver; deleted on close.
     */
    public TestClusterClient(
        final String ingressChannel, final String ingressEndpoints, final String egressChannel, final String aeronDir)
    {
        this.ingressChannel = ingressChannel;
        this.ingressEndpoints = ingressEndpoints;
        this.egressChannel = egressChannel;
        this.aeronDir = new File(aeronDir);

        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(NodeConfig.newIdleStrategy("backoff"))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .errorHandler(new NodeErrorHandler(-1, "client-driver", System.err)));
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(aeronDir)
                .errorHandler(new NodeErrorHandler(-1, "client", System.err)));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeron, driver);
            IoUtil.delete(this.aeronDir, true);
            throw ex;
        }

        this.driver = driver;
        this.aeron = aeron;
    }

    /**
     * What this client presents at its next connect (none by default: the nodes then reject it).
     *
     * @param credentials the credentials.
     * @return this for a fluent API.
     */
    public TestClusterClient credentials(final CredentialsSupplier credentials)
    {
        this.credentials = credentials;
        return this;
    }

    /**
     * Start a client for a {@link TestCluster} and connect it as a gateway of the cell.
     *
     * @param testCluster the cluster.
     * @return a connected client; close it.
     */
    public static TestClusterClient connect(final TestCluster testCluster)
    {
        return connect(testCluster, testCluster.credentials(CellSecrets.GATEWAY, "test-gateway"));
    }

    /**
     * Start a client for a {@link TestCluster} and connect it with the given credentials.
     *
     * @param testCluster the cluster.
     * @param credentials what it presents ({@link TestCluster#credentials}).
     * @return a connected client; close it.
     */
    public static TestClusterClient connect(final TestCluster testCluster, final CredentialsSupplier credentials)
    {
        final TestClusterClient client = open(testCluster).credentials(credentials);
        try
        {
            client.connect(DEFAULT_CONNECT_TIMEOUT_MS);
            return client;
        }
        catch (final Throwable ex)
        {
            CloseHelper.quietClose(client);
            throw ex;
        }
    }

    /**
     * Start a client for a {@link TestCluster} without connecting it.
     *
     * @param testCluster the cluster.
     * @return the client; set its {@link #credentials} and {@link #connect(long)} it, and close it.
     */
    public static TestClusterClient open(final TestCluster testCluster)
    {
        return new TestClusterClient(
            testCluster.clientIngressChannel(),
            testCluster.ingressEndpoints(),
            testCluster.clientEgressChannel(),
            testCluster.newClientAeronDir());
    }

    /**
     * Connect (or reconnect) a new session, retrying with a new context per attempt until the timeout.
     *
     * @param timeoutMs how long to keep trying.
     * @return this for a fluent API.
     */
    public TestClusterClient connect(final long timeoutMs)
    {
        CloseHelper.quietClose(cluster);
        cluster = null;

        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        AeronException lastError = null;
        while (System.nanoTime() - deadlineNs < 0)
        {
            final long remainingNs = Math.max(deadlineNs - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            final AeronCluster.Context ctx = newContext(Math.min(remainingNs, MESSAGE_TIMEOUT_NS));
            try
            {
                cluster = AeronCluster.connect(ctx);
                connectCount++;
                lastKeepAliveNs = System.nanoTime();
                return this;
            }
            catch (final AeronException ex)
            {
                lastError = ex;
                TestCluster.sleepMs(50);
            }
        }

        throw new AssertionError("could not connect within " + timeoutMs + " ms to " + ingressEndpoints, lastError);
    }

    /**
     * One connect attempt, for tests of refused connects.
     *
     * @param timeoutMs how long the attempt may take.
     * @return null if it connected (the session is this client's from now on), else why not.
     */
    public AeronException connectOnce(final long timeoutMs)
    {
        CloseHelper.quietClose(cluster);
        cluster = null;
        try
        {
            cluster = AeronCluster.connect(newContext(TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
            connectCount++;
            return null;
        }
        catch (final AeronException ex)
        {
            return ex;
        }
    }

    private AeronCluster.Context newContext(final long messageTimeoutNs)
    {
        return new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressChannel(ingressChannel)
            .ingressEndpoints(ingressEndpoints)
            .egressChannel(egressChannel)
            .egressListener(listener)
            .credentialsSupplier(credentials)
            .messageTimeoutNs(messageTimeoutNs);
    }

    /**
     * The current Aeron Cluster session (null before a connect), to watch it without reconnecting.
     */
    public AeronCluster aeronCluster()
    {
        return cluster;
    }

    /**
     * Poll egress once, reconnecting first if the session closed, and send a keepalive every second.
     *
     * @return work count.
     */
    public int poll()
    {
        if (null == cluster || cluster.isClosed())
        {
            connect(DEFAULT_CONNECT_TIMEOUT_MS);
        }

        int work = cluster.pollEgress();
        final long nowNs = System.nanoTime();
        if (nowNs - lastKeepAliveNs >= KEEPALIVE_INTERVAL_NS && !cluster.isClosed())
        {
            if (cluster.sendKeepAlive())
            {
                work++;
            }
            lastKeepAliveNs = nowNs;
        }

        return work;
    }

    /**
     * Poll until a condition holds.
     *
     * @param condition to test between polls.
     * @param timeoutMs how long to wait.
     * @throws AssertionError on timeout.
     */
    public void pollUntil(final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("condition not met within " + timeoutMs + " ms: " + this);
            }

            idleStrategy.idle(poll());
        }
    }

    /**
     * Offer a message to the cluster once.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the new position, or a negative {@link Publication} result.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == cluster || cluster.isClosed())
        {
            connect(DEFAULT_CONNECT_TIMEOUT_MS);
        }

        return cluster.offer(buffer, offset, length);
    }

    /**
     * Offer a message, polling between attempts, until it is accepted.
     *
     * @param buffer    holding the message.
     * @param offset    of the message.
     * @param length    of the message.
     * @param timeoutMs how long to keep trying.
     * @return the new position.
     */
    public long offerUntilAccepted(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final long position = offer(buffer, offset, length);
            if (position > 0)
            {
                return position;
            }

            if (Publication.MAX_POSITION_EXCEEDED == position)
            {
                throw new IllegalStateException("max position exceeded");
            }

            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("offer not accepted within " + timeoutMs + " ms, last result " +
                    Publication.errorString(position) + ": " + this);
            }

            idleStrategy.idle(poll());
        }
    }

    /**
     * Send a session keepalive to the leader, polling between attempts, until the ingress publication accepts it:
     * proof at the Aeron level that this session's ingress reaches the current leader.
     *
     * @param timeoutMs how long to keep trying.
     */
    public void sendKeepAliveUntilAccepted(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!(isConnected() && cluster.sendKeepAlive()))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("keepalive not accepted within " + timeoutMs + " ms: " + this);
            }

            idleStrategy.idle(poll());
        }

        lastKeepAliveNs = System.nanoTime();
    }

    /**
     * Ask the leader for a snapshot with an admin request; the answer arrives as an admin response.
     *
     * @param timeoutMs how long to retry sending.
     * @return the request's correlation id, for {@link #adminResponse(long)}.
     */
    public long requestSnapshot(final long timeoutMs)
    {
        final long correlationId = aeron.nextCorrelationId();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            if (null != cluster && !cluster.isClosed() && cluster.sendAdminRequestToTakeASnapshot(correlationId))
            {
                return correlationId;
            }

            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("snapshot request not sent within " + timeoutMs + " ms: " + this);
            }

            idleStrategy.idle(poll());
        }
    }

    /**
     * The response code of an admin request.
     *
     * @param correlationId of the request.
     * @return the code, or null if no response has arrived.
     */
    public AdminResponseCode adminResponse(final long correlationId)
    {
        return listener.adminResponses.get(correlationId);
    }

    /**
     * Is the session open.
     *
     * @return true if connected and not closed.
     */
    public boolean isConnected()
    {
        return null != cluster && !cluster.isClosed();
    }

    /**
     * The current cluster session id.
     *
     * @return session id, or -1 if not connected.
     */
    public long sessionId()
    {
        return isConnected() ? cluster.clusterSessionId() : -1;
    }

    /**
     * The leader this client is talking to.
     *
     * @return leader member id, or -1 if not connected.
     */
    public int leaderMemberId()
    {
        return isConnected() ? cluster.leaderMemberId() : -1;
    }

    /**
     * Is the ingress publication to the leader connected.
     *
     * @return true if the next offer can reach the leader.
     */
    public boolean isIngressConnected()
    {
        return isConnected() && cluster.ingressPublication().isConnected();
    }

    /**
     * How many sessions this client has opened (1 + reconnects).
     *
     * @return connect count.
     */
    public int connectCount()
    {
        return connectCount;
    }

    /**
     * New-leader events received.
     *
     * @return count.
     */
    public int newLeaderCount()
    {
        return listener.newLeaderCount;
    }

    /**
     * Leader named by the last new-leader event.
     *
     * @return member id, or -1 if none yet.
     */
    public int lastNewLeaderId()
    {
        return listener.lastNewLeaderId;
    }

    /**
     * Egress messages received.
     *
     * @return count.
     */
    public int messageCount()
    {
        return listener.messages.size();
    }

    /**
     * Copies of the egress messages received, in order.
     *
     * @return unmodifiable list.
     */
    public List<byte[]> messages()
    {
        return Collections.unmodifiableList(listener.messages);
    }

    /**
     * Session events received, as {@code CODE: detail}.
     *
     * @return unmodifiable list.
     */
    public List<String> sessionEvents()
    {
        return Collections.unmodifiableList(listener.sessionEvents);
    }

    /**
     * Forget the recorded messages.
     */
    public void clearMessages()
    {
        listener.messages.clear();
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "TestClusterClient{connected=" + isConnected() +
            ", sessionId=" + sessionId() +
            ", leader=" + leaderMemberId() +
            ", connects=" + connectCount +
            ", newLeaderEvents=" + listener.newLeaderCount +
            ", messages=" + listener.messages.size() +
            ", sessionEvents=" + listener.sessionEvents + "}";
    }

    /**
     * Close the session, the Aeron client and the media driver, and delete the driver's directory.
     */
    public void close()
    {
        try
        {
            CloseHelper.closeAll(cluster, aeron, driver);
        }
        finally
        {
            IoUtil.delete(aeronDir, true);
        }
    }

    private static final class Listener implements EgressListener
    {
        private final List<byte[]> messages = new ArrayList<>();
        private final List<String> sessionEvents = new ArrayList<>();
        private final Map<Long, AdminResponseCode> adminResponses = new TreeMap<>();
        private int newLeaderCount;
        private int lastNewLeaderId = -1;

        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
        }

        public void onSessionEvent(
            final long correlationId,
            final long clusterSessionId,
            final long leadershipTermId,
            final int leaderMemberId,
            final EventCode code,
            final String detail)
        {
            sessionEvents.add(code + ": " + detail);
        }

        public void onNewLeader(
            final long clusterSessionId,
            final long leadershipTermId,
            final int leaderMemberId,
            final String ingressEndpoints)
        {
            newLeaderCount++;
            lastNewLeaderId = leaderMemberId;
        }

        public void onAdminResponse(
            final long clusterSessionId,
            final long correlationId,
            final AdminRequestType requestType,
            final AdminResponseCode responseCode,
            final String message,
            final DirectBuffer payload,
            final int payloadOffset,
            final int payloadLength)
        {
            adminResponses.put(correlationId, responseCode);
        }
    }
}
