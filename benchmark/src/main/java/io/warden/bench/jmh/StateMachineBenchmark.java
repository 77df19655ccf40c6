package io.warden.bench.jmh;

import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ReleaseDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One node's command path per operation, on one thread: decode, validate, apply, remember the answer, encode it.
 * A "lock cycle" is a try-acquire and a release with its token (two commands).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx2g" })
@State(Scope.Thread)
public class StateMachineBenchmark
{
    private static final int WATCHES = 10_000;
    private static final int TOKEN_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + ReleaseDecoder.tokenEncodingOffset();

    private NodePipeline node;
    private final UnsafeBuffer acquire = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer release = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer put = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer get = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer txn = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer watchedPut = new UnsafeBuffer(new byte[512]);
    private int acquireLength;
    private int releaseLength;
    private int putLength;
    private int getLength;
    private int txnLength;
    private int watchedPutLength;
    private long seq;

    @Setup(Level.Trial)
    public void setUp()
    {
        node = new NodePipeline();
        final long session = node.openSession(42);
        final byte[] value = new byte[64];
        acquireLength = node.writer.header(1, session, 1, 0).acquire(acquire, 0, "bench-lock", LockMode.EXCLUSIVE, 0, 0);
        releaseLength = node.writer.header(2, session, 1, 0).release(release, 0, "bench-lock", 0);
        putLength = node.writer.header(3, session, 1, 0).put(put, 0, false, "/bench/key", value);
        getLength = node.writer.header(4, 0, 0, 0).get(get, 0, "/bench/key");
        txnLength = node.writer.header(5, session, 1, 0).txn(txn, 0, new TxnSpec()
            .compareVersion("/bench/txn", CompareOp.GREATER, -1)
            .thenPut("/bench/txn", value));
        watchedPutLength = node.writer.header(6, session, 1, 0).put(watchedPut, 0, false, "/watched/5000", value);

        final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
        for (int i = 0; i < WATCHES; i++)
        {
            final int length = node.writer.header(100 + i, 0, 0, 0)
                .watch(frame, 0, i, "/watched/" + i, false, false, 0);
            node.apply(frame, length);
        }
        for (int i = 0; i < 100; i++)
        {
            final int length = node.writer.header(20_000 + i, 0, 0, 0)
                .watch(frame, 0, WATCHES + i, "/other/" + i + "/", true, false, 0);
            node.apply(frame, length);
        }
        seq = 1;
        NodePipeline.sequence(put, seq++);
        node.apply(put, putLength);
    }

    @Benchmark
    public long lockCycle()
    {
        NodePipeline.sequence(acquire, seq++);
        node.apply(acquire, acquireLength);
        final long token = node.state.revision();
        NodePipeline.sequence(release, seq++);
        release.putLong(TOKEN_OFFSET, token, ByteOrder.LITTLE_ENDIAN);
        node.apply(release, releaseLength);
        return node.framesOut;
    }

    @Benchmark
    public long put()
    {
        NodePipeline.sequence(put, seq++);
        node.apply(put, putLength);
        return node.framesOut;
    }

    @Benchmark
    public long get()
    {
        node.apply(get, getLength);
        return node.framesOut;
    }

    @Benchmark
    public long txn()
    {
        NodePipeline.sequence(txn, seq++);
        node.apply(txn, txnLength);
        return node.framesOut;
    }

    /**
     * A put to a key watched by one of 10,000 exact watches, with 100 prefix watches that do not match.
     */
    @Benchmark
    public long putMatchedByOneOfTenThousandWatches()
    {
        NodePipeline.sequence(watchedPut, seq++);
        node.apply(watchedPut, watchedPutLength);
        return node.framesOut;
    }

    static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
