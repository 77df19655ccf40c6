package io.warden.bench.chaos.workload;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.FrameBatchDecoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ProgressResponseDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client-gateway protocol by hand, for bad input: a publication to a gateway's request channel and a
 * subscription for its answers (batches unpacked), so that malformed, oversized, unknown and unauthorised frames
 * can be sent as they are and each answer's template and result code read back. Runs on an existing media driver
 * (the harness's). Not thread-safe: one scenario thread uses it.
 */
public final class RawFrameClient implements AutoCloseable
{
    /** Request stream of gateways. */
    public static final int REQUEST_STREAM_ID = 1001;
    /** Response stream this client listens on. */
    public static final int RESPONSE_STREAM_ID = 1002;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    /** The gateway drops a client silent for its liveness timeout (1.5 s): a keepalive (no sessions) every 300 ms. */
    /** Correlation id of this client's keepalives, so their answers are never taken for another frame's. */
    public static final long KEEPALIVE_CORRELATION_ID = -77;
    private static final long KEEPALIVE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(300);

    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final String responseChannel;
    private final List<Answer> answers = new ArrayList<>();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final RequestWriter keepAliveWriter = new RequestWriter();
    private final ExpandableArrayBuffer keepAliveBuffer = new ExpandableArrayBuffer(256);
    private long nextCorrelationId = 1;
    private long lastKeepAliveNs;
    private boolean connected;

    /**
     * One frame the gateway sent back.
     *
     * @param templateId    its template.
     * @param correlationId the correlation id it answers (0 when it has none).
     * @param code          its result code, or null for templates without one.
     * @param first         the 64-bit field after the code (a session id for {@code SessionResponse}), or 0.
     */
    public record Answer(int templateId, long correlationId, ResultCode code, long first)
    {
    }

    /**
     * Open the publication and the subscription.
     *
     * @param aeronDir        the media driver's directory.
     * @param gatewayEndpoint the gateway's request endpoint.
     * @param responseHost    the address answers come to.
     */
    public RawFrameClient(final String aeronDir, final String gatewayEndpoint, final String responseHost)
    {
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        this.subscription = aeron.addSubscription("aeron:udp?endpoint=" + responseHost + ":0", RESPONSE_STREAM_ID);
        awaitTrue(() -> null != subscription.resolvedEndpoint(), 10_000);
        this.responseChannel = "aeron:udp?endpoint=" + subscription.resolvedEndpoint();
        this.publication = aeron.addExclusivePublication(
            "aeron:udp?endpoint=" + gatewayEndpoint + "|term-length=4m", REQUEST_STREAM_ID);
        awaitTrue(publication::isConnected, 10_000);
    }

    /**
     * The writer frames are encoded with (set its header first).
     *
     * @return the writer.
     */
    public RequestWriter writer()
    {
        return writer;
    }

    /**
     * The buffer frames are encoded into.
     *
     * @return the buffer.
     */
    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    /**
     * A fresh correlation id.
     *
     * @return the id.
     */
    public long nextCorrelationId()
    {
        return nextCorrelationId++;
    }

    /**
     * Send {@code Connect} and wait for the answer.
     *
     * @param credential the credential.
     * @return the answer's code, or null when none came.
     */
    public ResultCode connect(final String credential)
    {
        final long correlationId = nextCorrelationId();
        writer.header(correlationId, 0, 0, 0);
        send(buffer, writer.connect(buffer, 0, credential, "chaos-raw", responseChannel, RESPONSE_STREAM_ID));
        final Answer answer = await(correlationId, 10_000);
        connected = null != answer && answer.code() == ResultCode.OK;
        lastKeepAliveNs = System.nanoTime();
        return null == answer ? null : answer.code();
    }

    /**
     * Send a frame as it is.
     *
     * @param frame  the bytes.
     * @param length how many.
     */
    public void send(final DirectBuffer frame, final int length)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(frame, 0, length) <= 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the gateway does not take frames");
            }
            idle.idle(poll());
        }
    }

    /**
     * Send raw bytes.
     *
     * @param bytes the frame.
     */
    public void send(final byte[] bytes)
    {
        send(new UnsafeBuffer(bytes), bytes.length);
    }

    /**
     * Wait for the answer to a correlation id (removed from the received answers).
     *
     * @param correlationId the id.
     * @param timeoutMs     how long.
     * @return the answer, or null when none came.
     */
    public Answer await(final long correlationId, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Answer answer = take(answers, correlationId);
            if (null != answer)
            {
                return answer;
            }
            idle.idle(poll());
        }
        return null;
    }

    /**
     * Remove and return the first answer to a correlation id.
     *
     * @param answers       answers received so far.
     * @param correlationId the id.
     * @return the answer, or null when there is none yet.
     */
    public static Answer take(final List<Answer> answers, final long correlationId)
    {
        final Iterator<Answer> it = answers.iterator();
        while (it.hasNext())
        {
            final Answer answer = it.next();
            if (answer.correlationId() == correlationId)
            {
                it.remove();
                return answer;
            }
        }
        return null;
    }

    /**
     * Collect answers for a while and hand them over.
     *
     * @param durationMs how long to poll.
     * @return every answer received and not yet taken.
     */
    public List<Answer> drain(final long durationMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            idle.idle(poll());
        }
        final List<Answer> all = new ArrayList<>(answers);
        answers.clear();
        return all;
    }

    /**
     * Close the publication, the subscription and the Aeron client.
     */
    public void close()
    {
        CloseHelper.quietCloseAll(publication, subscription, aeron);
    }

    private int poll()
    {
        final long nowNs = System.nanoTime();
        if (connected && nowNs - lastKeepAliveNs > KEEPALIVE_INTERVAL_NS)
        {
            lastKeepAliveNs = nowNs;
            final int length = keepAliveWriter.header(KEEPALIVE_CORRELATION_ID, 0, 0, 0)
                .clientKeepAlive(keepAliveBuffer, 0, new long[0], 0);
            publication.offer(keepAliveBuffer, 0, length);
        }
        return subscription.poll(assembler, 64);
    }

    private void onFragment(final DirectBuffer frame, final int offset, final int length, final Header aeronHeader)
    {
        readAnswers(frame, offset, length, answers);
    }

    /**
     * Read the answers in one fragment from a gateway or a node (a {@code FrameBatch} is unpacked) into a list.
     *
     * @param frame   the fragment.
     * @param offset  where it starts.
     * @param length  its length.
     * @param answers where the answers go.
     */
    public static void readAnswers(final DirectBuffer frame, final int offset, final int length,
        final List<Answer> answers)
    {
        if (length < HEADER)
        {
            return;
        }
        final int templateId = frame.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId == FrameBatchDecoder.TEMPLATE_ID)
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, offset);
            final FrameBatchDecoder batch = new FrameBatchDecoder()
                .wrap(frame, offset + HEADER, header.blockLength(), header.version());
            final int framesLength = batch.framesLength();
            final byte[] frames = new byte[framesLength];
            batch.getFrames(frames, 0, framesLength);
            final UnsafeBuffer view = new UnsafeBuffer(frames);
            int position = 0;
            while (position + 4 <= framesLength)
            {
                final int frameLength = view.getInt(position, ByteOrder.LITTLE_ENDIAN);
                readAnswer(view, position + 4, frameLength, answers);
                position += 4 + frameLength;
            }
        }
        else
        {
            readAnswer(frame, offset, length, answers);
        }
    }

    private static void readAnswer(final DirectBuffer frame, final int offset, final int length,
        final List<Answer> answers)
    {
        if (length < HEADER + 8)
        {
            return;
        }
        final int templateId = frame.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final long correlationId = frame.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN);
        ResultCode code = null;
        long first = 0;
        // Every answer to a request leads with (correlationId, code), except ProgressResponse; events carry none.
        final boolean hasCode = templateId >= 100 && templateId <= 122 && templateId != ProgressResponseDecoder.TEMPLATE_ID ||
            templateId == 180 || templateId == 181 || templateId == 186 || templateId == 350;
        if (hasCode && length >= HEADER + 10)
        {
            code = ResultCode.get(frame.getShort(offset + HEADER + 8, ByteOrder.LITTLE_ENDIAN) & 0xFFFF);
            if (length >= HEADER + 18)
            {
                first = frame.getLong(offset + HEADER + 10, ByteOrder.LITTLE_ENDIAN);
            }
        }
        answers.add(new Answer(templateId, correlationId, code, first));
    }

    private void awaitTrue(final java.util.function.BooleanSupplier condition, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("timed out opening the raw client");
            }
            idle.idle(0);
        }
    }
}
