package io.warden.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.schema.FuzzCorpus;
import io.warden.schema.KeyRules;
import io.warden.schema.Rejections;
import io.warden.schema.RequestSamples;
import io.warden.schema.Scram;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bytes from a client, into the gateway's decoding ({@link ClientFrameAdapter}) and on through the copy it forwards
 * ({@link PendingRequests}). Each frame arrives twice: as the first frame of an unknown image, then on a connected
 * connection. It sits at the very end of a larger buffer, as in a term buffer, so a read past its end throws.
 * Properties:
 * <ul>
 *   <li>nothing escapes the decoding, and every frame from a connection gets exactly one outcome;</li>
 *   <li>from an unknown image only a {@code Connect} (of a supported or a newer version) is taken up, all else dropped;
 *   </li>
 *   <li>a frame whose header breaks the protocol's rules (worked out here from the encoders' block lengths, not from
 *   {@code FrameCheck}) gets an {@code ErrorResponse} with that code, its correlation id and template id, and nothing
 *   else does;</li>
 *   <li>a refusal carries the client's correlation id, decodes to its own length and writes every byte of it (none
 *   left over from what the gateway's buffer held before);</li>
 *   <li>whatever is accepted decodes completely within the frame, with nothing left over, and each field handed on is
 *   the frame's own; a forwarded frame reaches the cluster byte for byte but for the correlation id the gateway puts
 *   in, and only cluster requests are forwarded ({@code KeepAliveBatch} never, {@code ConfigureLimits} only through the
 *   admin path).</li>
 * </ul>
 */
