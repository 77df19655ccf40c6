package io.warden.client;

import io.aeron.Publication;
import io.warden.schema.RequestWriter;
import io.warden.schema.Scram;
import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The client's single agent: owns the transport (every Aeron object), the session, the tables of unanswered
 * requests, queued lock and campaign waits and watches. User threads hand it {@link Op}s through a lock-free queue;
 * it completes their futures and calls listeners through the callback executor.
 * <p>
 * Each duty cycle: drive the transport, take commands, read what the gateway sent (single frames and
 * {@code FrameBatch}es), drive the connection (attempts with jittered backoff, liveness), send keepalives, expire
 * timeouts, flush the send queue, and drive a close in progress.
 * <p>
 * Connection life: attempt {@code Connect} on an endpoint; on {@code OK} open the session (first time) or resume it
 * ({@code ResumeSession} with the secret) and then re-send every unanswered request byte for byte, re-synchronise
 * queued acquires ({@code LockStatus}) and campaigns ({@code Leader}), and re-create watches from their cursors. A
 * connection is lost when keepalive answers stop for {@value #LIVENESS_INTERVALS} intervals, the publication
 * disconnects, an offer fails or the gateway's image goes away; the next endpoint is tried after a backoff.
 * <p>
 * Thread: the agent's own (an {@code AgentRunner}) or the caller of {@link WardenClient#doWork()} in invoker mode.
 */
final class ClientAgent implements Agent, ClientTransport.Handler
{
    static final int LIVENESS_INTERVALS = 3;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int COMMAND_LIMIT = 256;
    private static final int FRAGMENT_LIMIT = 64;
    private static final int NO_IMAGE = Integer.MIN_VALUE;
    private static final int KEEPALIVE_RING = 16;
    private static final long SCAN_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MIN_KEEPALIVE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Comparator<Op> BY_CORRELATION = Comparator.comparingLong(op -> op.correlationId);

    enum Link
    {
        IDLE, CONNECTING, CONNECTED, CLOSED
    }

    enum SessionState
    {
        NONE, OPENING, ACTIVE, RESUME_NEEDED, RESUMING, LOST, CLOSED
    }

    private final WardenClient client;
    private final WardenClient.Context ctx;
    private final ClientTransport transport;
    private final ManyToOneConcurrentArrayQueue<Op> commands;
    private final Executor callbacks;
    private final NanoClock clock;
    private final Random secretRandom;
    private final String[] endpoints;
    private final ReconnectBackoff backoff;
    private final SequenceTracker tracker = new SequenceTracker();
    private final SafeTime safeTime;
    private final FrameSplitter splitter = new FrameSplitter();
    private final FrameSplitter.FrameHandler frameHandler = this::onFrame;
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer encodeBuffer = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer frameView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer valueView = new UnsafeBuffer(0, 0);
    private final Long2ObjectHashMap<Op> byCorrelation = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Op> eventOps = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<WatchState> watches = new Long2ObjectHashMap<>();
    private final ArrayDeque<Op> sendQueue = new ArrayDeque<>();
    private final ArrayDeque<Op> backlog = new ArrayDeque<>();
    private final long[] keepAliveCorrelations = new long[KEEPALIVE_RING];
    private final long[] keepAliveSentNs = new long[KEEPALIVE_RING];
    private final long[] sessionIds = new long[1];
    private final CompletableFuture<Long> sessionReady = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectResponseDecoder connectResponse = new ConnectResponseDecoder();
    private final ConnectChallengeDecoder connectChallenge = new ConnectChallengeDecoder();
    private final AdminResponseDecoder adminResponse = new AdminResponseDecoder();
    private final AuthListResponseDecoder authListResponse = new AuthListResponseDecoder();
    private final SessionListDecoder sessionList = new SessionListDecoder();
    private final LockListDecoder lockList = new LockListDecoder();
    private final ClientKeepAliveResponseDecoder keepAliveResponse = new ClientKeepAliveResponseDecoder();
    private final GatewayEventDecoder gatewayEvent = new GatewayEventDecoder();
    private final SessionEventDecoder sessionEvent = new SessionEventDecoder();
    private final LockEventDecoder lockEvent = new LockEventDecoder();
    private final ElectionEventDecoder electionEvent = new ElectionEventDecoder();
    private final WatchEventsDecoder watchEvents = new WatchEventsDecoder();
    private final SharedWatchEventsDecoder sharedWatchEvents = new SharedWatchEventsDecoder();
    private final WatchEventsDecoder sharedEventsView = new WatchEventsDecoder();
    private final LongArrayList listedWatchIds = new LongArrayList();
    private final ArrayList<WatchEvent> decodedEvents = new ArrayList<>();
    private final WatchEndedDecoder watchEnded = new WatchEndedDecoder();
    private final WatchProgressDecoder watchProgress = new WatchProgressDecoder();
    private final SessionResponseDecoder sessionResponse = new SessionResponseDecoder();
    private final LockResponseDecoder lockResponse = new LockResponseDecoder();
    private final ElectionResponseDecoder electionResponse = new ElectionResponseDecoder();
    private final LeaderResponseDecoder leaderResponse = new LeaderResponseDecoder();
    private final PutResponseDecoder putResponse = new PutResponseDecoder();
    private final GetResponseDecoder getResponse = new GetResponseDecoder();
    private final DeleteResponseDecoder deleteResponse = new DeleteResponseDecoder();
    private final RangeResponseDecoder rangeResponse = new RangeResponseDecoder();
    private final TxnResponseDecoder txnResponse = new TxnResponseDecoder();
    private final SequentialResponseDecoder sequentialResponse = new SequentialResponseDecoder();
    private final WatchResponseDecoder watchResponse = new WatchResponseDecoder();
    private final ProgressResponseDecoder progressResponse = new ProgressResponseDecoder();
    private final StatusResponseDecoder statusResponse = new StatusResponseDecoder();
    private final ErrorResponseDecoder errorResponse = new ErrorResponseDecoder();
    private final LockDescriptionDecoder lockDescription = new LockDescriptionDecoder();
    private final GatewayInfoResponseDecoder gatewayInfoResponse = new GatewayInfoResponseDecoder();

    private long nowNs;
    private long nextCorrelationId = 1;
    /** Limit, usage and retry-after of the ErrorResponse whose refusal is being handled; 0 otherwise. */
    private long refusalLimit;
    private long refusalUsage;
    private long refusalRetryAfterMs;
    private Link link = Link.IDLE;
    private int endpointIndex;
    private long nextAttemptNs;
    private long attemptDeadlineNs;
    private long connectCorrelationId;
    private boolean connectSent;
    private String lastFailure = "no attempt yet";
    private int currentImage = NO_IMAGE;
    private long lastReceivedNs;
    private long keepAliveIntervalNs;
    private long nextKeepAliveNs;
    private int maxRequestLength;
    private boolean gatewayAvailable = true;
    private long nextScanNs;
    private int keepAliveCursor;
    private int messageImage;

    private SessionState session = SessionState.NONE;
    private long secret;
    private long ttlMs;
    private Op openOp;
    private long ownedFromCorrelation = Long.MAX_VALUE;
    private volatile long sessionId;
    /** The token the last login issued (or the context's), used before the password on the next connect. */
    private volatile String loginToken;
    /** This attempt's login: its nonce, and whether it presented a token. */
    private byte[] clientNonce;
    private boolean connectUsedToken;
    /** The auth message this attempt's proof signed, to check the cell's server signature against; null if none. */
    private byte[] loginAuthMessage;
    /** PBKDF2 is costly on purpose: one salted password per (salt, iterations), kept for reconnects. */
    private byte[] saltedPassword;
    private byte[] saltedFor;
    private int saltedIterations;
    private volatile ConnectionState reported;
    private boolean suspended;

    private boolean closing;
    private Op closeOp;
    private Op closeSessionOp;
    private long closeDeadlineNs;
    private boolean fatal;
    private boolean inDoWork;
    private volatile boolean closedFlag;

    ClientAgent(
        final WardenClient client,
        final WardenClient.Context ctx,
        final ClientTransport transport,
        final ManyToOneConcurrentArrayQueue<Op> commands,
        final Executor callbacks,
        final NanoClock clock,
        final Random random,
        final Random secretRandom)
    {
        this.client = client;
        this.ctx = ctx;
        this.transport = transport;
        this.commands = commands;
        this.callbacks = callbacks;
        this.clock = clock;
        this.secretRandom = secretRandom;
        this.endpoints = ctx.gatewayEndpointArray();
        this.backoff = new ReconnectBackoff(ctx.reconnectBackoffInitialNs(), ctx.reconnectBackoffMaxNs(), random);
        this.nowNs = clock.nanoTime();
        this.nextAttemptNs = nowNs;
        this.safeTime = new SafeTime(ctx.safeTimeMarginNs(), nowNs);
        this.secret = newSecret();
        this.ttlMs = ctx.sessionTtlMs();
    }

    private long newSecret()
    {
        long value = 0;
        while (value == 0)
        {
            value = secretRandom.nextLong();
        }
        return value;
    }

    public String roleName()
    {
        return "warden-client-" + ctx.clientName();
    }

    // ------------------------------------------------------------------------------------------------ accessors

    CompletableFuture<Long> sessionReady()
    {
        return sessionReady;
    }

    CompletableFuture<Void> closedFuture()
    {
        return closed;
    }

    String loginToken()
    {
        return loginToken;
    }

    long sessionId()
    {
        return sessionId;
    }

    ConnectionState state()
    {
        return reported;
    }

    SafeTime safeTime()
    {
        return safeTime;
    }

    String lastFailure()
    {
        return lastFailure;
    }

    boolean isClosedFlag()
    {
        return closedFlag;
    }

    // ------------------------------------------------------------------------------------------------ duty cycle

    public int doWork()
    {
        if (link == Link.CLOSED)
        {
            return 0;
        }
        if (inDoWork)
        {
            throw new IllegalStateException("WardenClient.doWork() re-entered (blocking call from a callback?)");
        }
        inDoWork = true;
        try
        {
            nowNs = clock.nanoTime();
            int work = transport.doWork();
            work += drainCommands();
            work += transport.poll(this, FRAGMENT_LIMIT);
            work += driveLink();
            work += keepAlive();
            work += scan();
            work += flush();
            work += driveClose();
            return work;
        }
        finally
        {
            inDoWork = false;
        }
    }

    public void onClose()
    {
        if (link != Link.CLOSED)
        {
            finishClose();
        }
        transport.close();
    }

    private int drainCommands()
    {
        int work = 0;
        Op op;
        while (work < COMMAND_LIMIT && (op = commands.poll()) != null)
        {
            work++;
            onCommand(op);
        }
        return work;
    }

    private void onCommand(final Op op)
    {
        switch (op.kind)
        {
            case CLOSE_CLIENT:
                beginClose(op);
                return;
            case CANCEL_WATCH:
            {
                final WatchState state = watches.get(op.watch.watchId);
                if (state != null)
                {
                    cancelWatch(state);
                }
                return;
            }
            case NEW_SESSION:
                newSession(op);
                return;
            default:
                break;
        }
        if (closing)
        {
            if (op.kind == Op.Kind.WATCH)
            {
                op.watch.handle.ended();
                op.watch.handle.registered().completeExceptionally(
                    new WardenException(ResultCode.CANCELLED, "client closed"));
            }
            failNow(op, ResultCode.CANCELLED, "client closed");
            return;
        }
        if (op.kind == Op.Kind.WATCH)
        {
            final WatchState state = op.watch;
            if (!state.handle.isActive())
            {
                return;
            }
            if (watches.size() >= io.warden.schema.WardenLimits.MAX_WATCHES_PER_CLIENT)
            {
                state.handle.ended();
                state.handle.registered().completeExceptionally(
                    new WardenException(ResultCode.LIMIT_EXCEEDED, "too many watches"));
                return;
            }
            watches.put(state.watchId, state);
            if (link == Link.CONNECTED)
            {
                registerWatch(state);
            }
            return;
        }
        if (op.kind.sessionBound && (session == SessionState.LOST || session == SessionState.CLOSED))
        {
            failNow(op, ResultCode.SESSION_EXPIRED, "session " + sessionId + " is lost; call newSession()");
            return;
        }
        submit(op);
    }

    // ------------------------------------------------------------------------------------------------ sending

    /**
     * Take a request: assign it now, or keep it in the backlog while the session is opening or the window of
     * unacknowledged mutations is full.
     */
    private void submit(final Op op)
    {
        if (!backlog.isEmpty() || !canAssign(op))
        {
            backlog.add(op);
            return;
        }
        assign(op);
    }

    private boolean canAssign(final Op op)
    {
        if (op.kind.sessionBound && session != SessionState.ACTIVE && session != SessionState.RESUMING &&
            session != SessionState.RESUME_NEEDED)
        {
            return false;
        }
        return !op.kind.mutation || tracker.canIssue();
    }

    private void drainBacklog()
    {
        while (!backlog.isEmpty())
        {
            final Op op = backlog.peek();
            if (op.kind.sessionBound && (session == SessionState.LOST || session == SessionState.CLOSED))
            {
                backlog.poll();
                failNow(op, ResultCode.SESSION_EXPIRED, "session lost; call newSession()");
                continue;
            }
            if (!canAssign(op))
            {
                return;
            }
            backlog.poll();
            assign(op);
        }
    }

    private void assign(final Op op)
    {
        op.correlationId = nextCorrelationId++;
        op.sessionId = op.kind.sessionBound ? sessionId : 0;
        final long ackedSeq;
        if (op.kind.mutation)
        {
            ackedSeq = tracker.ackedSeq();
            op.requestSeq = tracker.next();
        }
        else
        {
            ackedSeq = 0;
            op.requestSeq = 0;
        }
        try
        {
            writer.header(op.correlationId, op.sessionId, op.requestSeq, ackedSeq);
            final int length = encode(op);
            op.frame = new byte[length];
            encodeBuffer.getBytes(0, op.frame);
        }
        catch (final RuntimeException ex)
        {
            answered(op);
            failNow(op, ResultCode.INVALID_ARGUMENT, "cannot encode: " + ex);
            return;
        }
        final int limit = frameLimit();
        if (limit > 0 && op.frame.length > limit)
        {
            answered(op);
            failNow(op, ResultCode.LIMIT_EXCEEDED, "request of " + op.frame.length + " bytes exceeds " + limit);
            return;
        }
        if (op.timeoutNs > 0)
        {
            op.hasDeadline = true;
            op.deadlineNs = nowNs + op.timeoutNs;
        }
        byCorrelation.put(op.correlationId, op);
        if (op.kind == Op.Kind.ACQUIRE || op.kind == Op.Kind.CAMPAIGN)
        {
            eventOps.put(op.requestSeq, op);
        }
        if (canSend(op))
        {
            sendQueue.add(op);
        }
    }

    private int frameLimit()
    {
        final int publicationLimit = transport.maxMessageLength();
        if (maxRequestLength > 0 && publicationLimit > 0)
        {
            return Math.min(maxRequestLength, publicationLimit);
        }
        return Math.max(maxRequestLength, publicationLimit);
    }

    private boolean canSend(final Op op)
    {
        if (link != Link.CONNECTED)
        {
            return false;
        }
        if (op.kind == Op.Kind.RESUME_SESSION)
        {
            return true;
        }
        return !op.kind.sessionBound || session == SessionState.ACTIVE;
    }

    private int encode(final Op op)
    {
        final ExpandableArrayBuffer b = encodeBuffer;
        switch (op.kind)
        {
            case OPEN_SESSION:
                return writer.openSession(b, 0, op.number, op.number2, op.name);
            case RESUME_SESSION:
                return writer.resumeSession(b, 0, op.number);
            case CLOSE_SESSION:
                return writer.closeSession(b, 0);
            case PUT:
                return writer.put(b, 0, op.flag, op.name, op.value);
            case GET:
                return writer.get(b, 0, op.name);
            case DELETE:
                return writer.delete(b, 0, op.name, op.flag);
            case RANGE:
                return writer.range(b, 0, op.pager.prefix(), op.pager.startAfter(), 0, op.pager.atRevision());
            case TXN:
                return writer.txn(b, 0, op.txn);
            case CREATE_SEQUENTIAL:
                return writer.createSequential(b, 0, op.flag, op.name, op.value);
            case ACQUIRE:
                return writer.acquire(b, 0, op.name, op.mode, op.number, op.number2);
            case RELEASE:
                return writer.release(b, 0, op.name, op.number);
            case CHECK_FENCE:
                return writer.checkFence(b, 0, op.name, op.number);
            case LOCK_STATUS:
                return writer.lockStatus(b, 0, op.name);
            case DESCRIBE_LOCK:
                return writer.describeLock(b, 0, op.name);
            case CAMPAIGN:
                return writer.campaign(b, 0, op.name, op.value);
            case PROCLAIM:
                return writer.proclaim(b, 0, op.name, op.number, op.value);
            case RESIGN:
                return writer.resign(b, 0, op.name, op.number);
            case LEADER:
                return writer.leader(b, 0, op.name);
            case WATCH:
                return writer.watch(b, 0, op.watch.watchId, op.watch.key, op.watch.prefix, op.watch.prevValue,
                    op.number);
            case CANCEL_WATCH:
                return writer.cancelWatch(b, 0, op.number);
            case PROGRESS:
                return writer.progress(b, 0);
            case STATUS:
                return writer.status(b, 0);
            case GATEWAY_INFO:
                return writer.gatewayInfo(b, 0);
            case ADMIN:
            case AUTH_LIST:
            case LIST_SESSIONS:
            case LIST_LOCKS:
            case EXPIRE_SESSION:
                return op.encoding.write(writer, b);
            default:
                throw new IllegalStateException("not a request: " + op.kind);
        }
    }

    private int flush()
    {
        int work = 0;
        while (!sendQueue.isEmpty() && link == Link.CONNECTED)
        {
            final Op op = sendQueue.peek();
            if (byCorrelation.get(op.correlationId) != op)
            {
                sendQueue.poll();
                continue;
            }
            final int maxLength = transport.maxMessageLength();
            if (maxLength > 0 && op.frame.length > maxLength)
            {
                sendQueue.poll();
                byCorrelation.remove(op.correlationId);
                answered(op);
                failNow(op, ResultCode.LIMIT_EXCEEDED, "request of " + op.frame.length + " bytes exceeds " + maxLength);
                continue;
            }
            sendView.wrap(op.frame);
            final long result = transport.offer(sendView, 0, op.frame.length);
            if (result > 0)
            {
                sendQueue.poll();
                if (!op.isSent)
                {
                    op.isSent = true;
                    op.firstSentNs = nowNs;
                }
                work++;
            }
            else if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                break;
            }
            else
            {
                linkLost("offer to the gateway failed (" + result + ")");
                break;
            }
        }
        return work;
    }

    private boolean offerDirect(final int length)
    {
        final long result = transport.offer(encodeBuffer, 0, length);
        return result > 0;
    }

    // ------------------------------------------------------------------------------------------------ connection

    private int driveLink()
    {
        switch (link)
        {
            case IDLE:
                if (!fatal && !closing && nowNs - nextAttemptNs >= 0)
                {
                    startAttempt();
                    return 1;
                }
                return 0;
            case CONNECTING:
                if (!connectSent && transport.isConnected())
                {
                    sendConnect();
                    return 1;
                }
                if (nowNs - attemptDeadlineNs >= 0)
                {
                    attemptFailed(connectSent ? "no ConnectResponse from " + endpoints[endpointIndex] :
                        "no connection to " + endpoints[endpointIndex]);
                    return 1;
                }
                return 0;
            case CONNECTED:
                if (nowNs - lastReceivedNs > LIVENESS_INTERVALS * keepAliveIntervalNs)
                {
                    linkLost("no answer from " + endpoints[endpointIndex] + " for " +
                        TimeUnit.NANOSECONDS.toMillis(nowNs - lastReceivedNs) + " ms");
                    return 1;
                }
                if (!transport.isConnected())
                {
                    linkLost("publication to " + endpoints[endpointIndex] + " disconnected");
                    return 1;
                }
                return 0;
            default:
                return 0;
        }
    }

    private void startAttempt()
    {
        transport.connect(endpoints[endpointIndex]);
        link = Link.CONNECTING;
        connectSent = false;
        attemptDeadlineNs = nowNs + ctx.connectAttemptTimeoutNs();
        connectCorrelationId = nextCorrelationId++;
    }

    private void sendConnect()
    {
        writer.header(connectCorrelationId, 0, 0, 0);
        if (loginToken == null)
        {
            loginToken = ctx.token();
        }
        final String token = loginToken;
        connectUsedToken = !token.isEmpty();
        final boolean withPassword = !connectUsedToken && !ctx.user().isEmpty();
        clientNonce = withPassword ? Scram.newNonce() : new byte[0];
        loginAuthMessage = null;
        final int length = writer.connect(encodeBuffer, 0, ctx.credential(), ctx.clientName(),
            transport.responseChannel(), transport.responseStreamId(), withPassword ? ctx.user() : "", clientNonce,
            token);
        connectSent = offerDirect(length);
    }

    private void attemptFailed(final String reason)
    {
        lastFailure = reason;
        transport.disconnect();
        link = Link.IDLE;
        endpointIndex = (endpointIndex + 1) % endpoints.length;
        nextAttemptNs = nowNs + backoff.nextDelayNs();
    }

    private void onConnectResponse(final int imageSessionId)
    {
        final long correlationId = connectResponse.correlationId();
        final ResultCode code = connectResponse.code();
        final int maxLength = connectResponse.maxRequestLength();
        final long intervalMs = connectResponse.keepAliveIntervalMs();
        final String detail = connectResponse.detail();
        final String token = connectResponse.token();
        final byte[] serverSignature = new byte[connectResponse.serverSignatureLength()];
        connectResponse.getServerSignature(serverSignature, 0, serverSignature.length);
        if (link != Link.CONNECTING || correlationId != connectCorrelationId)
        {
            return;
        }
        if (code == ResultCode.UNAUTHORISED && connectUsedToken && ctx.password() != null)
        {
            // a token is good at the gateway that issued it, until it expires: log in with the password instead
            loginToken = "";
            attemptFailed("gateway " + endpoints[endpointIndex] + " did not take the login token: " + detail);
            return;
        }
        if (code != ResultCode.OK)
        {
            final boolean firstSession = session == SessionState.NONE || session == SessionState.OPENING;
            if (firstSession && (code == ResultCode.UNAUTHORISED || code == ResultCode.UNSUPPORTED_VERSION))
            {
                fatal = true;
                lastFailure = "gateway " + endpoints[endpointIndex] + " refused the connection: " + detail;
                transport.disconnect();
                link = Link.IDLE;
                sessionReady.completeExceptionally(new WardenException(code, lastFailure));
                return;
            }
            attemptFailed("gateway " + endpoints[endpointIndex] + " refused: " + code + " " + detail);
            return;
        }
        if (loginAuthMessage != null && !java.security.MessageDigest.isEqual(serverSignature,
            Scram.serverSignature(Scram.serverKey(saltedPassword), loginAuthMessage)))
        {
            // the gateway let us in without the cell vouching that it holds our credential: not the cell we know
            final String why = "gateway " + endpoints[endpointIndex] + " accepted the login without the cell's " +
                "signature";
            if (session == SessionState.NONE || session == SessionState.OPENING)
            {
                fatal = true;
                lastFailure = why;
                transport.disconnect();
                link = Link.IDLE;
                sessionReady.completeExceptionally(new WardenException(ResultCode.UNAUTHORISED, why));
            }
            else
            {
                attemptFailed(why);
            }
            return;
        }
        if (!token.isEmpty())
        {
            loginToken = token;
        }
        link = Link.CONNECTED;
        currentImage = imageSessionId;
        backoff.reset();
        maxRequestLength = maxLength;
        keepAliveIntervalNs = Math.max(MIN_KEEPALIVE_INTERVAL_NS, TimeUnit.MILLISECONDS.toNanos(intervalMs));
        lastReceivedNs = nowNs;
        nextKeepAliveNs = nowNs;
        gatewayAvailable = true;
        onLinkUp();
    }

    /**
     * The gateway asks this client to prove its password: answer with the SCRAM proof over the challenge.
     */
    private void onConnectChallenge()
    {
        final long correlationId = connectChallenge.correlationId();
        final int iterations = connectChallenge.iterations();
        final byte[] salt = new byte[connectChallenge.saltLength()];
        connectChallenge.getSalt(salt, 0, salt.length);
        final byte[] serverNonce = new byte[connectChallenge.serverNonceLength()];
        connectChallenge.getServerNonce(serverNonce, 0, serverNonce.length);
        if (link != Link.CONNECTING || correlationId != connectCorrelationId || ctx.password() == null ||
            iterations < Scram.MIN_ITERATIONS || iterations > Scram.MAX_ITERATIONS)
        {
            return;
        }
        if (saltedPassword == null || saltedIterations != iterations || !java.util.Arrays.equals(saltedFor, salt))
        {
            saltedPassword = Scram.saltedPassword(ctx.password(), salt, iterations);
            saltedFor = salt;
            saltedIterations = iterations;
        }
        final byte[] message = Scram.authMessage(ctx.user(), clientNonce, serverNonce, salt, iterations);
        loginAuthMessage = message;
        writer.header(connectCorrelationId, 0, 0, 0);
        offerDirect(writer.connectProof(encodeBuffer, 0, Scram.clientProof(saltedPassword, message)));
    }

    private void onLinkUp()
    {
        switch (session)
        {
            case NONE:
                openSession(null);
                break;
            case ACTIVE:
            case RESUME_NEEDED:
            case RESUMING:
                sendResume();
                break;
            default:
                break;
        }
        resend(false);
        for (final WatchState state : new ArrayList<>(watches.values()))
        {
            if (!state.ended)
            {
                registerWatch(state);
            }
        }
    }

    /**
     * Queue every unanswered request of one class (session-bound or not) for sending on the current link, in the
     * order they were first sent.
     */
    private void resend(final boolean sessionBound)
    {
        final ArrayList<Op> ops = new ArrayList<>();
        for (final Op op : byCorrelation.values())
        {
            if (op.kind.sessionBound == sessionBound && op.kind != Op.Kind.RESUME_SESSION &&
                op.kind != Op.Kind.WATCH && op.kind != Op.Kind.CANCEL_WATCH)
            {
                ops.add(op);
            }
        }
        ops.sort(BY_CORRELATION);
        for (final Op op : ops)
        {
            if (!sendQueue.contains(op))
            {
                sendQueue.add(op);
            }
        }
    }

    private void linkLost(final String reason)
    {
        lastFailure = reason;
        if (link == Link.CONNECTED && transport.isConnected())
        {
            writer.header(nextCorrelationId++, 0, 0, 0);
            offerDirect(writer.disconnect(encodeBuffer, 0));
        }
        transport.disconnect();
        link = Link.IDLE;
        currentImage = NO_IMAGE;
        endpointIndex = (endpointIndex + 1) % endpoints.length;
        nextAttemptNs = nowNs + backoff.nextDelayNs();
        sendQueue.clear();
        for (final Op op : new ArrayList<>(byCorrelation.values()))
        {
            switch (op.kind)
            {
                case WATCH:
                case CANCEL_WATCH:
                case RESUME_SESSION:
                    byCorrelation.remove(op.correlationId);
                    break;
                case LOCK_STATUS:
                case LEADER:
                    if (op.parent != null)
                    {
                        byCorrelation.remove(op.correlationId);
                        op.parent.resyncInFlight = false;
                    }
                    break;
                default:
                    break;
            }
        }
        for (final WatchState state : watches.values())
        {
            state.registeredOnLink = false;
        }
        for (final Op op : eventOps.values())
        {
            op.resyncNeeded = true;
        }
        if (session == SessionState.ACTIVE || session == SessionState.RESUMING)
        {
            session = SessionState.RESUME_NEEDED;
        }
        suspend();
    }

    private void suspend()
    {
        if (reported == ConnectionState.CONNECTED || reported == ConnectionState.RECONNECTED)
        {
            suspended = true;
            report(ConnectionState.SUSPENDED);
        }
    }

    private void maybeReconnected()
    {
        if (suspended && session == SessionState.ACTIVE && gatewayAvailable && link == Link.CONNECTED)
        {
            suspended = false;
            report(ConnectionState.RECONNECTED);
        }
    }

    // ------------------------------------------------------------------------------------------------ session

    private void openSession(final Op userOp)
    {
        final Op op = new Op(Op.Kind.OPEN_SESSION, userOp == null ? null : userOp.future);
        op.number = ttlMs;
        op.number2 = secret;
        op.name = ctx.clientName();
        openOp = op;
        session = SessionState.OPENING;
        assign(op);
    }

    private void newSession(final Op command)
    {
        if (closing)
        {
            failNow(command, ResultCode.CANCELLED, "client closed");
            return;
        }
        if (session != SessionState.LOST)
        {
            failNow(command, ResultCode.INVALID_ARGUMENT,
                "the session is not lost (" + session + "); a new session is only opened after LOST");
            return;
        }
        tracker.reset();
        safeTime.reset(nowNs);
        secret = newSecret();
        openSession(command);
    }

    private void sendResume()
    {
        session = SessionState.RESUMING;
        final Op op = new Op(Op.Kind.RESUME_SESSION, null);
        op.number = secret;
        assign(op);
    }

    private void onSessionOpened(final Op op, final long id, final long grantedTtlMs)
    {
        final boolean first = reported == null;
        sessionId = id;
        if (grantedTtlMs > 0)
        {
            ttlMs = grantedTtlMs;
        }
        session = SessionState.ACTIVE;
        openOp = null;
        ownedFromCorrelation = nextCorrelationId;
        safeTime.onRenewed(op.firstSentNs, ttlMs);
        suspended = false;
        report(ConnectionState.CONNECTED);
        complete(op, id);
        if (first)
        {
            sessionReady.complete(id);
        }
        drainBacklog();
    }

    private void onResumed(final Op op)
    {
        session = SessionState.ACTIVE;
        ownedFromCorrelation = nextCorrelationId;
        safeTime.onRenewed(op.firstSentNs, ttlMs);
        resend(true);
        for (final Op queued : eventOps.values())
        {
            queued.resyncNeeded = true;
        }
        resyncQueued();
        drainBacklog();
        maybeReconnected();
    }

    private void onSessionLost(final String reason)
    {
        if (session == SessionState.LOST || session == SessionState.CLOSED)
        {
            return;
        }
        session = SessionState.LOST;
        lastFailure = reason;
        safeTime.onLost(nowNs);
        final String message = "session " + sessionId + " expired (" + reason + "); call newSession()";
        for (final Op op : new ArrayList<>(byCorrelation.values()))
        {
            if (op.kind.sessionBound)
            {
                byCorrelation.remove(op.correlationId);
                failNow(op, ResultCode.SESSION_EXPIRED, message);
            }
        }
        for (final Op op : new ArrayList<>(eventOps.values()))
        {
            failNow(op, ResultCode.SESSION_EXPIRED, message);
        }
        eventOps.clear();
        sendQueue.removeIf(op -> op.kind.sessionBound);
        drainBacklog();
        tracker.reset();
        suspended = false;
        report(ConnectionState.LOST);
    }

    // ------------------------------------------------------------------------------------------------ keepalive

    private int keepAlive()
    {
        if (link != Link.CONNECTED || nowNs - nextKeepAliveNs < 0)
        {
            return 0;
        }
        nextKeepAliveNs = nowNs + keepAliveIntervalNs;
        int count = 0;
        if (session == SessionState.ACTIVE)
        {
            sessionIds[0] = sessionId;
            count = 1;
        }
        final long correlationId = nextCorrelationId++;
        writer.header(correlationId, 0, 0, 0);
        if (offerDirect(writer.clientKeepAlive(encodeBuffer, 0, sessionIds, count)))
        {
            final int slot = keepAliveCursor++ & (KEEPALIVE_RING - 1);
            keepAliveCorrelations[slot] = correlationId;
            keepAliveSentNs[slot] = nowNs;
        }
        return 1;
    }

    private void onKeepAliveResponse()
    {
        final long correlationId = keepAliveResponse.correlationId();
        final ResultCode code = keepAliveResponse.code();
        long sentNs = 0;
        boolean known = false;
        for (int i = 0; i < KEEPALIVE_RING; i++)
        {
            if (keepAliveCorrelations[i] == correlationId)
            {
                sentNs = keepAliveSentNs[i];
                known = true;
                break;
            }
        }
        for (final ClientKeepAliveResponseDecoder.SessionsDecoder entry : keepAliveResponse.sessions())
        {
            if (entry.sessionId() != sessionId || session != SessionState.ACTIVE)
            {
                continue;
            }
            final ResultCode sessionCode = entry.code();
            if (sessionCode == ResultCode.OK)
            {
                if (known)
                {
                    safeTime.onConfirmed(sentNs, entry.confirmedAgeMs(), ttlMs);
                }
            }
            else if (sessionCode == ResultCode.SESSION_EXPIRED || sessionCode == ResultCode.SESSION_UNKNOWN)
            {
                onSessionLost("keepalive answered " + sessionCode);
                return;
            }
            else if (sessionCode == ResultCode.UNAUTHORISED && correlationId >= ownedFromCorrelation)
            {
                sendResume();
            }
        }
        if (code == ResultCode.UNAVAILABLE)
        {
            onGatewayUnavailable();
        }
        else if (code == ResultCode.OK && !gatewayAvailable)
        {
            onGatewayAvailable();
        }
    }

    private void onGatewayUnavailable()
    {
        if (gatewayAvailable)
        {
            gatewayAvailable = false;
            suspend();
        }
    }

    private void onGatewayAvailable()
    {
        gatewayAvailable = true;
        if (session == SessionState.ACTIVE)
        {
            for (final Op queued : eventOps.values())
            {
                queued.resyncNeeded = true;
            }
            resyncQueued();
        }
        maybeReconnected();
    }

    // ------------------------------------------------------------------------------------------------ receiving

    public void onMessage(final DirectBuffer buffer, final int offset, final int length, final int imageSessionId)
    {
        messageImage = imageSessionId;
        if (splitter.split(buffer, offset, length, frameHandler) < 0)
        {
            onMalformed("a FrameBatch whose lengths run past its end", null);
        }
    }

    public void onImageUnavailable(final int imageSessionId)
    {
        if (link == Link.CONNECTED && imageSessionId == currentImage)
        {
            linkLost("the gateway's image went away");
        }
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            onMalformed("a frame of " + length + " bytes, shorter than a header", null);
            return;
        }
        frameView.wrap(buffer, offset, length);
        try
        {
            header.wrap(frameView, 0);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                onMalformed("a frame of schema " + header.schemaId(), null);
                return;
            }
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final int version = header.version();
            if (templateId == ConnectResponseDecoder.TEMPLATE_ID)
            {
                connectResponse.wrap(frameView, HEADER, blockLength, version);
                onConnectResponse(messageImage);
                return;
            }
            if (templateId == ConnectChallengeDecoder.TEMPLATE_ID)
            {
                connectChallenge.wrap(frameView, HEADER, blockLength, version);
                onConnectChallenge();
                return;
            }
            if (link != Link.CONNECTED || messageImage != currentImage)
            {
                return;
            }
            lastReceivedNs = nowNs;
            switch (templateId)
            {
                case ClientKeepAliveResponseDecoder.TEMPLATE_ID:
                    keepAliveResponse.wrap(frameView, HEADER, blockLength, version);
                    onKeepAliveResponse();
                    break;
                case GatewayEventDecoder.TEMPLATE_ID:
                    gatewayEvent.wrap(frameView, HEADER, blockLength, version);
                    if (gatewayEvent.code() == ResultCode.OK)
                    {
                        onGatewayAvailable();
                    }
                    else
                    {
                        onGatewayUnavailable();
                    }
                    break;
                case SessionEventDecoder.TEMPLATE_ID:
                    sessionEvent.wrap(frameView, HEADER, blockLength, version);
                    if (sessionEvent.sessionId() == sessionId && sessionEvent.code() != ResultCode.OK)
                    {
                        onSessionLost("SessionEvent " + sessionEvent.code());
                    }
                    break;
                case LockEventDecoder.TEMPLATE_ID:
                    lockEvent.wrap(frameView, HEADER, blockLength, version);
                    onWaitEnded(lockEvent.sessionId(), lockEvent.requestSeq(), lockEvent.code(), lockEvent.token());
                    break;
                case ElectionEventDecoder.TEMPLATE_ID:
                    electionEvent.wrap(frameView, HEADER, blockLength, version);
                    onWaitEnded(electionEvent.sessionId(), electionEvent.requestSeq(), electionEvent.code(),
                        electionEvent.term());
                    break;
                case WatchEventsDecoder.TEMPLATE_ID:
                    watchEvents.wrap(frameView, HEADER, blockLength, version);
                    onWatchEvents();
                    break;
                case SharedWatchEventsDecoder.TEMPLATE_ID:
                    sharedWatchEvents.wrap(frameView, HEADER, blockLength, version);
                    onSharedWatchEvents();
                    break;
                case WatchEndedDecoder.TEMPLATE_ID:
                    watchEnded.wrap(frameView, HEADER, blockLength, version);
                    onWatchEnded(watchEnded.watchId(), watchEnded.code());
                    break;
                case WatchProgressDecoder.TEMPLATE_ID:
                    watchProgress.wrap(frameView, HEADER, blockLength, version);
                    onWatchProgress();
                    break;
                default:
                    if (length >= HEADER + Long.BYTES && (templateId >= 100 && templateId < 180 || templateId >= 300 ||
                        templateId == GatewayInfoResponseDecoder.TEMPLATE_ID))
                    {
                        final Op op = byCorrelation.remove(frameView.getLong(HEADER, java.nio.ByteOrder.LITTLE_ENDIAN));
                        if (op != null)
                        {
                            try
                            {
                                onResponse(op, templateId, blockLength, version);
                            }
                            catch (final RuntimeException ex)
                            {
                                answered(op);
                                if (op.parent != null)
                                {
                                    op.parent.resyncInFlight = false;
                                    op.parent.resyncNeeded = true;
                                }
                                if (op.kind == Op.Kind.WATCH)
                                {
                                    endWatch(op.watch, ResultCode.MALFORMED);
                                }
                                failNow(op, ResultCode.MALFORMED, "unreadable answer: " + ex.getMessage());
                                throw ex;
                            }
                        }
                    }
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            onMalformed("a frame that cannot be read", ex);
        }
    }

    /**
     * A gateway sent something this client cannot read: it is dropped, and the error handler hears of each one (a
     * broken or hostile gateway should show, not just go quiet).
     */
    private void onMalformed(final String what, final Throwable cause)
    {
        ctx.errorHandler().onError(new IllegalStateException("malformed frame from the gateway: " + what, cause));
    }

    /**
     * A copy of a value that {@code wrapValue} put in {@link #valueView}. Values are read this way, never by allocating
     * {@code valueLength()} bytes first: the wrap checks the length against the frame, where a 32-bit length from a
     * broken gateway would otherwise allocate up to 2 GiB before the copy fails (an OutOfMemoryError out of the agent).
     */
    private static byte[] bytesOf(final DirectBuffer view)
    {
        final byte[] bytes = new byte[view.capacity()];
        view.getBytes(0, bytes);
        return bytes;
    }

    private void answered(final Op op)
    {
        if (op.kind.mutation && op.requestSeq > 0)
        {
            tracker.answered(op.requestSeq);
        }
    }

    private void onResponse(final Op op, final int templateId, final int blockLength, final int version)
    {
        answered(op);
        if (templateId == ErrorResponseDecoder.TEMPLATE_ID)
        {
            errorResponse.wrap(frameView, HEADER, blockLength, version);
            final ResultCode code = errorResponse.code();
            String what = "refused (template " + errorResponse.templateId() + ")";
            if (version >= ErrorResponseDecoder.detailSinceVersion())
            {
                refusalLimit = errorResponse.limitValue();
                refusalUsage = errorResponse.usageValue();
                refusalRetryAfterMs = errorResponse.retryAfterMs();
                final String detail = errorResponse.detail();
                what = detail.isEmpty() ? what : what + ": " + detail;
            }
            try
            {
                onRefused(op, code, what);
            }
            finally
            {
                refusalLimit = 0;
                refusalUsage = 0;
                refusalRetryAfterMs = 0;
            }
            drainBacklog();
            return;
        }
        switch (op.kind)
        {
            case OPEN_SESSION:
            case RESUME_SESSION:
            case CLOSE_SESSION:
                expect(templateId, SessionResponseDecoder.TEMPLATE_ID);
                sessionResponse.wrap(frameView, HEADER, blockLength, version);
                onSessionResponse(op, sessionResponse.code(), sessionResponse.sessionId(), sessionResponse.ttlMs());
                break;
            case PUT:
            {
                expect(templateId, PutResponseDecoder.TEMPLATE_ID);
                putResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = putResponse.code();
                if (code == ResultCode.OK)
                {
                    complete(op, new PutResult(putResponse.revision(), putResponse.createRevision(),
                        putResponse.version()));
                }
                else
                {
                    onRefused(op, code, "put " + op.name);
                }
                break;
            }
            case GET:
            {
                expect(templateId, GetResponseDecoder.TEMPLATE_ID);
                getResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = getResponse.code();
                final long createRevision = getResponse.createRevision();
                final long modRevision = getResponse.modRevision();
                final long keyVersion = getResponse.version();
                final long owner = getResponse.ownerSessionId();
                getResponse.wrapValue(valueView);
                final byte[] value = bytesOf(valueView);
                if (code == ResultCode.OK)
                {
                    complete(op, KeyValue.adopt(op.name, value, createRevision, modRevision, keyVersion, owner));
                }
                else if (code == ResultCode.NOT_FOUND)
                {
                    complete(op, null);
                }
                else
                {
                    onRefused(op, code, "get " + op.name);
                }
                break;
            }
            case DELETE:
            {
                expect(templateId, DeleteResponseDecoder.TEMPLATE_ID);
                deleteResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = deleteResponse.code();
                if (code == ResultCode.OK)
                {
                    complete(op, new DeleteResult(deleteResponse.revision(), deleteResponse.deleted()));
                }
                else
                {
                    onRefused(op, code, "delete " + op.name);
                }
                break;
            }
            case RANGE:
                expect(templateId, RangeResponseDecoder.TEMPLATE_ID);
                rangeResponse.wrap(frameView, HEADER, blockLength, version);
                onRangePage(op);
                break;
            case TXN:
            {
                expect(templateId, TxnResponseDecoder.TEMPLATE_ID);
                txnResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = txnResponse.code();
                if (code == ResultCode.OK || code == ResultCode.COMPARE_FAILED)
                {
                    complete(op, new TxnResult(code == ResultCode.OK, txnResponse.revision()));
                }
                else
                {
                    onRefused(op, code, "txn");
                }
                break;
            }
            case CREATE_SEQUENTIAL:
            {
                expect(templateId, SequentialResponseDecoder.TEMPLATE_ID);
                sequentialResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = sequentialResponse.code();
                final long revision = sequentialResponse.revision();
                final String key = sequentialResponse.key();
                if (code == ResultCode.OK)
                {
                    complete(op, new SequentialResult(key, revision));
                }
                else
                {
                    onRefused(op, code, "create sequential under " + op.name);
                }
                break;
            }
            case ACQUIRE:
            case RELEASE:
            case CHECK_FENCE:
            case LOCK_STATUS:
                expect(templateId, LockResponseDecoder.TEMPLATE_ID);
                lockResponse.wrap(frameView, HEADER, blockLength, version);
                onLockResponse(op, lockResponse.code(), lockResponse.token());
                break;
            case DESCRIBE_LOCK:
                expect(templateId, LockDescriptionDecoder.TEMPLATE_ID);
                lockDescription.wrap(frameView, HEADER, blockLength, version);
                onLockDescription(op);
                break;
            case CAMPAIGN:
            case PROCLAIM:
            case RESIGN:
                expect(templateId, ElectionResponseDecoder.TEMPLATE_ID);
                electionResponse.wrap(frameView, HEADER, blockLength, version);
                onElectionResponse(op, electionResponse.code(), electionResponse.term());
                break;
            case LEADER:
                expect(templateId, LeaderResponseDecoder.TEMPLATE_ID);
                leaderResponse.wrap(frameView, HEADER, blockLength, version);
                onLeaderResponse(op);
                break;
            case WATCH:
            case CANCEL_WATCH:
                expect(templateId, WatchResponseDecoder.TEMPLATE_ID);
                watchResponse.wrap(frameView, HEADER, blockLength, version);
                if (op.kind == Op.Kind.WATCH)
                {
                    onWatchResponse(op.watch, watchResponse.code(), watchResponse.revision());
                }
                break;
            case PROGRESS:
                expect(templateId, ProgressResponseDecoder.TEMPLATE_ID);
                progressResponse.wrap(frameView, HEADER, blockLength, version);
                complete(op, progressResponse.revision());
                break;
            case STATUS:
            {
                expect(templateId, StatusResponseDecoder.TEMPLATE_ID);
                final StatusResponseDecoder s = statusResponse.wrap(frameView, HEADER, blockLength, version);
                if (s.code() == ResultCode.OK)
                {
                    complete(op, new ClusterStatus(s.revision(), s.compactRevision(), s.sessions(), s.locks(),
                        s.elections(), s.keys(), s.watches(), s.historyEvents(), s.historyBytes(),
                        s.maxValueLength(), s.stateDigest(), version >= 3 ? s.stateBytes() : 0,
                        version >= 3 ? s.stateQuotaBytes() : 0));
                }
                else
                {
                    onRefused(op, s.code(), "status");
                }
                break;
            }
            case ADMIN:
            {
                expect(templateId, AdminResponseDecoder.TEMPLATE_ID);
                final AdminResponseDecoder a = adminResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = a.code();
                final String detail = a.detail();
                if (code == ResultCode.OK)
                {
                    complete(op, detail);
                }
                else
                {
                    onRefused(op, code, detail.isEmpty() ? "admin request" : detail);
                }
                break;
            }
            case AUTH_LIST:
            {
                expect(templateId, AuthListResponseDecoder.TEMPLATE_ID);
                final AuthListResponseDecoder l = authListResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = l.code();
                final boolean enabled = l.enabled() == BooleanType.TRUE;
                final List<AuthListing.Item> items = new ArrayList<>();
                for (final AuthListResponseDecoder.ItemsDecoder item : l.items())
                {
                    items.add(new AuthListing.Item(item.name(), item.detail()));
                }
                if (code == ResultCode.OK || (code == ResultCode.PERMISSION_DENIED && op.flag))
                {
                    // op.flag: the caller wants only whether auth is on, which the cell tells anyone
                    complete(op, new AuthListing(enabled, items));
                }
                else
                {
                    onRefused(op, code, "auth listing");
                }
                break;
            }
            case LIST_SESSIONS:
                expect(templateId, SessionListDecoder.TEMPLATE_ID);
                onSessionList(op, sessionList.wrap(frameView, HEADER, blockLength, version));
                break;
            case LIST_LOCKS:
                expect(templateId, LockListDecoder.TEMPLATE_ID);
                onLockList(op, lockList.wrap(frameView, HEADER, blockLength, version));
                break;
            case EXPIRE_SESSION:
            {
                expect(templateId, SessionResponseDecoder.TEMPLATE_ID);
                final ResultCode code = sessionResponse.wrap(frameView, HEADER, blockLength, version).code();
                if (code == ResultCode.OK)
                {
                    complete(op, null);
                }
                else
                {
                    onRefused(op, code, "expire session");
                }
                break;
            }
            case GATEWAY_INFO:
            {
                expect(templateId, GatewayInfoResponseDecoder.TEMPLATE_ID);
                final GatewayInfoResponseDecoder g = gatewayInfoResponse.wrap(frameView, HEADER, blockLength, version);
                final ResultCode code = g.code();
                if (code == ResultCode.OK || code == ResultCode.UNAVAILABLE)
                {
                    complete(op, new GatewayInfo(code == ResultCode.OK, g.gatewayId(), g.leaderMemberId(),
                        g.connections(), g.sessions(), g.sharedWatches(), g.ingressEndpoints()));
                }
                else
                {
                    onRefused(op, code, "gateway info");
                }
                break;
            }
            default:
                break;
        }
        drainBacklog();
    }

    private static void expect(final int templateId, final int expected)
    {
        if (templateId != expected)
        {
            throw new IllegalStateException("answer of template " + templateId + " where " + expected + " was due");
        }
    }

    private void onSessionList(final Op op, final SessionListDecoder list)
    {
        final ResultCode code = list.code();
        final long nowMs = list.nowMs();
        final boolean more = list.more() == BooleanType.TRUE;
        final List<SessionListing.Entry> entries = new ArrayList<>();
        for (final SessionListDecoder.SessionsDecoder s : list.sessions())
        {
            final long sessionId = s.sessionId();
            final long ttlMs = s.ttlMs();
            final long openedMs = s.openedMs();
            final long renewedMs = s.renewedMs();
            final long expiryMs = s.expiryMs();
            entries.add(new SessionListing.Entry(sessionId, s.clientName(), ttlMs, openedMs, renewedMs, expiryMs));
        }
        if (code == ResultCode.OK)
        {
            complete(op, new SessionListing(nowMs, entries, more));
        }
        else
        {
            onRefused(op, code, "list sessions");
        }
    }

    private void onLockList(final Op op, final LockListDecoder list)
    {
        final ResultCode code = list.code();
        final boolean more = list.more() == BooleanType.TRUE;
        final List<LockListing.Entry> entries = new ArrayList<>();
        for (final LockListDecoder.LocksDecoder l : list.locks())
        {
            final int holders = l.holders();
            final int waiters = l.waiters();
            final long sessionId = l.sessionId();
            final long token = l.token();
            final long delayUntilMs = l.delayUntilMs();
            entries.add(new LockListing.Entry(l.name(), holders, waiters, sessionId, token, delayUntilMs));
        }
        if (code == ResultCode.OK)
        {
            complete(op, new LockListing(entries, more));
        }
        else
        {
            onRefused(op, code, "list locks");
        }
    }

    /**
     * A request was refused with a code (by the gateway or the node).
     */
    private void onRefused(final Op op, final ResultCode code, final String what)
    {
        switch (op.kind)
        {
            case OPEN_SESSION:
            case RESUME_SESSION:
            case CLOSE_SESSION:
                onSessionResponse(op, code, 0, 0);
                return;
            case LOCK_STATUS:
            case LEADER:
                if (op.parent != null)
                {
                    op.parent.resyncInFlight = false;
                    if (code == ResultCode.UNAVAILABLE || code == ResultCode.RATE_LIMITED)
                    {
                        op.parent.resyncNeeded = true;
                    }
                    return;
                }
                break;
            case ACQUIRE:
            case CAMPAIGN:
                eventOps.remove(op.requestSeq);
                break;
            case WATCH:
                endWatch(op.watch, code);
                return;
            default:
                break;
        }
        if (code == ResultCode.SESSION_EXPIRED && op.kind.sessionBound && op.sessionId == sessionId)
        {
            onSessionLost(what + " answered SESSION_EXPIRED");
        }
        failNow(op, code, what);
    }

    private void onSessionResponse(final Op op, final ResultCode code, final long id, final long grantedTtlMs)
    {
        switch (op.kind)
        {
            case OPEN_SESSION:
                if (code == ResultCode.OK)
                {
                    onSessionOpened(op, id, grantedTtlMs);
                }
                else if (code == ResultCode.UNAVAILABLE || code == ResultCode.LIMIT_EXCEEDED ||
                    code == ResultCode.RATE_LIMITED)
                {
                    // the client's own session: nobody else can retry it (a caller's request is never retried)
                    retryLater(op);
                }
                else
                {
                    openOp = null;
                    session = reported == null ? SessionState.NONE : SessionState.LOST;
                    final WardenException failure = failure(code, "OpenSession refused");
                    if (reported == null)
                    {
                        fatal = true;
                        sessionReady.completeExceptionally(failure);
                    }
                    failNow(op, code, "OpenSession refused");
                }
                break;
            case RESUME_SESSION:
                if (session != SessionState.RESUMING)
                {
                    return;
                }
                if (code == ResultCode.OK)
                {
                    onResumed(op);
                }
                else if (code == ResultCode.SESSION_EXPIRED || code == ResultCode.SESSION_UNKNOWN ||
                    code == ResultCode.UNAUTHORISED)
                {
                    onSessionLost("ResumeSession answered " + code);
                }
                else
                {
                    retryLater(op);
                }
                break;
            case CLOSE_SESSION:
                if (code == ResultCode.OK || code == ResultCode.SESSION_EXPIRED ||
                    code == ResultCode.SESSION_UNKNOWN)
                {
                    session = SessionState.CLOSED;
                }
                complete(op, code);
                break;
            default:
                break;
        }
    }

    /**
     * Send this session request again after a backoff (the gateway could not forward it now).
     */
    private void retryLater(final Op op)
    {
        op.retryPending = true;
        op.retryAtNs = nowNs + backoff.capNs(0);
        byCorrelation.put(op.correlationId, op);
    }

    // ------------------------------------------------------------------------------------------------ locks, elections

    private void onLockResponse(final Op op, final ResultCode code, final long token)
    {
        switch (op.kind)
        {
            case ACQUIRE:
                if (code == ResultCode.OK || code == ResultCode.ALREADY_HELD)
                {
                    grant(op, token, code);
                }
                else if (code == ResultCode.QUEUED)
                {
                    onQueued(op);
                }
                else
                {
                    onRefused(op, code, "acquire " + op.name);
                }
                break;
            case RELEASE:
                if (code == ResultCode.OK)
                {
                    if (op.number == 0)
                    {
                        withdrawn(Op.Kind.ACQUIRE, op.name);
                    }
                    complete(op, Boolean.TRUE);
                }
                else
                {
                    onRefused(op, code, "release " + op.name);
                }
                break;
            case CHECK_FENCE:
                if (code == ResultCode.OK || code == ResultCode.STALE_FENCE)
                {
                    complete(op, code == ResultCode.OK);
                }
                else
                {
                    onRefused(op, code, "check fence of " + op.name);
                }
                break;
            case LOCK_STATUS:
            {
                final Op parent = op.parent;
                if (parent == null)
                {
                    complete(op, code);
                    break;
                }
                parent.resyncInFlight = false;
                if (eventOps.get(parent.requestSeq) != parent)
                {
                    break;
                }
                if (code == ResultCode.OK)
                {
                    grant(parent, token, ResultCode.OK);
                }
                else if (code == ResultCode.NOT_HOLDER)
                {
                    eventOps.remove(parent.requestSeq);
                    byCorrelation.remove(parent.correlationId);
                    failNow(parent, ResultCode.NOT_HOLDER,
                        "the wait for " + parent.name + " ended without a grant while the client was disconnected");
                }
                else if (code == ResultCode.UNAVAILABLE)
                {
                    parent.resyncNeeded = true;
                }
                break;
            }
            default:
                break;
        }
    }

    private void onLockDescription(final Op op)
    {
        final ResultCode code = lockDescription.code();
        final long delayUntilMs = lockDescription.delayUntilMs();
        final List<LockInfo.Holder> holders = new ArrayList<>();
        for (final LockDescriptionDecoder.HoldersDecoder h : lockDescription.holders())
        {
            holders.add(new LockInfo.Holder(h.sessionId(), h.token(), h.sinceMs(), h.mode()));
        }
        final List<LockInfo.Waiter> waiters = new ArrayList<>();
        for (final LockDescriptionDecoder.WaitersDecoder w : lockDescription.waiters())
        {
            waiters.add(new LockInfo.Waiter(w.sessionId(), w.sinceMs(), w.mode()));
        }
        if (code == ResultCode.OK)
        {
            complete(op, new LockInfo(delayUntilMs, holders, waiters));
        }
        else if (code == ResultCode.NOT_FOUND)
        {
            complete(op, new LockInfo(0, List.of(), List.of()));
        }
        else
        {
            onRefused(op, code, "describe lock " + op.name);
        }
    }

    private void onElectionResponse(final Op op, final ResultCode code, final long term)
    {
        switch (op.kind)
        {
            case CAMPAIGN:
                if (code == ResultCode.OK || code == ResultCode.ALREADY_HELD)
                {
                    grant(op, term, code);
                }
                else if (code == ResultCode.QUEUED)
                {
                    onQueued(op);
                }
                else
                {
                    onRefused(op, code, "campaign in " + op.name);
                }
                break;
            case PROCLAIM:
            case RESIGN:
                if (code == ResultCode.OK)
                {
                    if (op.kind == Op.Kind.RESIGN && op.number == 0)
                    {
                        withdrawn(Op.Kind.CAMPAIGN, op.name);
                    }
                    complete(op, term);
                }
                else
                {
                    onRefused(op, code, op.kind.name().toLowerCase() + " in " + op.name);
                }
                break;
            default:
                break;
        }
    }

    private void onLeaderResponse(final Op op)
    {
        final ResultCode code = leaderResponse.code();
        final long term = leaderResponse.term();
        final long leaderSessionId = leaderResponse.leaderSessionId();
        final long revision = leaderResponse.revision();
        final int candidates = leaderResponse.candidates();
        leaderResponse.wrapValue(valueView);
        final byte[] value = bytesOf(valueView);
        final Op parent = op.parent;
        if (parent != null)
        {
            parent.resyncInFlight = false;
            if (eventOps.get(parent.requestSeq) == parent && code == ResultCode.OK && leaderSessionId == sessionId)
            {
                grant(parent, term, ResultCode.OK);
            }
            else if (code == ResultCode.UNAVAILABLE)
            {
                parent.resyncNeeded = true;
            }
            return;
        }
        if (code == ResultCode.OK)
        {
            complete(op, new LeaderInfo(term, leaderSessionId, revision, candidates, value));
        }
        else if (code == ResultCode.NOT_FOUND)
        {
            complete(op, null);
        }
        else
        {
            onRefused(op, code, "leader of " + op.name);
        }
    }

    private void onQueued(final Op op)
    {
        op.queued = true;
        byCorrelation.remove(op.correlationId);
        if (op.kind == Op.Kind.ACQUIRE && op.number >= 0)
        {
            op.hasDeadline = true;
            op.deadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(op.number) + ctx.requestTimeoutNs();
        }
        else
        {
            op.hasDeadline = false;
        }
        if (op.isAbandoned())
        {
            withdraw(op);
        }
        else if (op.resyncNeeded)
        {
            resync(op);
        }
    }

    /**
     * A queued acquire or campaign ended (LockEvent or ElectionEvent).
     */
    private void onWaitEnded(final long eventSessionId, final long requestSeq, final ResultCode code, final long token)
    {
        if (eventSessionId != sessionId)
        {
            return;
        }
        final Op op = eventOps.get(requestSeq);
        if (op == null)
        {
            return;
        }
        if (code == ResultCode.OK)
        {
            grant(op, token, code);
        }
        else
        {
            eventOps.remove(requestSeq);
            byCorrelation.remove(op.correlationId);
            answered(op);
            failNow(op, code, (op.kind == Op.Kind.ACQUIRE ? "wait for lock " : "candidacy in ") + op.name + " ended");
        }
    }

    private void grant(final Op op, final long token, final ResultCode code)
    {
        eventOps.remove(op.requestSeq);
        byCorrelation.remove(op.correlationId);
        answered(op);
        op.queued = false;
        if (op.isAbandoned())
        {
            giveBack(op, token);
            return;
        }
        if (op.done)
        {
            return;
        }
        op.done = true;
        final LockGrant grant = new LockGrant(token, code);
        final CompletableFuture<Object> future = op.future;
        final boolean lock = op.kind == Op.Kind.ACQUIRE;
        final String name = op.name;
        dispatch(() ->
        {
            if (!future.complete(grant) && code == ResultCode.OK)
            {
                client.giveBack(lock, name, token);
            }
        });
    }

    /**
     * Nobody waits for this grant any more (timed out or cancelled): release the lock or resign at once, so it does
     * not stay held by a session that does not know it holds it.
     */
    private void giveBack(final Op op, final long token)
    {
        final Op release = new Op(op.kind == Op.Kind.ACQUIRE ? Op.Kind.RELEASE : Op.Kind.RESIGN, null);
        release.name = op.name;
        release.number = token;
        submit(release);
    }

    /**
     * Withdraw a queued wait nobody waits for any more.
     */
    private void withdraw(final Op op)
    {
        final Op release = new Op(op.kind == Op.Kind.ACQUIRE ? Op.Kind.RELEASE : Op.Kind.RESIGN, null);
        release.name = op.name;
        release.number = 0;
        submit(release);
    }

    /**
     * A queued wait was withdrawn on request (Release or Resign with 0): end the matching wait as CANCELLED, in case
     * its event is lost.
     */
    private void withdrawn(final Op.Kind kind, final String name)
    {
        for (final Op op : new ArrayList<>(eventOps.values()))
        {
            if (op.kind == kind && op.name.equals(name) && op.queued)
            {
                eventOps.remove(op.requestSeq);
                failNow(op, ResultCode.CANCELLED, "wait for " + name + " withdrawn");
            }
        }
    }

    private void resyncQueued()
    {
        final ArrayList<Op> queued = new ArrayList<>(eventOps.values());
        queued.sort(BY_CORRELATION);
        for (final Op op : queued)
        {
            if (op.queued && op.resyncNeeded)
            {
                resync(op);
            }
        }
    }

    /**
     * Ask whether a queued wait ended while its event could have been lost: LockStatus for an acquire, Leader for a
     * campaign.
     */
    private void resync(final Op op)
    {
        if (op.resyncInFlight || session != SessionState.ACTIVE || link != Link.CONNECTED)
        {
            return;
        }
        op.resyncNeeded = false;
        op.resyncInFlight = true;
        final Op check = new Op(op.kind == Op.Kind.ACQUIRE ? Op.Kind.LOCK_STATUS : Op.Kind.LEADER, null);
        check.name = op.name;
        check.parent = op;
        check.timeoutNs = ctx.requestTimeoutNs();
        assign(check);
    }

    // ------------------------------------------------------------------------------------------------ ranges

    private void onRangePage(final Op op)
    {
        final ResultCode code = rangeResponse.code();
        final long revision = rangeResponse.revision();
        final boolean more = rangeResponse.more() == BooleanType.TRUE;
        final List<KeyValue> page = new ArrayList<>();
        for (final RangeResponseDecoder.EntriesDecoder entry : rangeResponse.entries())
        {
            final long createRevision = entry.createRevision();
            final long modRevision = entry.modRevision();
            final long keyVersion = entry.version();
            final long owner = entry.ownerSessionId();
            final String key = entry.key();
            entry.wrapValue(valueView);
            final byte[] value = bytesOf(valueView);
            page.add(KeyValue.adopt(key, value, createRevision, modRevision, keyVersion, owner));
        }
        if (code != ResultCode.OK)
        {
            onRefused(op, code, "range " + op.pager.prefix());
            return;
        }
        final boolean done;
        try
        {
            done = op.pager.onPage(revision, more, page);
        }
        catch (final IllegalStateException ex)
        {
            failNow(op, ResultCode.MALFORMED, ex.getMessage());
            return;
        }
        if (done)
        {
            complete(op, op.pager.result());
            return;
        }
        if (op.done)
        {
            return;
        }
        assign(op);
    }

    // ------------------------------------------------------------------------------------------------ watches

    private void registerWatch(final WatchState state)
    {
        final Op op = new Op(Op.Kind.WATCH, null);
        op.watch = state;
        state.cursor.onRegistering();
        op.number = state.cursor.startRevision();
        state.registeredOnLink = true;
        assign(op);
    }

    private void onWatchResponse(final WatchState state, final ResultCode code, final long revision)
    {
        if (state.ended || watches.get(state.watchId) != state)
        {
            return;
        }
        if (code == ResultCode.OK)
        {
            state.cursor.onRegistered(revision);
            state.handle.lastRevision(state.cursor.lastRevision());
            if (!state.everRegistered)
            {
                state.everRegistered = true;
                final long start = state.cursor.lastRevision();
                dispatch(() ->
                {
                    state.handle.registered().complete(start);
                    if (state.handle.isActive())
                    {
                        state.listener.onRegistered(start);
                    }
                });
            }
        }
        else
        {
            endWatch(state, code);
        }
    }

    private void endWatch(final WatchState state, final ResultCode code)
    {
        if (state.ended)
        {
            return;
        }
        state.ended = true;
        watches.remove(state.watchId);
        state.handle.ended();
        final long last = state.cursor.lastRevision();
        dispatch(() ->
        {
            state.handle.registered().completeExceptionally(failure(code, "watch of " + state.key + " ended"));
            state.listener.onEnded(code, last);
        });
    }

    private void cancelWatch(final WatchState state)
    {
        if (state.ended)
        {
            return;
        }
        state.ended = true;
        state.handle.ended();
        watches.remove(state.watchId);
        dispatch(() -> state.handle.registered().cancel(false));
        if (link == Link.CONNECTED && state.registeredOnLink && !closing)
        {
            final Op op = new Op(Op.Kind.CANCEL_WATCH, null);
            op.number = state.watchId;
            op.timeoutNs = ctx.requestTimeoutNs();
            assign(op);
        }
    }

    private void onWatchEvents()
    {
        listedWatchIds.clear();
        listedWatchIds.addLong(watchEvents.watchId());
        decodeEvents(watchEvents.events());
        deliverToListedWatches();
    }

    /**
     * The gateway sent the same events once for several of this client's watches: decode once, deliver to each. The
     * events group has the layout of {@code WatchEvents}' (the schema keeps them identical), so it is read by a
     * {@code WatchEvents} decoder wrapped at the group with an acting block length of 0.
     */
    private void onSharedWatchEvents()
    {
        listedWatchIds.clear();
        for (final SharedWatchEventsDecoder.WatchesDecoder w : sharedWatchEvents.watches())
        {
            listedWatchIds.addLong(w.watchId());
        }
        sharedEventsView.wrap(frameView, sharedWatchEvents.limit(), 0, sharedWatchEvents.actingVersion());
        decodeEvents(sharedEventsView.events());
        deliverToListedWatches();
    }

    /**
     * Hand every listed watch the decoded events its cursor has not seen, in one callback task; a listener that throws
     * goes to the error handler and the others still run.
     */
    private void deliverToListedWatches()
    {
        final ArrayList<Delivery> deliveries = new ArrayList<>(listedWatchIds.size());
        for (int i = 0, n = listedWatchIds.size(); i < n; i++)
        {
            final Delivery delivery = deliveryTo(listedWatchIds.getLong(i));
            if (delivery != null)
            {
                deliveries.add(delivery);
            }
        }
        decodedEvents.clear();
        if (!deliveries.isEmpty())
        {
            final org.agrona.ErrorHandler errorHandler = ctx.errorHandler();
            dispatch(() ->
            {
                for (int i = 0, n = deliveries.size(); i < n; i++)
                {
                    try
                    {
                        deliveries.get(i).run();
                    }
                    catch (final RuntimeException ex)
                    {
                        errorHandler.onError(ex);
                    }
                }
            });
        }
    }

    private void decodeEvents(final WatchEventsDecoder.EventsDecoder events)
    {
        decodedEvents.clear();
        for (final WatchEventsDecoder.EventsDecoder e : events)
        {
            final EventType type = e.eventType();
            final long revision = e.revision();
            final long createRevision = e.createRevision();
            final long modRevision = e.modRevision();
            final long keyVersion = e.version();
            final long owner = e.ownerSessionId();
            final long prevModRevision = e.prevModRevision();
            final String key = e.key();
            e.wrapValue(valueView);
            final byte[] value = bytesOf(valueView);
            e.wrapPrevValue(valueView);
            final byte[] prevValue = bytesOf(valueView);
            decodedEvents.add(new WatchEvent(
                type, key, value, prevValue, revision, createRevision, modRevision, keyVersion, owner, prevModRevision));
        }
    }

    /**
     * The decoded events one watch's cursor has not seen (events are immutable, so watches share them), or null.
     */
    private Delivery deliveryTo(final long watchId)
    {
        final WatchState state = watches.get(watchId);
        if (state == null || state.ended)
        {
            return null;
        }
        ArrayList<WatchEvent> delivered = null;
        for (int i = 0, n = decodedEvents.size(); i < n; i++)
        {
            final WatchEvent event = decodedEvents.get(i);
            if (state.cursor.accept(event.revision()))
            {
                if (delivered == null)
                {
                    delivered = new ArrayList<>(n - i);
                }
                delivered.add(state.prevValue ? event : event.withoutPrevValue());
            }
        }
        if (delivered == null)
        {
            return null;
        }
        state.handle.lastRevision(state.cursor.lastRevision());
        return new Delivery(state, java.util.Collections.unmodifiableList(delivered));
    }

    /**
     * Events for one watch's listener, run on the callback executor.
     */
    private static final class Delivery
    {
        private final WatchState state;
        private final List<WatchEvent> events;

        Delivery(final WatchState state, final List<WatchEvent> events)
        {
            this.state = state;
            this.events = events;
        }

        void run()
        {
            if (state.handle.isActive())
            {
                state.listener.onEvents(events);
            }
        }
    }

    private void onWatchEnded(final long watchId, final ResultCode code)
    {
        final WatchState state = watches.get(watchId);
        if (state == null || state.ended)
        {
            return;
        }
        if (code == ResultCode.SLOW_CONSUMER && link == Link.CONNECTED)
        {
            registerWatch(state);
        }
        else
        {
            endWatch(state, code);
        }
    }

    private void onWatchProgress()
    {
        final long revision = watchProgress.revision();
        for (final WatchProgressDecoder.WatchesDecoder w : watchProgress.watches())
        {
            final WatchState state = watches.get(w.watchId());
            if (state != null && !state.ended)
            {
                state.cursor.onProgress(revision);
                state.handle.lastRevision(state.cursor.lastRevision());
                dispatch(() ->
                {
                    if (state.handle.isActive())
                    {
                        state.listener.onProgress(revision);
                    }
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ timeouts

    private int scan()
    {
        if (nowNs - nextScanNs < 0)
        {
            return 0;
        }
        nextScanNs = nowNs + SCAN_INTERVAL_NS;
        int work = 0;
        ArrayList<Op> expired = null;
        for (final Op op : byCorrelation.values())
        {
            if (op.retryPending ? nowNs - op.retryAtNs >= 0 : op.hasDeadline && nowNs - op.deadlineNs >= 0)
            {
                if (expired == null)
                {
                    expired = new ArrayList<>();
                }
                expired.add(op);
            }
        }
        for (final Op op : eventOps.values())
        {
            if (op.queued && op.hasDeadline && nowNs - op.deadlineNs >= 0)
            {
                if (expired == null)
                {
                    expired = new ArrayList<>();
                }
                expired.add(op);
            }
        }
        if (expired != null)
        {
            for (final Op op : expired)
            {
                work++;
                expire(op);
            }
        }
        if (session == SessionState.ACTIVE && link == Link.CONNECTED && !eventOps.isEmpty())
        {
            resyncQueued();
        }
        return work;
    }

    private void expire(final Op op)
    {
        if (op.retryPending)
        {
            op.retryPending = false;
            if (op.kind == Op.Kind.RESUME_SESSION && session != SessionState.RESUMING)
            {
                byCorrelation.remove(op.correlationId);
                return;
            }
            if (canSend(op))
            {
                sendQueue.add(op);
            }
            return;
        }
        op.hasDeadline = false;
        if (op.queued)
        {
            op.abandoned = true;
            failNow(op, ResultCode.TIMED_OUT, "no grant for " + op.name + " within the wait timeout");
            withdraw(op);
            return;
        }
        if (op.parent != null)
        {
            byCorrelation.remove(op.correlationId);
            op.parent.resyncInFlight = false;
            op.parent.resyncNeeded = true;
            return;
        }
        op.abandoned = true;
        failNow(op, ResultCode.TIMED_OUT, "no answer to " + op.kind + " within " +
            TimeUnit.NANOSECONDS.toMillis(op.timeoutNs) + " ms" +
            (op.kind.mutation ? "; it may still be applied (at most once)" : ""));
        if (op.kind.mutation)
        {
            if (canSend(op) && !sendQueue.contains(op))
            {
                sendQueue.add(op);
            }
        }
        else
        {
            byCorrelation.remove(op.correlationId);
        }
    }

    // ------------------------------------------------------------------------------------------------ close

    private void beginClose(final Op op)
    {
        if (closing)
        {
            chain(op);
            return;
        }
        closing = true;
        closeOp = op;
        closeDeadlineNs = nowNs + ctx.closeTimeoutNs();
        while (!backlog.isEmpty())
        {
            failNow(backlog.poll(), ResultCode.CANCELLED, "client closed");
        }
        if (session == SessionState.ACTIVE && link == Link.CONNECTED && tracker.canIssue())
        {
            closeSessionOp = new Op(Op.Kind.CLOSE_SESSION, null);
            assign(closeSessionOp);
        }
        else
        {
            finishClose();
        }
    }

    private void chain(final Op op)
    {
        if (link == Link.CLOSED)
        {
            dispatch(() -> op.future.complete(null));
        }
        else
        {
            closed.whenComplete((ignore, ex) -> op.future.complete(null));
        }
    }

    private int driveClose()
    {
        if (!closing || link == Link.CLOSED)
        {
            return 0;
        }
        final boolean answered = closeSessionOp == null || byCorrelation.get(closeSessionOp.correlationId) == null;
        if (answered || nowNs - closeDeadlineNs >= 0)
        {
            finishClose();
            return 1;
        }
        return 0;
    }

    private void finishClose()
    {
        if (link == Link.CONNECTED && transport.isConnected())
        {
            writer.header(nextCorrelationId++, 0, 0, 0);
            offerDirect(writer.disconnect(encodeBuffer, 0));
        }
        transport.disconnect();
        link = Link.CLOSED;
        closedFlag = true;
        for (final Op op : new ArrayList<>(byCorrelation.values()))
        {
            failNow(op, ResultCode.CANCELLED, "client closed");
        }
        for (final Op op : new ArrayList<>(eventOps.values()))
        {
            failNow(op, ResultCode.CANCELLED, "client closed");
        }
        while (!backlog.isEmpty())
        {
            failNow(backlog.poll(), ResultCode.CANCELLED, "client closed");
        }
        Op op;
        while ((op = commands.poll()) != null)
        {
            if (op.kind == Op.Kind.CLOSE_CLIENT)
            {
                final Op closeCommand = op;
                dispatch(() -> closeCommand.future.complete(null));
            }
            else if (op.kind == Op.Kind.WATCH)
            {
                op.watch.handle.ended();
            }
            else if (op.future != null)
            {
                failNow(op, ResultCode.CANCELLED, "client closed");
            }
        }
        byCorrelation.clear();
        eventOps.clear();
        sendQueue.clear();
        for (final WatchState state : watches.values())
        {
            state.ended = true;
            state.handle.ended();
        }
        watches.clear();
        if (!sessionReady.isDone())
        {
            sessionReady.completeExceptionally(new WardenException(ResultCode.CANCELLED, "client closed"));
        }
        final Op closeCommand = closeOp;
        dispatch(() ->
        {
            closed.complete(null);
            if (closeCommand != null && closeCommand.future != null)
            {
                closeCommand.future.complete(null);
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ callbacks

    private void dispatch(final Runnable task)
    {
        callbacks.execute(task);
    }

    private void complete(final Op op, final Object value)
    {
        if (op.done)
        {
            return;
        }
        op.done = true;
        if (op.future != null)
        {
            final CompletableFuture<Object> future = op.future;
            dispatch(() -> future.complete(value));
        }
    }

    private void failNow(final Op op, final ResultCode code, final String message)
    {
        if (op.done)
        {
            return;
        }
        op.done = true;
        if (op.future != null)
        {
            final CompletableFuture<Object> future = op.future;
            final WardenException failure = failure(code, message);
            dispatch(() -> future.completeExceptionally(failure));
        }
    }

    /**
     * The exception for a failed request: with the limit, usage and retry-after of the ErrorResponse being handled,
     * if any (they are set only while its refusal runs).
     */
    private WardenException failure(final ResultCode code, final String message)
    {
        return new WardenException(code, message, refusalLimit, refusalUsage, refusalRetryAfterMs);
    }

    private void report(final ConnectionState state)
    {
        if (reported == state)
        {
            return;
        }
        reported = state;
        dispatch(() -> client.onStateChanged(state));
    }

    // ------------------------------------------------------------------------------------------------ for tests

    SessionState sessionState()
    {
        return session;
    }

    Link link()
    {
        return link;
    }

    long ackedSeq()
    {
        return tracker.ackedSeq();
    }

    int unansweredCount()
    {
        return byCorrelation.size();
    }

    int queuedCount()
    {
        return eventOps.size();
    }

    int currentEndpointIndex()
    {
        return endpointIndex;
    }
}
