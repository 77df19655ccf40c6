package io.warden.gateway;

import io.aeron.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.warden.schema.ProbeHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * The gateway's Prometheus endpoint: {@code /metrics} (the request histogram of {@link RequestLatency} and the
 * gateway's counters and gauges, {@link GatewayCounters}, read at scrape time), {@code /healthz}, and {@code /readyz}
 * (ready while the gateway's cluster link is up with a leader), on the exporter's {@link HTTPServer} bound to one
 * host. It reads only Aeron counters and the thread-safe histogram, never the agent's tables. Close it before the
 * counters.
 * <pre>{@code
 * GatewayMetricsServer metrics = GatewayMetricsServer.start("127.0.0.1", 7001, registry, counters);
 * }</pre>
 */
final class GatewayMetricsServer implements AutoCloseable
{
    /** One scrape at a time; close waits for it, as it reads counters that close after this. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "warden-gateway-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final HTTPServer server;
    private final String host;

    private GatewayMetricsServer(
        final String host, final int port, final PrometheusRegistry registry, final GatewayCounters counters)
        throws IOException
    {
        this.host = host;
        register(registry, counters);
        this.server = HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .executorService(executor)
            .defaultHandler(new ProbeHandler(() -> notReadyReason(counters)))
            .buildAndStart();
    }

    /**
     * @param host     the only address to bind.
     * @param port     the port ({@code 0}: any free one, see {@link #port()}).
     * @param registry holding the request histogram; the counters' metrics are added to it.
     * @param counters the gateway's counters.
     * @return the running server.
     * @throws UncheckedIOException if the address cannot be bound.
     */
    static GatewayMetricsServer start(
        final String host, final int port, final PrometheusRegistry registry, final GatewayCounters counters)
    {
        try
        {
            return new GatewayMetricsServer(host, port, registry, counters);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port + ": " + ex, ex);
        }
    }

    int port()
    {
        return server.getPort();
    }

    /**
     * @return {@code http://host:port}, the base of {@code /metrics}, {@code /healthz} and {@code /readyz}.
     */
    String baseUrl()
    {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    public void close()
    {
        server.close();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    static String notReadyReason(final GatewayCounters counters)
    {
        if (counters.clusterLinkUp.isClosed() || 1 != counters.clusterLinkUp.get())
        {
            return "no link to the cluster";
        }
        final long leader = counters.clusterLeader.get();
        return leader < 0 ? "the cluster link has no leader" : null;
    }

    private static void register(final PrometheusRegistry registry, final GatewayCounters c)
    {
        gauge(registry, "warden_gateway_connected_clients", "Client connections", c.connectedClients);
        gauge(registry, "warden_gateway_sessions", "Warden sessions the gateway keeps alive", c.sessions);
        gauge(registry, "warden_gateway_watches", "Watch registrations the gateway holds at the cluster", c.watches);
        gauge(registry, "warden_gateway_cluster_link_up", "1 while the cluster session is connected to a leader",
            c.clusterLinkUp);
        gauge(registry, "warden_gateway_cluster_leader_member_id", "Leader the cluster session follows (-1: none)",
            c.clusterLeader);
        GaugeWithCallback.builder().name("warden_gateway_ready").help("1 when /readyz answers 200")
            .callback(callback -> callback.call(null == notReadyReason(c) ? 1 : 0))
            .register(registry);

        counter(registry, "warden_gateway_client_back_pressure_events",
            "Flushes to a client stopped by a back-pressured publication", c.clientBackPressure);
        counter(registry, "warden_gateway_slow_consumers", "Clients cut off as slow consumers (SLOW_CONSUMER)",
            c.slowConsumers);
        counter(registry, "warden_gateway_frames_in", "Frames received from clients", c.framesIn);
        counter(registry, "warden_gateway_frames_dropped", "Client frames dropped (no connection)", c.framesDropped);
        counter(registry, "warden_gateway_requests_forwarded", "Requests forwarded to the cluster",
            c.requestsForwarded);
        counter(registry, "warden_gateway_requests_refused", "Requests the gateway answered with a refusal",
            c.requestsRefused);
        counter(registry, "warden_gateway_requests_rate_limited", "Requests answered RATE_LIMITED", c.rateLimited);
        counter(registry, "warden_gateway_permission_denied", "Requests the cell denied for their user or session",
            c.permissionDenied);
        counter(registry, "warden_gateway_connects", "Client connects accepted", c.connects);
        counter(registry, "warden_gateway_connects_refused", "Client connects refused", c.connectsRefused);
        counter(registry, "warden_gateway_disconnects", "Client disconnects", c.disconnects);
        counter(registry, "warden_gateway_cluster_leader_changes", "New leaders the cluster session followed",
            c.leaderChanges);
        counter(registry, "warden_gateway_cluster_connect_attempts", "Attempts to open the cluster session",
            c.clusterConnectAttempts);
        counter(registry, "warden_gateway_keepalive_batches", "KeepAliveBatch commands sent", c.keepAliveBatches);
    }

    private static void gauge(
        final PrometheusRegistry registry, final String name, final String help, final Counter counter)
    {
        GaugeWithCallback.builder().name(name).help(help).callback(c -> read(counter, c::call)).register(registry);
    }

    private static void counter(
        final PrometheusRegistry registry, final String name, final String help, final Counter counter)
    {
        CounterWithCallback.builder().name(name).help(help).callback(c -> read(counter, c::call)).register(registry);
    }

    /**
     * Hands on a counter's value unless the gateway has closed it (its memory may be unmapped then).
     */
    private static void read(final Counter counter, final DoubleConsumer sink)
    {
        if (!counter.isClosed())
        {
            sink.accept(counter.get());
        }
    }
}
