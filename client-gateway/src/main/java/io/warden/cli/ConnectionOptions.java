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

    @Option(scope = ScopeType.INHERIT, names = { "-u", "--user" }, paramLabel = "USER[:PASSWORD]",
        description = "Log in as this user (default: $WARDEN_USER). Without ':PASSWORD' the password comes from " +
        "$WARDEN_PASSWORD, or is asked for on the terminal. It is never sent: the client proves it knows it.")
    String user = envOr("WARDEN_USER", "");

    @Option(scope = ScopeType.INHERIT, names = "--token", paramLabel = "TOKEN",
        description = "Log in with a token an earlier login at the same gateway issued (default: $WARDEN_TOKEN).")
    String token = envOr("WARDEN_TOKEN", "");

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
        final WardenClient.Context ctx = new WardenClient.Context();
        if (!user.isEmpty())
        {
            final int colon = user.indexOf(':');
            final String name = colon < 0 ? user : user.substring(0, colon);
            ctx.user(name).password(colon < 0 ? password(name) : user.substring(colon + 1).toCharArray());
        }
        return WardenClient.connect(ctx
            .token(token)
            .gatewayEndpoints(gateways)
            .credential(credential)
            .clientName("warden-cli")
            .sessionTtlMs(sessionTtlMs)
            .requestTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs))
            .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
    }

    private static char[] password(final String user)
    {
        final String fromEnvironment = System.getenv("WARDEN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty())
        {
            return fromEnvironment.toCharArray();
        }
        final java.io.Console console = System.console();
        if (console == null)
        {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Object()),
                "no password for user " + user + ": give --user " + user + ":PASSWORD or set WARDEN_PASSWORD");
        }
        return console.readPassword("password of %s: ", user);
    }
}
