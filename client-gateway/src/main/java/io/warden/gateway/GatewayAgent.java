package io.warden.gateway;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.warden.schema.FrameCheck;
import io.warden.schema.Rejections;
import io.warden.schema.Principals;
import io.warden.schema.RequestWriter;
import io.warden.schema.Scram;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's single thread: owns the cluster link, every client connection and every table. Each duty cycle it
 * polls the cluster's egress and the clients' requests, runs its timers (keepalive batches, progress, liveness), sends
 * what is queued for the cluster, and flushes every client's batch.
 * <p>
 * A Connect is judged (version, credential, connection limit) before anything is made for it; only an accepted one
 * becomes a {@link ClientConnection}, once its publication is up (see {@link Handshake}). Aeron calls the image
 * handlers on its conductor thread, where nothing may be closed and no table of this agent touched: they only queue
 * the image, and the duty cycle closes what it belonged to.
 */
final class GatewayAgent
    implements Agent, ClusterLink.Listener, WatchFanout.Output, ClientFrameAdapter.Listener<ClientConnection>
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int FRAGMENT_LIMIT = 64;
    private static final int SESSION_ID_OFFSET = HEADER + 8;
    /** Term length of the publication that carries a refusal: the smallest Aeron allows, used once and closed. */
    private static final String REFUSAL_TERM_LENGTH = "64k";
    private static final byte[] EMPTY = new byte[0];

    private final GatewayConfig config;
    private final Aeron aeron;
    private final NanoClock clock;
    private final ClusterLink cluster;
    private final Subscription requests;
    private final FragmentAssembler requestAssembler = new FragmentAssembler(this::onClientFrame);
    private final Int2ObjectHashMap<ClientConnection> byImage = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<ClientConnection> byId = new Long2ObjectHashMap<>();
    private final ArrayList<ClientConnection> connections = new ArrayList<>();
    private final Int2ObjectHashMap<Handshake> handshakes = new Int2ObjectHashMap<>();
    private final ArrayList<Handshake> handshakeList = new ArrayList<>();
    private final ManyToOneConcurrentArrayQueue<Image> goneImages;
    private final AtomicBoolean goneImagesOverflowed = new AtomicBoolean();
    private final Outbound.Total outputBytes = new Outbound.Total();
    private final ExpandableArrayBuffer batchBuffer = new ExpandableArrayBuffer(4096);
    private final ExpandableArrayBuffer downgradeBuffer = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer credentialView = new UnsafeBuffer(0, 0);
    private final PendingRequests pending = new PendingRequests();
    private final SessionDirectory sessions = new SessionDirectory();
    private final WatchFanout fanout;
    private final GatewayCounters counters;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ClientFrameAdapter<ClientConnection> frameAdapter = new ClientFrameAdapter<>(this);
    private final Rejections rejections = new Rejections();
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 * 1024);
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ConnectDecoder connectDecoder = new ConnectDecoder();
    private final ConnectResponseEncoder connectResponse = new ConnectResponseEncoder();
    private final GatewayInfoResponseEncoder gatewayInfoResponse = new GatewayInfoResponseEncoder();
    private final ClientKeepAliveResponseEncoder clientKeepAliveResponse = new ClientKeepAliveResponseEncoder();
    private final GatewayEventEncoder gatewayEvent = new GatewayEventEncoder();
    private final SessionEventEncoder sessionEvent = new SessionEventEncoder();
    private final WatchResponseEncoder watchResponse = new WatchResponseEncoder();
    private final SessionResponseDecoder sessionResponse = new SessionResponseDecoder();
    private final KeepAliveBatchDecoder keepAliveBatch = new KeepAliveBatchDecoder();
    private final KeepAliveResponseDecoder keepAliveResponse = new KeepAliveResponseDecoder();
    private final ProgressResponseDecoder progressResponse = new ProgressResponseDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ClientLogin login;
    private final LoginHooks loginHooks;
    private final AuditLog audit;
    private final byte[] credential;
    private final byte[] adminCredential;
    private final byte[] rateLimitDetail;
    private int acceptedHandshakes;
    private int loggingIn;
    /** The queue every connection may hold whatever the others hold: its share of the gateway's budget. */
    private final long shareBytes;
    private long[] sessionBatch = new long[64];
    private long nextConnectionId = 1;
    private long nextKeepAliveNs;
    private long nextProgressNs;
    private PendingRequest keepAliveInFlight;
    private PendingRequest progressInFlight;
    private long nowNs;

    GatewayAgent(final GatewayConfig config, final Aeron aeron, final GatewayCounters counters)
    {
        this.config = config;
        this.aeron = aeron;
        this.clock = aeron.context().nanoClock();
        this.counters = counters;
        this.cluster = new ClusterLink(aeron, config, this, counters.clusterConnectAttempts);
        this.fanout = new WatchFanout(this, config.watchBufferEvents(), config.watchBufferBytes());
        this.loginHooks = new LoginHooks();
        this.login = new ClientLogin(loginHooks, new LoginTokens(config.tokenTtlNs()));
        this.audit = new AuditLog(System.out, config.gatewayId());
        this.goneImages = new ManyToOneConcurrentArrayQueue<>(
            BitUtil.findNextPositivePowerOfTwo(Math.max(1024, config.maxConnections() + config.maxHandshakes())));
        this.requests = aeron.addSubscription(
            config.requestChannel(), config.requestStreamId(), image -> { }, this::onImageUnavailable);
        this.credential = config.credential().getBytes(StandardCharsets.UTF_8);
        this.adminCredential = config.adminCredential().getBytes(StandardCharsets.UTF_8);
        this.shareBytes = config.maxPendingBytes() / config.maxConnections();
        this.rateLimitDetail = ("over this gateway's limit of " + config.clientRequestRate() +
            " requests per second per connection (bursts of " + config.clientRequestBurst() + ")")
            .getBytes(StandardCharsets.UTF_8);
    }

    public String roleName()
    {
        return "warden-gateway-" + config.gatewayId();
    }

    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = closeGoneImages();
        work += cluster.poll(nowNs);
        work += sendToCluster();
        work += requests.poll(requestAssembler, FRAGMENT_LIMIT);
        work += timers();
        work += sendToCluster();
        work += flushClients();
        return work;
    }

    public void onClose()
    {
        for (final ClientConnection connection : new ArrayList<>(connections))
        {
            connection.publication.close();
        }
        for (final Handshake handshake : new ArrayList<>(handshakeList))
        {
            endHandshake(handshake);
        }
        cluster.close();
        requests.close();
    }

    /**
     * The {@code host:port} the request subscription is bound to (resolves port 0), or null until bound.
     */
    String resolvedRequestEndpoint()
    {
        return requests.resolvedEndpoint();
    }

    ClusterLink clusterLink()
    {
        return cluster;
    }

    // ------------------------------------------------------------------------------------------------ clients in

    private void onClientFrame(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final int image = aeronHeader.sessionId();
        final ClientConnection connection = byImage.get(image);
        counters.framesIn.incrementRelease();
        if (connection == null)
        {
            final ResultCode frameCode = frameAdapter.connectCode(buffer, offset, length);
            if (frameCode != null && !handshakes.containsKey(image))
            {
                onConnect(image, buffer, offset, length, frameCode);
            }
            else
            {
                counters.framesDropped.incrementRelease();
            }
            return;
        }
        connection.lastActivityNs = nowNs;
        if (connection.state == ClientConnection.State.LOGGING_IN)
        {
            // until the login ends only its proof, or a goodbye, is read
            final int loginTemplateId = FrameCheck.templateIdOf(buffer, offset, length);
            if (loginTemplateId == ConnectProofDecoder.TEMPLATE_ID || loginTemplateId == DisconnectDecoder.TEMPLATE_ID)
            {
                frameAdapter.onFrame(connection, buffer, offset, length);
            }
            else
            {
                counters.framesDropped.incrementRelease();
            }
            return;
        }
        if (!connection.isConnected())
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        // the gateway's own frames (connect, keepalive, info, disconnect) are never limited: a throttled client keeps
        // its sessions alive and can still say goodbye
        final int templateId = FrameCheck.templateIdOf(buffer, offset, length);
        if (connection.requestRate != null && !FrameCheck.isGatewayRequest(templateId) &&
            !connection.requestRate.tryTake(nowNs))
        {
            rateLimited(connection, templateId, FrameCheck.correlationIdOf(buffer, offset, length));
            return;
        }
        frameAdapter.onFrame(connection, buffer, offset, length);
    }

    public void onUnreadable(
        final ClientConnection connection, final long correlationId, final ResultCode code, final int templateId)
    {
        toClient(connection, scratch, 0, rejections.error(scratch, 0, correlationId, code, templateId));
        counters.requestsRefused.incrementRelease();
        audit.request(nowNs, "request refused", connection, templateId, code);
    }

    public void onRefused(
        final ClientConnection connection, final int templateId, final long correlationId, final ResultCode code)
    {
        refuse(connection, templateId, correlationId, code);
    }

    public void onConnectAgain(final ClientConnection connection)
    {
        // a retried Connect (its answer was lost); a login is not repeated, the token is not issued twice
        answerConnect(connection, "", EMPTY);
    }

    public void onConnectProof(final ClientConnection connection, final byte[] proof)
    {
        if (connection.state != ClientConnection.State.LOGGING_IN)
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        login.onProof(connection, proof);
    }

    public void onDisconnect(final ClientConnection connection)
    {
        close(connection);
    }

    public void onGatewayInfo(final ClientConnection connection, final long correlationId)
    {
        answerGatewayInfo(connection, correlationId);
    }

    public void onAdminRequest(
        final ClientConnection connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long correlationId)
    {
        if (connection.admin || connection.userId != Principals.NO_USER)
        {
            // the node decides: for a user by its permissions, for the admin credential only while auth is off
            counters.adminActions.incrementRelease();
            audit.request(nowNs, "admin request", connection, templateId, null);
            forward(connection, templateId, buffer, offset, length, correlationId, connection.principal());
        }
        else
        {
            refuse(connection, templateId, correlationId, ResultCode.UNAUTHORISED);
        }
    }

    public void onClusterRequest(
        final ClientConnection connection,
        final int templateId,
        final long sessionId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long correlationId)
    {
        if (templateId == OpenSessionDecoder.TEMPLATE_ID)
        {
            if (connection.ownedSessions.size() >= WardenLimits.MAX_SESSIONS_PER_CLIENT)
            {
                refuse(connection, templateId, correlationId, ResultCode.LIMIT_EXCEEDED);
                return;
            }
        }
        else if (templateId != ResumeSessionDecoder.TEMPLATE_ID && sessionId != 0 &&
            !connection.ownedSessions.contains(sessionId))
        {
            refuse(connection, templateId, correlationId, ResultCode.UNAUTHORISED);
            return;
        }
        forward(connection, templateId, buffer, offset, length, correlationId, connection.principal());
    }

    private void forward(
        final ClientConnection connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long correlationId,
        final long onBehalfOf)
    {
        if (connection.pendingRequests >= config.clientMaxPendingRequests())
        {
            refuse(connection, templateId, correlationId,
                cluster.isConnected() ? ResultCode.LIMIT_EXCEEDED : ResultCode.UNAVAILABLE);
            return;
        }
        final int maxRequestLength = cluster.maxRequestLength();
        if (maxRequestLength > 0 && length > maxRequestLength)
        {
            refuse(connection, templateId, correlationId, ResultCode.LIMIT_EXCEEDED);
            return;
        }
        final int cost = length + PendingRequests.REQUEST_OVERHEAD_BYTES;
        if (queuedBytes() + cost > config.maxPendingBytes() &&
            connection.outbound.pendingBytes() + connection.pendingRequestBytes + cost > shareBytes)
        {
            // the gateway's memory budget (requests waiting for the cluster count with output waiting for clients) is
            // spent, and this connection holds more than its share: as for watch traffic, within its share it goes on
            refuse(connection, templateId, correlationId,
                cluster.isConnected() ? ResultCode.LIMIT_EXCEEDED : ResultCode.UNAVAILABLE);
            return;
        }
        pending.add(connection, templateId, buffer, offset, length, null, nowNs, onBehalfOf);
        connection.pendingRequests++;
        connection.pendingRequestBytes += cost;
        counters.requestsForwarded.incrementRelease();
    }

    private void refuse(
        final ClientConnection connection, final int templateId, final long correlationId, final ResultCode code)
    {
        counters.requestsRefused.incrementRelease();
        audit.request(nowNs, "request refused", connection, templateId, code);
        toClient(connection, scratch, 0, rejections.write(scratch, 0, templateId, correlationId, code));
    }

    private void rateLimited(final ClientConnection connection, final int templateId, final long correlationId)
    {
        counters.rateLimited.incrementRelease();
        counters.requestsRefused.incrementRelease();
        audit.request(nowNs, "request refused", connection, templateId, ResultCode.RATE_LIMITED);
        final TokenBucket bucket = connection.requestRate;
        final int length = rejections.error(scratch, 0, correlationId, ResultCode.RATE_LIMITED, templateId,
            bucket.ratePerSecond(), 0, bucket.retryAfterMs(nowNs), rateLimitDetail);
        toClient(connection, scratch, 0, length);
    }

    private long queuedBytes()
    {
        return outputBytes.bytes() + pending.bytes();
    }

    // ------------------------------------------------------------------------------------------------ connect

    /**
     * Judge a Connect before making anything for it: beyond {@code maxHandshakes} it is ignored (the client retries);
     * otherwise a publication to the client is added, of the client term length if accepted, of the smallest one if
     * refused (it carries one ConnectResponse and is closed).
     */
    private void onConnect(
        final int image, final DirectBuffer buffer, final int offset, final int length, final ResultCode frameCode)
    {
        if (handshakeList.size() >= config.maxHandshakes())
        {
            counters.handshakesIgnored.incrementRelease();
            return;
        }
        final long correlationId;
        final int responseStreamId;
        final boolean admin;
        final boolean credentialOk;
        final String clientName;
        final String responseChannel;
        String user = "";
        byte[] clientNonce = EMPTY;
        String token = "";
        try
        {
            view.wrap(buffer, offset, length);
            header.wrap(view, 0);
            connectDecoder.wrap(view, HEADER, header.blockLength(), MessageHeaderDecoder.SCHEMA_VERSION);
            correlationId = connectDecoder.correlationId();
            responseStreamId = connectDecoder.responseStreamId();
            connectDecoder.wrapCredential(credentialView);
            admin = matches(credentialView, adminCredential);
            credentialOk = admin || matches(credentialView, credential);
            if (frameCode == ResultCode.OK && credentialOk)
            {
                clientName = connectDecoder.clientName();
            }
            else
            {
                connectDecoder.skipClientName();
                clientName = null;
            }
            responseChannel = connectDecoder.responseChannel();
            if (frameCode == ResultCode.OK && header.version() >= 4)
            {
                user = connectDecoder.user();
                clientNonce = new byte[connectDecoder.clientNonceLength()];
                connectDecoder.getClientNonce(clientNonce, 0, clientNonce.length);
                token = connectDecoder.token();
            }
        }
        catch (final RuntimeException ex)
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        final ResultCode code;
        final String detail;
        if (frameCode != ResultCode.OK)
        {
            code = frameCode;
            detail = "protocol version " + header.version() + " is newer than " + FrameCheck.PROTOCOL_VERSION;
        }
        else if (!credentialOk)
        {
            code = ResultCode.UNAUTHORISED;
            detail = "bad credential";
        }
        else if (config.requireLogin() && !admin && user.isEmpty() && token.isEmpty())
        {
            code = ResultCode.UNAUTHORISED;
            detail = "this gateway requires a login (user and password, or a token)";
        }
        else if (!user.isEmpty() && (user.length() > WardenLimits.MAX_AUTH_NAME_LENGTH ||
            clientNonce.length < Scram.NONCE_LENGTH / 2 || clientNonce.length > Scram.NONCE_LENGTH * 4))
        {
            code = ResultCode.INVALID_ARGUMENT;
            detail = "a login needs a user name of at most " + WardenLimits.MAX_AUTH_NAME_LENGTH +
                " characters and a client nonce of " + Scram.NONCE_LENGTH + " bytes";
        }
        else if (connections.size() + acceptedHandshakes >= config.maxConnections())
        {
            code = ResultCode.LIMIT_EXCEEDED;
            detail = "too many connections";
        }
        else
        {
            code = ResultCode.OK;
            detail = "";
        }
        final long registrationId;
        try
        {
            final ChannelUri uri = ChannelUri.parse(responseChannel);
            if (code != ResultCode.OK)
            {
                uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, REFUSAL_TERM_LENGTH);
            }
            else if (!uri.containsKey(CommonContext.TERM_LENGTH_PARAM_NAME))
            {
                uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(config.clientTermLength()));
            }
            registrationId = aeron.asyncAddExclusivePublication(uri.toString(), responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        final Handshake handshake = new Handshake(image, correlationId, header.version(), admin, clientName, code,
            detail, registrationId, nowNs, user, clientNonce, token);
        handshakes.put(image, handshake);
        handshakeList.add(handshake);
        if (handshake.accepted())
        {
            acceptedHandshakes++;
        }
        else
        {
            counters.connectsRefused.incrementRelease();
            if (code == ResultCode.UNAUTHORISED)
            {
                counters.loginsRefused.incrementRelease();
            }
            audit.record(nowNs, "connect refused", "image " + image, code + " " + detail);
        }
    }

    /**
     * Constant-time comparison of a presented credential with an expected one (an empty expected one never matches).
     */
    private static boolean matches(final DirectBuffer presented, final byte[] expected)
    {
        final int length = presented.capacity();
        int difference = length ^ expected.length;
        for (int i = 0; i < expected.length; i++)
        {
            difference |= (i < length ? presented.getByte(i) : 0) ^ expected[i];
        }
        return expected.length > 0 && difference == 0;
    }

    private int awaitHandshakes()
    {
        int work = 0;
        for (int i = handshakeList.size() - 1; i >= 0; i--)
        {
            final Handshake handshake = handshakeList.get(i);
            try
            {
                if (handshake.publication == null)
                {
                    handshake.publication = aeron.getExclusivePublication(handshake.registrationId);
                }
            }
            catch (final RuntimeException ex)
            {
                endHandshake(handshake);
                continue;
            }
            if (handshake.publication != null && handshake.publication.isConnected())
            {
                work++;
                if (handshake.accepted())
                {
                    forgetHandshake(handshake);
                    accept(handshake);
                }
                else
                {
                    final int length = connectResponse(handshake.correlationId, handshake.code, 0,
                        handshake.publication.maxMessageLength(), handshake.detail, "", EMPTY);
                    final long result = handshake.publication.offer(scratch, 0, length);
                    if (result > 0 || (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION))
                    {
                        // closing lingers: the driver still sends what was offered
                        endHandshake(handshake);
                    }
                }
            }
            else if (nowNs - handshake.startNs > config.connectTimeoutNs())
            {
                endHandshake(handshake);
            }
        }
        return work;
    }

    private void accept(final Handshake handshake)
    {
        final TokenBucket requestRate = config.clientRequestRate() > 0 ?
            new TokenBucket(config.clientRequestRate(), config.clientRequestBurst(), nowNs) : null;
        final ClientConnection connection = new ClientConnection(nextConnectionId++, handshake, handshake.publication,
            new Outbound(outputBytes, batchBuffer), requestRate, nowNs);
        byImage.put(connection.imageSessionId, connection);
        byId.put(connection.connectionId, connection);
        connections.add(connection);
        counters.connects.incrementRelease();
        if (!handshake.token.isEmpty())
        {
            login.withToken(connection, handshake.token, nowNs);
        }
        else if (!handshake.user.isEmpty())
        {
            connection.state = ClientConnection.State.LOGGING_IN;
            loggingIn++;
            login.begin(connection, nowNs);
        }
        else
        {
            connected(connection, "", EMPTY);
        }
    }

    private void connected(final ClientConnection connection, final String token, final byte[] serverSignature)
    {
        answerConnect(connection, token, serverSignature);
        if (!cluster.isConnected())
        {
            sendGatewayEvent(connection, ResultCode.UNAVAILABLE, -1);
        }
    }

    /**
     * What a login does to the connection it is for.
     */
    private final class LoginHooks implements ClientLogin.Gateway
    {
        public boolean isClusterConnected()
        {
            return cluster.isConnected();
        }

        public PendingRequest toCluster(
            final int templateId,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final PendingRequest.Handler handler)
        {
            return GatewayAgent.this.toCluster(templateId, buffer, offset, length, handler);
        }

        public void toClient(
            final ClientConnection connection, final DirectBuffer buffer, final int offset, final int length)
        {
            GatewayAgent.this.toClient(connection, buffer, offset, length);
        }

        public void loggedIn(final ClientConnection connection, final String token, final byte[] serverSignature)
        {
            if (connection.state == ClientConnection.State.LOGGING_IN)
            {
                connection.state = ClientConnection.State.CONNECTED;
                loggingIn--;
            }
            counters.loginsAccepted.incrementRelease();
            connected(connection, token, serverSignature);
        }

        public void loginFailed(final ClientConnection connection, final ResultCode code, final String detail)
        {
            counters.loginsRefused.incrementRelease();
            counters.connectsRefused.incrementRelease();
            audit.record(nowNs, "login refused", connection.who(), code + " " + detail);
            // answered straight on the publication: the connection is closed at once, its output queue with it
            final int length = connectResponse(connection.connectCorrelationId, code, 0,
                connection.publication.maxMessageLength(), detail, "", EMPTY);
            connection.publication.offer(scratch, 0, length);
            close(connection);
        }
    }

    private void forgetHandshake(final Handshake handshake)
    {
        handshakes.remove(handshake.imageSessionId);
        handshakeList.remove(handshake);
        if (handshake.accepted())
        {
            acceptedHandshakes--;
        }
    }

    /**
     * Forget a handshake that will not become a connection, closing its publication (never from an Aeron callback).
     */
    private void endHandshake(final Handshake handshake)
    {
        forgetHandshake(handshake);
        try
        {
            final ExclusivePublication publication = handshake.publication != null ? handshake.publication :
                aeron.getExclusivePublication(handshake.registrationId);
            if (publication != null)
            {
                publication.close();
            }
        }
        catch (final RuntimeException ignore)
        {
            // the publication never came up; nothing to close
        }
    }

    private void answerConnect(final ClientConnection connection, final String token, final byte[] serverSignature)
    {
        final int length = connectResponse(connection.connectCorrelationId, ResultCode.OK, connection.connectionId,
            connection.publication.maxMessageLength(), "", token, serverSignature);
        toClient(connection, scratch, 0, length);
    }

    private int connectResponse(
        final long correlationId,
        final ResultCode code,
        final long connectionId,
        final int publicationMaxMessageLength,
        final String detail,
        final String token,
        final byte[] serverSignature)
    {
        final byte[] detailBytes = detail.getBytes(StandardCharsets.UTF_8);
        final byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
        return HEADER + connectResponse.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(correlationId)
            .code(code)
            .connectionId(connectionId)
            .maxRequestLength(cluster.maxRequestLength() > 0 ? cluster.maxRequestLength() : publicationMaxMessageLength)
            .keepAliveIntervalMs(TimeUnit.NANOSECONDS.toMillis(config.clientKeepAliveIntervalNs()))
            .putDetail(detailBytes, 0, detailBytes.length)
            .putToken(tokenBytes, 0, tokenBytes.length)
            .putServerSignature(serverSignature, 0, serverSignature.length)
            .encodedLength();
    }

    private void answerGatewayInfo(final ClientConnection connection, final long correlationId)
    {
        final byte[] endpoints = config.clusterIngressEndpoints().getBytes(StandardCharsets.UTF_8);
        final int length = HEADER + gatewayInfoResponse.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(correlationId)
            .code(cluster.isConnected() ? ResultCode.OK : ResultCode.UNAVAILABLE)
            .gatewayId(config.gatewayId())
            .leaderMemberId(cluster.leaderMemberId())
            .connections(connections.size())
            .sessions(sessions.size())
            .sharedWatches(fanout.sharedCount())
            .putIngressEndpoints(endpoints, 0, endpoints.length)
            .encodedLength();
        toClient(connection, scratch, 0, length);
    }

    /**
     * On Aeron's conductor thread: only queue the image for the duty cycle.
     */
    private void onImageUnavailable(final Image image)
    {
        if (!goneImages.offer(image))
        {
            goneImagesOverflowed.set(true);
        }
    }

    private int closeGoneImages()
    {
        int work = 0;
        Image image;
        while ((image = goneImages.poll()) != null)
        {
            work++;
            closeImage(image.sessionId());
        }
        if (goneImagesOverflowed.getAndSet(false))
        {
            // some went unrecorded: look every connection's image up
            for (int i = connections.size() - 1; i >= 0; i--)
            {
                final int imageSessionId = connections.get(i).imageSessionId;
                if (requests.imageBySessionId(imageSessionId) == null)
                {
                    closeImage(imageSessionId);
                }
            }
        }
        return work;
    }

    private void closeImage(final int imageSessionId)
    {
        final ClientConnection connection = byImage.get(imageSessionId);
        if (connection != null)
        {
            close(connection);
        }
        final Handshake handshake = handshakes.get(imageSessionId);
        if (handshake != null && !handshake.accepted())
        {
            // a refusal still to be sent needs no image; an accepted handshake without one would be a dead connection
            return;
        }
        if (handshake != null)
        {
            endHandshake(handshake);
        }
    }

    /**
     * Forget a client: its watches, its pending requests (their answers have nowhere to go) and its hold on its
     * sessions, which live on at the cluster until their TTL so the client can resume them elsewhere.
     */
    private void close(final ClientConnection connection)
    {
        if (connection.state == ClientConnection.State.CLOSED)
        {
            return;
        }
        if (connection.state == ClientConnection.State.LOGGING_IN)
        {
            loggingIn--;
        }
        connection.state = ClientConnection.State.CLOSED;
        fanout.endAll(connection, null);
        pending.removeConnection(connection);
        for (final long sessionId : connection.ownedSessions.toArray(new Long[0]))
        {
            sessions.remove(sessionId);
        }
        byImage.remove(connection.imageSessionId);
        byId.remove(connection.connectionId);
        connections.remove(connection);
        connection.outbound.clear();
        connection.publication.close();
        counters.disconnects.incrementRelease();
    }

    // ------------------------------------------------------------------------------------------------ liveness

    public void onClientKeepAlive(
        final ClientConnection connection, final long correlationId, final ClientKeepAliveDecoder.SessionsDecoder held)
    {
        final ClientKeepAliveResponseEncoder.SessionsEncoder answers = clientKeepAliveResponse
            .wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(correlationId)
            .code(cluster.isConnected() ? ResultCode.OK : ResultCode.UNAVAILABLE)
            .sessionsCount(held.count());
        for (final ClientKeepAliveDecoder.SessionsDecoder session : held)
        {
            final long sessionId = session.sessionId();
            final SessionDirectory.Entry entry = sessions.get(sessionId);
            final ResultCode code;
            long confirmedAgeMs = -1;
            if (entry == null || entry.owner != connection)
            {
                code = ResultCode.UNAUTHORISED;
            }
            else
            {
                code = ResultCode.OK;
                if (entry.confirmedSendNs != Long.MIN_VALUE)
                {
                    confirmedAgeMs = confirmedAgeMs(nowNs, entry.confirmedSendNs);
                }
            }
            answers.next().sessionId(sessionId).code(code).confirmedAgeMs(confirmedAgeMs);
        }
        toClient(connection, scratch, 0, HEADER + clientKeepAliveResponse.encodedLength());
    }

    /**
     * The age of a confirmed renewal in whole milliseconds, rounded up: the client subtracts it from its own clock to
     * bound its lease from below, so a truncated age would promise up to a millisecond the cluster never gave.
     */
    static long confirmedAgeMs(final long nowNs, final long confirmedSendNs)
    {
        final long ageNs = Math.max(0, nowNs - confirmedSendNs);
        return (ageNs + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1);
    }

    private int timers()
    {
        int work = awaitHandshakes();
        if (nowNs - nextKeepAliveNs >= 0)
        {
            nextKeepAliveNs = nowNs + config.keepAliveIntervalNs();
            work += sendKeepAliveBatch();
        }
        if (nowNs - nextProgressNs >= 0)
        {
            nextProgressNs = nowNs + config.progressIntervalNs();
            work += sendProgress();
        }
        if (loggingIn > 0)
        {
            work += expireLogins();
        }
        return work;
    }

    /**
     * A login that has not ended within the connect timeout (the client never answered the challenge, or the cluster
     * never answered the gateway) ends the connection, so a client cannot hold a connection slot by stalling.
     */
    private int expireLogins()
    {
        int work = 0;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final ClientConnection connection = connections.get(i);
            if (connection.state == ClientConnection.State.LOGGING_IN &&
                nowNs - connection.loginStartNs > 2 * config.connectTimeoutNs())
            {
                loginHooks.loginFailed(connection, ResultCode.UNAUTHORISED, "the login timed out");
                work++;
            }
        }
        return work;
    }

    /**
     * Renew, in one cluster command, every session whose client has been heard from recently.
     */
    private int sendKeepAliveBatch()
    {
        if (!cluster.isConnected())
        {
            return 0;
        }
        if (keepAliveInFlight != null && nowNs - keepAliveInFlight.createdNs < 2 * config.keepAliveIntervalNs())
        {
            return 0;
        }
        int count = 0;
        for (final SessionDirectory.Entry entry : sessions.entries().values())
        {
            final ClientConnection owner = entry.owner;
            if (owner != null && owner.isConnected() && nowNs - owner.lastActivityNs <= config.clientLivenessTimeoutNs())
            {
                if (count == sessionBatch.length)
                {
                    sessionBatch = java.util.Arrays.copyOf(sessionBatch, count * 2);
                }
                sessionBatch[count++] = entry.sessionId;
            }
        }
        if (count == 0)
        {
            cluster.sendKeepAlive();
            return 1;
        }
        java.util.Arrays.sort(sessionBatch, 0, count);
        for (int from = 0; from < count; from += WardenLimits.MAX_KEEPALIVE_BATCH)
        {
            final int n = Math.min(WardenLimits.MAX_KEEPALIVE_BATCH, count - from);
            final long[] ids = java.util.Arrays.copyOfRange(sessionBatch, from, from + n);
            final int[] silentMs = new int[n];
            for (int i = 0; i < n; i++)
            {
                // the TTL counts from when the client was last heard, not from when the batch is applied
                silentMs[i] = (int)TimeUnit.NANOSECONDS.toMillis(nowNs - sessions.get(ids[i]).owner.lastActivityNs);
            }
            writer.header(0, 0, 0, 0);
            final int length = writer.keepAliveBatch(requestBuffer, 0, ids, silentMs, n);
            keepAliveInFlight = toCluster(
                KeepAliveBatchDecoder.TEMPLATE_ID, requestBuffer, 0, length, this::onKeepAliveAnswered);
        }
        counters.keepAliveBatches.incrementRelease();
        return 1;
    }

    private void onKeepAliveAnswered(
        final PendingRequest request, final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        if (keepAliveInFlight == request)
        {
            keepAliveInFlight = null;
        }
        if (templateId != KeepAliveResponseDecoder.TEMPLATE_ID)
        {
            return;
        }
        header.wrap(buffer, offset);
        keepAliveResponse.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        final java.util.HashSet<Long> failed = new java.util.HashSet<>();
        for (final KeepAliveResponseDecoder.FailuresDecoder failure : keepAliveResponse.failures())
        {
            failed.add(failure.sessionId());
            final SessionDirectory.Entry entry = sessions.remove(failure.sessionId());
            if (entry != null && entry.owner != null && entry.owner.isConnected())
            {
                final int eventLength = HEADER + sessionEvent.wrapAndApplyHeader(scratch, 0, headerEncoder)
                    .sessionId(failure.sessionId())
                    .code(failure.code())
                    .encodedLength();
                toClient(entry.owner, scratch, 0, eventLength);
            }
        }
        view.wrap(request.frame);
        header.wrap(view, 0);
        keepAliveBatch.wrap(view, HEADER, header.blockLength(), header.version());
        for (final KeepAliveBatchDecoder.SessionsDecoder renewed : keepAliveBatch.sessions())
        {
            final long sessionId = renewed.sessionId();
            final SessionDirectory.Entry entry = sessions.get(sessionId);
            // the cluster renewed the session from when its client was last heard (batch time - silence)
            final long renewedFromNs = request.createdNs - TimeUnit.MILLISECONDS.toNanos(renewed.silentMs());
            if (entry != null && !failed.contains(sessionId) && renewedFromNs > entry.confirmedSendNs)
            {
                entry.confirmedSendNs = renewedFromNs;
            }
        }
    }

    private int sendProgress()
    {
        if (!cluster.isConnected() || fanout.sharedCount() == 0 || progressInFlight != null)
        {
            return 0;
        }
        writer.header(0, 0, 0, 0);
        final int length = writer.progress(requestBuffer, 0);
        progressInFlight = toCluster(ProgressDecoder.TEMPLATE_ID, requestBuffer, 0, length,
            (request, buffer, offset, frameLength, templateId) ->
            {
                progressInFlight = null;
                if (templateId == ProgressResponseDecoder.TEMPLATE_ID)
                {
                    header.wrap(buffer, offset);
                    progressResponse.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
                    fanout.onProgress(progressResponse.revision(), connections);
                }
            });
        return 1;
    }

    // ------------------------------------------------------------------------------------------------ watches

    public void onWatch(
        final ClientConnection connection,
        final long correlationId,
        final long watchId,
        final long startRevision,
        final byte[] key,
        final boolean prefix,
        final boolean prevValue)
    {
        if (connection.watches.size() >= WardenLimits.MAX_WATCHES_PER_CLIENT && !connection.watches.containsKey(watchId))
        {
            refuse(connection, WatchDecoder.TEMPLATE_ID, correlationId, ResultCode.LIMIT_EXCEEDED);
            return;
        }
        fanout.subscribe(connection, correlationId, watchId, startRevision, key, prefix, prevValue);
    }

    public void onCancelWatch(final ClientConnection connection, final long correlationId, final long watchId)
    {
        final boolean found = fanout.unsubscribe(connection, watchId);
        final int length = HEADER + watchResponse.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(correlationId)
            .code(found ? ResultCode.OK : ResultCode.NOT_FOUND)
            .watchId(watchId)
            .revision(0)
            .compactRevision(0)
            .encodedLength();
        toClient(connection, scratch, 0, length);
    }

    // ------------------------------------------------------------------------------------------------ cluster

    public void onClusterMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        counters.clusterMessagesIn.incrementRelease();
        if (length < HEADER)
        {
            return;
        }
        final int templateId = FrameCheck.templateIdOf(buffer, offset, length);
        if (templateId >= 100 && templateId < 200 || templateId >= 300)
        {
            onClusterResponse(buffer, offset, length, templateId);
            return;
        }
        switch (templateId)
        {
            case WatchEventsDecoder.TEMPLATE_ID:
                fanout.onEvents(buffer, offset, length);
                break;
            case LockEventDecoder.TEMPLATE_ID:
            case ElectionEventDecoder.TEMPLATE_ID:
                toSessionOwner(buffer, offset, length, false);
                break;
            case SessionEventDecoder.TEMPLATE_ID:
                toSessionOwner(buffer, offset, length, true);
                break;
            default:
                break;
        }
    }

    private void onClusterResponse(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        final PendingRequest request = pending.complete(PendingRequests.correlationIdOf(buffer, offset));
        if (request == null)
        {
            return;
        }
        if (request.handler != null)
        {
            request.handler.onResponse(request, buffer, offset, length, templateId);
            return;
        }
        final ClientConnection connection = request.connection;
        connection.pendingRequests--;
        connection.pendingRequestBytes -= request.frame.length + PendingRequests.REQUEST_OVERHEAD_BYTES;
        if (connection.state == ClientConnection.State.CLOSED)
        {
            return;
        }
        final ResultCode denied = OldClientCodes.deniedCode(buffer, offset, length);
        if (denied != null)
        {
            counters.permissionDenied.incrementRelease();
            audit.request(nowNs, "request denied", connection, request.templateId, denied);
        }
        if (templateId == SessionResponseDecoder.TEMPLATE_ID)
        {
            header.wrap(buffer, offset);
            sessionResponse.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
            final ResultCode code = sessionResponse.code();
            if (request.templateId == CloseSessionDecoder.TEMPLATE_ID)
            {
                if (code == ResultCode.OK || code == ResultCode.SESSION_EXPIRED)
                {
                    view.wrap(request.frame);
                    sessions.remove(view.getLong(SESSION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
                }
            }
            else if (code == ResultCode.OK)
            {
                sessions.own(sessionResponse.sessionId(), connection);
            }
        }
        scratch.putBytes(0, buffer, offset, length);
        PendingRequests.putCorrelationId(scratch, 0, request.clientCorrelationId);
        toClient(connection, scratch, 0, length);
    }

    private void toSessionOwner(final DirectBuffer buffer, final int offset, final int length, final boolean ended)
    {
        final long sessionId = buffer.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN);
        final SessionDirectory.Entry entry = ended ? sessions.remove(sessionId) : sessions.get(sessionId);
        if (entry != null && entry.owner != null && entry.owner.isConnected())
        {
            toClient(entry.owner, buffer, offset, length);
        }
    }

    public void onClusterLeader(final int leaderMemberId)
    {
        counters.leaderChanges.incrementRelease();
        pending.requeueAll();
        fanout.onClusterLeaderChange();
        keepAliveInFlight = null;
        progressInFlight = null;
        nextKeepAliveNs = nowNs;
        for (final ClientConnection connection : connections)
        {
            if (connection.isConnected())
            {
                sendGatewayEvent(connection, ResultCode.OK, leaderMemberId);
            }
        }
    }

    public void onClusterLost()
    {
        for (final ClientConnection connection : connections)
        {
            if (connection.isConnected())
            {
                sendGatewayEvent(connection, ResultCode.UNAVAILABLE, -1);
            }
        }
    }

    private void sendGatewayEvent(final ClientConnection connection, final ResultCode code, final int leaderMemberId)
    {
        final int length = HEADER + gatewayEvent.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .code(code)
            .leaderMemberId(leaderMemberId)
            .encodedLength();
        toClient(connection, scratch, 0, length);
    }

    private int sendToCluster()
    {
        return cluster.isConnected() ? pending.send(cluster::offer) : 0;
    }

    // ------------------------------------------------------------------------------------------------ output

    /**
     * Queue a frame for a client. Every connection may queue its share of the gateway's budget (budget / max
     * connections); beyond it, it uses what the others leave. Watch traffic that would take a connection past its
     * share while all queues together are past the budget is shed, and the client is then treated as a slow consumer
     * ({@link #flushClients()}), so all watch traffic together stays under twice the budget and a prompt reader is
     * never shed for another's backlog. Answers are always queued (a request is not admitted while the budget is
     * spent). A client of protocol version 1 or 2 gets LIMIT_EXCEEDED for codes it cannot decode.
     */
    public void toClient(final ClientConnection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (connection.state == ClientConnection.State.CLOSED)
        {
            return;
        }
        if (Outbound.isWatchFrame(buffer, offset))
        {
            final int frameBytes = Outbound.FRAME_LENGTH_PREFIX + length;
            if (connection.overBudget || queuedBytes() + frameBytes > config.maxPendingBytes() &&
                connection.outbound.pendingBytes() + frameBytes > shareBytes)
            {
                connection.overBudget = true;
                return;
            }
        }
        if (OldClientCodes.needsRewrite(connection.protocolVersion, buffer, offset, length))
        {
            downgradeBuffer.putBytes(0, buffer, offset, length);
            OldClientCodes.rewrite(connection.protocolVersion, downgradeBuffer, 0, length);
            connection.outbound.append(downgradeBuffer, 0, length);
            return;
        }
        connection.outbound.append(buffer, offset, length);
    }

    public PendingRequest toCluster(
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final PendingRequest.Handler handler)
    {
        return pending.add(null, templateId, buffer, offset, length, handler, nowNs);
    }

    public PendingRequest toClusterFor(
        final long onBehalfOf,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final PendingRequest.Handler handler)
    {
        return pending.add(null, templateId, buffer, offset, length, handler, nowNs, onBehalfOf);
    }

    public int maxClientFrameLength()
    {
        return config.clientTermLength() / 8 - 64;
    }

    private int flushClients()
    {
        int work = 0;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final ClientConnection connection = connections.get(i);
            if (connection.outbound.isEmpty() && !connection.overBudget)
            {
                continue;
            }
            final int sent = connection.outbound.flush(connection.publication);
            if (sent < 0)
            {
                close(connection);
                continue;
            }
            work += sent;
            if (connection.overBudget || connection.outbound.pendingBytes() > config.clientMaxPendingBytes())
            {
                onSlowConsumer(connection);
            }
        }
        return work;
    }

    /**
     * A client's output grew past its bound, or had watch traffic shed because all queues together reached the
     * gateway's: drop its queued watch traffic and end its watches with SLOW_CONSUMER; if its answers alone still
     * exceed its bound, or its share while the gateway is over its budget, drop the client (it can reconnect and
     * resume).
     */
    private void onSlowConsumer(final ClientConnection connection)
    {
        counters.slowConsumers.incrementRelease();
        connection.overBudget = false;
        connection.outbound.dropWatchFrames();
        fanout.endAll(connection, ResultCode.SLOW_CONSUMER);
        if (connection.outbound.pendingBytes() > config.clientMaxPendingBytes() ||
            connection.outbound.pendingBytes() > shareBytes && queuedBytes() > config.maxPendingBytes())
        {
            close(connection);
        }
    }
}
