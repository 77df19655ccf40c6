package io.warden.node.fuzz;

import io.warden.schema.RequestWriter;
import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.LockMode;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seed inputs of the fuzz targets (one valid frame of every request type, and a few damaged ones) into
 * {@code src/test/resources/io/warden/node/fuzz/...Inputs/...}. They are the regression corpus the normal build runs
 * and the starting point of fuzzing. Run from cluster-node/ after changing the protocol:
 * <pre>
 * java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" io.warden.node.fuzz.FuzzSeeds
 * </pre>
 */
public final class FuzzSeeds
{
    private FuzzSeeds()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final List<byte[]> frames = frames();
        final Path base = Path.of("src/test/resources/io/warden/node/fuzz");
        final Path single = base.resolve("CommandAdapterFuzzTestInputs/gatewayAndNodeAgreeOnWhatIsReadable");
        final Path sequences = base.resolve("CommandAdapterFuzzTestInputs/framesNeverEscapeAndBadOnesChangeNothing");
        Files.createDirectories(single);
        Files.createDirectories(sequences);
        for (int i = 0; i < frames.size(); i++)
        {
            Files.write(single.resolve(String.format("seed-%02d", i)), frames.get(i));
            final byte[] frame = frames.get(i);
            final byte[] next = frames.get((i + 7) % frames.size());
            final byte[] sequence = new byte[4 + frame.length + next.length];
            sequence[0] = (byte)frame.length;
            sequence[1] = (byte)(frame.length >> 8);
            System.arraycopy(frame, 0, sequence, 2, frame.length);
            sequence[2 + frame.length] = (byte)next.length;
            sequence[3 + frame.length] = (byte)(next.length >> 8);
            System.arraycopy(next, 0, sequence, 4 + frame.length, next.length);
            Files.write(sequences.resolve(String.format("seed-%02d", i)), sequence);
        }
        System.out.println(frames.size() + " seeds written under " + base.toAbsolutePath());
    }

    static List<byte[]> frames()
    {
        final RequestWriter w = new RequestWriter();
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(1024);
        final byte[] v = "value".getBytes(StandardCharsets.UTF_8);
        final List<byte[]> frames = new ArrayList<>();
        w.header(10, 1, 4, 3);
        add(frames, b, w.openSession(b, 0, 5_000, 99, "fuzz"));
        add(frames, b, w.resumeSession(b, 0, 11));
        add(frames, b, w.keepAliveBatch(b, 0, new long[]{ 1, 2, 3 }, 3));
        add(frames, b, w.closeSession(b, 0));
        add(frames, b, w.acquire(b, 0, "L", LockMode.SHARED, 10, 5));
        add(frames, b, w.release(b, 0, "L", 5));
        add(frames, b, w.checkFence(b, 0, "L", 5));
        add(frames, b, w.describeLock(b, 0, "L"));
        add(frames, b, w.lockStatus(b, 0, "L"));
        add(frames, b, w.campaign(b, 0, "E", v));
        add(frames, b, w.proclaim(b, 0, "E", 5, v));
        add(frames, b, w.resign(b, 0, "E", 5));
        add(frames, b, w.leader(b, 0, "E"));
        add(frames, b, w.put(b, 0, true, "/a/c", v));
        add(frames, b, w.get(b, 0, "/a"));
        add(frames, b, w.delete(b, 0, "/a", true));
        add(frames, b, w.range(b, 0, "/", "/a", 2, 1));
        add(frames, b, w.txn(b, 0, new TxnSpec().compareValue("/a", CompareOp.EQUAL, v).compareModRevision("/b",
            CompareOp.LESS, 3).thenPut("/c", v).thenDeletePrefix("/d/").elseDelete("/a")));
        add(frames, b, w.createSequential(b, 0, false, "/q/", v));
        add(frames, b, w.watch(b, 0, 4, "/a", true, true, 1));
        add(frames, b, w.cancelWatch(b, 0, 1));
        add(frames, b, w.progress(b, 0));
        add(frames, b, w.status(b, 0));
        add(frames, b, w.configureLimits(b, 0, 1024, 100, 1 << 20));
        add(frames, b, w.connect(b, 0, "token", "c", "aeron:udp?endpoint=127.0.0.1:1", 1002));
        final byte[] truncated = frames.get(13).clone();
        frames.add(java.util.Arrays.copyOf(truncated, truncated.length - 3));
        final byte[] badVersion = frames.get(14).clone();
        badVersion[6] = 9;
        frames.add(badVersion);
        return frames;
    }

    private static void add(final List<byte[]> frames, final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        frames.add(frame);
    }
}
