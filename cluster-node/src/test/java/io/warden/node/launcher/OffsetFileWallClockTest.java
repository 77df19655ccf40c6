package io.warden.node.launcher;

import io.aeron.archive.Archive;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.MillisecondClusterClock;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.warden.schema.trust.CellSecrets;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's clocks: the offset device (the wall clock the node sees), the monotonic cluster clock anchored to it,
 * and how {@link NodeConfig} wires one clock into every Aeron context.
 */
final class OffsetFileWallClockTest
{
    private static final String THREE_HOSTS =
        "warden.cluster.host.0=127.0.0.1\n" +
        "warden.cluster.host.1=127.0.0.1\n" +
        "warden.cluster.host.2=127.0.0.1\n" +
        "warden.node.id=0\n";

    @TempDir
    Path dir;

    @Test
    void addsTheOffsetWrittenToTheFileAtRunTime()
    {
        final Path file = dir.resolve("node-0.clock");
        final CachedEpochClock wall = new CachedEpochClock();
        wall.update(1_000_000L);

        try (OffsetFileWallClock clock = new OffsetFileWallClock(file.toFile(), wall))
        {
            assertTrue(Files.exists(file), "created when missing");
            assertEquals(TimeUnit.MILLISECONDS, clock.timeUnit());
            assertEquals(1_000_000L, clock.time());

            OffsetFileWallClock.writeOffsetMs(file.toFile(), 30_000);
            assertEquals(1_030_000L, clock.time());
            assertEquals(TimeUnit.MILLISECONDS.toNanos(1_030_000L), clock.timeNanos());

            OffsetFileWallClock.writeOffsetMs(file.toFile(), -5_000);
            wall.update(1_000_100L);
            assertEquals(995_100L, clock.time());
            assertEquals(-5_000L, clock.offsetMs());
        }
    }

    @Test
    void anExistingFileKeepsItsOffset()
    {
        final Path file = dir.resolve("kept.clock");
        OffsetFileWallClock.writeOffsetMs(file.toFile(), 42);
        final CachedEpochClock wall = new CachedEpochClock();
        wall.update(100);

        try (OffsetFileWallClock clock = new OffsetFileWallClock(file.toFile(), wall))
        {
            assertEquals(142, clock.time());
        }
    }

    @Test
    void onlyTheAnchorOfTheMonotonicClockSeesTheDevice()
    {
        final Path file = dir.resolve("node-0.clock");
        final CachedEpochClock system = new CachedEpochClock();
        final CachedNanoClock nanos = new CachedNanoClock();
        system.update(1_000_000L);
        nanos.update(123_456_789L);
        OffsetFileWallClock.writeOffsetMs(file.toFile(), 7_000);

        try (OffsetFileWallClock wall = new OffsetFileWallClock(file.toFile(), system))
        {
            final MonotonicClusterClock clock = new MonotonicClusterClock(wall, nanos);
            assertEquals(1_007_000L, clock.anchorMs(), "the anchor is the wall clock the node sees at start");
            assertEquals(TimeUnit.MILLISECONDS, clock.timeUnit());

            OffsetFileWallClock.writeOffsetMs(file.toFile(), 7_000 + TimeUnit.MINUTES.toMillis(5));
            assertEquals(1_307_000L, wall.time(), "the node's wall clock jumped 5 min ahead");
            assertEquals(1_007_000L, clock.time(), "the cluster clock did not");

            OffsetFileWallClock.writeOffsetMs(file.toFile(), -60_000);
            system.advance(250);
            nanos.advance(TimeUnit.MILLISECONDS.toNanos(250));
            assertEquals(940_250L, wall.time(), "then 60 s behind the system's");
            assertEquals(1_007_250L, clock.time(), "the cluster clock only counted the 250 ms that passed");
            assertEquals(TimeUnit.MILLISECONDS.toNanos(1_007_250L), clock.timeNanos());
        }
    }

    @Test
    void theNodeRunsOnOneMonotonicClockByDefault() throws IOException
    {
        final NodeConfig config = load(THREE_HOSTS).conclude();
        assertEquals(NodeConfig.ClockKind.MONOTONIC, config.clockKind());
        final MonotonicClusterClock clock = assertInstanceOf(MonotonicClusterClock.class, config.clusterClock());
        assertSame(clock, config.epochClock());
        assertEveryContextShares(config);
        assertTrue(config.describe().contains(NodeConfig.CLUSTER_CLOCK_PROP_NAME + "=monotonic\n"),
            config::describe);
    }

