package io.warden.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.*;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The gateway protocol by hand, for tests of the gateway itself: a publication to the gateway's request channel, a
 * subscription for its answers (FrameBatch unpacked), raw frames in and out. No retries, no recipes: the real client
 * is {@code io.warden.client.WardenClient}.
 */
final class RawGatewayClient implements AutoCloseable
{
    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final long TIMEOUT_MS = 20_000;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    final RequestWriter writer = new RequestWriter();
    final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final String aeronDir;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final String responseChannel;
    private final List<UnsafeBuffer> received = new ArrayList<>();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFrame);
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FrameBatchDecoder batch = new FrameBatchDecoder();
    private long nextCorrelationId = 1;
    private boolean paused;

    RawGatewayClient(final String gatewayRequestChannel, final int termLength)
    {
        aeronDir = "/dev/shm/warden-test-client-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(aeron, driver);
            throw ex;
        }
        this.driver = driver;
        this.aeron = aeron;
        this.subscription = aeron.addSubscription("aeron:udp?endpoint=127.0.0.1:0", 1002);
        awaitTrue(() -> subscription.resolvedEndpoint() != null);
        this.responseChannel = "aeron:udp?endpoint=" + subscription.resolvedEndpoint();
        this.publication = aeron.addExclusivePublication(
            gatewayRequestChannel + "|term-length=" + termLength, 1001);
    }

    String responseChannel()
    {
        return responseChannel;
    }

    /**
     * Stop reading answers (a slow consumer).
     */
    void pause(final boolean paused)
    {
        this.paused = paused;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final int templateId = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId == FrameBatchDecoder.TEMPLATE_ID)
        {
            header.wrap(buffer, offset);
            batch.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            final int framesLength = batch.framesLength();
            final byte[] frames = new byte[framesLength];
            batch.getFrames(frames, 0, framesLength);
            final UnsafeBuffer view = new UnsafeBuffer(frames);
            int position = 0;
            while (position < framesLength)
            {
                final int frameLength = view.getInt(position, ByteOrder.LITTLE_ENDIAN);
                final byte[] frame = new byte[frameLength];
                view.getBytes(position + 4, frame);
                received.add(new UnsafeBuffer(frame));
                position += 4 + frameLength;
            }
        }
        else
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(offset, frame);
            received.add(new UnsafeBuffer(frame));
        }
    }

    int poll()
    {
        return paused ? 0 : subscription.poll(assembler, 64);
    }

    void awaitTrue(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting");
            }
            idle.idle(poll());
        }
    }

    long nextCorrelationId()
    {
        return nextCorrelationId++;
    }

    /**
     * Send a frame written in {@link #buffer}.
     */
    void send(final int length)
    {
        send(buffer, length);
    }

    void send(final DirectBuffer frame, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (publication.offer(frame, 0, length) <= 0)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("gateway does not take frames");
            }
            idle.idle(poll());
        }
    }

    /**
     * Connect with a credential; returns the ConnectResponse.
     */
    ConnectResponseDecoder connect(final String credential)
    {
        return connect(credential, MessageHeaderEncoder.SCHEMA_VERSION);
    }

    /**
     * Connect as a client of an older protocol version (the version field of the Connect frame's header).
     */
    ConnectResponseDecoder connect(final String credential, final int protocolVersion)
    {
        final long correlationId = nextCorrelationId();
        writer.header(correlationId, 0, 0, 0);
        awaitTrue(publication::isConnected);
        final int length = writer.connect(buffer, 0, credential, "raw-test", responseChannel, 1002);
        new MessageHeaderEncoder().wrap(buffer, 0).version(protocolVersion);
        send(length);
        return awaitAnswer(correlationId, new ConnectResponseDecoder());
    }

    /**
     * Send a Connect without waiting for its answer, naming any response channel (one nobody listens on makes a
     * handshake that never completes).
     */
    void sendConnect(final String credential, final String responseChannel)
    {
        writer.header(nextCorrelationId(), 0, 0, 0);
        awaitTrue(publication::isConnected);
        send(writer.connect(buffer, 0, credential, "raw-test", responseChannel, 1002));
    }

    /**
     * Connect, sending the Connect again every half second until it is answered (a gateway with all its handshakes
     * in progress ignores it).
     */
    ConnectResponseDecoder connectRetrying(final String credential)
    {
        final UnsafeBuffer[] answer = new UnsafeBuffer[1];
        long resendAtNs = System.nanoTime();
        final long deadlineNs = resendAtNs + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (answer[0] == null)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("connect never answered");
            }
            if (System.nanoTime() - resendAtNs >= 0)
            {
                sendConnect(credential, responseChannel);
                resendAtNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            }
            idle.idle(poll());
            received.stream().filter(f -> templateId(f) == ConnectResponseDecoder.TEMPLATE_ID).findFirst()
                .ifPresent(f -> answer[0] = f);
        }
        received.remove(answer[0]);
        return decode(answer[0], new ConnectResponseDecoder());
    }

    /**
     * The answer of any response template to the request with this correlation id.
     */
    UnsafeBuffer awaitAnyAnswer(final long correlationId)
    {
        final UnsafeBuffer[] found = new UnsafeBuffer[1];
        awaitTrue(() ->
        {
            for (final UnsafeBuffer frame : received)
            {
                final int templateId = templateId(frame);
                if ((templateId >= 100 && templateId < 180 || templateId == GatewayInfoResponseDecoder.TEMPLATE_ID ||
                    templateId == ClientKeepAliveResponseDecoder.TEMPLATE_ID || templateId >= 300) &&
                    correlationIdOf(frame) == correlationId)
                {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        received.remove(found[0]);
        return found[0];
    }

    /**
     * The first received frame of a template matching a test, removed from the received list.
     */
    UnsafeBuffer await(final int templateId, final Predicate<UnsafeBuffer> test)
    {
        final UnsafeBuffer[] found = new UnsafeBuffer[1];
        awaitTrue(() ->
        {
            for (final UnsafeBuffer frame : received)
            {
                if (templateId(frame) == templateId && test.test(frame))
                {
                    found[0] = frame;
                    return true;
                }
            }
            return false;
        });
        received.remove(found[0]);
        return found[0];
    }

    /**
     * The answer (any response template) with this correlation id, decoded with the given decoder.
     */
    <T extends MessageDecoderFlyweight> T awaitAnswer(final long correlationId, final T decoder)
    {
        final UnsafeBuffer frame = await(decoder.sbeTemplateId(), f -> correlationIdOf(f) == correlationId);
        return decode(frame, decoder);
    }

    <T extends MessageDecoderFlyweight> T decode(final UnsafeBuffer frame, final T decoder)
    {
        header.wrap(frame, 0);
        decoder.wrap(frame, HEADER, header.blockLength(), header.version());
        return decoder;
    }

    List<UnsafeBuffer> received()
    {
        return received;
    }

    static int templateId(final DirectBuffer frame)
    {
        return frame.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    static long correlationIdOf(final DirectBuffer frame)
    {
        return frame.getLong(HEADER, ByteOrder.LITTLE_ENDIAN);
    }

    public void close()
    {
        CloseHelper.quietCloseAll(publication, subscription, aeron, driver);
        IoUtil.delete(new java.io.File(aeronDir), true);
    }
}
