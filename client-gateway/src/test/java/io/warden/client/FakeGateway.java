package io.warden.client;

import io.aeron.Publication;
import io.warden.schema.Rejections;
import io.warden.schema.Scram;
import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A scripted gateway behind the {@link ClientTransport} seam: records every frame the client offers, answers the
 * connection handshake, session requests and keepalives by itself (each switchable), and lets a test inject any
 * frame. Each connection gets a new image id, as a new gateway publication would.
 */
final class FakeGateway implements ClientTransport
{
    static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    final Set<String> reachable = new HashSet<>();
    final List<String> attempts = new ArrayList<>();
    final List<Long> attemptTimesNs = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();
    private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
    private final ArrayDeque<Integer> inboundImages = new ArrayDeque<>();
    private final List<Integer> goneImages = new ArrayList<>();
    private final LongSupplier clock;

    boolean connected;
    String endpoint;
    int image = 1000;
    long offerResult = 1;

    boolean autoConnect = true;
    /** When set, a Connect naming a user is challenged and its proof checked against this password, as a cell would. */
    char[] loginPassword;
    /** Whether a login's ConnectResponse carries the cell's server signature (a real gateway always passes it on). */
    boolean signLogins = true;
    private final byte[] loginSalt = "fake-gateway-salt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] loginAuthMessage;
    ResultCode connectCode = ResultCode.OK;
    long keepAliveIntervalMs = 100;
    int maxRequestLength = 64 * 1024;
    boolean autoSession = true;
    /** How many OpenSession requests to answer RATE_LIMITED before answering as usual. */
    int openRateLimited;
    long sessionId = 42;
    ResultCode resumeCode = ResultCode.OK;
    boolean autoKeepAlive = true;
    ResultCode keepAliveCode = ResultCode.OK;
    long confirmedAgeMs = -1;
    boolean closed;
    /** Bytes that follow each message in the buffer it is delivered in, as the next message would in a term buffer. */
    byte[] trailer = new byte[0];

    FakeGateway(final LongSupplier clock)
    {
        this.clock = clock;
        reachable.add("gw1:7000");
    }

    // ------------------------------------------------------------------------------------------------ transport

    public String responseChannel()
    {
        return "aeron:udp?endpoint=127.0.0.1:40123";
    }

    public int responseStreamId()
    {
        return 1002;
    }

    public void connect(final String endpoint)
    {
        attempts.add(endpoint);
        attemptTimesNs.add(clock.getAsLong());
        this.endpoint = endpoint;
        connected = true;
        image++;
    }

    /**
     * The publication exists and its gateway is reachable (a gateway may become reachable while it waits).
     */
    public boolean isConnected()
    {
        return connected && reachable.contains(endpoint);
    }