    @Test
    void theMonotonicClockIsAnchoredToTheOffsetDeviceWhenOneIsConfigured() throws IOException
    {
        final Path file = dir.resolve("node-0.clock");
        OffsetFileWallClock.writeOffsetMs(file.toFile(), TimeUnit.DAYS.toMillis(365));
        final NodeConfig config = load(THREE_HOSTS +
            NodeConfig.CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME + "=" + file + "\n").conclude();
        final MonotonicClusterClock clock = assertInstanceOf(MonotonicClusterClock.class, config.clusterClock());
        assertTrue(clock.anchorMs() - System.currentTimeMillis() > TimeUnit.DAYS.toMillis(364),
            "anchored to the system's wall clock plus the device's offset");

        OffsetFileWallClock.writeOffsetMs(file.toFile(), 0);
        assertTrue(clock.time() - System.currentTimeMillis() > TimeUnit.DAYS.toMillis(364),
            "a step written after the start is not seen");
        assertTrue(config.describe().contains(NodeConfig.CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME + "=" + file));
    }

    @Test
    void theWallSettingGivesAeronTheWallClockTheNodeSees() throws IOException
    {
        final NodeConfig plain = load(THREE_HOSTS + NodeConfig.CLUSTER_CLOCK_PROP_NAME + "=wall\n").conclude();
        assertEquals(NodeConfig.ClockKind.WALL, plain.clockKind());
        assertInstanceOf(MillisecondClusterClock.class, plain.clusterClock());
        assertSame(SystemEpochClock.INSTANCE, plain.epochClock());
        assertTrue(plain.describe().contains(NodeConfig.CLUSTER_CLOCK_PROP_NAME + "=wall\n"));

        final Path file = dir.resolve("node-0.clock");
        final NodeConfig offset = load(THREE_HOSTS + NodeConfig.CLUSTER_CLOCK_PROP_NAME + "=WALL\n" +
            NodeConfig.CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME + "=" + file + "\n").conclude();
        final OffsetFileWallClock wall = assertInstanceOf(OffsetFileWallClock.class, offset.clusterClock());
        try
        {
            assertSame(wall, offset.epochClock());
            assertEquals(file.toString(), wall.file().getPath());
            assertEveryContextShares(offset);
            OffsetFileWallClock.writeOffsetMs(file.toFile(), TimeUnit.DAYS.toMillis(365));
            assertTrue(offset.clusterClock().time() - System.currentTimeMillis() > TimeUnit.DAYS.toMillis(364),
                "on the wall clock a step reaches the cluster clock at once");
        }
        finally
        {
            wall.close();
        }
    }

    @Test
    void anUnknownClockIsAConfigurationError()
    {
        final RuntimeException ex = assertThrows(RuntimeException.class,
            () -> load(THREE_HOSTS + NodeConfig.CLUSTER_CLOCK_PROP_NAME + "=ntp\n").conclude());
        assertTrue(ex.getMessage().contains("must be monotonic or wall"), ex::getMessage);
    }

    private static void assertEveryContextShares(final NodeConfig config)
    {
        final ConsensusModule.Context cm = config.newConsensusModuleContext(() -> {});
        assertSame(config.clusterClock(), cm.clusterClock());
        assertSame(config.epochClock(), cm.epochClock());
        final MediaDriver.Context driver = config.newMediaDriverContext(() -> {});
        assertSame(config.epochClock(), driver.epochClock());
        final Archive.Context archive = config.newArchiveContext();
        assertSame(config.epochClock(), archive.epochClock());
        final ClusteredServiceContainer.Context container = config.newServiceContainerContext(() -> {});
        assertSame(config.epochClock(), container.epochClock());
    }

    private NodeConfig load(final String text) throws IOException
    {
        final Path file = dir.resolve("node.properties");
        final Path secret = dir.resolve("cell.secret");
        CellSecrets.write(secret, CellSecrets.newSecret(), CellSecrets.newSecret());
        Files.writeString(file, text + "warden.node.dir=" + dir.resolve("node") + "\n" +
            NodeConfig.CELL_SECRET_FILE_PROP_NAME + "=" + secret + "\n");
        return NodeConfig.load(List.of(file), new Properties());
    }
}
