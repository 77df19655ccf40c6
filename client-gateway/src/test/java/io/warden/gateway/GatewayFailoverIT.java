package io.warden.gateway;

import io.warden.node.testing.TestCluster;
import io.warden.schema.protocol.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures around the gateway: the cluster's leader dies under a stream of pipelined requests, and a gateway dies
 * under its clients. Nothing acknowledged is lost, nothing is applied twice, watchers see every change once, and
 * sessions with their locks and ephemeral keys move to another gateway.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class GatewayFailoverIT
{
    private TestCluster cluster;
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<RawGatewayClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        try
        {
            clients.forEach(RawGatewayClient::close);
            gateways.forEach(Gateway::close);
            if (cluster != null)
            {
                for (int id = 0; id < cluster.memberCount(); id++)
                {
                    assertEquals(0, cluster.serviceErrorCount(id), "service errors on node " + id);
                }
            }
        }
        finally
        {
            if (cluster != null)
            {
                cluster.close();
            }
        }
    }

    private Gateway startGateway(final int id)
    {
        final Gateway gateway = Gateway.launch(new GatewayConfig()
            .gatewayId(200 + id)
            .aeronDir("/dev/shm/warden-test-gateway-" + ProcessHandle.current().pid() + "-" + id)
            .requestEndpoint("127.0.0.1:0")
            .clusterIngressEndpoints(cluster.ingressEndpoints())
            .cellSecretFile(cluster.cellSecretFile().toString())
            .clusterIngressChannel(cluster.clientIngressChannel())
            .credential("secret"));
        gateways.add(gateway);
        return gateway;
    }

    @Test
    void aGatewayWhoseWholeClusterIsGoneRetriesWithBackoffAndServesAgainWhenItReturns()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        final long baseNs = TimeUnit.MILLISECONDS.toNanos(200);
        final long maxNs = TimeUnit.MILLISECONDS.toNanos(3200);
        // a short message timeout makes each failed attempt short, so that what spaces them is the backoff
        final Gateway gateway = Gateway.launch(new GatewayConfig()
            .gatewayId(210)
            .aeronDir("/dev/shm/warden-test-gateway-" + ProcessHandle.current().pid() + "-10")
            .requestEndpoint("127.0.0.1:0")
            .clusterIngressEndpoints(cluster.ingressEndpoints())
            .cellSecretFile(cluster.cellSecretFile().toString())
            .clusterIngressChannel(cluster.clientIngressChannel())
            .clusterMessageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300))
            .clusterReconnectBackoffNs(baseNs)
            .clusterReconnectBackoffMaxNs(maxNs)
            .credential("secret"));
        gateways.add(gateway);
        final RawGatewayClient client = connect(gateway);
        final long session = openSession(client, 21, 60_000).sessionId();
        final long put = client.nextCorrelationId();
        client.send(client.writer.header(put, session, 1, 0).put(client.buffer, 0, false, "/down/a", bytes("v")));
        assertEquals(ResultCode.OK, client.awaitAnswer(put, new PutResponseDecoder()).code());

        cluster.stopAll();
        client.await(GatewayEventDecoder.TEMPLATE_ID,
            f -> client.decode(f, new GatewayEventDecoder()).code() == ResultCode.UNAVAILABLE);
        final long attemptsBefore = gateway.counters().clusterConnectAttempts.get();
        final long windowStartNs = System.nanoTime();
        final long windowNs = TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - windowStartNs < windowNs)
        {
            client.poll();
            sleep(10);
        }
        final long attempts = gateway.counters().clusterConnectAttempts.get() - attemptsBefore;
        final long elapsedNs = System.nanoTime() - windowStartNs;
        final int bound = maxAttemptsWithin(elapsedNs, baseNs, maxNs);
        assertTrue(attempts >= 2, "it keeps trying: " + attempts);
        assertTrue(attempts <= bound, attempts + " attempts in " + TimeUnit.NANOSECONDS.toMillis(elapsedNs) +
            " ms, the backoff allows at most " + bound);

        // meanwhile the gateway answers its clients, with UNAVAILABLE
        final long keepAlive = client.nextCorrelationId();
        client.send(client.writer.header(keepAlive, 0, 0, 0)
            .clientKeepAlive(client.buffer, 0, new long[]{ session }, 1));
        assertEquals(ResultCode.UNAVAILABLE,
            client.awaitAnswer(keepAlive, new ClientKeepAliveResponseDecoder()).code());
        final long info = client.nextCorrelationId();
        client.send(client.writer.header(info, 0, 0, 0).gatewayInfo(client.buffer, 0));
        assertEquals(ResultCode.UNAVAILABLE, client.awaitAnswer(info, new GatewayInfoResponseDecoder()).code());

        cluster.startAll();
        cluster.awaitLeader();
        client.await(GatewayEventDecoder.TEMPLATE_ID,
            f -> client.decode(f, new GatewayEventDecoder()).code() == ResultCode.OK);
        final long get = client.nextCorrelationId();
        client.send(client.writer.header(get, 0, 0, 0).get(client.buffer, 0, "/down/a"));
        final GetResponseDecoder value = client.awaitAnswer(get, new GetResponseDecoder());
        assertEquals(ResultCode.OK, value.code(), "served again after the cluster came back");
    }

    /**
     * The most attempts that can start within {@code windowNs} when the wait after the n-th failure is at least half
     * of min(max, base * 2^(n-1)), even if every attempt failed at once: the first one at the window's start, the
     * next ones after the shortest waits.
     */
    private static int maxAttemptsWithin(final long windowNs, final long baseNs, final long maxNs)
    {
        int attempts = 1;
        long atNs = 0;
        for (int failures = 1; ; failures++)
        {
            final long stepNs = Math.min(maxNs, baseNs << Math.min(failures - 1, 20));
            atNs += stepNs - stepNs / 2;
            if (atNs > windowNs)
            {
                return attempts;
            }
            attempts++;
        }
    }

    private RawGatewayClient connect(final Gateway gateway)
    {
        final RawGatewayClient client = new RawGatewayClient(gateway.requestChannel(), 4 * 1024 * 1024);
        clients.add(client);
        assertEquals(ResultCode.OK, client.connect("secret").code());
        return client;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SessionResponseDecoder openSession(final RawGatewayClient client, final long secret, final long ttlMs)
    {
        final long correlationId = client.nextCorrelationId();
        client.send(client.writer.header(correlationId, 0, 0, 0).openSession(client.buffer, 0, ttlMs, secret, "fo"));
        final SessionResponseDecoder session = client.awaitAnswer(correlationId, new SessionResponseDecoder());
        assertEquals(ResultCode.OK, session.code());
        return session;
    }

    @Test
    void leaderKilledDuringPipelinedPutsAndLocksLosesNothingAndDoublesNothing()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        final Gateway gateway = startGateway(0);
        final RawGatewayClient writer = connect(gateway);
        final RawGatewayClient locker = connect(gateway);
        final List<RawGatewayClient> watchers = List.of(connect(gateway), connect(gateway), connect(gateway));
        final long writerSession = openSession(writer, 11, 20_000).sessionId();
        final long lockerSession = openSession(locker, 12, 20_000).sessionId();
        for (final RawGatewayClient watcher : watchers)
        {
            final long correlationId = watcher.nextCorrelationId();
            watcher.send(watcher.writer.header(correlationId, 0, 0, 0)
                .watch(watcher.buffer, 0, 1, "/fo/", true, false, 0));
            assertEquals(ResultCode.OK, watcher.awaitAnswer(correlationId, new WatchResponseDecoder()).code());
        }

        final int puts = 300;
        final Map<Long, Integer> putByCorrelation = new HashMap<>();
        final Map<Long, Long> lockByCorrelation = new HashMap<>();
        long lockSeq = 0;
        for (int i = 0; i < puts; i++)
        {
            final long correlationId = writer.nextCorrelationId();
            putByCorrelation.put(correlationId, i);
            writer.send(writer.writer.header(correlationId, writerSession, i + 1, 0)
                .put(writer.buffer, 0, false, "/fo/" + i, bytes("v" + i)));
            if (i % 10 == 0)
            {
                final long acquire = locker.nextCorrelationId();
                lockSeq++;
                lockByCorrelation.put(acquire, lockSeq);
                locker.send(locker.writer.header(acquire, lockerSession, lockSeq, 0)
                    .createSequential(locker.buffer, 0, false, "/locks-taken/", bytes("x")));
            }
            if (i == puts / 2)
            {
                final int oldLeader = cluster.awaitLeader();
                cluster.stopNode(oldLeader);
                assertNotEquals(oldLeader, cluster.awaitLeader());
            }
            writer.poll();
            locker.poll();
        }

        final TreeMap<Integer, Long> revisionByPut = new TreeMap<>();
        for (final Map.Entry<Long, Integer> put : putByCorrelation.entrySet())
        {
            final PutResponseDecoder response = writer.awaitAnswer(put.getKey(), new PutResponseDecoder());
            assertEquals(ResultCode.OK, response.code(), "put " + put.getValue());
            assertEquals(1, response.version(), "put " + put.getValue() + " applied once");
            revisionByPut.put(put.getValue(), response.revision());
        }
        for (final Long acquire : lockByCorrelation.keySet())
        {
            assertEquals(ResultCode.OK, locker.awaitAnswer(acquire, new SequentialResponseDecoder()).code());
        }
        assertEquals(0, writer.received().stream()
            .filter(f -> RawGatewayClient.templateId(f) == PutResponseDecoder.TEMPLATE_ID).count(),
            "no request was answered twice");

        final long range = writer.nextCorrelationId();
        writer.send(writer.writer.header(range, 0, 0, 0).range(writer.buffer, 0, "/locks-taken/", "", 0, 0));
        assertEquals(lockByCorrelation.size(), writer.awaitAnswer(range, new RangeResponseDecoder()).entries().count(),
            "each sequential create applied exactly once");

        final TreeSet<Long> expectedRevisions = new TreeSet<>(revisionByPut.values());
        for (final RawGatewayClient watcher : watchers)
        {
            final List<Long> seen = new ArrayList<>();
            watcher.awaitTrue(() ->
            {
                for (final UnsafeBuffer frame : new ArrayList<>(watcher.received()))
                {
                    if (RawGatewayClient.templateId(frame) == WatchEventsDecoder.TEMPLATE_ID)
                    {
                        for (final WatchEventsDecoder.EventsDecoder event :
                            watcher.decode(frame, new WatchEventsDecoder()).events())
                        {
                            seen.add(event.revision());
                            event.skipKey();
                            event.skipValue();
                            event.skipPrevValue();
                        }
                        watcher.received().remove(frame);
                    }
                }
                return seen.size() >= expectedRevisions.size();
            });
            assertEquals(new ArrayList<>(expectedRevisions), seen, "every put seen once, in order, no gap");
        }
    }

    @Test
    void gatewayKilledClientResumesOnAnotherGatewayWithLocksAndEphemeralsIntact()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        final Gateway first = startGateway(1);
        final Gateway second = startGateway(2);
        final RawGatewayClient client = connect(first);
        final long ttlMs = 3_000;
        final long secret = 0x5EC12E7L;
        final long session = openSession(client, secret, ttlMs).sessionId();

        final long acquire = client.nextCorrelationId();
        client.send(client.writer.header(acquire, session, 1, 0)
            .acquire(client.buffer, 0, "resume-lock", LockMode.EXCLUSIVE, 0, 0));
        final LockResponseDecoder lock = client.awaitAnswer(acquire, new LockResponseDecoder());
        assertEquals(ResultCode.OK, lock.code());
        final long token = lock.token();
        final long put = client.nextCorrelationId();
        client.send(client.writer.header(put, session, 2, 1)
            .put(client.buffer, 0, true, "/services/api/instance-1", bytes("10.0.0.7:8080")));
        assertEquals(ResultCode.OK, client.awaitAnswer(put, new PutResponseDecoder()).code());

        first.close();
        gateways.remove(first);

        final RawGatewayClient resumed = connect(second);
        final long resume = resumed.nextCorrelationId();
        resumed.send(resumed.writer.header(resume, session, 0, 0).resumeSession(resumed.buffer, 0, secret));
        assertEquals(ResultCode.OK, resumed.awaitAnswer(resume, new SessionResponseDecoder()).code());

        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2 * ttlMs);
        while (System.nanoTime() < deadline)
        {
            final long keepAlive = resumed.nextCorrelationId();
            resumed.send(resumed.writer.header(keepAlive, 0, 0, 0)
                .clientKeepAlive(resumed.buffer, 0, new long[]{ session }, 1));
            final ClientKeepAliveResponseDecoder answer =
                resumed.awaitAnswer(keepAlive, new ClientKeepAliveResponseDecoder());
            assertEquals(ResultCode.OK, answer.sessions().next().code());
            resumed.poll();
            sleep(200);
        }

        final long status = resumed.nextCorrelationId();
        resumed.send(resumed.writer.header(status, session, 0, 0).lockStatus(resumed.buffer, 0, "resume-lock"));
        final LockResponseDecoder held = resumed.awaitAnswer(status, new LockResponseDecoder());
        assertEquals(ResultCode.OK, held.code(), "the lock outlived the gateway and two TTLs");
        assertEquals(token, held.token());
        final long get = resumed.nextCorrelationId();
        resumed.send(resumed.writer.header(get, 0, 0, 0).get(resumed.buffer, 0, "/services/api/instance-1"));
        final GetResponseDecoder ephemeral = resumed.awaitAnswer(get, new GetResponseDecoder());
        assertEquals(ResultCode.OK, ephemeral.code());
        assertEquals(session, ephemeral.ownerSessionId());

        final long release = resumed.nextCorrelationId();
        resumed.send(resumed.writer.header(release, session, 3, 2).release(resumed.buffer, 0, "resume-lock", token));
        assertEquals(ResultCode.OK, resumed.awaitAnswer(release, new LockResponseDecoder()).code());
    }

    @Test
    void clientThatStopsKeepingAliveLosesItsSessionAfterItsTtl()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        final Gateway gateway = startGateway(3);
        final RawGatewayClient client = connect(gateway);
        final RawGatewayClient observer = connect(gateway);
        final long session = openSession(client, 77, 1_000).sessionId();
        final long put = client.nextCorrelationId();
        client.send(client.writer.header(put, session, 1, 0).put(client.buffer, 0, true, "/alive/me", bytes("x")));
        assertEquals(ResultCode.OK, client.awaitAnswer(put, new PutResponseDecoder()).code());

        final long startNs = System.nanoTime();
        final long[] gone = { -1 };
        observer.awaitTrue(() ->
        {
            final long get = observer.nextCorrelationId();
            observer.send(observer.writer.header(get, 0, 0, 0).get(observer.buffer, 0, "/alive/me"));
            if (observer.awaitAnswer(get, new GetResponseDecoder()).code() == ResultCode.NOT_FOUND)
            {
                gone[0] = System.nanoTime() - startNs;
                return true;
            }
            sleep(50);
            return false;
        });
        System.out.println("ephemeral key of a silent client gone after " +
            TimeUnit.NANOSECONDS.toMillis(gone[0]) + " ms (TTL 1000 ms, client liveness 1500 ms)");
        final SessionEventDecoder expired = client.decode(
            client.await(SessionEventDecoder.TEMPLATE_ID, f -> true), new SessionEventDecoder());
        assertEquals(session, expired.sessionId());
        assertEquals(ResultCode.SESSION_EXPIRED, expired.code());
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
