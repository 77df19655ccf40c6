package io.warden.gateway;

import io.warden.schema.IdleStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Settings of one gateway, Aeron-style: fluent setters, then {@link #conclude()}. Can be loaded from layered property
 * files ({@code config/cluster.properties}, {@code config/gateway.properties}, a profile; later files override
 * earlier ones and {@code -Dwarden.*} system properties override all).
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.load(List.of(Path.of("config/cluster.properties"),
 *     Path.of("config/gateway.properties"))).conclude();
 * try (Gateway gateway = Gateway.launch(config)) { ... }
 * }</pre>
 */
public final class GatewayConfig
{
    private static final String PREFIX = "warden.";

    private int gatewayId = 0;
    private String requestEndpoint = "127.0.0.1:7000";
    private int requestStreamId = 1001;
    private String credential = "warden";
    private String adminCredential = "";
    private String clusterIngressEndpoints = "";
    private String clusterHosts = "";
    private int clusterPortBase = 9000;
    private int clusterIngressTermLength = 4 * 1024 * 1024;
    private String clusterIngressChannel = "";
    private String clusterEgressHost = "127.0.0.1";
    private long clusterMessageTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private long clusterReconnectBackoffNs = TimeUnit.MILLISECONDS.toNanos(200);
    private String aeronDir = "";
    private boolean embeddedDriver = true;
    private int clientTermLength = 4 * 1024 * 1024;
    private long keepAliveIntervalNs = TimeUnit.MILLISECONDS.toNanos(250);
    private long clientKeepAliveIntervalNs = TimeUnit.MILLISECONDS.toNanos(500);
    private long clientLivenessTimeoutNs = TimeUnit.MILLISECONDS.toNanos(1500);
    private long progressIntervalNs = TimeUnit.SECONDS.toNanos(1);
    private long connectTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private int maxConnections = 4096;
    private int clientMaxPendingBytes = 8 * 1024 * 1024;
    private int clientMaxPendingRequests = 4096;
    private int watchBufferEvents = 4096;
    private int watchBufferBytes = 4 * 1024 * 1024;
    private String idleStrategy = "backoff";
    private boolean concluded;

