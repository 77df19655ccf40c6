package io.warden.node.launcher;

import io.aeron.cluster.ConsensusModule;
import org.agrona.concurrent.CachedEpochClock;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class OffsetFileClusterClockTest
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

        try (OffsetFileClusterClock clock = new OffsetFileClusterClock(file.toFile(), wall))
        {
            assertTrue(Files.exists(file), "created when missing");
            assertEquals(TimeUnit.MILLISECONDS, clock.timeUnit());
            assertEquals(1_000_000L, clock.time());

            OffsetFileClusterClock.writeOffsetMs(file.toFile(), 30_000);
            assertEquals(1_030_000L, clock.time());
            assertEquals(TimeUnit.MILLISECONDS.toNanos(1_030_000L), clock.timeNanos());

            OffsetFileClusterClock.writeOffsetMs(file.toFile(), -5_000);
            wall.update(1_000_100L);
            assertEquals(995_100L, clock.time());
            assertEquals(-5_000L, clock.offsetMs());
        }
    }

    @Test
    void anExistingFileKeepsItsOffset()
    {
        final Path file = dir.resolve("kept.clock");
        OffsetFileClusterClock.writeOffsetMs(file.toFile(), 42);
        final CachedEpochClock wall = new CachedEpochClock();
        wall.update(100);

        try (OffsetFileClusterClock clock = new OffsetFileClusterClock(file.toFile(), wall))
        {
            assertEquals(142, clock.time());
        }
    }

    @Test
    void theNodeUsesAeronsDefaultClockUnlessTheFileIsConfigured() throws IOException
    {
        final NodeConfig plain = load(THREE_HOSTS).conclude();
        final ConsensusModule.Context plainContext = plain.newConsensusModuleContext(() -> {});
        assertNull(plainContext.clusterClock(), "left to Aeron (MillisecondClusterClock at conclude)");
        assertNull(plain.clusterClockOffsetFile());

        final Path file = dir.resolve("node-0.clock");
        final NodeConfig offset = load(THREE_HOSTS +
            NodeConfig.CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME + "=" + file + "\n").conclude();
        final ConsensusModule.Context offsetContext = offset.newConsensusModuleContext(() -> {});
        final OffsetFileClusterClock clock = assertInstanceOf(OffsetFileClusterClock.class, offsetContext.clusterClock());
        try
        {
            assertEquals(file.toString(), clock.file().getPath());
            assertTrue(offset.describe().contains(NodeConfig.CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME + "=" + file));
        }
        finally
        {
            clock.close();
        }
    }

    private NodeConfig load(final String text) throws IOException
    {
        final Path file = dir.resolve("node.properties");
        Files.writeString(file, text + "warden.node.dir=" + dir.resolve("node") + "\n");
        return NodeConfig.load(List.of(file), new Properties());
    }
}
