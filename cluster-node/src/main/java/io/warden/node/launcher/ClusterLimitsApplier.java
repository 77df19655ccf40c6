package io.warden.node.launcher;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.aeron.security.CredentialsSupplier;
import io.warden.schema.LimitsSpec;
import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.StatusResponseDecoder;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Proposes the limits of the cluster file to the cell once it is up. The quota and caps are replicated state, so a
 * node can never just apply its own file (the nodes would part); instead it connects to the cell as a client, reads
 * the replicated limits ({@code Status}) and, where its file sets a different value, sends {@code ConfigureLimits},
 * which goes through the log like any command. Every node does this when it starts; with one cluster file they all
 * propose the same values, and the last node started wins if the files differ.
 * <p>
 * Runs on its own thread in the node's process, through the node's media driver, until it has succeeded or the node
 * stops; failures (no leader yet, a timeout) are retried with a growing pause.
 * <pre>{@code
 * Thread thread = new Thread(new ClusterLimitsApplier(config, isStopping::get, System.out), "warden-limits");
 * thread.setDaemon(true);
 * thread.start();
 * }</pre>
 */
public final class ClusterLimitsApplier implements Runnable, EgressListener
{
    private static final long ANSWER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long FIRST_PAUSE_MS = 500;
    private static final long LONGEST_PAUSE_MS = 10_000;

    private final String aeronDir;
    private final String ingressEndpoints;
    private final String egressHost;
    private final int memberId;
    private final CredentialsSupplier credentials;
    private final LimitsSpec wanted;
    private final BooleanSupplier isStopping;
    private final PrintStream out;
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final StatusResponseDecoder status = new StatusResponseDecoder();
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private long awaitedCorrelationId;
    private final LimitsSpec current = new LimitsSpec();
    private ResultCode answerCode;

    /**
     * @param config     the node's concluded configuration: its members, driver and the limits its files set.
     * @param isStopping true once the node is stopping.
     * @param out        where to say what was done.
     */
    public ClusterLimitsApplier(final NodeConfig config, final BooleanSupplier isStopping, final PrintStream out)
    {
        this(config.aeronDir(), config.members().ingressEndpoints(), config.thisMember().host(), config.memberId(),
            new CellCredentials(Path.of(config.cellSecretFile()), CellSecrets.OPERATOR, "limits-" + config.memberId()),
            config.clusterLimits(), isStopping, out);
    }

    /**
     * @param aeronDir         a media driver to connect through.
     * @param ingressEndpoints the members' ingress endpoints ({@code 0=host:port,...}).
     * @param egressHost       the address answers come to.
     * @param memberId         the node this runs for (for its log lines).
     * @param credentials      an operator's credentials: only an operator may change the limits.
     * @param wanted           the limits to propose; zeros are left as the cell has them.
     * @param isStopping       true once the node is stopping.
     * @param out              where to say what was done.
     */
    public ClusterLimitsApplier(
        final String aeronDir,
        final String ingressEndpoints,
        final String egressHost,
        final int memberId,
        final CredentialsSupplier credentials,
        final LimitsSpec wanted,
        final BooleanSupplier isStopping,
        final PrintStream out)
    {
        this.aeronDir = aeronDir;
        this.ingressEndpoints = ingressEndpoints;
        this.egressHost = egressHost;
        this.memberId = memberId;
        this.credentials = credentials;
        this.wanted = wanted;
        this.isStopping = isStopping;
        this.out = out;
    }

    /**
     * Does the file set anything to propose?
     */
    public static boolean setsAnything(final LimitsSpec limits)
    {
        return limits.stateQuotaBytes() > 0 || limits.maxKeysPerSession() > 0 || limits.maxBytesPerSession() > 0 ||
            limits.maxSequentialPerSession() > 0 || limits.maxLocksPerSession() > 0 ||
            limits.maxWatchesPerConnection() > 0;
    }

    public void run()
    {
        long pauseMs = FIRST_PAUSE_MS;
        String lastFailure = null;
        while (!isStopping.getAsBoolean())
        {
            try
            {
                applyOnce();
                return;
            }
            catch (final RuntimeException ex)
            {
                final String failure = String.valueOf(ex.getMessage());
                if (!failure.equals(lastFailure))
                {
                    out.println("node " + memberId + " will retry proposing the cluster limits: " + failure);
                    out.flush();
                    lastFailure = failure;
                }
            }
            sleep(pauseMs);
            pauseMs = Math.min(LONGEST_PAUSE_MS, pauseMs * 2);
        }
    }

