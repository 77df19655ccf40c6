package io.warden.client;

import io.warden.schema.FuzzCorpus;
import io.warden.schema.protocol.*;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.warden.client.FakeGateway.*;

/**
 * Writes the seed inputs of {@link ClientFrameFuzzTest} into
 * {@code src/test/resources/io/warden/client/ClientFrameFuzzTestInputs/...}: an answer to every request a
 * {@link FuzzClient} has waiting (with its correlation id), every event and notice a gateway sends (for its session,
 * its queued acquire and campaign, its watches), an {@code ErrorResponse} and a {@code FrameBatch}, each well formed
 * and damaged ({@link FuzzCorpus#variants}), two batches damaged inside, and all the well-formed ones in one input. They are the regression
 * corpus of the normal build and where fuzzing starts. Run from client-gateway/ after changing the protocol or the
 * order in which {@link FuzzClient} sends its requests (the class path as for {@code GatewayFuzzSeeds}):
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" io.warden.client.ClientFuzzSeeds
 * </pre>
 */
public final class ClientFuzzSeeds
{
    private ClientFuzzSeeds()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final List<byte[]> frames = frames(new FuzzClient(new byte[0]));
        final List<byte[]> inputs = new ArrayList<>(FuzzCorpus.seeds(frames));
        for (final byte[] damaged : badBatches(frames))
        {
            inputs.add(FuzzCorpus.sequence(damaged));
        }
        for (final byte[] damaged : hugeValues(frames))
        {
            inputs.add(FuzzCorpus.sequence(damaged));
        }
        final Path directory = Path.of(
            "src/test/resources/io/warden/client/ClientFrameFuzzTestInputs/gatewayBytesNeverEscapeNorLeakIntoResults");
        FuzzCorpus.writeSeeds(directory, inputs);
        System.out.println(inputs.size() + " seeds written under " + directory.toAbsolutePath());
    }

    static List<byte[]> frames(final FuzzClient c)
    {
        final long session = FuzzClient.SESSION_ID;
        final long watch = FuzzClient.WATCH_ID;
        final long prefixWatch = FuzzClient.PREFIX_WATCH_ID;
        final List<byte[]> frames = new ArrayList<>();
        frames.add(connectResponse(c.correlationOf(ConnectDecoder.TEMPLATE_ID), ResultCode.OK, 7, 65536, 100));
        frames.add(keepAliveResponse(c.correlationOf(ClientKeepAliveDecoder.TEMPLATE_ID), ResultCode.OK,
            List.of(session), ResultCode.OK, 10));
        frames.add(gatewayEvent(ResultCode.UNAVAILABLE, -1));
        frames.add(gatewayEvent(ResultCode.OK, 1));
        frames.add(lockEvent(session, c.requestSeqOf(AcquireDecoder.TEMPLATE_ID), ResultCode.OK, 9, "L"));
        frames.add(electionEvent(session, c.requestSeqOf(CampaignDecoder.TEMPLATE_ID), ResultCode.OK, 4, "E"));
        frames.add(watchEvents(watch, 6L, "/w", "v1", 7L, "/w", "v2"));
        frames.add(sharedWatchEvents(new long[]{ watch, prefixWatch }, 8L, "/p/a", "v3"));
        frames.add(watchProgress(9, watch, prefixWatch));
        frames.add(watchEnded(watch, ResultCode.SLOW_CONSUMER, 9));
        frames.add(watchEnded(prefixWatch, ResultCode.COMPACTED, 9));
        frames.add(putResponse(c.correlationOf(PutDecoder.TEMPLATE_ID), ResultCode.OK, 10));
        frames.add(getResponse(c.correlationOf(GetDecoder.TEMPLATE_ID), ResultCode.OK, 10, "value"));
        frames.add(deleteResponse(c.correlationOf(DeleteDecoder.TEMPLATE_ID), ResultCode.OK, 11, 1));
        frames.add(rangeResponse(c.correlationOf(RangeDecoder.TEMPLATE_ID), 12, false, "/r/a", "/r/b"));
        frames.add(txnResponse(c.correlationOf(TxnDecoder.TEMPLATE_ID), ResultCode.OK, 13));
        frames.add(sequentialResponse(c.correlationOf(CreateSequentialDecoder.TEMPLATE_ID), ResultCode.OK, 14,
            "/q/00000000000000000014"));
        frames.add(lockResponse(c.correlationOf(ReleaseDecoder.TEMPLATE_ID), ResultCode.OK, 0));
        frames.add(lockResponse(c.correlationOf(CheckFenceDecoder.TEMPLATE_ID), ResultCode.STALE_FENCE, 0));
        frames.add(lockDescription(c.correlationOf(DescribeLockDecoder.TEMPLATE_ID), ResultCode.OK, 7));
        frames.add(leaderResponse(c.correlationOf(LeaderDecoder.TEMPLATE_ID), ResultCode.OK, 3, session, "value"));
        frames.add(electionResponse(c.correlationOf(ProclaimDecoder.TEMPLATE_ID), ResultCode.OK, 3));
        frames.add(electionResponse(c.correlationOf(ResignDecoder.TEMPLATE_ID), ResultCode.OK, 3));
        frames.add(statusResponse(c.correlationOf(StatusDecoder.TEMPLATE_ID), ResultCode.OK, 15));
        frames.add(gatewayInfoResponse(c.correlationOf(GatewayInfoDecoder.TEMPLATE_ID), ResultCode.OK,
            "0=127.0.0.1:9002,1=127.0.0.1:9102"));
        frames.add(progressResponse(c.correlationOf(ProgressDecoder.TEMPLATE_ID), 16));
        frames.add(errorResponse(c.correlationOf(GetDecoder.TEMPLATE_ID), ResultCode.MALFORMED,
            GetDecoder.TEMPLATE_ID));
        frames.add(sessionEvent(session, ResultCode.SESSION_EXPIRED));
        frames.add(batch(frames.get(11), frames.get(12), frames.get(6)));
        return frames;
    }

    /**
     * GetResponse, LeaderResponse and RangeResponse with a value length of almost 2 GiB: a client that allocated
     * {@code valueLength()} bytes before checking it against the frame ran out of memory (fuzzing found the same in
     * watch events, {@code regression-shared-watch-events-huge-value-length}).
     */
    static List<byte[]> hugeValues(final List<byte[]> frames)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final byte[] get = frames.get(12).clone();
        final int getValue = new GetResponseDecoder().wrapAndApplyHeader(new UnsafeBuffer(get), 0, header).limit();
        final byte[] leader = frames.get(20).clone();
        final int leaderValue =
            new LeaderResponseDecoder().wrapAndApplyHeader(new UnsafeBuffer(leader), 0, header).limit();
        final byte[] range = frames.get(14).clone();
        final RangeResponseDecoder rangeDecoder = new RangeResponseDecoder()
            .wrapAndApplyHeader(new UnsafeBuffer(range), 0, header);
        rangeDecoder.entries().next().skipKey();
        final int rangeValue = rangeDecoder.limit();
        new UnsafeBuffer(get).putInt(getValue, 0x7FFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        new UnsafeBuffer(leader).putInt(leaderValue, 0x7FFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        new UnsafeBuffer(range).putInt(rangeValue, 0x7FFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        return List.of(get, leader, range);
    }

    /**
     * A batch whose last frame claims 4 bytes more than the batch holds, and one holding a frame of another schema:
     * damage that only the splitter can see.
     */
    static List<byte[]> badBatches(final List<byte[]> frames)
    {
        final byte[] last = frames.get(12);
        final byte[] overrun = batch(frames.get(11), last);
        final int lastLengthOffset = overrun.length - last.length - Integer.BYTES;
        new UnsafeBuffer(overrun).putInt(lastLengthOffset, last.length + 4, ByteOrder.LITTLE_ENDIAN);
        final byte[] foreign = FuzzCorpus.patched(last, 4, 0x77);
        return List.of(overrun, batch(frames.get(11), foreign));
    }
}
