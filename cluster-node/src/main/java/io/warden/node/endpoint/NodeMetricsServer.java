package io.warden.node.endpoint;

import io.aeron.AeronCounters;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.warden.node.metrics.MetricCounters;
import io.warden.node.service.WardenService;
import io.warden.schema.MessageNames;
import io.warden.schema.ProbeHandler;
import io.warden.schema.ResultCodes;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * A node's Prometheus endpoint: {@code /metrics} (every {@code warden_node_*} metric, read from the node's counters
 * and files at scrape time), {@code /healthz} and {@code /readyz} ({@link NodeReadiness}), on the exporter's
 * {@link HTTPServer} bound to one host. Close it before the node: it reads the node's CnC file.
 * <pre>{@code
 * try (NodeMetricsServer metrics = NodeMetricsServer.start("127.0.0.1", 9006, 0,
 *     driver.consensusModule().context().aeron().countersReader(), clusterDir, archiveDir))
 * {
 *     // curl http://127.0.0.1:9006/metrics
 * }
 * }</pre>
 */
public final class NodeMetricsServer implements AutoCloseable
{
    private static final long MISSING = Long.MIN_VALUE;

    private final NodeCounters counters;
    private final File clusterDir;
    private final File archiveDir;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    /** One scrape at a time; close waits for it, as it reads counters that close after this. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "warden-node-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final HTTPServer server;
    private final String host;

    private NodeMetricsServer(
        final String host,
        final int port,
        final CountersReader countersReader,
        final File clusterDir,
        final File archiveDir) throws IOException
    {
        this.host = host;
        this.counters = new NodeCounters(countersReader);
        this.clusterDir = clusterDir;
        this.archiveDir = archiveDir;
        register();
        this.server = HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .executorService(executor)
            .defaultHandler(new ProbeHandler(() -> NodeReadiness.notReadyReason(counters)))
            .buildAndStart();
    }

    /**
     * Start serving.
     *
     * @param host           the only address to bind.
     * @param port           the port ({@code 0}: any free one, see {@link #port()}).
     * @param countersReader the node's counters.
     * @param clusterDir     the node's cluster directory ({@code recording.log}).
     * @param archiveDir     the node's archive directory.
     * @return the running server; close it before the node.
     * @throws UncheckedIOException if the address cannot be bound.
     */
    public static NodeMetricsServer start(
        final String host,
        final int port,
        final CountersReader countersReader,
        final File clusterDir,
        final File archiveDir)
    {
        try
        {
            return new NodeMetricsServer(host, port, countersReader, clusterDir, archiveDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + ex, ex);
        }
    }

    /**
     * @return the port the server is bound to.
     */
    public int port()
    {
        return server.getPort();
    }