    /**
     * Load layered property files (missing files are an error), then apply {@code warden.*} system properties.
     */
    public static GatewayConfig load(final List<Path> files)
    {
        final Map<String, String> values = new TreeMap<>();
        for (final Path file : files)
        {
            final Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file))
            {
                properties.load(in);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(), ex);
            }
            for (final String name : properties.stringPropertyNames())
            {
                values.put(name, properties.getProperty(name).trim());
            }
        }
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (name.startsWith(PREFIX))
            {
                values.put(name, System.getProperty(name).trim());
            }
        }
        final GatewayConfig config = new GatewayConfig();
        config.apply(values);
        return config;
    }

    /**
     * Apply {@code warden.gateway.*} settings and the cluster addressing settings this gateway needs; other
     * {@code warden.*} names (node settings in a shared cluster file) are ignored.
     */
    public GatewayConfig apply(final Map<String, String> values)
    {
        final List<String> errors = new ArrayList<>();
        final Map<Integer, String> hosts = new TreeMap<>();
        for (final Map.Entry<String, String> entry : values.entrySet())
        {
            final String name = entry.getKey();
            final String value = entry.getValue();
            try
            {
                if (name.startsWith("warden.cluster.host."))
                {
                    hosts.put(Integer.parseInt(name.substring("warden.cluster.host.".length())), value);
                    continue;
                }
                switch (name)
                {
                    case "warden.cluster.port.base" -> clusterPortBase = Integer.parseInt(value);
                    case "warden.cluster.ingress.term.length" -> clusterIngressTermLength = (int)parseSize(value);
                    case "warden.gateway.id" -> gatewayId = Integer.parseInt(value);
                    case "warden.gateway.request.endpoint" -> requestEndpoint = value;
                    case "warden.gateway.request.stream.id" -> requestStreamId = Integer.parseInt(value);
                    case "warden.gateway.credential" -> credential = value;
                    case "warden.gateway.admin.credential" -> adminCredential = value;
                    case "warden.gateway.cluster.ingress.endpoints" -> clusterIngressEndpoints = value;
                    case "warden.gateway.cluster.egress.host" -> clusterEgressHost = value;
                    case "warden.gateway.cluster.message.timeout" -> clusterMessageTimeoutNs = parseDurationNs(value);
                    case "warden.gateway.cluster.reconnect.backoff" -> clusterReconnectBackoffNs = parseDurationNs(value);
                    case "warden.gateway.aeron.dir" -> aeronDir = value;
                    case "warden.gateway.embedded.driver" -> embeddedDriver = Boolean.parseBoolean(value);
                    case "warden.gateway.client.term.length" -> clientTermLength = (int)parseSize(value);
                    case "warden.gateway.keepalive.interval" -> keepAliveIntervalNs = parseDurationNs(value);
                    case "warden.gateway.client.keepalive.interval" -> clientKeepAliveIntervalNs = parseDurationNs(value);
                    case "warden.gateway.client.liveness.timeout" -> clientLivenessTimeoutNs = parseDurationNs(value);
                    case "warden.gateway.progress.interval" -> progressIntervalNs = parseDurationNs(value);
                    case "warden.gateway.connect.timeout" -> connectTimeoutNs = parseDurationNs(value);
                    case "warden.gateway.max.connections" -> maxConnections = Integer.parseInt(value);
                    case "warden.gateway.client.max.pending.bytes" -> clientMaxPendingBytes = (int)parseSize(value);
                    case "warden.gateway.client.max.pending.requests" ->
                        clientMaxPendingRequests = Integer.parseInt(value);
                    case "warden.gateway.watch.buffer.events" -> watchBufferEvents = Integer.parseInt(value);
                    case "warden.gateway.watch.buffer.bytes" -> watchBufferBytes = (int)parseSize(value);
                    case "warden.gateway.idle.strategy" -> idleStrategy = value;
                    default ->
                    {
                        if (name.startsWith("warden.gateway."))
                        {
                            errors.add("unknown setting " + name);
                        }
                    }
                }
            }
            catch (final RuntimeException ex)
            {
                errors.add(name + "=" + value + ": " + ex.getMessage());
            }
        }
        if (!hosts.isEmpty())
        {
            final StringBuilder sb = new StringBuilder();
            for (final Map.Entry<Integer, String> host : hosts.entrySet())
            {
                sb.append(sb.length() == 0 ? "" : ",").append(host.getKey()).append('=').append(host.getValue());
            }
            clusterHosts = sb.toString();
        }
        if (!errors.isEmpty())
        {
            throw new IllegalArgumentException("invalid gateway settings: " + String.join("; ", errors));
        }
        return this;
    }

    /**
     * Check and complete the settings: the cluster's ingress endpoints are derived from the cluster's hosts and port
     * base (member N listens for ingress on base + 100 N + 2) unless given.
     */
    public GatewayConfig conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (clusterIngressEndpoints.isEmpty())
        {
            if (clusterHosts.isEmpty())
            {
                throw new IllegalArgumentException(
                    "no cluster: set warden.gateway.cluster.ingress.endpoints or warden.cluster.host.<id>");
            }
            final StringBuilder sb = new StringBuilder();
            for (final String member : clusterHosts.split(","))
            {
                final int eq = member.indexOf('=');
                final int id = Integer.parseInt(member.substring(0, eq));
                sb.append(sb.length() == 0 ? "" : ",")
                    .append(id).append('=').append(member.substring(eq + 1)).append(':')
                    .append(clusterPortBase + 100 * id + 2);
            }
            clusterIngressEndpoints = sb.toString();
        }
        if (credential.isEmpty())
        {
            throw new IllegalArgumentException("warden.gateway.credential must not be empty");
        }
        if (clientKeepAliveIntervalNs <= 0 || keepAliveIntervalNs <= 0 || clientLivenessTimeoutNs <= clientKeepAliveIntervalNs)
        {
            throw new IllegalArgumentException("keepalive intervals must be positive and the client liveness timeout " +
                "longer than the client keepalive interval");
        }
        IdleStrategies.of(idleStrategy);
        if (aeronDir.isEmpty())
        {
            aeronDir = "/dev/shm/warden/gateway-" + gatewayId;
        }
        concluded = true;
        return this;
    }

    static long parseDurationNs(final String text)
    {
        final String value = text.trim().toLowerCase();
        if (value.endsWith("ns"))
        {
            return Long.parseLong(value.substring(0, value.length() - 2));
        }
        if (value.endsWith("us"))
        {
            return TimeUnit.MICROSECONDS.toNanos(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("ms"))
        {
            return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s"))
        {
            return TimeUnit.SECONDS.toNanos(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value));
    }

    static long parseSize(final String text)
    {
        final String value = text.trim().toLowerCase();
        final char unit = value.charAt(value.length() - 1);
        final long multiplier = unit == 'k' ? 1024L : unit == 'm' ? 1024L * 1024 : unit == 'g' ? 1024L * 1024 * 1024 : 1;
        final String digits = multiplier == 1 ? value : value.substring(0, value.length() - 1);
        return Long.parseLong(digits) * multiplier;
    }

    public int gatewayId()
    {
        return gatewayId;
    }

    public GatewayConfig gatewayId(final int gatewayId)
    {
        this.gatewayId = gatewayId;
        return this;
    }

    /**
     * {@code host:port} clients send their requests to.
     */
    public String requestEndpoint()
    {
        return requestEndpoint;
    }

    public GatewayConfig requestEndpoint(final String requestEndpoint)
    {
        this.requestEndpoint = requestEndpoint;
        return this;
    }

    public String requestChannel()
    {
        return "aeron:udp?endpoint=" + requestEndpoint;
    }

    public int requestStreamId()
    {
        return requestStreamId;
    }

    public GatewayConfig requestStreamId(final int requestStreamId)
    {
        this.requestStreamId = requestStreamId;
        return this;
    }

    /**
     * The shared token clients must present in {@code Connect}.
     */
    public String credential()
    {
        return credential;
    }

    public GatewayConfig credential(final String credential)
    {
        this.credential = credential;
        return this;
    }

    /**
     * The token that allows admin requests ({@code ConfigureLimits}); empty refuses them.
     */
    public String adminCredential()
    {
        return adminCredential;
    }

    public GatewayConfig adminCredential(final String adminCredential)
    {
        this.adminCredential = adminCredential;
        return this;
    }

    /**
     * Aeron Cluster ingress endpoints: {@code id=host:port,...}.
     */
    public String clusterIngressEndpoints()
    {
        return clusterIngressEndpoints;
    }

    public GatewayConfig clusterIngressEndpoints(final String clusterIngressEndpoints)
    {
        this.clusterIngressEndpoints = clusterIngressEndpoints;
        return this;
    }

    /**
     * The ingress channel: its term length bounds the largest request (term length / 8).
     */
    public String clusterIngressChannel()
    {
        return clusterIngressChannel.isEmpty() ? "aeron:udp?term-length=" + clusterIngressTermLength : clusterIngressChannel;
    }

    /**
     * Use this ingress channel as it is (tests take it from the cluster's own configuration).
     */
    public GatewayConfig clusterIngressChannel(final String clusterIngressChannel)
    {
        this.clusterIngressChannel = clusterIngressChannel;
        return this;
    }

    public GatewayConfig clusterIngressTermLength(final int clusterIngressTermLength)
    {
        this.clusterIngressTermLength = clusterIngressTermLength;
        return this;
    }

    public String clusterEgressChannel()
    {
        return "aeron:udp?endpoint=" + clusterEgressHost + ":0";
    }

    public GatewayConfig clusterEgressHost(final String clusterEgressHost)
    {
        this.clusterEgressHost = clusterEgressHost;
        return this;
    }

    public long clusterMessageTimeoutNs()
    {
        return clusterMessageTimeoutNs;
    }

    public GatewayConfig clusterMessageTimeoutNs(final long clusterMessageTimeoutNs)
    {
        this.clusterMessageTimeoutNs = clusterMessageTimeoutNs;
        return this;
    }

    public long clusterReconnectBackoffNs()
    {
        return clusterReconnectBackoffNs;
    }

    public String aeronDir()
    {
        return aeronDir;
    }

    public GatewayConfig aeronDir(final String aeronDir)
    {
        this.aeronDir = aeronDir;
        return this;
    }

    /**
     * Launch a media driver inside the gateway (true) or use one already running at {@link #aeronDir()}.
     */
    public boolean embeddedDriver()
    {
        return embeddedDriver;
    }

    public GatewayConfig embeddedDriver(final boolean embeddedDriver)
    {
        this.embeddedDriver = embeddedDriver;
        return this;
    }

    /**
     * Term length of the publications to clients: it must carry the largest frame the cluster sends (egress term
     * length / 8).
     */
    public int clientTermLength()
    {
        return clientTermLength;
    }

    public GatewayConfig clientTermLength(final int clientTermLength)
    {
        this.clientTermLength = clientTermLength;
        return this;
    }

    public long keepAliveIntervalNs()
    {
        return keepAliveIntervalNs;
    }

    public GatewayConfig keepAliveIntervalNs(final long keepAliveIntervalNs)
    {
        this.keepAliveIntervalNs = keepAliveIntervalNs;
        return this;
    }

    public long clientKeepAliveIntervalNs()
    {
        return clientKeepAliveIntervalNs;
    }

    public GatewayConfig clientKeepAliveIntervalNs(final long clientKeepAliveIntervalNs)
    {
        this.clientKeepAliveIntervalNs = clientKeepAliveIntervalNs;
        return this;
    }

    public long clientLivenessTimeoutNs()
    {
        return clientLivenessTimeoutNs;
    }

    public GatewayConfig clientLivenessTimeoutNs(final long clientLivenessTimeoutNs)
    {
        this.clientLivenessTimeoutNs = clientLivenessTimeoutNs;
        return this;
    }

    public long progressIntervalNs()
    {
        return progressIntervalNs;
    }

    public GatewayConfig progressIntervalNs(final long progressIntervalNs)
    {
        this.progressIntervalNs = progressIntervalNs;
        return this;
    }

    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    public GatewayConfig maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    public int clientMaxPendingBytes()
    {
        return clientMaxPendingBytes;
    }

    public GatewayConfig clientMaxPendingBytes(final int clientMaxPendingBytes)
    {
        this.clientMaxPendingBytes = clientMaxPendingBytes;
        return this;
    }

    public int clientMaxPendingRequests()
    {
        return clientMaxPendingRequests;
    }

    public GatewayConfig clientMaxPendingRequests(final int clientMaxPendingRequests)
    {
        this.clientMaxPendingRequests = clientMaxPendingRequests;
        return this;
    }

    /**
     * Recent events kept per shared watch so a client resuming a little behind is served without the cluster.
     */
    public int watchBufferEvents()
    {
        return watchBufferEvents;
    }

    public int watchBufferBytes()
    {
        return watchBufferBytes;
    }

    public String idleStrategy()
    {
        return idleStrategy;
    }

    public GatewayConfig idleStrategy(final String idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    @Override
    public String toString()
    {
        return "GatewayConfig{id=" + gatewayId + ", request=" + requestChannel() + " stream " + requestStreamId +
            ", cluster=" + clusterIngressEndpoints + ", aeronDir=" + aeronDir + ", keepAlive=" +
            TimeUnit.NANOSECONDS.toMillis(keepAliveIntervalNs) + "ms, clientKeepAlive=" +
            TimeUnit.NANOSECONDS.toMillis(clientKeepAliveIntervalNs) + "ms}";
    }
}
