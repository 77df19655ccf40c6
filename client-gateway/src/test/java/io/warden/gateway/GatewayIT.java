package io.warden.gateway;

import io.warden.node.testing.TestCluster;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway in front of a real 3-node cluster, spoken to frame by frame: connecting and credentials, forwarding
 * and session ownership, bad input, watch fan-out through one cluster registration, and a slow consumer cut off
 * while others go on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class GatewayIT
{
    private static TestCluster cluster;
    private static Gateway gateway;

    @BeforeAll
    static void start()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        gateway = Gateway.launch(new GatewayConfig()
            .gatewayId(101)
            .aeronDir("/dev/shm/warden-test-gateway-" + ProcessHandle.current().pid())
            .requestEndpoint("127.0.0.1:0")
            .clusterIngressEndpoints(cluster.ingressEndpoints())
            .cellSecretFile(cluster.cellSecretFile().toString())
            .clusterIngressChannel(cluster.clientIngressChannel())
            .credential("secret")
            .adminCredential("admin")
            .clientMaxPendingBytes(256 * 1024)
            .progressIntervalNs(TimeUnit.MILLISECONDS.toNanos(200)));
    }

    @AfterAll
    static void stop()
    {
        try
        {
            if (gateway != null)
            {
                gateway.close();
            }
            for (int id = 0; id < cluster.memberCount(); id++)
            {
                assertEquals(0, cluster.serviceErrorCount(id), "service errors on node " + id);
            }
        }
        finally
        {
            cluster.close();
        }
    }

    /**
     * Another gateway in front of the same cluster, with some settings of its own; close it.
     */
    private static Gateway extraGateway(final int id, final UnaryOperator<GatewayConfig> settings)
    {
        return Gateway.launch(settings.apply(new GatewayConfig()
            .gatewayId(id)
            .aeronDir("/dev/shm/warden-test-gateway-" + ProcessHandle.current().pid() + "-" + id)
            .requestEndpoint("127.0.0.1:0")
            .clusterIngressEndpoints(cluster.ingressEndpoints())
            .cellSecretFile(cluster.cellSecretFile().toString())
            .clusterIngressChannel(cluster.clientIngressChannel())
            .credential("secret")
            .progressIntervalNs(TimeUnit.MILLISECONDS.toNanos(200))));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RawGatewayClient connected()
    {
        return connected(gateway);
    }

    private static RawGatewayClient connected(final Gateway target)
    {
        final RawGatewayClient client = new RawGatewayClient(target.requestChannel(), 8 * 1024 * 1024);
        assertEquals(ResultCode.OK, client.connect("secret").code());
        return client;
    }

    private static long openSession(final RawGatewayClient client, final long secret)
    {
        final long correlationId = client.nextCorrelationId();
        client.send(client.writer.header(correlationId, 0, 0, 0).openSession(client.buffer, 0, 10_000, secret, "it"));
        final SessionResponseDecoder session = client.awaitAnswer(correlationId, new SessionResponseDecoder());
        assertEquals(ResultCode.OK, session.code());
        return session.sessionId();
    }

    @Test
    void wrongCredentialIsRefusedAndOthersAreServed()
    {
        try (RawGatewayClient intruder = new RawGatewayClient(gateway.requestChannel(), 1024 * 1024);
            RawGatewayClient good = connected())
        {
            final ConnectResponseDecoder refused = intruder.connect("guess");
            assertEquals(ResultCode.UNAUTHORISED, refused.code());

            final long session = openSession(good, 1);
            final long correlationId = good.nextCorrelationId();
            good.send(good.writer.header(correlationId, session, 1, 0).put(good.buffer, 0, false, "/gw/a", bytes("1")));
            assertEquals(ResultCode.OK, good.awaitAnswer(correlationId, new PutResponseDecoder()).code());
        }
    }

    @Test
    void requestsAreForwardedWithTheClientsCorrelationIds()
    {
        try (RawGatewayClient client = connected())
        {
            final long session = openSession(client, 2);
            final long put = client.nextCorrelationId();
            client.send(client.writer.header(put, session, 1, 0).put(client.buffer, 0, false, "/gw/b", bytes("v")));
            final PutResponseDecoder putResponse = client.awaitAnswer(put, new PutResponseDecoder());
            assertEquals(ResultCode.OK, putResponse.code());
            assertEquals(put, putResponse.correlationId());

            final long get = client.nextCorrelationId();
            client.send(client.writer.header(get, 0, 0, 0).get(client.buffer, 0, "/gw/b"));
            final GetResponseDecoder getResponse = client.awaitAnswer(get, new GetResponseDecoder());
            assertEquals(ResultCode.OK, getResponse.code());
            assertEquals(putResponse.revision(), getResponse.modRevision());

            final long acquire = client.nextCorrelationId();
            client.send(client.writer.header(acquire, session, 2, 1)
                .acquire(client.buffer, 0, "gw-lock", LockMode.EXCLUSIVE, 0, 0));
            final LockResponseDecoder lock = client.awaitAnswer(acquire, new LockResponseDecoder());
            assertEquals(ResultCode.OK, lock.code());
            assertTrue(lock.token() > 0);
        }
    }

    @Test
    void sessionsOfOtherConnectionsCannotBeUsed()
    {
        try (RawGatewayClient owner = connected(); RawGatewayClient other = connected())
        {
            final long session = openSession(owner, 3);
            final long correlationId = other.nextCorrelationId();
            other.send(other.writer.header(correlationId, session, 1, 0).put(other.buffer, 0, false, "/gw/x", bytes("v")));
            assertEquals(ResultCode.UNAUTHORISED, other.awaitAnswer(correlationId, new PutResponseDecoder()).code());

            final long keepAlive = other.nextCorrelationId();
            other.send(other.writer.header(keepAlive, 0, 0, 0).keepAliveBatch(other.buffer, 0, new long[]{ session }, 1));
            assertEquals(ResultCode.UNAUTHORISED, other.awaitAnswer(keepAlive, new KeepAliveResponseDecoder()).code());

            final long limits = other.nextCorrelationId();
            other.send(other.writer.header(limits, 0, 0, 0).configureLimits(other.buffer, 0, 128 * 1024, 0, 0));
            assertEquals(ResultCode.UNAUTHORISED, other.awaitAnswer(limits, new StatusResponseDecoder()).code());
        }
    }

    @Test
    void badInputGetsCodesAndTheGatewayKeepsServing()
    {
        try (RawGatewayClient client = connected())
        {
            final long session = openSession(client, 4);

            client.send(new UnsafeBuffer(new byte[]{ 9, 9, 9 }), 3);
            assertEquals(ResultCode.MALFORMED, client.decode(
                client.await(ErrorResponseDecoder.TEMPLATE_ID, f -> true), new ErrorResponseDecoder()).code());

            final long newer = client.nextCorrelationId();
            final int length = client.writer.header(newer, session, 1, 0).put(client.buffer, 0, false, "/gw/n", bytes("v"));
            client.buffer.putShort(6, (short)42, ByteOrder.LITTLE_ENDIAN);
            client.send(length);
            final ErrorResponseDecoder unsupported = client.decode(
                client.await(ErrorResponseDecoder.TEMPLATE_ID, f -> RawGatewayClient.correlationIdOf(f) == newer),
                new ErrorResponseDecoder());
            assertEquals(ResultCode.UNSUPPORTED_VERSION, unsupported.code());

            final long truncated = client.nextCorrelationId();
            final int full = client.writer.header(truncated, session, 1, 0).put(client.buffer, 0, false, "/gw/t", bytes("vv"));
            client.send(full - 1);
            assertEquals(ResultCode.MALFORMED, client.awaitAnswer(truncated, new PutResponseDecoder()).code());

            final long reserved = client.nextCorrelationId();
            client.send(client.writer.header(reserved, session, 1, 0)
                .put(client.buffer, 0, false, "/_warden/election/x", bytes("v")));
            assertEquals(ResultCode.RESERVED_KEY, client.awaitAnswer(reserved, new PutResponseDecoder()).code());

            final byte[] tooLarge = new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1];
            final long large = client.nextCorrelationId();
            client.send(client.writer.header(large, session, 1, 0)
                .put(client.buffer, 0, false, bytes("/gw/large"), tooLarge, 0, tooLarge.length));
            assertEquals(ResultCode.VALUE_TOO_LARGE, client.awaitAnswer(large, new PutResponseDecoder()).code());

            final byte[] beyondIngress = new byte[600 * 1024];
            final long huge = client.nextCorrelationId();
            client.send(client.writer.header(huge, session, 1, 0)
                .put(client.buffer, 0, false, bytes("/gw/huge"), beyondIngress, 0, beyondIngress.length));
            assertEquals(ResultCode.LIMIT_EXCEEDED, client.awaitAnswer(huge, new PutResponseDecoder()).code());

            final TxnSpec tooMany = new TxnSpec();
            for (int i = 0; i <= WardenLimits.MAX_TXN_OPS; i++)
            {
                tooMany.thenDelete("/gw/k" + i);
            }
            final long txn = client.nextCorrelationId();
            client.send(client.writer.header(txn, session, 1, 0).txn(client.buffer, 0, tooMany));
            assertEquals(ResultCode.LIMIT_EXCEEDED, client.awaitAnswer(txn, new TxnResponseDecoder()).code());

            final long ok = client.nextCorrelationId();
            client.send(client.writer.header(ok, session, 1, 0).put(client.buffer, 0, false, "/gw/ok", bytes("v")));
            assertEquals(ResultCode.OK, client.awaitAnswer(ok, new PutResponseDecoder()).code());
        }
    }

    @Test
    void oneClusterRegistrationServesEveryWatcherExactlyOnce()
    {
        final List<RawGatewayClient> watchers = new ArrayList<>();
        try (RawGatewayClient writer = connected())
        {
            final long session = openSession(writer, 5);
            final long watchesBefore = status(writer).watches();
            for (int i = 0; i < 5; i++)
            {
                final RawGatewayClient watcher = connected();
                watchers.add(watcher);
                for (int w = 0; w < 4; w++)
                {
                    final long correlationId = watcher.nextCorrelationId();
                    watcher.send(watcher.writer.header(correlationId, 0, 0, 0)
                        .watch(watcher.buffer, 0, 100 + w, "/gw/fan", false, false, 0));
                    assertEquals(ResultCode.OK, watcher.awaitAnswer(correlationId, new WatchResponseDecoder()).code());
                }
            }
            assertEquals(watchesBefore + 1, status(writer).watches(), "20 client watches, 1 cluster registration");

            final long put = writer.nextCorrelationId();
            writer.send(writer.writer.header(put, session, 1, 0).put(writer.buffer, 0, false, "/gw/fan", bytes("v1")));
            final long revision = writer.awaitAnswer(put, new PutResponseDecoder()).revision();

            for (final RawGatewayClient watcher : watchers)
            {
                final SharedWatchEventsDecoder shared = watcher.decode(
                    watcher.await(SharedWatchEventsDecoder.TEMPLATE_ID, f -> true), new SharedWatchEventsDecoder());
                final List<Long> watchIds = new ArrayList<>();
                for (final SharedWatchEventsDecoder.WatchesDecoder w : shared.watches())
                {
                    watchIds.add(w.watchId());
                }
                assertEquals(List.of(100L, 101L, 102L, 103L), watchIds, "one frame carries the event to all 4 watches");
                final SharedWatchEventsDecoder.EventsDecoder event = shared.events();
                assertEquals(1, event.count());
                assertEquals(revision, event.next().revision());
                assertEquals("/gw/fan", event.key());
                assertEquals("v1", new String(readValue(event), StandardCharsets.UTF_8));
                final long extra = watcher.received().stream()
                    .filter(f -> RawGatewayClient.templateId(f) == WatchEventsDecoder.TEMPLATE_ID ||
                        RawGatewayClient.templateId(f) == SharedWatchEventsDecoder.TEMPLATE_ID).count();
                assertEquals(0, extra, "exactly one event per watch");
            }
        }
        finally
        {
            watchers.forEach(RawGatewayClient::close);
        }
    }

    @Test
    void aVersionOneClientGetsOneWatchEventsFramePerWatch()
    {
        try (RawGatewayClient writer = connected();
            RawGatewayClient old = new RawGatewayClient(gateway.requestChannel(), 8 * 1024 * 1024))
        {
            assertEquals(ResultCode.OK, old.connect("secret", 1).code());
            final long session = openSession(writer, 8);
            for (int w = 0; w < 3; w++)
            {
                final long correlationId = old.nextCorrelationId();
                old.send(old.writer.header(correlationId, 0, 0, 0).watch(old.buffer, 0, 300 + w, "/gw/v1", false, false, 0));
                assertEquals(ResultCode.OK, old.awaitAnswer(correlationId, new WatchResponseDecoder()).code());
            }
            final long put = writer.nextCorrelationId();
            writer.send(writer.writer.header(put, session, 1, 0).put(writer.buffer, 0, false, "/gw/v1", bytes("v")));
            final long revision = writer.awaitAnswer(put, new PutResponseDecoder()).revision();

            for (int w = 0; w < 3; w++)
            {
                final long watchId = 300 + w;
                final WatchEventsDecoder events = old.decode(old.await(WatchEventsDecoder.TEMPLATE_ID,
                    f -> f.getLong(8, ByteOrder.LITTLE_ENDIAN) == watchId), new WatchEventsDecoder());
                assertEquals(revision, events.events().next().revision());
            }
            assertEquals(0, old.received().stream()
                .filter(f -> RawGatewayClient.templateId(f) == SharedWatchEventsDecoder.TEMPLATE_ID).count(),
                "a version 1 client cannot decode SharedWatchEvents");
        }
    }

    @Test
    void slowConsumerIsCutOffWhileOthersKeepUp()
    {
        slowConsumerIsCutOffWhileOthersKeepUp(gateway, 6);
    }

    @Test
    void theGatewayWideBudgetCutsOffASlowConsumerBelowItsOwnBound()
    {
        // 8 connections share 512 KiB (64 KiB each for sure); one client alone may queue 64 MiB, which it never reaches
        try (Gateway budgeted = extraGateway(103, c -> c
            .maxConnections(8)
            .maxPendingBytes(512 * 1024)
            .clientMaxPendingBytes(64 * 1024 * 1024)))
        {
            slowConsumerIsCutOffWhileOthersKeepUp(budgeted, 9);
            assertTrue(budgeted.counters().slowConsumers.get() >= 1);
        }
    }

    private static void slowConsumerIsCutOffWhileOthersKeepUp(final Gateway target, final long sessionSecret)
    {
        try (RawGatewayClient writer = connected(target);
            RawGatewayClient slow = connected(target);
            RawGatewayClient fast = connected(target))
        {
            final long session = openSession(writer, sessionSecret);
            for (final RawGatewayClient watcher : List.of(slow, fast))
            {
                final long correlationId = watcher.nextCorrelationId();
                watcher.send(watcher.writer.header(correlationId, 0, 0, 0)
                    .watch(watcher.buffer, 0, 7, "/gw/flood/", true, false, 0));
                assertEquals(ResultCode.OK, watcher.awaitAnswer(correlationId, new WatchResponseDecoder()).code());
            }
            slow.pause(true);
            final byte[] value = new byte[16 * 1024];
            long lastRevision = 0;
            long seq = 0;
            for (int i = 0; i < 600; i++)
            {
                final long correlationId = writer.nextCorrelationId();
                seq++;
                writer.send(writer.writer.header(correlationId, session, seq, seq - 1)
                    .put(writer.buffer, 0, false, bytes("/gw/flood/" + (i % 10)), value, 0, value.length));
                final PutResponseDecoder answer = writer.awaitAnswer(correlationId, new PutResponseDecoder());
                assertEquals(ResultCode.OK, answer.code(), "the writer is within its share");
                lastRevision = answer.revision();
                fast.poll();
            }
            final long expected = lastRevision;
            final long[] fastSeen = { 0 };
            fast.awaitTrue(() ->
            {
                for (final UnsafeBuffer frame : fast.received())
                {
                    if (RawGatewayClient.templateId(frame) == WatchEventsDecoder.TEMPLATE_ID)
                    {
                        final WatchEventsDecoder events = fast.decode(frame, new WatchEventsDecoder());
                        for (final WatchEventsDecoder.EventsDecoder e : events.events())
                        {
                            assertEquals(fastSeen[0] == 0 ? e.revision() : fastSeen[0] + 1, e.revision(),
                                "the fast watcher sees every revision in order");
                            fastSeen[0] = e.revision();
                            e.skipKey();
                            e.skipValue();
                            e.skipPrevValue();
                        }
                    }
                }
                fast.received().clear();
                return fastSeen[0] == expected;
            });

            slow.pause(false);
            final WatchEndedDecoder ended = slow.decode(
                slow.await(WatchEndedDecoder.TEMPLATE_ID, f -> true), new WatchEndedDecoder());
            assertEquals(7, ended.watchId());
            assertEquals(ResultCode.SLOW_CONSUMER, ended.code());
        }
    }

    @Test
    void requestsOverTheRateLimitAreRefusedWhileKeepAlivesAndInfoAreNot()
    {
        try (Gateway limited = extraGateway(102, c -> c.clientRequestRate(1).clientRequestBurst(3));
            RawGatewayClient client = connected(limited))
        {
            final long startNs = System.nanoTime();
            final List<UnsafeBuffer> answers = burstOfGets(client, 8);
            final long elapsedS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
            final List<ErrorResponseDecoder> refused = new ArrayList<>();
            int served = 0;
            for (final UnsafeBuffer answer : answers)
            {
                if (RawGatewayClient.templateId(answer) == GetResponseDecoder.TEMPLATE_ID)
                {
                    served++;
                }
                else
                {
                    refused.add(client.decode(answer, new ErrorResponseDecoder()));
                }
            }
            assertTrue(served >= 3, "the burst is served: " + served);
            assertTrue(served <= 3 + elapsedS + 1, "then one per second: " + served + " in " + elapsedS + " s");
            assertTrue(!refused.isEmpty());
            for (final ErrorResponseDecoder error : refused)
            {
                assertEquals(ResultCode.RATE_LIMITED, error.code());
                assertEquals(GetDecoder.TEMPLATE_ID, error.templateId());
                assertEquals(1, error.limitValue(), "requests per second allowed");
                assertTrue(error.retryAfterMs() >= 1 && error.retryAfterMs() <= 1000, "next token within 1 s");
                final String detail = error.detail();
                assertTrue(detail.contains("1 requests per second per connection (bursts of 3)"), detail);
            }
            assertEquals(refused.size(), limited.counters().rateLimited.get());

            // the bucket is dry, yet the gateway's own frames go through: a throttled client keeps its sessions
            final long info = client.nextCorrelationId();
            client.send(client.writer.header(info, 0, 0, 0).gatewayInfo(client.buffer, 0));
            assertEquals(ResultCode.OK, client.awaitAnswer(info, new GatewayInfoResponseDecoder()).code());
            final long keepAlive = client.nextCorrelationId();
            client.send(client.writer.header(keepAlive, 0, 0, 0).clientKeepAlive(client.buffer, 0, new long[0], 0));
            assertEquals(ResultCode.OK, client.awaitAnswer(keepAlive, new ClientKeepAliveResponseDecoder()).code());
        }
    }

    @Test
    void aVersionTwoClientGetsLimitExceededWhereOthersGetRateLimited()
    {
        try (Gateway limited = extraGateway(104, c -> c.clientRequestRate(1).clientRequestBurst(1));
            RawGatewayClient old = new RawGatewayClient(limited.requestChannel(), 1024 * 1024))
        {
            assertEquals(ResultCode.OK, old.connect("secret", 2).code());
            int refused = 0;
            for (final UnsafeBuffer answer : burstOfGets(old, 6))
            {
                final int code = answer.getShort(MessageHeaderDecoder.ENCODED_LENGTH + 8, ByteOrder.LITTLE_ENDIAN);
                assertNotEquals(ResultCode.RATE_LIMITED.value(), code, "a version 2 client cannot decode RATE_LIMITED");
                if (RawGatewayClient.templateId(answer) == ErrorResponseDecoder.TEMPLATE_ID)
                {
                    final ErrorResponseDecoder error = old.decode(answer, new ErrorResponseDecoder());
                    assertEquals(ResultCode.LIMIT_EXCEEDED, error.code());
                    assertEquals(GetDecoder.TEMPLATE_ID, error.templateId());
                    refused++;
                }
            }
            assertTrue(refused > 0, "the gateway refused some");
            assertEquals(refused, limited.counters().rateLimited.get());
        }
    }

    @Test
    void refusedConnectsHoldNoConnectionAndHandshakesInProgressAreBounded()
    {
        final String nobody = "aeron:udp?endpoint=127.0.0.1:9";
        try (Gateway small = extraGateway(105, c -> c
            .maxConnections(2)
            .maxHandshakes(3)
            .connectTimeoutNs(TimeUnit.SECONDS.toNanos(2)));
            RawGatewayClient first = connected(small);
            RawGatewayClient stuck1 = new RawGatewayClient(small.requestChannel(), 1024 * 1024);
            RawGatewayClient stuck2 = new RawGatewayClient(small.requestChannel(), 1024 * 1024);
            RawGatewayClient stuck3 = new RawGatewayClient(small.requestChannel(), 1024 * 1024);
            RawGatewayClient second = new RawGatewayClient(small.requestChannel(), 1024 * 1024);
            RawGatewayClient third = new RawGatewayClient(small.requestChannel(), 1024 * 1024);
            RawGatewayClient late = new RawGatewayClient(small.requestChannel(), 1024 * 1024))
        {
            // two bad credentials whose answers can never be delivered: refused handshakes, held until they time out
            stuck1.sendConnect("guess", nobody);
            stuck2.sendConnect("guess", nobody);
            first.awaitTrue(() -> small.counters().connectsRefused.get() == 2);

            assertEquals(ResultCode.OK, second.connect("secret").code(), "refusals take no connection slot");
            final long info = first.nextCorrelationId();
            first.send(first.writer.header(info, 0, 0, 0).gatewayInfo(first.buffer, 0));
            assertEquals(2, first.awaitAnswer(info, new GatewayInfoResponseDecoder()).connections());

            final ConnectResponseDecoder full = third.connect("secret");
            assertEquals(ResultCode.LIMIT_EXCEEDED, full.code());
            assertEquals("too many connections", full.detail());

            // a third handshake that cannot complete fills the handshake slots: the next Connect is ignored
            stuck3.sendConnect("guess", nobody);
            first.awaitTrue(() -> small.counters().connectsRefused.get() == 4);
            late.sendConnect("secret", late.responseChannel());
            first.awaitTrue(() -> small.counters().handshakesIgnored.get() >= 1);

            // once the stuck ones time out the late client is answered (refused: the two connections are still there)
            assertEquals(ResultCode.LIMIT_EXCEEDED, late.connectRetrying("secret").code());
        }
    }

    /**
     * Send {@code count} gets back to back, then collect every answer, in order.
     */
    private static List<UnsafeBuffer> burstOfGets(final RawGatewayClient client, final int count)
    {
        final List<Long> correlationIds = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final long correlationId = client.nextCorrelationId();
            correlationIds.add(correlationId);
            client.send(client.writer.header(correlationId, 0, 0, 0).get(client.buffer, 0, "/gw/rate"));
        }
        final List<UnsafeBuffer> answers = new ArrayList<>();
        for (final long correlationId : correlationIds)
        {
            answers.add(client.awaitAnyAnswer(correlationId));
        }
        return answers;
    }

    private static byte[] readValue(final SharedWatchEventsDecoder.EventsDecoder event)
    {
        final byte[] value = new byte[event.valueLength()];
        event.getValue(value, 0, value.length);
        return value;
    }

    private static StatusResponseDecoder status(final RawGatewayClient client)
    {
        final long correlationId = client.nextCorrelationId();
        client.send(client.writer.header(correlationId, 0, 0, 0).status(client.buffer, 0));
        return client.awaitAnswer(correlationId, new StatusResponseDecoder());
    }
}
