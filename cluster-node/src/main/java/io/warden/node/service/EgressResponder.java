package io.warden.node.service;

import io.warden.node.domain.Key;
import io.warden.node.domain.Request;
import io.warden.node.domain.StatusView;
import io.warden.node.domain.kv.ChangeEvent;
import io.warden.node.domain.kv.KvEntry;
import io.warden.node.domain.kv.RangeResult;
import io.warden.node.domain.lock.LockClaim;
import io.warden.node.domain.lock.LockQueue;
import io.warden.node.domain.port.Events;
import io.warden.node.domain.port.Replies;
import io.warden.node.domain.session.Session;
import io.warden.schema.Rejections;
import io.warden.schema.protocol.*;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.LongArrayList;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Encodes the domain's replies and events as SBE frames with reused encoders and one reused buffer, and hands them to
 * an {@link EgressSink}. A reply that would exceed the largest egress frame is answered with
 * {@code ErrorResponse(LIMIT_EXCEEDED)} instead; watch events are split into as many frames as needed.
 */
public final class EgressResponder implements Replies, Events
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int WATCH_EVENT_FIXED = WatchEventsEncoder.EventsEncoder.sbeBlockLength() + 2 + 4 + 4;
    private static final int WATCH_FRAME_FIXED = HEADER + WatchEventsEncoder.BLOCK_LENGTH + 4;
    private static final byte[] EMPTY = new byte[0];

    private final EgressSink sink;
    private final int maxFrameLength;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SessionResponseEncoder sessionResponse = new SessionResponseEncoder();
    private final KeepAliveResponseEncoder keepAliveResponse = new KeepAliveResponseEncoder();
    private final LockResponseEncoder lockResponse = new LockResponseEncoder();
    private final LockDescriptionEncoder lockDescription = new LockDescriptionEncoder();
    private final ElectionResponseEncoder electionResponse = new ElectionResponseEncoder();
    private final LeaderResponseEncoder leaderResponse = new LeaderResponseEncoder();
    private final PutResponseEncoder putResponse = new PutResponseEncoder();
    private final GetResponseEncoder getResponse = new GetResponseEncoder();
    private final DeleteResponseEncoder deleteResponse = new DeleteResponseEncoder();
    private final RangeResponseEncoder rangeResponse = new RangeResponseEncoder();
    private final TxnResponseEncoder txnResponse = new TxnResponseEncoder();
    private final SequentialResponseEncoder sequentialResponse = new SequentialResponseEncoder();
    private final WatchResponseEncoder watchResponse = new WatchResponseEncoder();
    private final ProgressResponseEncoder progressResponse = new ProgressResponseEncoder();
    private final StatusResponseEncoder statusResponse = new StatusResponseEncoder();
    private final AdminResponseEncoder adminResponse = new AdminResponseEncoder();
    private final AuthBeginResponseEncoder authBeginResponse = new AuthBeginResponseEncoder();
    private final AuthenticateResponseEncoder authenticateResponse = new AuthenticateResponseEncoder();
    private final AuthListResponseEncoder authListResponse = new AuthListResponseEncoder();
    private final SessionListEncoder sessionList = new SessionListEncoder();
    private final LockListEncoder lockList = new LockListEncoder();
    private Runnable snapshotListener = () -> { };
    private final Rejections rejections = new Rejections();
    private final LockEventEncoder lockEvent = new LockEventEncoder();
    private final ElectionEventEncoder electionEvent = new ElectionEventEncoder();
    private final SessionEventEncoder sessionEvent = new SessionEventEncoder();
    private final WatchEventsEncoder watchEvents = new WatchEventsEncoder();
    private long oversizedFrames;

    /**
     * @param sink           where frames go.
     * @param maxFrameLength largest frame the egress can carry (the egress term length / 8).
     */
    public EgressResponder(final EgressSink sink, final int maxFrameLength)
    {
        this.sink = sink;
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Replies not sent because they exceeded the largest egress frame. Local metric only.
     */
    public long oversizedFrames()
    {
        return oversizedFrames;
    }

    // ------------------------------------------------------------------------------------------------ replies

    public void reject(final Request request, final ResultCode code)
    {
        send(request.route, rejections.write(buffer, 0, request.templateId, request.correlationId, code));
    }

    public void refuse(
        final Request request, final ResultCode code, final long limit, final long usage, final String detail)
    {
        send(request.route, rejections.refusal(
            buffer, 0, request.templateId, request.correlationId, code, limit, usage, 0, detail));
    }

    /**
     * Answer a frame that could not be decoded or is not a request we know.
     */
    public void error(final long route, final long correlationId, final ResultCode code, final int templateId)
    {
        send(route, rejections.error(buffer, 0, correlationId, code, templateId));
    }

    public void session(final Request request, final ResultCode code, final long sessionId, final long ttlMs)
    {
        sessionResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .sessionId(sessionId)
            .ttlMs(ttlMs);
        reply(request, sessionResponse.encodedLength());
    }

    public void keepAlive(final Request request, final LongArrayList failedSessionIds, final List<ResultCode> failureCodes)
    {
        final int count = Math.min(failedSessionIds.size(), 0xFFFF);
        final KeepAliveResponseEncoder.FailuresEncoder failures = keepAliveResponse
            .wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(ResultCode.OK)
            .failuresCount(count);
        for (int i = 0; i < count; i++)
        {
            failures.next().sessionId(failedSessionIds.getLong(i)).code(failureCodes.get(i));
        }
        reply(request, keepAliveResponse.encodedLength());
    }

    public void lock(final Request request, final ResultCode code, final long token, final long delayRemainingMs)
    {
        lockResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .token(token)
            .delayRemainingMs(delayRemainingMs);
        reply(request, lockResponse.encodedLength());
    }

    public void lockDescription(final Request request, final ResultCode code, final LockQueue lock)
    {
        lockDescription.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .delayUntilMs(lock == null ? 0 : lock.delayUntilMs());
        final int holders = lock == null ? 0 : Math.min(lock.holderCount(), 0xFFFF);
        final LockDescriptionEncoder.HoldersEncoder holdersEncoder = lockDescription.holdersCount(holders);
        for (int i = 0; i < holders; i++)
        {
            final LockClaim claim = lock.holder(i);
            holdersEncoder.next()
                .sessionId(claim.sessionId())
                .token(claim.token())
                .sinceMs(claim.sinceMs())
                .mode(claim.mode());
        }
        final int waiters = lock == null ? 0 : Math.min(lock.waiterCount(), 0xFFFF);
        final LockDescriptionEncoder.WaitersEncoder waitersEncoder = lockDescription.waitersCount(waiters);
        for (int i = 0; i < waiters; i++)
        {
            final LockClaim claim = lock.waiter(i);
            waitersEncoder.next()
                .sessionId(claim.sessionId())
                .sinceMs(claim.sinceMs())
                .mode(claim.mode());
        }
        reply(request, lockDescription.encodedLength());
    }

    public void election(final Request request, final ResultCode code, final long term)
    {
        electionResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .term(term);
        reply(request, electionResponse.encodedLength());
    }

    public void leader(
        final Request request,
        final ResultCode code,
        final long term,
        final long leaderSessionId,
        final long revision,
        final int candidates,
        final byte[] value)
    {
        leaderResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .term(term)
            .leaderSessionId(leaderSessionId)
            .revision(revision)
            .candidates(candidates)
            .putValue(value, 0, value.length);
        reply(request, leaderResponse.encodedLength());
    }

    public void put(
        final Request request, final ResultCode code, final long revision, final long createRevision, final long version)
    {
        putResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(revision)
            .createRevision(createRevision)
            .version(version);
        reply(request, putResponse.encodedLength());
    }

    public void get(final Request request, final ResultCode code, final long revision, final KvEntry entry)
    {
        getResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(revision);
        if (entry == null)
        {
            getResponse.createRevision(0).modRevision(0).version(0).ownerSessionId(0).putValue(EMPTY, 0, 0);
        }
        else
        {
            getResponse
                .createRevision(entry.createRevision())
                .modRevision(entry.modRevision())
                .version(entry.version())
                .ownerSessionId(entry.ownerSessionId())
                .putValue(entry.value(), 0, entry.value().length);
        }
        reply(request, getResponse.encodedLength());
    }

    public void delete(final Request request, final ResultCode code, final long revision, final long deleted)
    {
        deleteResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(revision)
            .deleted(deleted);
        reply(request, deleteResponse.encodedLength());
    }

    public void range(final Request request, final ResultCode code, final RangeResult result)
    {
        final int count = result == null ? 0 : result.size();
        final RangeResponseEncoder.EntriesEncoder entries = rangeResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(result == null ? 0 : result.revision())
            .more(result != null && result.more() ? BooleanType.TRUE : BooleanType.FALSE)
            .entriesCount(count);
        for (int i = 0; i < count; i++)
        {
            final KvEntry entry = result.get(i);
            entries.next()
                .createRevision(entry.createRevision())
                .modRevision(entry.modRevision())
                .version(entry.version())
                .ownerSessionId(entry.ownerSessionId())
                .putKey(entry.key().bytes(), 0, entry.key().length())
                .putValue(entry.value(), 0, entry.value().length);
        }
        reply(request, rangeResponse.encodedLength());
    }

    public void txn(final Request request, final ResultCode code, final long revision)
    {
        txnResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(revision);
        reply(request, txnResponse.encodedLength());
    }

    public void sequential(final Request request, final ResultCode code, final long revision, final Key key)
    {
        sequentialResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(revision);
        if (key == null)
        {
            sequentialResponse.putKey(EMPTY, 0, 0);
        }
        else
        {
            sequentialResponse.putKey(key.bytes(), 0, key.length());
        }
        reply(request, sequentialResponse.encodedLength());
    }

    public void watch(
        final Request request, final ResultCode code, final long watchId, final long revision, final long compactRevision)
    {
        watchResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .watchId(watchId)
            .revision(revision)
            .compactRevision(compactRevision);
        reply(request, watchResponse.encodedLength());
    }

    public void progress(final Request request, final long revision)
    {
        progressResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .revision(revision);
        reply(request, progressResponse.encodedLength());
    }

    public void status(final Request request, final ResultCode code, final StatusView status)
    {
        if (status == null)
        {
            reject(request, code);
            return;
        }
        statusResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .revision(status.revision)
            .compactRevision(status.compactRevision)
            .sessions(status.sessions)
            .locks(status.locks)
            .elections(status.elections)
            .keys(status.keys)
            .watches(status.watches)
            .historyEvents(status.historyEvents)
            .historyBytes(status.historyBytes)
            .maxValueLength(status.maxValueLength)
            .historyMaxEvents(status.historyMaxEvents)
            .historyMaxBytes(status.historyMaxBytes)
            .stateDigest(status.stateDigest)
            .stateBytes(status.stateBytes)
            .stateQuotaBytes(status.stateQuotaBytes)
            .maxKeysPerSession(status.maxKeysPerSession)
            .maxBytesPerSession(status.maxBytesPerSession)
            .maxSequentialPerSession(status.maxSequentialPerSession)
            .maxLocksPerSession(status.maxLocksPerSession)
            .maxWatchesPerConnection(status.maxWatchesPerConnection);
        reply(request, statusResponse.encodedLength());
    }

    public void admin(final Request request, final ResultCode code, final String detail)
    {
        adminResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .detail(detail);
        reply(request, adminResponse.encodedLength());
    }

    public void authBegin(final Request request, final ResultCode code, final int iterations, final byte[] salt)
    {
        authBeginResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .iterations(iterations)
            .putSalt(salt, 0, salt.length);
        reply(request, authBeginResponse.encodedLength());
    }

    public void authenticate(
        final Request request, final ResultCode code, final long userId, final byte[] serverSignature)
    {
        final byte[] signature = serverSignature == null ? EMPTY : serverSignature;
        authenticateResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .userId(userId)
            .putServerSignature(signature, 0, signature.length);
        reply(request, authenticateResponse.encodedLength());
    }

    public void authList(
        final Request request,
        final ResultCode code,
        final boolean enabled,
        final List<String> names,
        final List<String> details)
    {
        final int count = Math.min(names.size(), 0xFFFF);
        final AuthListResponseEncoder.ItemsEncoder items = authListResponse.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .enabled(enabled ? BooleanType.TRUE : BooleanType.FALSE)
            .itemsCount(count);
        for (int i = 0; i < count; i++)
        {
            items.next().name(names.get(i)).detail(details.get(i));
        }
        reply(request, authListResponse.encodedLength());
    }

    public void sessionList(
        final Request request, final ResultCode code, final long nowMs, final List<Session> page, final boolean more)
    {
        final int count = fitting(page.size(), i -> SessionListEncoder.SessionsEncoder.sbeBlockLength() +
            SessionListEncoder.SessionsEncoder.clientNameHeaderLength() + page.get(i).clientName().length,
            SessionListEncoder.BLOCK_LENGTH);
        final SessionListEncoder.SessionsEncoder sessions = sessionList.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .nowMs(nowMs)
            .more(more || count < page.size() ? BooleanType.TRUE : BooleanType.FALSE)
            .sessionsCount(count);
        for (int i = 0; i < count; i++)
        {
            final Session session = page.get(i);
            final byte[] name = session.clientName();
            sessions.next()
                .sessionId(session.sessionId())
                .ttlMs(session.ttlMs())
                .openedMs(session.openedMs())
                .renewedMs(session.expiryMs() - session.ttlMs())
                .expiryMs(session.expiryMs())
                .putClientName(name, 0, name.length);
        }
        reply(request, sessionList.encodedLength());
    }

    public void lockList(final Request request, final ResultCode code, final List<LockQueue> page, final boolean more)
    {
        final int count = fitting(page.size(), i -> LockListEncoder.LocksEncoder.sbeBlockLength() +
            LockListEncoder.LocksEncoder.nameHeaderLength() + page.get(i).name().length(),
            LockListEncoder.BLOCK_LENGTH);
        final LockListEncoder.LocksEncoder locks = lockList.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(request.correlationId)
            .code(code)
            .more(more || count < page.size() ? BooleanType.TRUE : BooleanType.FALSE)
            .locksCount(count);
        for (int i = 0; i < count; i++)
        {
            final LockQueue lock = page.get(i);
            final LockClaim first = lock.holderCount() > 0 ? lock.holder(0) : null;
            locks.next()
                .holders(lock.holderCount())
                .waiters(lock.waiterCount())
                .sessionId(null == first ? 0 : first.sessionId())
                .token(null == first ? 0 : first.token())
                .delayUntilMs(lock.delayUntilMs())
                .putName(lock.name().bytes(), 0, lock.name().length());
        }
        reply(request, lockList.encodedLength());
    }

    /**
     * How many of a page's entries fit one frame after the message header, the block and the group header: a page
     * ends early rather than grow past what the egress carries (the answer then says more follow).
     */
    private int fitting(final int entries, final IntUnaryOperator entryLength, final int block)
    {
        int length = HEADER + block + GroupSizeEncodingEncoder.ENCODED_LENGTH;
        int count = 0;
        while (count < entries && count < 0xFFFF)
        {
            length += entryLength.applyAsInt(count);
            if (length > maxFrameLength)
            {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * Who acts on an operator's snapshot request (the node's service publishes it to its maintenance).
     *
     * @param listener called on the service thread each time an allowed RequestSnapshot is applied.
     */
    public void onSnapshotRequested(final Runnable listener)
    {
        this.snapshotListener = listener;
    }

    public void snapshotRequested()
    {
        snapshotListener.run();
    }

    private void reply(final Request request, final int bodyLength)
    {
        final int length = HEADER + bodyLength;
        if (length > maxFrameLength)
        {
            oversizedFrames++;
            error(request.route, request.correlationId, ResultCode.LIMIT_EXCEEDED, request.templateId);
            return;
        }
        send(request.route, length);
    }

    private void send(final long route, final int length)
    {
        sink.send(route, buffer, 0, length);
    }

    // ------------------------------------------------------------------------------------------------ events

    public void lockEnded(
        final long route,
        final long sessionId,
        final long requestSeq,
        final ResultCode code,
        final long token,
        final Key name)
    {
        lockEvent.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId)
            .requestSeq(requestSeq)
            .code(code)
            .token(token)
            .putName(name.bytes(), 0, name.length());
        send(route, HEADER + lockEvent.encodedLength());
    }

    public void electionEnded(
        final long route,
        final long sessionId,
        final long requestSeq,
        final ResultCode code,
        final long term,
        final Key election)
    {
        electionEvent.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId)
            .requestSeq(requestSeq)
            .code(code)
            .term(term)
            .putElection(election.bytes(), 0, election.length());
        send(route, HEADER + electionEvent.encodedLength());
    }

    public void sessionEnded(final long route, final long sessionId, final ResultCode code)
    {
        sessionEvent.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(sessionId)
            .code(code);
        send(route, HEADER + sessionEvent.encodedLength());
    }

    public void watchEvents(
        final long route, final long watchId, final boolean withPrevValue, final List<ChangeEvent> events)
    {
        int from = 0;
        final int total = events.size();
        while (from < total)
        {
            int length = WATCH_FRAME_FIXED;
            int to = from;
            while (to < total && to - from < 0xFFFF)
            {
                final int eventLength = encodedLength(events.get(to), withPrevValue);
                if (length + eventLength > maxFrameLength && to > from)
                {
                    break;
                }
                length += eventLength;
                to++;
            }
            if (length > maxFrameLength)
            {
                oversizedFrames++;
                from = to;
                continue;
            }
            encodeWatchEvents(watchId, withPrevValue, events, from, to);
            send(route, HEADER + watchEvents.encodedLength());
            from = to;
        }
    }

    private static int encodedLength(final ChangeEvent event, final boolean withPrevValue)
    {
        return WATCH_EVENT_FIXED + event.key().length() + event.value().length +
            (withPrevValue ? event.prevValue().length : 0);
    }

    private void encodeWatchEvents(
        final long watchId, final boolean withPrevValue, final List<ChangeEvent> events, final int from, final int to)
    {
        final WatchEventsEncoder.EventsEncoder encoder = watchEvents.wrapAndApplyHeader(buffer, 0, header)
            .watchId(watchId)
            .eventsCount(to - from);
        for (int i = from; i < to; i++)
        {
            final ChangeEvent event = events.get(i);
            final byte[] prevValue = withPrevValue ? event.prevValue() : EMPTY;
            encoder.next()
                .eventType(event.type())
                .revision(event.revision())
                .createRevision(event.createRevision())
                .modRevision(event.modRevision())
                .version(event.version())
                .ownerSessionId(event.ownerSessionId())
                .prevModRevision(event.prevModRevision())
                .putKey(event.key().bytes(), 0, event.key().length())
                .putValue(event.value(), 0, event.value().length)
                .putPrevValue(prevValue, 0, prevValue.length);
        }
    }
}
