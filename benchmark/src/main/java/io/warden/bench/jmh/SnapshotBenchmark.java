package io.warden.bench.jmh;

import io.warden.node.snapshot.SnapshotReader;
import io.warden.node.snapshot.SnapshotWriter;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Writing and reading a snapshot of a large state (1M keys of 64-byte values by default), records into and out of
 * memory: the cost a node pays when the cluster snapshots, and on restart.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g" })
@State(Scope.Benchmark)
public class SnapshotBenchmark
{
    @Param({ "1000000" })
    public int keys;

    private NodePipeline node;
    private ExpandableDirectByteBuffer records;
    private int recordsLength;

    @Setup(Level.Trial)
    public void setUp()
    {
        node = new NodePipeline();
        final long session = node.openSession(7);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
        final byte[] value = new byte[64];
        for (int i = 0; i < keys; i++)
        {
            final int length = node.writer.header(i + 1, session, i + 1, i).put(frame, 0, false, "/k/" + i, value);
            node.apply(frame, length);
        }
        records = new ExpandableDirectByteBuffer(keys * 160);
        recordsLength = 0;
        new SnapshotWriter().write(node.state, (buffer, offset, length) ->
        {
            records.putInt(recordsLength, length, ByteOrder.LITTLE_ENDIAN);
            records.putBytes(recordsLength + 4, buffer, offset, length);
            recordsLength += 4 + length;
        });
    }

    @Benchmark
    public long write()
    {
        final long[] bytes = { 0 };
        new SnapshotWriter().write(node.state, (buffer, offset, length) -> bytes[0] += length);
        return bytes[0];
    }

    @Benchmark
    public long read()
    {
        final NodePipeline fresh = new NodePipeline();
        final SnapshotReader reader = new SnapshotReader(fresh.state);
        int position = 0;
        while (position < recordsLength)
        {
            final int length = records.getInt(position, ByteOrder.LITTLE_ENDIAN);
            reader.onRecord(records, position + 4, length);
            position += 4 + length;
        }
        if (!reader.isComplete())
        {
            throw new IllegalStateException("snapshot incomplete");
        }
        return fresh.state.revision();
    }
}
