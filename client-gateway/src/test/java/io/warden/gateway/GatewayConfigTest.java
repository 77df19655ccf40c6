package io.warden.gateway;

import io.warden.schema.trust.CellSecrets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class GatewayConfigTest
{
    private static final long MIB = 1024 * 1024;

    private static final Path SECRET_FILE = secretFile();

    private static Path secretFile()
    {
        try
        {
            final Path file = Files.createTempDirectory("warden-gateway-config").resolve("cell.secret");
            CellSecrets.write(file, CellSecrets.newSecret(), null);
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static GatewayConfig config()
    {
        return new GatewayConfig().clusterIngressEndpoints("0=127.0.0.1:9002").cellSecretFile(SECRET_FILE.toString());
    }

    @Test
    void aGatewayWithoutTheCellSecretFileDoesNotStart()
    {
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> new GatewayConfig().clusterIngressEndpoints("0=127.0.0.1:9002").conclude(256 * MIB));
        assertTrue(missing.getMessage().contains("warden.cluster.secret.file"), missing::getMessage);
        assertThrows(IllegalStateException.class, () -> new GatewayConfig()
            .clusterIngressEndpoints("0=127.0.0.1:9002").cellSecretFile(SECRET_FILE + ".absent").conclude(256 * MIB));
    }

    @Test
    void theShippedFilesLoadAndFitTheScriptsHeap()
    {
        final Path root = Path.of(System.getProperty("user.dir")).getParent();
        final GatewayConfig config = GatewayConfig.load(List.of(
            root.resolve("config/cluster.properties"), root.resolve("config/gateway.properties")));
        config.cellSecretFile(SECRET_FILE.toString()).conclude(512 * MIB);
        assertEquals(10_000, config.clientRequestRate());
        assertEquals(5_000, config.clientRequestBurst());
        assertEquals(256, config.maxHandshakes());
        assertTrue(config.maxPendingBytes() >= config.clientMaxPendingBytes(), "derived from the heap");
        assertEquals(TimeUnit.SECONDS.toNanos(5), config.clusterReconnectBackoffMaxNs());
    }

    @Test
    void theDefaultsFitTheChaosHarnessHeap()
    {
        final GatewayConfig config = config().conclude(256 * MIB);
        assertTrue(config.maxPendingBytes() >= config.clientMaxPendingBytes());
    }

    @Test
    void newSettingsAreRead()
    {
        final GatewayConfig config = config().apply(Map.of(
            "warden.gateway.client.request.rate", "0",
            "warden.gateway.client.request.burst", "7",
            "warden.gateway.max.handshakes", "9",
            "warden.gateway.max.pending.bytes", "64m",
            "warden.gateway.cluster.reconnect.backoff.max", "3s",
            "warden.gateway.connect.timeout", "2s")).conclude(1024 * MIB);
        assertEquals(0, config.clientRequestRate());
        assertEquals(7, config.clientRequestBurst());
        assertEquals(9, config.maxHandshakes());
        assertEquals(64 * MIB, config.maxPendingBytes(), "an explicit budget is kept as it is");
        assertEquals(TimeUnit.SECONDS.toNanos(3), config.clusterReconnectBackoffMaxNs());
        assertEquals(TimeUnit.SECONDS.toNanos(2), config.connectTimeoutNs());
    }

    @Test
    void theDerivedBudgetIsWhatTheHeapLeavesAfterTheConnections()
    {
        final long heap = 1024 * MIB;
        final GatewayConfig config = config().maxConnections(1000).maxHandshakes(100).conclude(heap);
        final long fixed = GatewayConfig.BASE_HEAP_BYTES + 1000 * GatewayConfig.CONNECTION_HEAP_BYTES +
            100 * GatewayConfig.HANDSHAKE_HEAP_BYTES;
        assertEquals((heap * 3 / 4 - fixed) / 2, config.maxPendingBytes());
    }

    @Test
    void aBudgetTheHeapCannotHoldIsRefusedWithTheNumbers()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> config().maxPendingBytes(512 * MIB).conclude(512 * MIB));
        assertTrue(ex.getMessage().contains("do not fit a heap of 512 MiB"), ex.getMessage());
        assertTrue(ex.getMessage().contains("warden.gateway.max.pending.bytes"), ex.getMessage());
        assertTrue(ex.getMessage().contains("-Xmx"), ex.getMessage());
    }

    @Test
    void tooManyConnectionsForTheHeapAreRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> config().maxConnections(100_000).conclude(512 * MIB));
        assertTrue(ex.getMessage().contains("100000 connections"), ex.getMessage());
        assertTrue(ex.getMessage().contains("warden.gateway.max.connections"), ex.getMessage());
    }

    @Test
    void badLimitsAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> config().clientRequestRate(-1).conclude(1024 * MIB));
        assertThrows(IllegalArgumentException.class,
            () -> config().clientRequestRate(10).clientRequestBurst(0).conclude(1024 * MIB));
        assertThrows(IllegalArgumentException.class, () -> config().maxHandshakes(0).conclude(1024 * MIB));
        assertThrows(IllegalArgumentException.class, () -> config()
            .clusterReconnectBackoffNs(TimeUnit.SECONDS.toNanos(10)).conclude(1024 * MIB));
        assertThrows(IllegalArgumentException.class,
            () -> config().apply(Map.of("warden.gateway.client.request.ratee", "1")));
    }
}
