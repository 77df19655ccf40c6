package io.warden.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.warden.schema.FrameCheck;
import io.warden.schema.Rejections;
import io.warden.schema.RequestCheck;
import io.warden.schema.RequestWriter;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's single thread: owns the cluster link, every client connection and every table. Each duty cycle it
 * polls the cluster's egress and the clients' requests, runs its timers (keepalive batches, progress, liveness), sends
 * what is queued for the cluster, and flushes every client's batch.
 */
final class GatewayAgent implements Agent, ClusterLink.Listener, WatchFanout.Output
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int FRAGMENT_LIMIT = 64;
    private static final int SESSION_ID_OFFSET = HEADER + 8;

    private final GatewayConfig config;
    private final Aeron aeron;
    private final NanoClock clock;
    private final ClusterLink cluster;
    private final Subscription requests;
    private final FragmentAssembler requestAssembler = new FragmentAssembler(this::onClientFrame);
    private final Int2ObjectHashMap<ClientConnection> byImage = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<ClientConnection> byId = new Long2ObjectHashMap<>();
    private final ArrayList<ClientConnection> connections = new ArrayList<>();
    private final ArrayList<ClientConnection> closing = new ArrayList<>();
    private final PendingRequests pending = new PendingRequests();
    private final SessionDirectory sessions = new SessionDirectory();
    private final WatchFanout fanout;
    private final GatewayCounters counters;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RequestCheck requestCheck = new RequestCheck();
    private final Rejections rejections = new Rejections();
    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 * 1024);
    private final ExpandableArrayBuffer requestBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ConnectDecoder connectDecoder = new ConnectDecoder();
    private final ConnectResponseEncoder connectResponse = new ConnectResponseEncoder();
    private final GatewayInfoResponseEncoder gatewayInfoResponse = new GatewayInfoResponseEncoder();
    private final ClientKeepAliveDecoder clientKeepAlive = new ClientKeepAliveDecoder();
    private final ClientKeepAliveResponseEncoder clientKeepAliveResponse = new ClientKeepAliveResponseEncoder();
    private final GatewayEventEncoder gatewayEvent = new GatewayEventEncoder();
    private final SessionEventEncoder sessionEvent = new SessionEventEncoder();
    private final WatchDecoder watchDecoder = new WatchDecoder();
    private final CancelWatchDecoder cancelWatchDecoder = new CancelWatchDecoder();
    private final WatchResponseEncoder watchResponse = new WatchResponseEncoder();
    private final SessionResponseDecoder sessionResponse = new SessionResponseDecoder();
    private final KeepAliveBatchDecoder keepAliveBatch = new KeepAliveBatchDecoder();
    private final KeepAliveResponseDecoder keepAliveResponse = new KeepAliveResponseDecoder();
    private final ProgressResponseDecoder progressResponse = new ProgressResponseDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final byte[] credential;
    private final byte[] adminCredential;
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
        this.cluster = new ClusterLink(aeron, config, this);
        this.fanout = new WatchFanout(this, config.watchBufferEvents(), config.watchBufferBytes());
        this.requests = aeron.addSubscription(
            config.requestChannel(), config.requestStreamId(), image -> { }, this::onImageUnavailable);
        this.credential = config.credential().getBytes(StandardCharsets.UTF_8);
        this.adminCredential = config.adminCredential().getBytes(StandardCharsets.UTF_8);
    }

    public String roleName()
    {
        return "warden-gateway-" + config.gatewayId();
    }

    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = cluster.poll(nowNs);
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
            if (connection.publication != null)
            {
                connection.publication.close();
            }
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

    int connectionCount()
    {
        return connections.size();
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
        final ResultCode frameCode = FrameCheck.checkClientFrame(buffer, offset, length, header);
        final int templateId = FrameCheck.templateIdOf(buffer, offset, length);
        counters.framesIn.incrementRelease();
        if (connection == null)
        {
            if (templateId == ConnectDecoder.TEMPLATE_ID &&
                (frameCode == ResultCode.OK || frameCode == ResultCode.UNSUPPORTED_VERSION))
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
        if (!connection.isConnected())
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        final long correlationId = FrameCheck.correlationIdOf(buffer, offset, length);
        if (frameCode != ResultCode.OK)
        {
            toClient(connection, scratch, 0, rejections.error(scratch, 0, correlationId, frameCode, templateId));
            counters.requestsRefused.incrementRelease();
            return;
        }
        final ResultCode check = requestCheck.check(buffer, offset, length, header);
        if (check != ResultCode.OK)
        {
            refuse(connection, templateId, correlationId, check);
            return;
        }
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID:
                answerConnect(connection);
                break;
            case ClientKeepAliveDecoder.TEMPLATE_ID:
                onClientKeepAlive(connection, buffer, offset);
                break;
            case DisconnectDecoder.TEMPLATE_ID:
                close(connection);
                break;
            case GatewayInfoDecoder.TEMPLATE_ID:
                answerGatewayInfo(connection, correlationId);
                break;
            case KeepAliveBatchDecoder.TEMPLATE_ID:
                refuse(connection, templateId, correlationId, ResultCode.UNAUTHORISED);
                break;
            case WatchDecoder.TEMPLATE_ID:
                onWatch(connection, buffer, offset, correlationId);
                break;
            case CancelWatchDecoder.TEMPLATE_ID:
                onCancelWatch(connection, buffer, offset, correlationId);
                break;
            case ConfigureLimitsDecoder.TEMPLATE_ID:
                if (connection.admin)
                {
                    forward(connection, templateId, buffer, offset, length, correlationId);
                }
                else
                {
                    refuse(connection, templateId, correlationId, ResultCode.UNAUTHORISED);
                }
                break;
            default:
                onClusterRequest(connection, templateId, buffer, offset, length, correlationId);
                break;
        }
    }

    private void onClusterRequest(
        final ClientConnection connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long correlationId)
    {
        final long sessionId = buffer.getLong(offset + SESSION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
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
        forward(connection, templateId, buffer, offset, length, correlationId);
    }

    private void forward(
        final ClientConnection connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long correlationId)
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
        pending.add(connection, templateId, buffer, offset, length, null, nowNs);
        connection.pendingRequests++;
        counters.requestsForwarded.incrementRelease();
    }

    private void refuse(
        final ClientConnection connection, final int templateId, final long correlationId, final ResultCode code)
    {
        counters.requestsRefused.incrementRelease();
        toClient(connection, scratch, 0, rejections.write(scratch, 0, templateId, correlationId, code));
    }

    // ------------------------------------------------------------------------------------------------ connect

    private void onConnect(
        final int image, final DirectBuffer buffer, final int offset, final int length, final ResultCode frameCode)
    {
        final String responseChannel;
        final int responseStreamId;
        final long correlationId;
        final String clientName;
        final byte[] presented;
        try
        {
            view.wrap(buffer, offset, length);
            header.wrap(view, 0);
            connectDecoder.wrap(view, HEADER, header.blockLength(), MessageHeaderDecoder.SCHEMA_VERSION);
            correlationId = connectDecoder.correlationId();
            responseStreamId = connectDecoder.responseStreamId();
            presented = new byte[connectDecoder.credentialLength()];
            connectDecoder.getCredential(presented, 0, presented.length);
            clientName = connectDecoder.clientName();
            responseChannel = connectDecoder.responseChannel();
        }
        catch (final RuntimeException ex)
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        final long registrationId;
        try
        {
            registrationId = aeron.asyncAddExclusivePublication(
                responseChannel + (responseChannel.contains("term-length") ? "" :
                (responseChannel.contains("?") ? "|" : "?") + "term-length=" + config.clientTermLength()),
                responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            counters.framesDropped.incrementRelease();
            return;
        }
        final boolean admin = adminCredential.length > 0 && MessageDigest.isEqual(presented, adminCredential);
        final ClientConnection connection = new ClientConnection(
            nextConnectionId++, image, clientName, admin, correlationId, registrationId, header.version(), nowNs);
        if (frameCode != ResultCode.OK)
        {
            connection.connectResult.code = frameCode;
            connection.connectResult.detail = "protocol version " + header.version() + " is newer than " +
                FrameCheck.PROTOCOL_VERSION;
        }
        else if (!admin && !MessageDigest.isEqual(presented, credential))
        {
            connection.connectResult.code = ResultCode.UNAUTHORISED;
            connection.connectResult.detail = "bad credential";
        }
        else if (connections.size() >= config.maxConnections())
        {
            connection.connectResult.code = ResultCode.LIMIT_EXCEEDED;
            connection.connectResult.detail = "too many connections";
        }
        byImage.put(image, connection);
        byId.put(connection.connectionId, connection);
        connections.add(connection);
    }

    private void awaitConnecting()
    {
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final ClientConnection connection = connections.get(i);
            if (connection.state != ClientConnection.State.CONNECTING)
            {
                continue;
            }
            try
            {
                if (connection.publication == null)
                {
                    connection.publication = aeron.getExclusivePublication(connection.publicationRegistrationId);
                }
            }
            catch (final RuntimeException ex)
            {
                close(connection);
                continue;
            }
            if (connection.publication != null && connection.publication.isConnected())
            {
                if (connection.connectResult.code == ResultCode.OK)
                {
                    connection.state = ClientConnection.State.CONNECTED;
                    counters.connects.incrementRelease();
                    answerConnect(connection);
                    if (!cluster.isConnected())
                    {
                        sendGatewayEvent(connection, ResultCode.UNAVAILABLE, -1);
                    }
                }
                else
                {
                    connection.state = ClientConnection.State.CONNECTED;
                    answerConnect(connection);
                    closing.add(connection);
                }
            }
            else if (nowNs - connection.connectStartNs > config.connectTimeoutNs())
            {
                close(connection);
            }
        }
    }

    private void answerConnect(final ClientConnection connection)
    {
        final byte[] detail = connection.connectResult.detail.getBytes(StandardCharsets.UTF_8);
        final int length = HEADER + connectResponse.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(connection.connectCorrelationId)
            .code(connection.connectResult.code)
            .connectionId(connection.connectionId)
            .maxRequestLength(cluster.maxRequestLength() > 0 ? cluster.maxRequestLength() :
                connection.publication.maxMessageLength())
            .keepAliveIntervalMs(TimeUnit.NANOSECONDS.toMillis(config.clientKeepAliveIntervalNs()))
            .putDetail(detail, 0, detail.length)
            .encodedLength();
        toClient(connection, scratch, 0, length);
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

    private void onImageUnavailable(final Image image)
    {
        final ClientConnection connection = byImage.get(image.sessionId());
        if (connection != null)
        {
            close(connection);
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
        if (connection.publication != null)
        {
            connection.publication.close();
        }
        else
        {
            try
            {
                final ExclusivePublication publication =
                    aeron.getExclusivePublication(connection.publicationRegistrationId);
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
        counters.disconnects.incrementRelease();
    }

    // ------------------------------------------------------------------------------------------------ liveness

    private void onClientKeepAlive(final ClientConnection connection, final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        clientKeepAlive.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        final ClientKeepAliveDecoder.SessionsDecoder held = clientKeepAlive.sessions();
        final ClientKeepAliveResponseEncoder.SessionsEncoder answers = clientKeepAliveResponse
            .wrapAndApplyHeader(scratch, 0, headerEncoder)
            .correlationId(clientKeepAlive.correlationId())
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
        int work = 0;
        if (!closing.isEmpty())
        {
            for (final ClientConnection connection : new ArrayList<>(closing))
            {
                if (connection.outbound.isEmpty() || connection.state == ClientConnection.State.CLOSED)
                {
                    closing.remove(connection);
                    close(connection);
                }
            }
        }
        awaitConnecting();
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

    private void onWatch(
        final ClientConnection connection, final DirectBuffer buffer, final int offset, final long correlationId)
    {
        header.wrap(buffer, offset);
        watchDecoder.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        final long watchId = watchDecoder.watchId();
        final long startRevision = watchDecoder.startRevision();
        final boolean prefix = watchDecoder.flags().prefix();
        final boolean prevValue = watchDecoder.flags().prevValue();
        final byte[] key = new byte[watchDecoder.keyLength()];
        watchDecoder.getKey(key, 0, key.length);
        if (startRevision < 0)
        {
            refuse(connection, WatchDecoder.TEMPLATE_ID, correlationId, ResultCode.INVALID_ARGUMENT);
            return;
        }
        if (connection.watches.size() >= WardenLimits.MAX_WATCHES_PER_CLIENT && !connection.watches.containsKey(watchId))
        {
            refuse(connection, WatchDecoder.TEMPLATE_ID, correlationId, ResultCode.LIMIT_EXCEEDED);
            return;
        }
        fanout.subscribe(connection, correlationId, watchId, startRevision, key, prefix, prevValue);
    }

    private void onCancelWatch(
        final ClientConnection connection, final DirectBuffer buffer, final int offset, final long correlationId)
    {
        header.wrap(buffer, offset);
        cancelWatchDecoder.wrap(buffer, offset + HEADER, header.blockLength(), header.version());
        final long watchId = cancelWatchDecoder.watchId();
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
        if (connection.state == ClientConnection.State.CLOSED)
        {
            return;
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

    public void toClient(final ClientConnection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        if (connection.state != ClientConnection.State.CLOSED)
        {
            connection.outbound.append(buffer, offset, length);
        }
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
            if (connection.publication == null || connection.outbound.isEmpty() ||
                connection.state == ClientConnection.State.CONNECTING)
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
            if (connection.outbound.pendingBytes() > config.clientMaxPendingBytes())
            {
                onSlowConsumer(connection);
            }
        }
        return work;
    }

    /**
     * A client's output grew past its bound: drop its queued watch traffic and end its watches with SLOW_CONSUMER;
     * if answers alone still exceed the bound, drop the client (it can reconnect and resume).
     */
    private void onSlowConsumer(final ClientConnection connection)
    {
        counters.slowConsumers.incrementRelease();
        connection.outbound.dropWatchFrames();
        fanout.endAll(connection, ResultCode.SLOW_CONSUMER);
        if (connection.outbound.pendingBytes() > config.clientMaxPendingBytes())
        {
            close(connection);
        }
    }
}