    /**
     * Connect, read the cell's limits, and propose the file's where they differ.
     *
     * @return true if a change was proposed and accepted, false if the cell already had the file's limits or refused
     * them.
     */
    public boolean applyOnce()
    {
        try (AeronCluster cluster = AeronCluster.connect(new AeronCluster.Context()
            .aeronDirectoryName(aeronDir)
            .ingressChannel("aeron:udp?term-length=64k")
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?term-length=64k|endpoint=" + egressHost + ":0")
            .egressListener(this)
            .credentialsSupplier(credentials)
            .idleStrategy(new BackoffIdleStrategy())
            .messageTimeoutNs(ANSWER_TIMEOUT_NS)))
        {
            ask(cluster, writer.header(1, 0, 0, 0).status(buffer, 0), 1);
            if (answerCode != ResultCode.OK)
            {
                throw new IllegalStateException("status answered " + answerCode);
            }
            final LimitsSpec change = difference();
            if (change == null)
            {
                out.println("node " + memberId + ": the cell already has the cluster file's limits");
                out.flush();
                return false;
            }
            ask(cluster, writer.header(2, 0, 0, 0).configureLimits(buffer, 0, change), 2);
            if (answerCode != ResultCode.OK)
            {
                // a refusal is final (the values are out of range for this cell): say so and do not retry
                out.println("node " + memberId + ": the cell refused the cluster file's limits (" + answerCode +
                    "): " + describe(change));
                out.flush();
                return false;
            }
            out.println("node " + memberId + " proposed the cluster file's limits to the cell: " + describe(change));
            out.flush();
            return true;
        }
    }

    private void ask(final AeronCluster cluster, final int length, final long correlationId)
    {
        awaitedCorrelationId = correlationId;
        answerCode = null;
        final long deadlineNs = System.nanoTime() + ANSWER_TIMEOUT_NS;
        while (cluster.offer(buffer, 0, length) <= 0)
        {
            checkDeadline(deadlineNs, "the cell takes no request");
            idle.idle(cluster.pollEgress());
        }
        while (answerCode == null)
        {
            checkDeadline(deadlineNs, "no answer from the cell");
            idle.idle(cluster.pollEgress());
        }
    }

    private void checkDeadline(final long deadlineNs, final String what)
    {
        if (System.nanoTime() - deadlineNs > 0 || isStopping.getAsBoolean())
        {
            throw new IllegalStateException(what);
        }
    }

    /**
     * The values the file sets that differ from the cell's, or null if none do.
     */
    private LimitsSpec difference()
    {
        final LimitsSpec change = new LimitsSpec();
        boolean differs = false;
        if (wanted.stateQuotaBytes() > 0 && wanted.stateQuotaBytes() != current.stateQuotaBytes())
        {
            change.stateQuotaBytes(wanted.stateQuotaBytes());
            differs = true;
        }
        if (wanted.maxKeysPerSession() > 0 && wanted.maxKeysPerSession() != current.maxKeysPerSession())
        {
            change.maxKeysPerSession(wanted.maxKeysPerSession());
            differs = true;
        }
        if (wanted.maxBytesPerSession() > 0 && wanted.maxBytesPerSession() != current.maxBytesPerSession())
        {
            change.maxBytesPerSession(wanted.maxBytesPerSession());
            differs = true;
        }
        if (wanted.maxSequentialPerSession() > 0 &&
            wanted.maxSequentialPerSession() != current.maxSequentialPerSession())
        {
            change.maxSequentialPerSession(wanted.maxSequentialPerSession());
            differs = true;
        }
        if (wanted.maxLocksPerSession() > 0 && wanted.maxLocksPerSession() != current.maxLocksPerSession())
        {
            change.maxLocksPerSession(wanted.maxLocksPerSession());
            differs = true;
        }
        if (wanted.maxWatchesPerConnection() > 0 &&
            wanted.maxWatchesPerConnection() != current.maxWatchesPerConnection())
        {
            change.maxWatchesPerConnection(wanted.maxWatchesPerConnection());
            differs = true;
        }
        return differs ? change : null;
    }

    private static String describe(final LimitsSpec limits)
    {
        final StringBuilder text = new StringBuilder();
        append(text, NodeConfig.STATE_QUOTA_PROP_NAME, limits.stateQuotaBytes());
        append(text, NodeConfig.MAX_KEYS_PER_SESSION_PROP_NAME, limits.maxKeysPerSession());
        append(text, NodeConfig.MAX_BYTES_PER_SESSION_PROP_NAME, limits.maxBytesPerSession());
        append(text, NodeConfig.MAX_SEQUENTIAL_PER_SESSION_PROP_NAME, limits.maxSequentialPerSession());
        append(text, NodeConfig.MAX_LOCKS_PER_SESSION_PROP_NAME, limits.maxLocksPerSession());
        append(text, NodeConfig.MAX_WATCHES_PER_CONNECTION_PROP_NAME, limits.maxWatchesPerConnection());
        return text.toString();
    }

    private static void append(final StringBuilder text, final String name, final long value)
    {
        if (value > 0)
        {
            text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(value);
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
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        this.header.wrap(buffer, offset);
        if (this.header.templateId() != StatusResponseDecoder.TEMPLATE_ID ||
            this.header.schemaId() != StatusResponseDecoder.SCHEMA_ID)
        {
            return;
        }
        status.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, this.header.blockLength(),
            this.header.version());
        if (status.correlationId() != awaitedCorrelationId)
        {
            return;
        }
        if (this.header.version() < 3)
        {
            answerCode = ResultCode.UNSUPPORTED_VERSION;
            return;
        }
        current.clear()
            .stateQuotaBytes(status.stateQuotaBytes())
            .maxKeysPerSession(status.maxKeysPerSession())
            .maxBytesPerSession(status.maxBytesPerSession())
            .maxSequentialPerSession(status.maxSequentialPerSession())
            .maxLocksPerSession(status.maxLocksPerSession())
            .maxWatchesPerConnection(status.maxWatchesPerConnection());
        answerCode = status.code();
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