final class GatewayFrameFuzzTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int PREFIX = 64;
    private static final Int2IntHashMap CLUSTER_BLOCKS = blockLengths(RequestSamples.clusterRequests());
    private static final Int2IntHashMap GATEWAY_BLOCKS = blockLengths(RequestSamples.gatewayRequests());

    /**
     * The input is a sequence of client frames ({@link FuzzCorpus#frames}).
     */
    @FuzzTest(maxDuration = "2m")
    void everyFrameIsRefusedOrForwardedIntact(final byte[] data)
    {
        final Harness harness = new Harness();
        for (final byte[] frame : FuzzCorpus.frames(data, 16))
        {
            harness.onFrame(frame);
        }
    }

    private static Int2IntHashMap blockLengths(final List<byte[]> samples)
    {
        final Int2IntHashMap blocks = new Int2IntHashMap(0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final byte[] sample : samples)
        {
            header.wrap(new UnsafeBuffer(sample), 0);
            blocks.put(header.templateId(), header.blockLength());
        }
        return blocks;
    }

    /**
     * What the gateway must answer a frame's header with, from the protocol's rules.
     */
    static ResultCode expectedHeaderCode(final byte[] frame)
    {
        if (frame.length < HEADER)
        {
            return ResultCode.MALFORMED;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return ResultCode.UNKNOWN_MESSAGE;
        }
        if (header.version() < 1 || header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return ResultCode.UNSUPPORTED_VERSION;
        }
        final int required = Math.max(
            CLUSTER_BLOCKS.get(header.templateId()), GATEWAY_BLOCKS.get(header.templateId()));
        if (required == 0)
        {
            return ResultCode.UNKNOWN_MESSAGE;
        }
        if (header.blockLength() < required || HEADER + header.blockLength() > frame.length)
        {
            return ResultCode.MALFORMED;
        }
        return ResultCode.OK;
    }

    /**
     * Decode the whole request with its generated decoder over a buffer of exactly the frame: the length it covers,
     * which must be the frame's.
     *
     * @throws IndexOutOfBoundsException if a length in it points outside the frame.
     */
    static int decodedLength(final DirectBuffer frame)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, 0);
        final int block = header.blockLength();
        final int version = header.version();
        final int body = switch (header.templateId())
        {
            case OpenSessionDecoder.TEMPLATE_ID -> new OpenSessionDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ResumeSessionDecoder.TEMPLATE_ID -> new ResumeSessionDecoder()
                .wrap(frame, HEADER, block, version).sbeDecodedLength();
            case KeepAliveBatchDecoder.TEMPLATE_ID -> new KeepAliveBatchDecoder()
                .wrap(frame, HEADER, block, version).sbeDecodedLength();
            case CloseSessionDecoder.TEMPLATE_ID -> new CloseSessionDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case AcquireDecoder.TEMPLATE_ID -> new AcquireDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ReleaseDecoder.TEMPLATE_ID -> new ReleaseDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case CheckFenceDecoder.TEMPLATE_ID -> new CheckFenceDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case DescribeLockDecoder.TEMPLATE_ID -> new DescribeLockDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case LockStatusDecoder.TEMPLATE_ID -> new LockStatusDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case CampaignDecoder.TEMPLATE_ID -> new CampaignDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ProclaimDecoder.TEMPLATE_ID -> new ProclaimDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ResignDecoder.TEMPLATE_ID -> new ResignDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case LeaderDecoder.TEMPLATE_ID -> new LeaderDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case PutDecoder.TEMPLATE_ID -> new PutDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case GetDecoder.TEMPLATE_ID -> new GetDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case DeleteDecoder.TEMPLATE_ID -> new DeleteDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case RangeDecoder.TEMPLATE_ID -> new RangeDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case TxnDecoder.TEMPLATE_ID -> new TxnDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case CreateSequentialDecoder.TEMPLATE_ID -> new CreateSequentialDecoder()
                .wrap(frame, HEADER, block, version).sbeDecodedLength();
            case WatchDecoder.TEMPLATE_ID -> new WatchDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case CancelWatchDecoder.TEMPLATE_ID -> new CancelWatchDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ProgressDecoder.TEMPLATE_ID -> new ProgressDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case StatusDecoder.TEMPLATE_ID -> new StatusDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ConfigureLimitsDecoder.TEMPLATE_ID -> new ConfigureLimitsDecoder()
                .wrap(frame, HEADER, block, version).sbeDecodedLength();
            case ConnectDecoder.TEMPLATE_ID -> new ConnectDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case ClientKeepAliveDecoder.TEMPLATE_ID -> new ClientKeepAliveDecoder()
                .wrap(frame, HEADER, block, version).sbeDecodedLength();
            case DisconnectDecoder.TEMPLATE_ID -> new DisconnectDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            case GatewayInfoDecoder.TEMPLATE_ID -> new GatewayInfoDecoder().wrap(frame, HEADER, block, version)
                .sbeDecodedLength();
            default -> throw new AssertionError("accepted a frame of template " + header.templateId());
        };
        return HEADER + body;
    }

    /**
     * One gateway's decoding with a recording listener that checks each outcome against the frame.
     */
    private static final class Harness implements ClientFrameAdapter.Listener<String>
    {
        private static final String CONNECTION = "connection";

        private final ClientFrameAdapter<String> adapter = new ClientFrameAdapter<>(this);
        private final PendingRequests pending = new PendingRequests();
        private final Rejections rejections = new Rejections();
        private final UnsafeBuffer zeros = new UnsafeBuffer(new byte[1024]);
        private final UnsafeBuffer junk = new UnsafeBuffer(new byte[1024]);
        private final ExpandableArrayBuffer sent = new ExpandableArrayBuffer(1024);
        private byte[] frame;
        private UnsafeBuffer exact;
        private int outcomes;
        private int sentLength;

        void onFrame(final byte[] frame)
        {
            this.frame = frame;
            this.exact = new UnsafeBuffer(frame);
            final ResultCode expected = expectedHeaderCode(frame);
            // at the end of a larger buffer, as in a term buffer: a read past the frame throws
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PREFIX + frame.length]);
            buffer.setMemory(0, PREFIX, (byte)0x5A);
            buffer.putBytes(PREFIX, frame);

            final ResultCode connectCode = adapter.connectCode(buffer, PREFIX, frame.length);
            final boolean isConnect = frame.length >= HEADER && templateId() == ConnectDecoder.TEMPLATE_ID;
            if (isConnect && (expected == ResultCode.OK || expected == ResultCode.UNSUPPORTED_VERSION))
            {
                assertEquals(expected, connectCode, "a Connect from a new image is taken up with its header's code");
            }
            else
            {
                assertNull(connectCode, "only a Connect is taken up from a new image; the rest is dropped");
            }

            outcomes = 0;
            adapter.onFrame(CONNECTION, buffer, PREFIX, frame.length);
            assertEquals(1, outcomes, "every frame from a connection gets exactly one outcome");
        }

        private int templateId()
        {
            return exact.getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        }

        private long clientCorrelationId()
        {
            return frame.length >= HEADER + Long.BYTES ? exact.getLong(HEADER, ByteOrder.LITTLE_ENDIAN) : 0;
        }

        private void accepted(final long correlationId, final int... templateIds)
        {
            outcomes++;
            assertEquals(ResultCode.OK, expectedHeaderCode(frame), "accepted a frame with a bad header");
            assertTrue(Arrays.stream(templateIds).anyMatch(id -> id == templateId()),
                "outcome for the wrong template " + templateId());
            assertEquals(frame.length, decodedLength(exact), "accepted a frame that does not decode to its length");
            assertEquals(clientCorrelationId(), correlationId, "the correlation id handed on is not the frame's");
        }

        public void onUnreadable(
            final String connection, final long correlationId, final ResultCode code, final int templateId)
        {
            outcomes++;
            assertEquals(expectedHeaderCode(frame), code, "unreadable with the wrong code");
            assertEquals(clientCorrelationId(), correlationId);
            assertEquals(frame.length >= HEADER ? templateId() : 0, templateId);
            final byte[] refusal = refusal(buffer -> rejections.error(buffer, 0, correlationId, code, templateId));
            final ErrorResponseDecoder error = new ErrorResponseDecoder()
                .wrapAndApplyHeader(new UnsafeBuffer(refusal), 0, new MessageHeaderDecoder());
            assertEquals(refusal.length, HEADER + error.sbeDecodedLength(),
                "the ErrorResponse does not decode to its length");
            assertEquals(correlationId, error.correlationId());
            assertEquals(code, error.code());
            assertEquals(templateId, error.templateId());
        }

        public void onRefused(
            final String connection, final int templateId, final long correlationId, final ResultCode code)
        {
            outcomes++;
            assertEquals(ResultCode.OK, expectedHeaderCode(frame), "a bad header must be unreadable, not refused");
            assertNotEquals(ResultCode.OK, code);
            assertEquals(templateId(), templateId);
            assertEquals(clientCorrelationId(), correlationId);
            final byte[] refusal = refusal(buffer -> rejections.write(buffer, 0, templateId, correlationId, code));
            assertEquals(correlationId, new UnsafeBuffer(refusal).getLong(HEADER, ByteOrder.LITTLE_ENDIAN),
                "the refusal does not carry the client's correlation id");
        }

        /**
         * Write a refusal over a buffer of zeros and over one of junk: a byte left unwritten would carry what the
         * gateway's scratch buffer held before, another client's frame.
         */
        private byte[] refusal(final ToIntFunction<MutableDirectBuffer> writer)
        {
            zeros.setMemory(0, zeros.capacity(), (byte)0);
            junk.setMemory(0, junk.capacity(), (byte)0xA5);
            final int length = writer.applyAsInt(zeros);
            assertEquals(length, writer.applyAsInt(junk));
            final byte[] written = new byte[length];
            zeros.getBytes(0, written);
            final byte[] overJunk = new byte[length];
            junk.getBytes(0, overJunk);
            assertArrayEquals(written, overJunk, "the refusal leaves bytes unwritten");
            return written;
        }

        public void onConnectAgain(final String connection)
        {
            accepted(clientCorrelationId(), ConnectDecoder.TEMPLATE_ID);
        }

        public void onConnectProof(final String connection, final byte[] proof)
        {
            if (proof.length != Scram.KEY_LENGTH)
            {
                throw new AssertionError("a proof of " + proof.length + " bytes passed the check");
            }
            accepted(clientCorrelationId(), ConnectProofDecoder.TEMPLATE_ID);
        }

        public void onClientKeepAlive(
            final String connection, final long correlationId, final ClientKeepAliveDecoder.SessionsDecoder sessions)
        {
            accepted(correlationId, ClientKeepAliveDecoder.TEMPLATE_ID);
            assertTrue(sessions.count() <= WardenLimits.MAX_SESSIONS_PER_CLIENT);
            final ClientKeepAliveDecoder.SessionsDecoder expected = new ClientKeepAliveDecoder()
                .wrapAndApplyHeader(exact, 0, new MessageHeaderDecoder()).sessions();
            assertEquals(expected.count(), sessions.count());
            for (final ClientKeepAliveDecoder.SessionsDecoder session : sessions)
            {
                assertEquals(expected.next().sessionId(), session.sessionId());
            }
        }

        public void onDisconnect(final String connection)
        {
            accepted(clientCorrelationId(), DisconnectDecoder.TEMPLATE_ID);
        }

        public void onGatewayInfo(final String connection, final long correlationId)
        {
            accepted(correlationId, GatewayInfoDecoder.TEMPLATE_ID);
        }

        public void onWatch(
            final String connection,
            final long correlationId,
            final long watchId,
            final long startRevision,
            final byte[] key,
            final boolean prefix,
            final boolean prevValue)
        {
            accepted(correlationId, WatchDecoder.TEMPLATE_ID);
            final WatchDecoder watch = new WatchDecoder().wrapAndApplyHeader(exact, 0, new MessageHeaderDecoder());
            assertEquals(watch.watchId(), watchId);
            assertEquals(watch.startRevision(), startRevision);
            assertTrue(startRevision >= 0, "a negative start revision must be refused");
            assertEquals(watch.flags().prefix(), prefix);
            assertEquals(watch.flags().prevValue(), prevValue);
            final byte[] expectedKey = new byte[watch.keyLength()];
            watch.getKey(expectedKey, 0, expectedKey.length);
            assertArrayEquals(expectedKey, key);
            assertEquals(ResultCode.OK,
                prefix ? KeyRules.checkPrefix(key, key.length) : KeyRules.checkName(key, key.length));
        }

        public void onCancelWatch(final String connection, final long correlationId, final long watchId)
        {
            accepted(correlationId, CancelWatchDecoder.TEMPLATE_ID);
            assertEquals(new CancelWatchDecoder().wrapAndApplyHeader(exact, 0, new MessageHeaderDecoder()).watchId(),
                watchId);
        }

        public void onAdminRequest(
            final String connection,
            final int templateId,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final long correlationId)
        {
            accepted(correlationId, ConfigureLimitsDecoder.TEMPLATE_ID);
            assertForwardedIntact(templateId, buffer, offset, length);
        }

        public void onClusterRequest(
            final String connection,
            final int templateId,
            final long sessionId,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final long correlationId)
        {
            if (!CLUSTER_BLOCKS.containsKey(templateId) || templateId == KeepAliveBatchDecoder.TEMPLATE_ID ||
                templateId == WatchDecoder.TEMPLATE_ID || templateId == CancelWatchDecoder.TEMPLATE_ID ||
                templateId == ConfigureLimitsDecoder.TEMPLATE_ID)
            {
                fail("template " + templateId + " must not be forwarded as a cluster request");
            }
            accepted(correlationId, templateId);
            assertEquals(new RequestHeaderDecoder().wrap(exact, HEADER).sessionId(), sessionId);
            assertForwardedIntact(templateId, buffer, offset, length);
        }

        private void assertForwardedIntact(
            final int templateId, final DirectBuffer buffer, final int offset, final int length)
        {
            assertEquals(templateId(), templateId);
            final PendingRequest request = pending.add(null, templateId, buffer, offset, length, null, 0);
            assertEquals(clientCorrelationId(), request.clientCorrelationId);
            sentLength = -1;
            assertEquals(1, pending.send((sentBuffer, sentOffset, sentFrameLength) ->
            {
                sent.putBytes(0, sentBuffer, sentOffset, sentFrameLength);
                sentLength = sentFrameLength;
                return 1;
            }));
            final byte[] forwarded = new byte[sentLength];
            sent.getBytes(0, forwarded);
            assertEquals(request.gatewayCorrelationId, new UnsafeBuffer(forwarded).getLong(HEADER,
                ByteOrder.LITTLE_ENDIAN), "the cluster must see the gateway's correlation id");
            final byte[] expected = frame.clone();
            new UnsafeBuffer(expected).putLong(HEADER, request.gatewayCorrelationId, ByteOrder.LITTLE_ENDIAN);
            assertArrayEquals(expected, forwarded, "forwarded with more changed than the correlation id");
            pending.complete(request.gatewayCorrelationId);
        }
    }
}
