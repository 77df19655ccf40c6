package io.warden.gateway;

import io.warden.schema.IdleStrategies;
import io.warden.schema.LocalAddress;
import io.warden.schema.trust.CellSecrets;

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

    /**
     * Heap one connection holds whatever it does: its tables, its token bucket and an output queue of up to
     * {@link Outbound#RETAINED_CAPACITY} kept between bursts (a larger one is given back once drained).
     */
    static final long CONNECTION_HEAP_BYTES = 24 * 1024;

    /** Heap one handshake in progress holds (its decoded Connect; no buffers). */
    static final long HANDSHAKE_HEAP_BYTES = 1024;

    /** Heap of the gateway apart from its connections: the Aeron client, the fan-out's tables and scratch buffers. */
    static final long BASE_HEAP_BYTES = 32L * 1024 * 1024;

    /** Share of the heap the gateway's worst case may take; the rest is the collector's headroom. */
    private static final double USABLE_HEAP_SHARE = 0.75;

    private int gatewayId = 0;
    private String requestEndpoint = "127.0.0.1:7000";
    private int requestStreamId = 1001;
    private String credential = "warden";
    private String adminCredential = "";
    private String cellSecretFile = "";
    private String clusterIngressEndpoints = "";
    private String clusterHosts = "";
    private int clusterPortBase = 9000;
    private int clusterIngressTermLength = 4 * 1024 * 1024;
    private String clusterIngressChannel = "";
    private String clusterEgressHost = "";
    private long clusterMessageTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private long clusterReconnectBackoffNs = TimeUnit.MILLISECONDS.toNanos(200);
    private long clusterReconnectBackoffMaxNs = TimeUnit.SECONDS.toNanos(5);
    private String aeronDir = "";
    private boolean embeddedDriver = true;
    private int clientTermLength = 4 * 1024 * 1024;
    private long keepAliveIntervalNs = TimeUnit.MILLISECONDS.toNanos(250);
    private long clientKeepAliveIntervalNs = TimeUnit.MILLISECONDS.toNanos(500);
    private long clientLivenessTimeoutNs = TimeUnit.MILLISECONDS.toNanos(1500);
    private long progressIntervalNs = TimeUnit.SECONDS.toNanos(1);
    private long connectTimeoutNs = TimeUnit.SECONDS.toNanos(5);
    private boolean requireLogin;
    private long tokenTtlNs = TimeUnit.MINUTES.toNanos(5);
    private int maxConnections = 4096;
    private int clientMaxPendingBytes = 8 * 1024 * 1024;
    private int clientMaxPendingRequests = 4096;
    private long clientRequestRate = 10_000;
    private long clientRequestBurst = 5_000;
    private int maxHandshakes = 256;
    private long maxPendingBytes = 0;
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
                    case "warden.cluster.secret.file" -> cellSecretFile = value;
                    case "warden.gateway.cluster.ingress.endpoints" -> clusterIngressEndpoints = value;
                    case "warden.gateway.cluster.egress.host" -> clusterEgressHost = value;
                    case "warden.gateway.cluster.message.timeout" -> clusterMessageTimeoutNs = parseDurationNs(value);
                    case "warden.gateway.cluster.reconnect.backoff" -> clusterReconnectBackoffNs = parseDurationNs(value);
                    case "warden.gateway.cluster.reconnect.backoff.max" ->
                        clusterReconnectBackoffMaxNs = parseDurationNs(value);
                    case "warden.gateway.aeron.dir" -> aeronDir = value;
                    case "warden.gateway.embedded.driver" -> embeddedDriver = Boolean.parseBoolean(value);
                    case "warden.gateway.client.term.length" -> clientTermLength = (int)parseSize(value);
                    case "warden.gateway.keepalive.interval" -> keepAliveIntervalNs = parseDurationNs(value);
                    case "warden.gateway.client.keepalive.interval" -> clientKeepAliveIntervalNs = parseDurationNs(value);
                    case "warden.gateway.client.liveness.timeout" -> clientLivenessTimeoutNs = parseDurationNs(value);
                    case "warden.gateway.progress.interval" -> progressIntervalNs = parseDurationNs(value);
                    case "warden.gateway.connect.timeout" -> connectTimeoutNs = parseDurationNs(value);
                    case "warden.gateway.require.login" -> requireLogin = Boolean.parseBoolean(value);
                    case "warden.gateway.token.ttl" -> tokenTtlNs = parseDurationNs(value);
                    case "warden.gateway.max.connections" -> maxConnections = Integer.parseInt(value);
                    case "warden.gateway.client.max.pending.bytes" -> clientMaxPendingBytes = (int)parseSize(value);
                    case "warden.gateway.client.max.pending.requests" ->
                        clientMaxPendingRequests = Integer.parseInt(value);
                    case "warden.gateway.client.request.rate" -> clientRequestRate = Long.parseLong(value);
                    case "warden.gateway.client.request.burst" -> clientRequestBurst = Long.parseLong(value);
                    case "warden.gateway.max.handshakes" -> maxHandshakes = Integer.parseInt(value);
                    case "warden.gateway.max.pending.bytes" -> maxPendingBytes = parseSize(value);
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
        return conclude(Runtime.getRuntime().maxMemory());
    }

    /**
     * {@link #conclude()} against a given heap size (tests).
     */
    GatewayConfig conclude(final long maxHeapBytes)
    {
        if (concluded)
        {
            return this;
        }
        if (cellSecretFile.isEmpty())
        {
            throw new IllegalArgumentException("warden.cluster.secret.file is not set: the nodes admit only gateways " +
                "that prove the cell's secret (scripts/warden-cluster.sh start writes one; see README: Security)");
        }
        CellSecrets.load(Path.of(cellSecretFile)).presented(CellSecrets.GATEWAY);
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
        if (clientRequestRate < 0 || clientRequestRate > 0 && clientRequestBurst < 1)
        {
            throw new IllegalArgumentException("warden.gateway.client.request.rate must be 0 (no limit) or positive, " +
                "with warden.gateway.client.request.burst at least 1");
        }
        if (maxHandshakes < 1 || maxConnections < 1)
        {
            throw new IllegalArgumentException(
                "warden.gateway.max.handshakes and warden.gateway.max.connections must be at least 1");
        }
        if (clusterReconnectBackoffNs <= 0 || clusterReconnectBackoffMaxNs < clusterReconnectBackoffNs)
        {
            throw new IllegalArgumentException("warden.gateway.cluster.reconnect.backoff must be positive and not " +
                "longer than warden.gateway.cluster.reconnect.backoff.max");
        }
        concludeMemory(maxHeapBytes);
        IdleStrategies.of(idleStrategy);
        if (aeronDir.isEmpty())
        {
            aeronDir = "/dev/shm/warden/gateway-" + gatewayId;
        }
        concluded = true;
        return this;
    }

    /**
     * Size the gateway-wide budget of queued bytes (client output plus requests waiting for the cluster) and check
     * that the worst case fits the heap: the budget, twice (a growing queue is copied while its old array still
     * lives), plus every connection's and handshake's fixed share, plus the base. {@code 0} derives the budget from
     * the heap: what is left of its usable share after the fixed part.
     */
    private void concludeMemory(final long maxHeapBytes)
    {
        final long usable = (long)(maxHeapBytes * USABLE_HEAP_SHARE);
        final long fixed = fixedHeapBytes();
        if (maxPendingBytes < 0)
        {
            throw new IllegalArgumentException("warden.gateway.max.pending.bytes must not be negative");
        }
        if (maxPendingBytes == 0)
        {
            final long derived = (usable - fixed) / 2;
            if (derived < clientMaxPendingBytes)
            {
                throw new IllegalArgumentException(heapMessage(maxHeapBytes, fixed, derived) +
                    ": what is left for queued output, " + mib(derived) + ", is less than one client's " +
                    "warden.gateway.client.max.pending.bytes=" + mib(clientMaxPendingBytes) +
                    "; give the gateway a larger -Xmx or lower warden.gateway.max.connections");
            }
            maxPendingBytes = derived;
        }
        else if (fixed + 2 * maxPendingBytes > usable)
        {
            throw new IllegalArgumentException(heapMessage(maxHeapBytes, fixed, maxPendingBytes) +
                ": the worst case, " + mib(fixed + 2 * maxPendingBytes) + ", is over " + mib(usable) + " (" +
                Math.round(USABLE_HEAP_SHARE * 100) + "% of the heap); give the gateway a larger -Xmx, or lower " +
                "warden.gateway.max.pending.bytes or warden.gateway.max.connections");
        }
    }

    private long fixedHeapBytes()
    {
        return BASE_HEAP_BYTES + maxConnections * CONNECTION_HEAP_BYTES + maxHandshakes * HANDSHAKE_HEAP_BYTES;
    }

    private String heapMessage(final long maxHeapBytes, final long fixed, final long budget)
    {
        return "gateway settings do not fit a heap of " + mib(maxHeapBytes) + ": " + maxConnections +
            " connections and " + maxHandshakes + " handshakes need " + mib(fixed) + ", and " +
            "warden.gateway.max.pending.bytes=" + mib(budget) + " of queued bytes up to twice that";
    }

    private static String mib(final long bytes)
    {
        return (bytes / (1024 * 1024)) + " MiB";
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
     * The cell's secret file: the gateway proves the first {@code gateway} secret in it to the nodes at every connect
     * (re-reading it each time, so a rotated secret needs no restart).
     */
    public String cellSecretFile()
    {
        return cellSecretFile;
    }

    public GatewayConfig cellSecretFile(final String cellSecretFile)
    {
        this.cellSecretFile = cellSecretFile;
        return this;
    }

    /**
     * The name this gateway proves the cell's secret under ({@code gateway-<id>}): its connections' principal is
     * {@code gateway:gateway-<id>}, and the sessions it opens belong to it.
     */
    public String principalName()
    {
        return "gateway-" + gatewayId;
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

    /**
     * Where the cluster sends this gateway's egress: {@code warden.gateway.cluster.egress.host}, or, when that is
     * empty, the local address this host sends from to the first member's ingress (so a gateway on another host than
     * the nodes needs no setting).
     *
     * @return the channel.
     */
    public String clusterEgressChannel()
    {
        if (clusterEgressHost.isEmpty())
        {
            final String first = clusterIngressEndpoints.split(",")[0];
            clusterEgressHost = first.isEmpty() ?
                "127.0.0.1" : LocalAddress.towards(first.substring(first.indexOf('=') + 1));
        }
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

    /**
     * First wait before retrying a cluster connection that failed; each further failure doubles it (with jitter) up to
     * {@link #clusterReconnectBackoffMaxNs()}. A session that was lost is retried at once.
     */
    public long clusterReconnectBackoffNs()
    {
        return clusterReconnectBackoffNs;
    }

    public GatewayConfig clusterReconnectBackoffNs(final long clusterReconnectBackoffNs)
    {
        this.clusterReconnectBackoffNs = clusterReconnectBackoffNs;
        return this;
    }

    /**
     * Longest wait between two cluster connection attempts.
     */
    public long clusterReconnectBackoffMaxNs()
    {
        return clusterReconnectBackoffMaxNs;
    }

    public GatewayConfig clusterReconnectBackoffMaxNs(final long clusterReconnectBackoffMaxNs)
    {
        this.clusterReconnectBackoffMaxNs = clusterReconnectBackoffMaxNs;
        return this;
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

    /**
     * How long a client's handshake may take (its publication connecting); also how long the gateway waits for its
     * request channel at launch.
     */
    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    public GatewayConfig connectTimeoutNs(final long connectTimeoutNs)
    {
        this.connectTimeoutNs = connectTimeoutNs;
        return this;
    }

    /**
     * Whether a client must log in (user and password, or a token) to connect; the multi-host setup turns it on.
     * Off, a client that does not log in acts for no user, which the cell allows only while its authentication is off.
     * The admin credential is exempt, so an operator can create the first users; once the cell's authentication is
     * on, that credential alone may do nothing.
     */
    public boolean requireLogin()
    {
        return requireLogin;
    }

    public GatewayConfig requireLogin(final boolean requireLogin)
    {
        this.requireLogin = requireLogin;
        return this;
    }

    /**
     * How long a token issued at a login may be used to connect again to this gateway (tokens live in the gateway's
     * memory only, as etcd's simple tokens do).
     */
    public long tokenTtlNs()
    {
        return tokenTtlNs;
    }

    public GatewayConfig tokenTtlNs(final long tokenTtlNs)
    {
        this.tokenTtlNs = tokenTtlNs;
        return this;
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

    /**
     * Requests per second one connection may send (a token bucket of {@link #clientRequestBurst()}); 0 for no limit.
     * Requests over it are answered {@code RATE_LIMITED}; ClientKeepAlive, GatewayInfo and Disconnect never are.
     */
    public long clientRequestRate()
    {
        return clientRequestRate;
    }

    public GatewayConfig clientRequestRate(final long clientRequestRate)
    {
        this.clientRequestRate = clientRequestRate;
        return this;
    }

    /**
     * Requests one connection may send at once before {@link #clientRequestRate()} applies.
     */
    public long clientRequestBurst()
    {
        return clientRequestBurst;
    }

    public GatewayConfig clientRequestBurst(final long clientRequestBurst)
    {
        this.clientRequestBurst = clientRequestBurst;
        return this;
    }

    /**
     * Connects being answered at once (publication to the client not yet up); further Connect frames are ignored and
     * counted until one ends.
     */
    public int maxHandshakes()
    {
        return maxHandshakes;
    }

    public GatewayConfig maxHandshakes(final int maxHandshakes)
    {
        this.maxHandshakes = maxHandshakes;
        return this;
    }

    /**
     * Bytes queued at once over all connections: output waiting for clients plus requests waiting for the cluster.
     * After {@link #conclude()} the value in force (0 before it: derived from the heap).
     */
    public long maxPendingBytes()
    {
        return maxPendingBytes;
    }

    public GatewayConfig maxPendingBytes(final long maxPendingBytes)
    {
        this.maxPendingBytes = maxPendingBytes;
        return this;
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
            TimeUnit.NANOSECONDS.toMillis(clientKeepAliveIntervalNs) + "ms, requestRate=" +
            (clientRequestRate == 0 ? "off" : clientRequestRate + "/s burst " + clientRequestBurst) +
            ", maxPendingBytes=" + (maxPendingBytes == 0 ? "auto" : mib(maxPendingBytes)) + "}";
    }
}
