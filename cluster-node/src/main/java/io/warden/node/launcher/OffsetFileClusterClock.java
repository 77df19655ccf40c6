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
 * A millisecond {@link ClusterClock} that adds an offset read from a small memory-mapped file: the wall clock plus
 * whatever a fault-injection harness last wrote there. Only for clock-fault tests; a node uses it when
 * {@link NodeConfig#CLUSTER_CLOCK_OFFSET_FILE_PROP_NAME} is set, and Aeron's default clock otherwise.
 * <p>
 * The file holds one little-endian {@code long} at offset 0, the offset in milliseconds ({@value #FILE_LENGTH} bytes
 * in all). It is created with offset 0 when missing; a harness changes it at run time, and every later
 * {@link #time()} sees the new value (a volatile read of the mapped page, no file I/O per call).
 * <pre>{@code
 * ConsensusModule.Context ctx = new ConsensusModule.Context()
 *     .clusterClock(new OffsetFileClusterClock(new File("/dev/shm/chaos/node-0.clock")));
 * OffsetFileClusterClock.writeOffsetMs(new File("/dev/shm/chaos/node-0.clock"), 30_000); // leader jumps 30 s ahead
 * }</pre>
 * The consensus module calls the clock from its agent thread only; {@link #writeOffsetMs} may be called from any
 * process.
 */
public final class OffsetFileClusterClock implements ClusterClock, AutoCloseable
{
    /** Length of the offset file in bytes: one {@code long}. */
    public static final int FILE_LENGTH = 8;

    private final File file;
    private final EpochClock epochClock;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer offset;

    /**
     * A clock reading the system wall clock plus the offset in {@code file}.
     *
     * @param file the offset file; created with offset 0 if missing.
     */
    public OffsetFileClusterClock(final File file)
    {
        this(file, SystemEpochClock.INSTANCE);
    }

    /**
     * A clock reading the given epoch clock plus the offset in {@code file} (tests pass a manual clock).
     *
     * @param file       the offset file; created with offset 0 if missing.
     * @param epochClock the underlying wall clock in milliseconds.
     */
    public OffsetFileClusterClock(final File file, final EpochClock epochClock)
    {
        this.file = file;
        this.epochClock = epochClock;
        ensureFile(file);
        this.mapped = IoUtil.mapExistingFile(file, "cluster clock offset", 0, FILE_LENGTH);
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
     * The wall clock plus the current offset, in milliseconds.
     *
     * @return the cluster time.
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
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "cluster clock offset", 0, FILE_LENGTH);
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
        return "OffsetFileClusterClock{file=" + file + ", offsetMs=" + offsetMs() + '}';
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
            throw new UncheckedIOException("cannot create cluster clock offset file " + file, ex);
        }

        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            throw new IllegalStateException("the offset file is little endian; this platform is not");
        }
    }
}
