package io.warden.node.launcher;

import io.aeron.cluster.service.ClusterClock;
import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A fault-injection device: the wall clock as this node sees it, which is the system's wall clock plus an offset read
 * from a small memory-mapped file. A harness that writes a new offset steps the node's wall clock at once, as an NTP
 * step or {@code date -s} would, without touching the machine's clock or any other process. A node uses it as its
 * wall clock when {@link NodeConfig#CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME} is set: with
 * {@code warden.cluster.clock=monotonic} (the default) only the anchor of its {@link MonotonicClusterClock} reads it,
 * once, at start, so a later step changes nothing; with {@code warden.cluster.clock=wall} the consensus module's
 * cluster clock and every Aeron component's epoch clock read it all the time, as Aeron's defaults read the wall
 * clock, so a step reaches the log's timestamps and Aeron's timeouts (the negative control).
 * <p>
 * The file holds one little-endian {@code long} at offset 0, the offset in milliseconds ({@value #FILE_LENGTH} bytes
 * in all). It is created with offset 0 when missing; a harness changes it at run time, and every later
 * {@link #time()} sees the new value (a volatile read of the mapped page, no file I/O per call).
 * <pre>{@code
 * OffsetFileWallClock wall = new OffsetFileWallClock(new File("/dev/shm/chaos/node-0.clock"));
 * ConsensusModule.Context ctx = new ConsensusModule.Context().clusterClock(wall).epochClock(wall); // wall mode
 * OffsetFileWallClock.writeOffsetMs(new File("/dev/shm/chaos/node-0.clock"), 30_000); // the wall jumps 30 s ahead
 * }</pre>
 * Aeron's agents read the clock from their own threads; {@link #writeOffsetMs} may be called from any process.
 */
public final class OffsetFileWallClock implements EpochClock, ClusterClock, AutoCloseable
{
    /** Length of the offset file in bytes: one {@code long}. */
    public static final int FILE_LENGTH = 8;

    private final File file;
    private final EpochClock epochClock;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer offset;

    /**
     * The system wall clock plus the offset in {@code file}.
     *
     * @param file the offset file; created with offset 0 if missing.
     */
    public OffsetFileWallClock(final File file)
    {
        this(file, SystemEpochClock.INSTANCE);
    }

    /**
     * The given epoch clock plus the offset in {@code file} (tests pass a manual clock).
     *
     * @param file       the offset file; created with offset 0 if missing.
     * @param epochClock the underlying wall clock in milliseconds.
     */
    public OffsetFileWallClock(final File file, final EpochClock epochClock)
    {
        this.file = file;
        this.epochClock = epochClock;
        ensureFile(file);
        this.mapped = IoUtil.mapExistingFile(file, "wall clock offset", 0, FILE_LENGTH);
        this.offset = new UnsafeBuffer(mapped);
    }

    /**
     * {@inheritDoc}
     */
    public TimeUnit timeUnit()
    {
        return TimeUnit.MILLISECONDS;
    }

    /**
     * The system's wall clock plus the current offset: the wall clock this node sees.
     *
     * @return milliseconds since the epoch.
     */
    public long time()
    {
        return epochClock.time() + offsetMs();
    }

    /**
     * The offset currently in the file.
     *
     * @return the offset in milliseconds.
     */
    public long offsetMs()
    {
        return offset.getLongVolatile(0);
    }

    /**
     * The offset file.
     *
     * @return the file.
     */
    public File file()
    {
        return file;
    }

    /**
     * Unmap the file.
     */
    public void close()
    {
        IoUtil.unmap(mapped);
    }

    /**
     * Write a new offset into an offset file (creating it when missing); a running clock on the file sees it on its
     * next reading.
     *
     * @param file     the offset file.
     * @param offsetMs the new offset in milliseconds (negative moves the clock back).
     */
    public static void writeOffsetMs(final File file, final long offsetMs)
    {
        ensureFile(file);
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "wall clock offset", 0, FILE_LENGTH);
        try
        {
            new UnsafeBuffer(mapped).putLongVolatile(0, offsetMs);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "OffsetFileWallClock{file=" + file + ", offsetMs=" + offsetMs() + '}';
    }

    private static void ensureFile(final File file)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            if (raf.length() < FILE_LENGTH)
            {
                raf.setLength(FILE_LENGTH);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create wall clock offset file " + file, ex);
        }

        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            throw new IllegalStateException("the offset file is little endian; this platform is not");
        }
    }
}