    /**
     * @return {@code http://host:port}, the base of {@code /metrics}, {@code /healthz} and {@code /readyz}.
     */
    public String baseUrl()
    {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    public void close()
    {
        try
        {
            server.close();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            counters.close();
        }
    }

    private void register()
    {
        tally("warden_node_requests", "Requests the state machine answered, by request type and result " +
            "(every member counts the same; only the leader's answers reach clients)",
            MetricCounters.REQUESTS_TYPE_ID);
        tally("warden_node_events", "Events the state machine emitted (lock grants and waits ended, elections, " +
            "session expiries, watch event frames), by type and result", MetricCounters.EVENTS_TYPE_ID);

        gauge("warden_node_sessions", "Live Warden sessions (leases)", MetricCounters.SESSIONS_TYPE_ID);
        gauge("warden_node_keys", "Keys in the store", MetricCounters.KEYS_TYPE_ID);
        gauge("warden_node_state_bytes", "Accounted bytes of the replicated state, watch history included",
            MetricCounters.STATE_BYTES_TYPE_ID);
        gauge("warden_node_state_quota_bytes", "The replicated state quota (growth past it is refused)",
            MetricCounters.STATE_QUOTA_BYTES_TYPE_ID);
        gauge("warden_node_watches", "Watch registrations (one per gateway per key or prefix)",
            MetricCounters.WATCHES_TYPE_ID);
        gauge("warden_node_locks", "Locks that exist (held or waited for)", MetricCounters.LOCKS_TYPE_ID);
        gauge("warden_node_locks_held", "Holders over all locks", MetricCounters.LOCK_HOLDERS_TYPE_ID);
        gauge("warden_node_locks_waiting", "Queued acquirers over all locks", MetricCounters.LOCK_WAITERS_TYPE_ID);
        gauge("warden_node_elections", "Elections that exist", MetricCounters.ELECTIONS_TYPE_ID);
        gauge("warden_node_revision", "The state machine's revision", MetricCounters.REVISION_TYPE_ID);
        gauge("warden_node_leader_member_id", "Leader of the latest leadership term the service applied",
            MetricCounters.LEADER_MEMBER_ID_TYPE_ID);
        gauge("warden_node_snapshot_position", "Log position of the node's latest snapshot",
            WardenService.SNAPSHOT_POSITION_COUNTER_TYPE_ID);
        gauge("warden_node_leadership_term_id", "Current leadership term (consensus module)",
            AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID);
        gauge("warden_node_commit_position", "Commit position of the log, in bytes (consensus module)",
            AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID);

        counter("warden_node_egress_dropped_frames", "Egress frames not delivered to a gateway: not connected, the " +
            "connection gone, or dropped with a cut connection's backlog", MetricCounters.EGRESS_DROPPED_TYPE_ID);
        gauge("warden_node_egress_backlog_bytes", "Bytes waiting for back-pressured gateways (the leader's)",
            MetricCounters.EGRESS_BACKLOG_BYTES_TYPE_ID);
        counter("warden_node_egress_cut_connections", "Gateways cut because their egress backlog passed its bound " +
            "(they reconnect and resume)", MetricCounters.EGRESS_CUT_CONNECTIONS_TYPE_ID);
        counter("warden_node_egress_oversized_frames", "Replies too large for the egress, answered LIMIT_EXCEEDED",
            MetricCounters.EGRESS_OVERSIZED_TYPE_ID);
        counter("warden_node_cluster_elections", "Elections this node's consensus module has been through",
            AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID);
        counter("warden_node_service_errors", "Errors the clustered service reported (should stay 0)",
            AeronCounters.CLUSTER_CLUSTERED_SERVICE_ERROR_COUNT_TYPE_ID);
        counter("warden_node_consensus_module_errors", "Errors the consensus module reported",
            AeronCounters.CLUSTER_CONSENSUS_MODULE_ERROR_COUNT_TYPE_ID);
        counter("warden_node_cluster_session_timeouts", "Cluster sessions (gateways, tools) closed for inactivity",
            AeronCounters.CLUSTER_CLIENT_TIMEOUT_COUNT_TYPE_ID);

        GaugeWithCallback.builder().name("warden_node_role").labelNames("role")
            .help("1 for the node's current role (consensus module)")
            .callback(callback -> states(callback, AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID, Cluster.Role.values()))
            .register(registry);
        GaugeWithCallback.builder().name("warden_node_consensus_module_state").labelNames("state")
            .help("1 for the consensus module's current state")
            .callback(callback -> states(
                callback, AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID, ConsensusModule.State.values()))
            .register(registry);
        GaugeWithCallback.builder().name("warden_node_election_state").labelNames("state")
            .help("1 for the election's current state (CLOSED: no election running)")
            .callback(callback -> states(
                callback, AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID, ElectionState.values()))
            .register(registry);
        GaugeWithCallback.builder().name("warden_node_ready").help("1 when /readyz answers 200")
            .callback(callback -> callback.call(null == NodeReadiness.notReadyReason(counters) ? 1 : 0))
            .register(registry);

        GaugeWithCallback.builder().name("warden_node_snapshot_age_seconds")
            .help("Wall-clock time since the newest valid snapshot in recording.log (absent before the first)")
            .callback(callback ->
            {
                final RecordingLogFacts facts = RecordingLogFacts.read(clusterDir);
                if (facts.hasSnapshot())
                {
                    callback.call((System.currentTimeMillis() - facts.newestSnapshotTimestampMs()) / 1000.0);
                }
            })
            .register(registry);
        GaugeWithCallback.builder().name("warden_node_archive_bytes").labelNames("kind")
            .help("Bytes of the node's archive directory on disk: log recordings, snapshot recordings, other files")
            .callback(callback ->
            {
                final ArchiveFiles.Usage usage =
                    ArchiveFiles.usage(archiveDir, RecordingLogFacts.read(clusterDir).snapshotRecordingIds());
                callback.call(usage.logBytes(), "log");
                callback.call(usage.snapshotBytes(), "snapshot");
                callback.call(usage.otherBytes(), "other");
            })
            .register(registry);
    }

    private void gauge(final String name, final String help, final int typeId)
    {
        GaugeWithCallback.builder().name(name).help(help).callback(c -> read(typeId, c::call)).register(registry);
    }

    private void counter(final String name, final String help, final int typeId)
    {
        CounterWithCallback.builder().name(name).help(help).callback(c -> read(typeId, c::call)).register(registry);
    }

    /**
     * Hands on the value of the node's counter of a type, if there is one (a sample is left out, not made up).
     */
    private void read(final int typeId, final DoubleConsumer sink)
    {
        final long value = counters.value(typeId, MISSING);
        if (MISSING != value)
        {
            sink.accept(value);
        }
    }

    private void tally(final String name, final String help, final int typeId)
    {
        CounterWithCallback.builder().name(name).help(help).labelNames("type", "result")
            .callback(callback -> counters.forEachTally(typeId, (templateId, code, value) ->
                callback.call(value, MessageNames.of(templateId), ResultCodes.nameOf(code))))
            .register(registry);
    }

    private <E extends Enum<E>> void states(
        final GaugeWithCallback.Callback callback, final int typeId, final E[] states)
    {
        final long code = counters.value(typeId, MISSING);
        if (MISSING == code)
        {
            return;
        }
        for (final E state : states)
        {
            callback.call(state.ordinal() == code ? 1 : 0, state.name());
        }
    }
}
