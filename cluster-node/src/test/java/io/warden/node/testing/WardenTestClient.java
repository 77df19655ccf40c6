package io.warden.node.testing;

import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Warden protocol client for cluster tests, straight on an Aeron cluster session (what a gateway does, minus the
 * fan-out): encodes requests with {@link RequestWriter}, matches responses by correlation id, keeps events, and after
 * every leader change or reconnect re-sends every request that has not been answered, exactly as sent (same
 * session id and request sequence), relying on the node to answer a retry with its original answer.
 */
public final class WardenTestClient implements AutoCloseable
{
    private static final long TIMEOUT_MS = 20_000;

    /**
     * Writes one request into the buffer at offset 0 and returns its length.
     */
    @FunctionalInterface
    public interface Encoding
    {
        int encode(RequestWriter writer, ExpandableArrayBuffer buffer);
    }

    private final TestClusterClient transport;
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final LinkedHashMap<Long, byte[]> pending = new LinkedHashMap<>();
    private final Map<Long, UnsafeBuffer> responses = new LinkedHashMap<>();
    private final List<UnsafeBuffer> events = new ArrayList<>();
    private final List<UnsafeBuffer> errorResponses = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long nextCorrelationId = 1;
    private int messagesSeen;
    private int leaderChangesSeen;
    private int connectsSeen;
    private int resends;

    public WardenTestClient(final TestClusterClient transport)
    {
        this.transport = transport;
        this.leaderChangesSeen = transport.newLeaderCount();
        this.connectsSeen = transport.connectCount();
    }

    public static WardenTestClient connect(final TestCluster cluster)
    {
        return new WardenTestClient(TestClusterClient.connect(cluster));
    }

    public TestClusterClient transport()
    {
        return transport;
    }

    /**
     * Requests re-sent after leader changes or reconnects so far.
     */
    public int resends()
    {
        return resends;
    }

    /**
     * Send a request with the given header fields; returns its correlation id.
     */
    public long send(final long sessionId, final long requestSeq, final long ackedSeq, final Encoding encoding)
    {
        final long correlationId = nextCorrelationId++;
        writer.header(correlationId, sessionId, requestSeq, ackedSeq);
        final int length = encoding.encode(writer, buffer);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        pending.put(correlationId, frame);
        offer(frame);
        return correlationId;
    }

    /**
     * Send raw bytes (bad input); the answer, if any, is matched by the correlation id read from the frame.
     */
    public void sendRaw(final byte[] frame)
    {
        offer(frame);
    }

    /**
     * Send a request and wait for its answer, decoded with the given decoder.
     */
    public <T extends MessageDecoderFlyweight> T call(
        final long sessionId, final long requestSeq, final long ackedSeq, final Encoding encoding, final T decoder)
    {
        return await(send(sessionId, requestSeq, ackedSeq, encoding), decoder);
    }

    /**
     * Send a request and wait for its answer's result code, whatever kind of answer carries it.
     */
    public ResultCode callForCode(
        final long sessionId, final long requestSeq, final long ackedSeq, final Encoding encoding)
    {
        final long correlationId = send(sessionId, requestSeq, ackedSeq, encoding);
        transport.pollUntil(() -> process() && responses.containsKey(correlationId), TIMEOUT_MS);
        return codeOf(responses.remove(correlationId));
    }

    /**
     * Wait for the answer to a request and decode it.
     */
    public <T extends MessageDecoderFlyweight> T await(final long correlationId, final T decoder)
    {
        transport.pollUntil(() -> process() && responses.containsKey(correlationId), TIMEOUT_MS);
        final UnsafeBuffer frame = responses.remove(correlationId);
        header.wrap(frame, 0);
        if (header.templateId() != decoder.sbeTemplateId())
        {
            throw new AssertionError("expected template " + decoder.sbeTemplateId() + " but got " +
                header.templateId() + " for correlation id " + correlationId);
        }
        decoder.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return decoder;
    }

    /**
     * Wait for an event (template 200-299) matching a test, and remove it from the queue.
     */
    public UnsafeBuffer awaitEvent(final int templateId, final Predicate<UnsafeBuffer> test)
    {
        final UnsafeBuffer[] found = new UnsafeBuffer[1];
        transport.pollUntil(() ->
        {
            process();
            for (final UnsafeBuffer event : events)
            {
                if (templateId(event) == templateId && test.test(event))
                {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        }, TIMEOUT_MS);
        events.remove(found[0]);
        return found[0];
    }

    /**
     * Wrap an event with its decoder.
     */
    public <T extends MessageDecoderFlyweight> T decodeEvent(final UnsafeBuffer event, final T decoder)
    {
        header.wrap(event, 0);
        decoder.wrap(event, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return decoder;
    }

    /**
     * Events received and not yet taken.
     */
    public List<UnsafeBuffer> events()
    {
        process();
        return events;
    }

    /**
     * Every ErrorResponse received so far (answers to frames that could not be read), in order.
     */
    public List<UnsafeBuffer> errorResponses()
    {
        process();
        return errorResponses;
    }

    /**
     * Poll until the condition holds.
     */
    public void pollUntil(final java.util.function.BooleanSupplier condition)
    {
        transport.pollUntil(() -> process() && condition.getAsBoolean(), TIMEOUT_MS);
    }

    private void offer(final byte[] frame)
    {
        transport.offerUntilAccepted(new UnsafeBuffer(frame), 0, frame.length, TIMEOUT_MS);
    }

    /**
     * Sort new egress into answers and events; re-send what is unanswered after a leader change or reconnect.
     */
    private boolean process()
    {
        final List<byte[]> messages = transport.messages();
        while (messagesSeen < messages.size())
        {
            final UnsafeBuffer frame = new UnsafeBuffer(messages.get(messagesSeen++));
            final int templateId = templateId(frame);
            if (templateId == io.warden.schema.protocol.ErrorResponseDecoder.TEMPLATE_ID)
            {
                errorResponses.add(frame);
            }
            if (templateId >= 100 && templateId < 200 || templateId >= 300)
            {
                final long correlationId = frame.getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
                if (pending.remove(correlationId) != null)
                {
                    responses.putIfAbsent(correlationId, frame);
                }
            }
            else
            {
                events.add(frame);
            }
        }
        if (transport.newLeaderCount() != leaderChangesSeen || transport.connectCount() != connectsSeen)
        {
            leaderChangesSeen = transport.newLeaderCount();
            connectsSeen = transport.connectCount();
            for (final byte[] frame : new ArrayList<>(pending.values()))
            {
                resends++;
                offer(frame);
            }
        }
        return true;
    }

    private static int templateId(final UnsafeBuffer frame)
    {
        return frame.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * The result code at the usual place of a response (right after its correlation id).
     */
    public static ResultCode codeOf(final UnsafeBuffer response)
    {
        return ResultCode.get(response.getShort(MessageHeaderDecoder.ENCODED_LENGTH + 8, ByteOrder.LITTLE_ENDIAN));
    }

    public void close()
    {
        transport.close();
    }
}
