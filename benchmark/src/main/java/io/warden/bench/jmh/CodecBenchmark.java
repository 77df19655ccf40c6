package io.warden.bench.jmh;

import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.*;
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

import java.util.concurrent.TimeUnit;

/**
 * SBE encoding and decoding of the main messages: a put request, its response, and a watch event batch.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class CodecBenchmark
{
    private final RequestWriter writer = new RequestWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer keyView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer valueView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer putFrame = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer eventsFrame = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PutDecoder putDecoder = new PutDecoder();
    private final PutResponseEncoder putResponse = new PutResponseEncoder();
    private final WatchEventsEncoder watchEvents = new WatchEventsEncoder();
    private final WatchEventsDecoder watchEventsDecoder = new WatchEventsDecoder();
    private final byte[] key = "/config/payments/limits".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final byte[] value = new byte[64];
    private long counter;

    @Setup(Level.Trial)
    public void setUp()
    {
        writer.header(1, 2, 3, 2).put(putFrame, 0, false, key, value, 0, value.length);
        final WatchEventsEncoder.EventsEncoder events = watchEvents.wrapAndApplyHeader(eventsFrame, 0, headerEncoder)
            .watchId(7)
            .eventsCount(8);
        for (int i = 0; i < 8; i++)
        {
            events.next().eventType(EventType.PUT).revision(100 + i).createRevision(1).modRevision(100 + i)
                .version(i + 1).ownerSessionId(0).prevModRevision(99 + i)
                .putKey(key, 0, key.length).putValue(value, 0, value.length).putPrevValue(value, 0, 0);
        }
    }

    @Benchmark
    public int encodePutRequest()
    {
        return writer.header(++counter, 2, counter, counter - 1).put(buffer, 0, false, key, value, 0, value.length);
    }

    @Benchmark
    public long decodePutRequest()
    {
        header.wrap(putFrame, 0);
        putDecoder.wrap(putFrame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final long sum = putDecoder.header().correlationId() + putDecoder.header().requestSeq();
        putDecoder.wrapKey(keyView);
        putDecoder.wrapValue(valueView);
        return sum + keyView.capacity() + valueView.capacity() + (putDecoder.flags().ephemeral() ? 1 : 0);
    }

    @Benchmark
    public int encodePutResponse()
    {
        return putResponse.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(++counter).code(ResultCode.OK).revision(counter).createRevision(1).version(counter)
            .encodedLength();
    }

    @Benchmark
    public long decodeWatchEventsOfEight()
    {
        header.wrap(eventsFrame, 0);
        watchEventsDecoder.wrap(eventsFrame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        long sum = watchEventsDecoder.watchId();
        for (final WatchEventsDecoder.EventsDecoder event : watchEventsDecoder.events())
        {
            sum += event.revision();
            event.wrapKey(keyView);
            event.wrapValue(valueView);
            event.skipPrevValue();
            sum += keyView.capacity() + valueView.capacity();
        }
        return sum;
    }
}
