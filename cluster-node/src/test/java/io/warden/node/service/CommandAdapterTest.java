package io.warden.node.service;

import io.warden.node.domain.WardenStateMachine;
import io.warden.schema.Principals;
import io.warden.schema.RequestWriter;
import io.warden.schema.Scram;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames in, frames out: the adapter and responder around a real state machine. Bad frames get a result code and
 * change nothing.
 */
final class CommandAdapterTest
{
    private static final long ROUTE = 7;

    private final FrameRecorder egress = new FrameRecorder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final RequestWriter writer = new RequestWriter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private WardenStateMachine state;
    private CommandAdapter adapter;
    private long sessionId;

    @BeforeEach
    void setUp()
    {
        final EgressResponder responder = new EgressResponder(egress, 512 * 1024);
        state = new WardenStateMachine(responder, responder, new io.warden.node.domain.support.ManualTimers());
        adapter = new CommandAdapter(state, responder);
        state.time(1_000);
        send(writer.header(1, 0, 0, 0).openSession(buffer, 0, 5_000, 42, "test"));
        final SessionResponseDecoder session = decode(new SessionResponseDecoder());
        assertEquals(ResultCode.OK, session.code());
        sessionId = session.sessionId();
        egress.clear();
    }

    private void send(final int length)
    {
        adapter.onMessage(ROUTE, buffer, 0, length);
    }

