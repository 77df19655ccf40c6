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

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RawGatewayClient connected()
    {
        final RawGatewayClient client = new RawGatewayClient(gateway.requestChannel(), 8 * 1024 * 1024);
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
        try (RawGatewayClient writer = connected(); RawGatewayClient slow = connected(); RawGatewayClient fast = connected())
        {
            final long session = openSession(writer, 6);
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
                lastRevision = writer.awaitAnswer(correlationId, new PutResponseDecoder()).revision();
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