    public int maxMessageLength()
    {
        return connected ? 128 * 1024 : 0;
    }

    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!isConnected())
        {
            return Publication.NOT_CONNECTED;
        }
        if (offerResult <= 0)
        {
            return offerResult;
        }
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        sent.add(frame);
        react(frame);
        return offerResult;
    }

    public void disconnect()
    {
        connected = false;
    }

    public int poll(final Handler handler, final int fragmentLimit)
    {
        int work = 0;
        for (final int gone : goneImages)
        {
            handler.onImageUnavailable(gone);
            work++;
        }
        goneImages.clear();
        while (!inbound.isEmpty() && work < fragmentLimit)
        {
            final byte[] frame = inbound.poll();
            final int fromImage = inboundImages.poll();
            final byte[] buffer = Arrays.copyOf(frame, frame.length + trailer.length);
            System.arraycopy(trailer, 0, buffer, frame.length, trailer.length);
            handler.onMessage(new UnsafeBuffer(buffer), 0, frame.length, fromImage);
            work++;
        }
        return work;
    }

    public int doWork()
    {
        return 0;
    }

    public void close()
    {
        closed = true;
        connected = false;
    }

    // ------------------------------------------------------------------------------------------------ scripting

    /**
     * Queue a frame from the current gateway.
     */
    void reply(final byte[] frame)
    {
        inbound.add(frame);
        inboundImages.add(image);
    }

    /**
     * Queue a frame from another image (an old gateway).
     */
    void replyFromImage(final byte[] frame, final int fromImage)
    {
        inbound.add(frame);
        inboundImages.add(fromImage);
    }

    /**
     * The gateway's publication to the client went away.
     */
    void imageGone()
    {
        goneImages.add(image);
    }

    private void react(final byte[] frame)
    {
        final int templateId = templateId(frame);
        final long correlationId = correlationId(frame);
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID:
                if (loginPassword != null && challenge(frame, correlationId))
                {
                    break;
                }
                if (autoConnect)
                {
                    reply(connectResponse(correlationId, connectCode, 7, maxRequestLength, keepAliveIntervalMs));
                }
                break;
            case ConnectProofDecoder.TEMPLATE_ID:
                onProof(frame, correlationId);
                break;
            case OpenSessionDecoder.TEMPLATE_ID:
                if (openRateLimited > 0)
                {
                    openRateLimited--;
                    reply(limitErrorResponse(
                        correlationId, ResultCode.RATE_LIMITED, templateId, 100, 0, 10, "slow down"));
                }
                else if (autoSession)
                {
                    final OpenSessionDecoder open = new OpenSessionDecoder();
                    open.wrapAndApplyHeader(new UnsafeBuffer(frame), 0, new MessageHeaderDecoder());
                    reply(sessionResponse(correlationId, ResultCode.OK, sessionId, open.ttlMs()));
                }
                break;
            case ResumeSessionDecoder.TEMPLATE_ID:
                if (autoSession)
                {
                    reply(sessionResponse(correlationId, resumeCode, resumeCode == ResultCode.OK ? sessionId : 0,
                        10_000));
                }
                break;
            case CloseSessionDecoder.TEMPLATE_ID:
                if (autoSession)
                {
                    reply(sessionResponse(correlationId, ResultCode.OK, sessionId(frame), 0));
                }
                break;
            case ClientKeepAliveDecoder.TEMPLATE_ID:
                if (autoKeepAlive)
                {
                    final ClientKeepAliveDecoder keepAlive = new ClientKeepAliveDecoder();
                    keepAlive.wrapAndApplyHeader(new UnsafeBuffer(frame), 0, new MessageHeaderDecoder());
                    final List<Long> ids = new ArrayList<>();
                    for (final ClientKeepAliveDecoder.SessionsDecoder s : keepAlive.sessions())
                    {
                        ids.add(s.sessionId());
                    }
                    reply(keepAliveResponse(correlationId, keepAliveCode, ids, ResultCode.OK, confirmedAgeMs));
                }
                break;
            default:
                break;
        }
    }

    // ------------------------------------------------------------------------------------------------ sent frames

    static int templateId(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    static long correlationId(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(HEADER, ByteOrder.LITTLE_ENDIAN);
    }

    static long sessionId(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(HEADER + 8, ByteOrder.LITTLE_ENDIAN);
    }

    static long requestSeq(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(HEADER + 16, ByteOrder.LITTLE_ENDIAN);
    }

    static long ackedSeq(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(HEADER + 24, ByteOrder.LITTLE_ENDIAN);
    }

    List<byte[]> sent(final int templateId)
    {
        final List<byte[]> frames = new ArrayList<>();
        for (final byte[] frame : sent)
        {
            if (templateId(frame) == templateId)
            {
                frames.add(frame);
            }
        }
        return frames;
    }

    byte[] last(final int templateId)
    {
        final List<byte[]> frames = sent(templateId);
        if (frames.isEmpty())
        {
            throw new AssertionError("nothing sent of template " + templateId);
        }
        return frames.get(frames.size() - 1);
    }

    int count(final int templateId)
    {
        return sent(templateId).size();
    }

    // ------------------------------------------------------------------------------------------------ encoding

    private static byte[] copy(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] EMPTY_TOKEN = new byte[0];

    /**
     * A Connect naming a user: answer with a challenge. False when it names none.
     */
    private boolean challenge(final byte[] frame, final long correlationId)
    {
        final UnsafeBuffer view = new UnsafeBuffer(frame);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        final ConnectDecoder connect = new ConnectDecoder().wrap(view, HEADER, header.blockLength(), header.version());
        connect.skipCredential();
        connect.skipClientName();
        connect.skipResponseChannel();
        final String user = connect.user();
        final byte[] clientNonce = new byte[connect.clientNonceLength()];
        connect.getClientNonce(clientNonce, 0, clientNonce.length);
        if (user.isEmpty())
        {
            return false;
        }
        final byte[] serverNonce = Scram.newNonce();
        loginAuthMessage = Scram.authMessage(user, clientNonce, serverNonce, loginSalt, Scram.MIN_ITERATIONS);
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        reply(copy(b, HEADER + new ConnectChallengeEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).iterations(Scram.MIN_ITERATIONS).putSalt(loginSalt, 0, loginSalt.length)
            .putServerNonce(serverNonce, 0, serverNonce.length).encodedLength()));
        return true;
    }

    private void onProof(final byte[] frame, final long correlationId)
    {
        final UnsafeBuffer view = new UnsafeBuffer(frame);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        final ConnectProofDecoder proofDecoder =
            new ConnectProofDecoder().wrap(view, HEADER, header.blockLength(), header.version());
        final byte[] proof = new byte[proofDecoder.proofLength()];
        proofDecoder.getProof(proof, 0, proof.length);
        final byte[] salted = Scram.saltedPassword(loginPassword, loginSalt, Scram.MIN_ITERATIONS);
        final boolean ok = Scram.verify(Scram.storedKey(salted), loginAuthMessage, proof);
        final byte[] signature = ok && signLogins ?
            Scram.serverSignature(Scram.serverKey(salted), loginAuthMessage) : EMPTY_TOKEN;
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        final byte[] detail = utf8(ok ? "" : "bad user or password");
        final byte[] token = utf8(ok ? "fake-token" : "");
        reply(copy(b, HEADER + new ConnectResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(ok ? ResultCode.OK : ResultCode.UNAUTHORISED).connectionId(7)
            .maxRequestLength(maxRequestLength).keepAliveIntervalMs(keepAliveIntervalMs)
            .putDetail(detail, 0, detail.length).putToken(token, 0, token.length)
            .putServerSignature(signature, 0, signature.length).encodedLength()));
    }

    static byte[] connectResponse(
        final long correlationId, final ResultCode code, final long connectionId, final int maxRequestLength,
        final long keepAliveIntervalMs)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(128);
        final byte[] detail = utf8(code == ResultCode.OK ? "" : "refused");
        return copy(b, HEADER + new ConnectResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).connectionId(connectionId).maxRequestLength(maxRequestLength)
            .keepAliveIntervalMs(keepAliveIntervalMs).putDetail(detail, 0, detail.length).putToken(EMPTY_TOKEN, 0, 0).putServerSignature(EMPTY_TOKEN, 0, 0)
            .encodedLength());
    }

    static byte[] sessionResponse(final long correlationId, final ResultCode code, final long sessionId,
        final long ttlMs)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new SessionResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).sessionId(sessionId).ttlMs(ttlMs).encodedLength());
    }

    static byte[] keepAliveResponse(
        final long correlationId, final ResultCode code, final List<Long> sessionIds, final ResultCode sessionCode,
        final long confirmedAgeMs)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(128);
        final ClientKeepAliveResponseEncoder encoder = new ClientKeepAliveResponseEncoder();
        final ClientKeepAliveResponseEncoder.SessionsEncoder sessions = encoder.wrapAndApplyHeader(b, 0,
            new MessageHeaderEncoder()).correlationId(correlationId).code(code).sessionsCount(sessionIds.size());
        for (final long id : sessionIds)
        {
            sessions.next().sessionId(id).code(sessionCode).confirmedAgeMs(confirmedAgeMs);
        }
        return copy(b, HEADER + encoder.encodedLength());
    }

    static byte[] putResponse(final long correlationId, final ResultCode code, final long revision)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new PutResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).revision(revision).createRevision(revision).version(1)
            .encodedLength());
    }

    static byte[] getResponse(final long correlationId, final ResultCode code, final long revision,
        final String value)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        final byte[] v = utf8(value);
        return copy(b, HEADER + new GetResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).revision(revision).createRevision(3).modRevision(4)
            .version(2).ownerSessionId(0).putValue(v, 0, v.length).encodedLength());
    }

    static byte[] rangeResponse(final long correlationId, final long revision, final boolean more,
        final String... keys)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        final RangeResponseEncoder encoder = new RangeResponseEncoder();
        final RangeResponseEncoder.EntriesEncoder entries = encoder.wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(ResultCode.OK).revision(revision)
            .more(more ? BooleanType.TRUE : BooleanType.FALSE).entriesCount(keys.length);
        for (final String key : keys)
        {
            final byte[] k = utf8(key);
            entries.next().createRevision(1).modRevision(1).version(1).ownerSessionId(0)
                .putKey(k, 0, k.length).putValue(k, 0, k.length);
        }
        return copy(b, HEADER + encoder.encodedLength());
    }

    static byte[] lockResponse(final long correlationId, final ResultCode code, final long token)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new LockResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).token(token).delayRemainingMs(0).encodedLength());
    }

    static byte[] deleteResponse(final long correlationId, final ResultCode code, final long revision,
        final long deleted)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new DeleteResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).revision(revision).deleted(deleted).encodedLength());
    }

    static byte[] txnResponse(final long correlationId, final ResultCode code, final long revision)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new TxnResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).revision(revision).encodedLength());
    }

    static byte[] sequentialResponse(final long correlationId, final ResultCode code, final long revision,
        final String key)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        final byte[] k = utf8(key);
        return copy(b, HEADER + new SequentialResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).revision(revision).putKey(k, 0, k.length).encodedLength());
    }

    /**
     * A held lock with one holder (session 42, the token) and one waiter (session 43).
     */
    static byte[] lockDescription(final long correlationId, final ResultCode code, final long token)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(128);
        final LockDescriptionEncoder encoder = new LockDescriptionEncoder();
        encoder.wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).correlationId(correlationId).code(code)
            .delayUntilMs(0).holdersCount(1).next().sessionId(42).token(token).sinceMs(5).mode(LockMode.EXCLUSIVE);
        encoder.waitersCount(1).next().sessionId(43).sinceMs(6).mode(LockMode.SHARED);
        return copy(b, HEADER + encoder.encodedLength());
    }

    static byte[] progressResponse(final long correlationId, final long revision)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new ProgressResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).revision(revision).encodedLength());
    }

    static byte[] statusResponse(final long correlationId, final ResultCode code, final long revision)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        return copy(b, HEADER + new StatusResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).revision(revision).compactRevision(1).sessions(2).locks(3)
            .elections(4).keys(5).watches(6).historyEvents(7).historyBytes(8).maxValueLength(9).historyMaxEvents(10)
            .historyMaxBytes(11).stateDigest(12).stateBytes(13).stateQuotaBytes(14).maxKeysPerSession(15)
            .maxBytesPerSession(16).maxSequentialPerSession(17).maxLocksPerSession(18).maxWatchesPerConnection(19)
            .encodedLength());
    }

    static byte[] gatewayInfoResponse(final long correlationId, final ResultCode code, final String endpoints)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(128);
        final byte[] e = utf8(endpoints);
        return copy(b, HEADER + new GatewayInfoResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).gatewayId(1).leaderMemberId(2).connections(3).sessions(4)
            .sharedWatches(5).putIngressEndpoints(e, 0, e.length).encodedLength());
    }

    static byte[] electionEvent(final long sessionId, final long requestSeq, final ResultCode code, final long term,
        final String election)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        final byte[] n = utf8(election);
        return copy(b, HEADER + new ElectionEventEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .sessionId(sessionId).requestSeq(requestSeq).code(code).term(term).putElection(n, 0, n.length)
            .encodedLength());
    }

    static byte[] electionResponse(final long correlationId, final ResultCode code, final long term)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new ElectionResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).term(term).encodedLength());
    }

    static byte[] leaderResponse(final long correlationId, final ResultCode code, final long term,
        final long leaderSessionId, final String value)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        final byte[] v = utf8(value);
        return copy(b, HEADER + new LeaderResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).term(term).leaderSessionId(leaderSessionId).revision(term)
            .candidates(0).putValue(v, 0, v.length).encodedLength());
    }

    static byte[] lockEvent(final long sessionId, final long requestSeq, final ResultCode code, final long token,
        final String name)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        final byte[] n = utf8(name);
        return copy(b, HEADER + new LockEventEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .sessionId(sessionId).requestSeq(requestSeq).code(code).token(token).putName(n, 0, n.length)
            .encodedLength());
    }

    static byte[] sessionEvent(final long sessionId, final ResultCode code)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new SessionEventEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .sessionId(sessionId).code(code).encodedLength());
    }

    static byte[] gatewayEvent(final ResultCode code, final int leaderMemberId)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new GatewayEventEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .code(code).leaderMemberId(leaderMemberId).encodedLength());
    }

    static byte[] watchResponse(final long correlationId, final ResultCode code, final long watchId,
        final long revision, final long compactRevision)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new WatchResponseEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .correlationId(correlationId).code(code).watchId(watchId).revision(revision)
            .compactRevision(compactRevision).encodedLength());
    }

    static byte[] watchEnded(final long watchId, final ResultCode code, final long revision)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, HEADER + new WatchEndedEncoder().wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .watchId(watchId).code(code).revision(revision).encodedLength());
    }

    static byte[] watchProgress(final long revision, final long... watchIds)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        final WatchProgressEncoder encoder = new WatchProgressEncoder();
        final WatchProgressEncoder.WatchesEncoder watches = encoder.wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .revision(revision).watchesCount(watchIds.length);
        for (final long id : watchIds)
        {
            watches.next().watchId(id);
        }
        return copy(b, HEADER + encoder.encodedLength());
    }

    /**
     * Watch events as {revision, key, value} triples, all PUTs.
     */
    static byte[] watchEvents(final long watchId, final Object... revisionKeyValue)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(512);
        final WatchEventsEncoder encoder = new WatchEventsEncoder();
        final WatchEventsEncoder.EventsEncoder events = encoder.wrapAndApplyHeader(b, 0, new MessageHeaderEncoder())
            .watchId(watchId).eventsCount(revisionKeyValue.length / 3);
        for (int i = 0; i < revisionKeyValue.length; i += 3)
        {
            final long revision = (Long)revisionKeyValue[i];
            final byte[] key = utf8((String)revisionKeyValue[i + 1]);
            final byte[] value = utf8((String)revisionKeyValue[i + 2]);
            events.next().eventType(EventType.PUT).revision(revision).createRevision(revision).modRevision(revision)
                .version(1).ownerSessionId(0).prevModRevision(0)
                .putKey(key, 0, key.length).putValue(value, 0, value.length).putPrevValue(value, 0, 0);
        }
        return copy(b, HEADER + encoder.encodedLength());
    }

    /**
     * The same watch events (as {revision, key, value} triples, all PUTs, previous value "p") for several watches.
     */
    static byte[] sharedWatchEvents(final long[] watchIds, final Object... revisionKeyValue)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(512);
        final SharedWatchEventsEncoder encoder = new SharedWatchEventsEncoder();
        final SharedWatchEventsEncoder.WatchesEncoder watches =
            encoder.wrapAndApplyHeader(b, 0, new MessageHeaderEncoder()).watchesCount(watchIds.length);
        for (final long id : watchIds)
        {
            watches.next().watchId(id);
        }
        final SharedWatchEventsEncoder.EventsEncoder events = encoder.eventsCount(revisionKeyValue.length / 3);
        final byte[] prevValue = utf8("p");
        for (int i = 0; i < revisionKeyValue.length; i += 3)
        {
            final long revision = (Long)revisionKeyValue[i];
            final byte[] key = utf8((String)revisionKeyValue[i + 1]);
            final byte[] value = utf8((String)revisionKeyValue[i + 2]);
            events.next().eventType(EventType.PUT).revision(revision).createRevision(revision).modRevision(revision)
                .version(1).ownerSessionId(0).prevModRevision(revision - 1)
                .putKey(key, 0, key.length).putValue(value, 0, value.length)
                .putPrevValue(prevValue, 0, prevValue.length);
        }
        return copy(b, HEADER + encoder.encodedLength());
    }

    static byte[] errorResponse(final long correlationId, final ResultCode code, final int templateId)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(64);
        return copy(b, new Rejections().error(b, 0, correlationId, code, templateId));
    }

    static byte[] limitErrorResponse(
        final long correlationId,
        final ResultCode code,
        final int templateId,
        final long limit,
        final long usage,
        final long retryAfterMs,
        final String detail)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        return copy(b, new Rejections().error(b, 0, correlationId, code, templateId, limit, usage, retryAfterMs,
            detail.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] batch(final byte[]... frames)
    {
        return FrameSplitterTest.batch(frames);
    }
}