    private <T extends org.agrona.sbe.MessageDecoderFlyweight> T decode(final T decoder)
    {
        final FrameRecorder.Frame frame = egress.last();
        final UnsafeBuffer b = frame.buffer();
        header.wrap(b, 0);
        assertEquals(decoder.sbeTemplateId(), header.templateId(), "response template");
        assertEquals(ROUTE, frame.route);
        return (T)decoder.wrap(b, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private ErrorResponseDecoder error()
    {
        return decode(new ErrorResponseDecoder());
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetRoundTripsThroughCodecs()
    {
        send(writer.header(2, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v1")));
        final PutResponseDecoder put = decode(new PutResponseDecoder());
        assertEquals(2, put.correlationId());
        assertEquals(ResultCode.OK, put.code());
        assertEquals(1, put.revision());

        send(writer.header(3, sessionId, 0, 0).get(buffer, 0, "/a"));
        final GetResponseDecoder get = decode(new GetResponseDecoder());
        assertEquals(ResultCode.OK, get.code());
        assertEquals(1, get.modRevision());
        final byte[] value = new byte[get.valueLength()];
        get.getValue(value, 0, value.length);
        assertEquals("v1", new String(value, StandardCharsets.UTF_8));
    }

    @Test
    void txnAndRangeRoundTripThroughCodecs()
    {
        send(writer.header(2, sessionId, 1, 0).txn(buffer, 0, new TxnSpec()
            .compareVersion("/t/x", CompareOp.EQUAL, 0)
            .thenPut("/t/x", bytes("1"))
            .thenPut("/t/y", bytes("2"))
            .elsePut("/t/conflict", bytes("!"))));
        final TxnResponseDecoder txn = decode(new TxnResponseDecoder());
        assertEquals(ResultCode.OK, txn.code());
        assertEquals(1, txn.revision());

        send(writer.header(3, sessionId, 0, 0).range(buffer, 0, "/t/", "", 0, 0));
        final RangeResponseDecoder range = decode(new RangeResponseDecoder());
        assertEquals(ResultCode.OK, range.code());
        assertEquals(1, range.revision());
        final RangeResponseDecoder.EntriesDecoder entries = range.entries();
        assertEquals(2, entries.count());
        assertEquals("/t/x", entries.next().key());
        entries.skipValue();
        assertEquals("/t/y", entries.next().key());
    }

    @Test
    void watchEventsArriveAsFrames()
    {
        send(writer.header(2, 0, 0, 0).watch(buffer, 0, 9, "/w/", true, true, 0));
        assertEquals(ResultCode.OK, decode(new WatchResponseDecoder()).code());
        send(writer.header(3, sessionId, 1, 0).put(buffer, 0, false, "/w/k", bytes("x")));
        assertEquals(PutResponseDecoder.TEMPLATE_ID, egress.frames().get(egress.frames().size() - 2).templateId(),
            "the answer goes out first, then the events of the command");
        final FrameRecorder.Frame eventFrame = egress.last();
        assertEquals(WatchEventsDecoder.TEMPLATE_ID, eventFrame.templateId());
        final WatchEventsDecoder events = new WatchEventsDecoder();
        events.wrapAndApplyHeader(eventFrame.buffer(), 0, header);
        assertEquals(9, events.watchId());
        final WatchEventsDecoder.EventsDecoder event = events.events();
        assertEquals(1, event.count());
        assertEquals(EventType.PUT, event.next().eventType());
        assertEquals(1, event.revision());
        assertEquals("/w/k", event.key());
    }

    /**
     * A request wrapped as a gateway forwards it, on behalf of {@code userId}.
     */
    private void sendOnBehalf(final long userId, final java.util.function.IntUnaryOperator inner)
    {
        final int envelope = writer.onBehalf(buffer, 0, userId);
        final int length = inner.applyAsInt(envelope);
        adapter.onMessage(ROUTE, buffer, 0, envelope + length);
    }

    @Test
    void usersRolesAndALoginRoundTripThroughCodecs()
    {
        final byte[] salt = bytes("0123456789abcdef");
        final byte[] salted = Scram.saltedPassword("pw".toCharArray(), salt, Scram.MIN_ITERATIONS);
        sendOnBehalf(Principals.GATEWAY_ADMIN_USER, at -> writer.header(3, 0, 0, 0).userChange(buffer, at,
            UserOp.ADD, "alice", null, Scram.MIN_ITERATIONS, salt, Scram.storedKey(salted), Scram.serverKey(salted)));
        assertEquals(ResultCode.OK, decode(new AdminResponseDecoder()).code());
        sendOnBehalf(Principals.GATEWAY_ADMIN_USER, at -> writer.header(4, 0, 0, 0).roleChange(buffer, at,
            RoleOp.ADD, "ops", ResourceType.KEY, 0, null));
        assertEquals(ResultCode.OK, decode(new AdminResponseDecoder()).code());
        sendOnBehalf(Principals.GATEWAY_ADMIN_USER, at -> writer.header(5, 0, 0, 0).roleChange(buffer, at,
            RoleOp.GRANT, "ops", ResourceType.LOCK, 0b10101, "/locks/"));
        assertEquals(ResultCode.OK, decode(new AdminResponseDecoder()).code());
        sendOnBehalf(Principals.GATEWAY_ADMIN_USER,
            at -> writer.header(6, 0, 0, 0).authList(buffer, at, AuthListKind.ROLE, "ops"));
        final AuthListResponseDecoder list = decode(new AuthListResponseDecoder());
        assertEquals(ResultCode.OK, list.code());
        final AuthListResponseDecoder.ItemsDecoder items = list.items();
        assertEquals(1, items.count());
        items.next();
        assertEquals("ops", items.name());
        assertEquals("LOCK /locks/ read,lock,watch", items.detail());

        send(writer.header(7, 0, 0, 0).authBegin(buffer, 0, "alice"));
        final AuthBeginResponseDecoder begin = decode(new AuthBeginResponseDecoder());
        assertEquals(Scram.MIN_ITERATIONS, begin.iterations());
        final byte[] gotSalt = new byte[begin.saltLength()];
        begin.getSalt(gotSalt, 0, gotSalt.length);
        assertEquals(new String(salt, StandardCharsets.UTF_8), new String(gotSalt, StandardCharsets.UTF_8));
        final byte[] message = Scram.authMessage("alice", bytes("cn"), bytes("sn"), gotSalt, begin.iterations());
        send(writer.header(8, 0, 0, 0).authenticate(buffer, 0, "alice", message, Scram.clientProof(salted, message)));
        final AuthenticateResponseDecoder authenticated = decode(new AuthenticateResponseDecoder());
        assertEquals(ResultCode.OK, authenticated.code());
        assertTrue(authenticated.userId() > 0);
        assertEquals(Scram.KEY_LENGTH, authenticated.serverSignatureLength());
    }

    @Test
    void authRequestsFromAPlainConnectionAreDeniedAndAnOverlongNameIsMalformed()
    {
        send(writer.header(3, 0, 0, 0).authSwitch(buffer, 0, true));
        assertEquals(ResultCode.PERMISSION_DENIED, decode(new AdminResponseDecoder()).code());
        send(writer.header(4, 0, 0, 0).userChange(buffer, 0, UserOp.DELETE, "x".repeat(2000), null, 0, null, null,
            null));
        assertEquals(ResultCode.MALFORMED, error().code());
    }

    @Test
    void anEnvelopeInsideAnEnvelopeIsMalformed()
    {
        sendOnBehalf(1, at -> writer.onBehalf(buffer, at, 2) +
            writer.header(3, 0, 0, 0).status(buffer, at + RequestWriter.onBehalfLength()));
        assertEquals(ResultCode.MALFORMED, error().code());
    }

    @Test
    void frameShorterThanHeaderIsMalformed()
    {
        final long digest = state.digest();
        adapter.onMessage(ROUTE, buffer, 0, 5);
        assertEquals(ResultCode.MALFORMED, error().code());
        assertEquals(digest, state.digest());
    }

    @Test
    void wrongSchemaIsUnknownMessage()
    {
        final int length = writer.header(4, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        buffer.putShort(4, (short)7702, ByteOrder.LITTLE_ENDIAN);
        final long digest = state.digest();
        send(length);
        final ErrorResponseDecoder error = error();
        assertEquals(ResultCode.UNKNOWN_MESSAGE, error.code());
        assertEquals(4, error.correlationId());
        assertEquals(digest, state.digest());
    }

    @Test
    void unknownTemplateIsUnknownMessage()
    {
        final int length = writer.header(5, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        buffer.putShort(2, (short)99, ByteOrder.LITTLE_ENDIAN);
        send(length);
        final ErrorResponseDecoder error = error();
        assertEquals(ResultCode.UNKNOWN_MESSAGE, error.code());
        assertEquals(99, error.templateId());
    }

    @Test
    void responseTemplateSentAsRequestIsUnknownMessage()
    {
        final int length = writer.header(5, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        buffer.putShort(2, (short)PutResponseDecoder.TEMPLATE_ID, ByteOrder.LITTLE_ENDIAN);
        send(length);
        assertEquals(ResultCode.UNKNOWN_MESSAGE, error().code());
    }

    @Test
    void gatewayRequestSentToTheNodeIsUnknownMessage()
    {
        final long digest = state.digest();
        send(writer.header(15, 0, 0, 0).connect(buffer, 0, "token", "c", "aeron:udp?endpoint=127.0.0.1:0", 1));
        final ErrorResponseDecoder error = error();
        assertEquals(ResultCode.UNKNOWN_MESSAGE, error.code());
        assertEquals(15, error.correlationId());
        assertEquals(ConnectDecoder.TEMPLATE_ID, error.templateId());
        assertEquals(digest, state.digest());
    }

    @Test
    void newerVersionIsUnsupported()
    {
        final int length = writer.header(6, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        buffer.putShort(6, (short)(MessageHeaderDecoder.SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        final long digest = state.digest();
        send(length);
        assertEquals(ResultCode.UNSUPPORTED_VERSION, error().code());
        assertEquals(digest, state.digest());
    }

    @Test
    void shortBlockLengthIsMalformed()
    {
        final int length = writer.header(7, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        buffer.putShort(0, (short)8, ByteOrder.LITTLE_ENDIAN);
        send(length);
        assertEquals(ResultCode.MALFORMED, error().code());
    }

    @Test
    void valueLengthPointingPastTheFrameIsMalformed()
    {
        final int length = writer.header(8, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        // the value's uint32 length sits just before its single byte at the end of the frame
        buffer.putInt(length - 1 - 4, 1_000_000, ByteOrder.LITTLE_ENDIAN);
        final long digest = state.digest();
        send(length);
        final ErrorResponseDecoder error = error();
        assertEquals(ResultCode.MALFORMED, error.code());
        assertEquals(8, error.correlationId());
        assertEquals(digest, state.digest());
    }

    @Test
    void truncatedFrameIsMalformed()
    {
        final int length = writer.header(9, sessionId, 1, 0).put(buffer, 0, false, "/abc", bytes("value"));
        final long digest = state.digest();
        send(length - 3);
        assertEquals(ResultCode.MALFORMED, error().code());
        assertEquals(digest, state.digest());
    }

    @Test
    void trailingBytesAreMalformed()
    {
        final int length = writer.header(10, sessionId, 1, 0).put(buffer, 0, false, "/a", bytes("v"));
        final long digest = state.digest();
        send(length + 4);
        assertEquals(ResultCode.MALFORMED, error().code());
        assertEquals(digest, state.digest());
    }

    @Test
    void unknownEnumValueIsMalformed()
    {
        final int length = writer.header(11, sessionId, 1, 0).acquire(buffer, 0, "L", LockMode.EXCLUSIVE, 0, 0);
        final int modeOffset = MessageHeaderDecoder.ENCODED_LENGTH + AcquireDecoder.modeEncodingOffset();
        buffer.putByte(modeOffset, (byte)7);
        final long digest = state.digest();
        send(length);
        assertEquals(ResultCode.MALFORMED, error().code());
        assertEquals(digest, state.digest());
    }

    @Test
    void nullEnumInTxnIsMalformed()
    {
        final int length = writer.header(12, sessionId, 1, 0).txn(buffer, 0, new TxnSpec().thenPut("/x", bytes("1")));
        final int opTypeOffset = MessageHeaderDecoder.ENCODED_LENGTH + TxnDecoder.BLOCK_LENGTH + 4 + 4;
        assertEquals(TxnOpType.PUT.value(), buffer.getByte(opTypeOffset));
        buffer.putByte(opTypeOffset, (byte)255);
        final long digest = state.digest();
        send(length);
        assertEquals(ResultCode.MALFORMED, error().code());
        assertEquals(digest, state.digest());
    }

    @Test
    void oversizedValueIsRefusedWithValueTooLarge()
    {
        final byte[] big = new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1];
        final long digest = state.digest();
        send(writer.header(13, sessionId, 1, 0).put(buffer, 0, false, bytes("/big"), big, 0, big.length));
        final PutResponseDecoder put = decode(new PutResponseDecoder());
        assertEquals(ResultCode.VALUE_TOO_LARGE, put.code());
        assertEquals(13, put.correlationId());
        assertEquals(digest, state.digest());
    }

    @Test
    void invalidUtf8KeyIsRefused()
    {
        final long digest = state.digest();
        send(writer.header(14, sessionId, 1, 0)
            .put(buffer, 0, false, new byte[]{ '/', (byte)0xC0, (byte)0x80 }, new byte[1], 0, 1));
        assertEquals(ResultCode.INVALID_KEY, decode(new PutResponseDecoder()).code());
        assertEquals(digest, state.digest());
    }

    @Test
    void everyResponseFitsTheFrameLimitOrBecomesLimitExceeded()
    {
        final FrameRecorder small = new FrameRecorder();
        final EgressResponder responder = new EgressResponder(small, 256);
        final WardenStateMachine tiny = new WardenStateMachine(responder, responder, new io.warden.node.domain.support.ManualTimers());
        final CommandAdapter tinyAdapter = new CommandAdapter(tiny, responder);
        tiny.time(1);
        tinyAdapter.onMessage(ROUTE, buffer, 0, writer.header(1, 0, 0, 0).openSession(buffer, 0, 5_000, 1, "t"));
        final long id = 1;
        tinyAdapter.onMessage(ROUTE, buffer, 0,
            writer.header(2, id, 1, 0).put(buffer, 0, false, bytes("/k"), new byte[1000], 0, 1000));
        tinyAdapter.onMessage(ROUTE, buffer, 0, writer.header(3, id, 0, 0).get(buffer, 0, "/k"));
        final FrameRecorder.Frame last = small.last();
        assertTrue(last.bytes.length <= 256);
        assertEquals(ErrorResponseDecoder.TEMPLATE_ID, last.templateId());
        final ErrorResponseDecoder error = new ErrorResponseDecoder();
        error.wrapAndApplyHeader(last.buffer(), 0, header);
        assertEquals(ResultCode.LIMIT_EXCEEDED, error.code());
        assertEquals(3, error.correlationId());
        assertEquals(1, responder.oversizedFrames());
    }
}
