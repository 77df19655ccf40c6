package io.warden.schema;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Health and readiness probes for a Warden process's metrics HTTP server, in the shape load balancers and
 * orchestrators expect: {@code GET /healthz} answers 200 while the process serves at all; {@code GET /readyz}
 * answers 200 {@code ready} when the readiness check finds nothing wrong, else 503 with its one-line reason; any
 * other path is 404. Install it as the exporter's default handler, next to {@code /metrics}:
 * <pre>{@code
 * HTTPServer.builder().hostname("127.0.0.1").port(9006).registry(registry)
 *     .defaultHandler(new ProbeHandler(() -> link.isUp() ? null : "no cluster link")).buildAndStart();
 * }</pre>
 */
public final class ProbeHandler implements HttpHandler
{
    /** The liveness path. */
    public static final String HEALTH_PATH = "/healthz";
    /** The readiness path. */
    public static final String READY_PATH = "/readyz";

    private final Supplier<String> notReadyReason;

    /**
     * @param notReadyReason why the process is not ready, or null when it is; called on the HTTP thread, so it
     *                       must be thread-safe and must not block.
     */
    public ProbeHandler(final Supplier<String> notReadyReason)
    {
        this.notReadyReason = notReadyReason;
    }

    public void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String path = exchange.getRequestURI().getPath();
            if (HEALTH_PATH.equals(path))
            {
                respond(exchange, 200, "ok");
            }
            else if (READY_PATH.equals(path))
            {
                final String reason = notReadyReason.get();
                respond(exchange, null == reason ? 200 : 503, null == reason ? "ready" : "not ready: " + reason);
            }
            else
            {
                respond(exchange, 404, "not found; try /metrics, " + HEALTH_PATH + " or " + READY_PATH);
            }
        }
    }

    private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException
    {
        final byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if ("HEAD".equals(exchange.getRequestMethod()))
        {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }
}
