package io.warden.schema;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ProbeHandlerTest
{
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new ProbeHandler(reason::get));
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    @Test
    void healthIsAlways200AndReadinessFollowsTheCheck() throws Exception
    {
        assertEquals("200 ok", get("/healthz"));
        assertEquals("200 ready", get("/readyz"));

        reason.set("an election is in progress");
        assertEquals("503 not ready: an election is in progress", get("/readyz"));
        assertEquals("200 ok", get("/healthz"));

        reason.set(null);
        assertEquals("200 ready", get("/readyz"));
    }

    @Test
    void otherPathsAreNotFound() throws Exception
    {
        assertEquals(404, Integer.parseInt(get("/nothing").substring(0, 3)));
    }

    private String get(final String path) throws Exception
    {
        final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }
}
