package io.warden.cli;

import io.warden.client.WardenClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.concurrent.TimeUnit;

/**
 * Options every command shares: where the gateways are, the credential, output format, timeouts.
 */
final class ConnectionOptions
{
    @Option(scope = ScopeType.INHERIT, names = { "-g", "--gateways" }, paramLabel = "HOST:PORT[,...]",
        description = "Gateway endpoints, tried in order (default: $WARDEN_GATEWAYS or 127.0.0.1:7000).")
    String gateways = envOr("WARDEN_GATEWAYS", "127.0.0.1:7000");

    @Option(scope = ScopeType.INHERIT, names = { "-c", "--credential" }, paramLabel = "TOKEN",
        description = "Credential the gateway expects (default: $WARDEN_CREDENTIAL or 'warden').")
    String credential = envOr("WARDEN_CREDENTIAL", "warden");

    @Option(scope = ScopeType.INHERIT, names = "--json", description = "Print JSON objects, one per line, for scripts.")
    boolean json;

    @Option(scope = ScopeType.INHERIT, names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "How long to wait for the cluster (connecting, each request). Default: ${DEFAULT-VALUE}.",
        defaultValue = "10s")
    long timeoutMs;

    @Option(scope = ScopeType.INHERIT, names = "--session-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "TTL of the command's session (locks, elections and ephemeral keys die with it). " +
        "Default: ${DEFAULT-VALUE}.", defaultValue = "10s")
    long sessionTtlMs;

    private static String envOr(final String name, final String fallback)
    {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Connect: a client with its own session.
     */
    WardenClient connect()
    {
        return WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints(gateways)
            .credential(credential)
            .clientName("warden-cli")
            .sessionTtlMs(sessionTtlMs)
            .requestTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs))
            .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
    }
}
