package io.warden.client;

import io.warden.gateway.Gateway;
import io.warden.schema.protocol.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.warden.client.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The client through failures: its gateway dies (the client moves to the next one, resumes its session with its lock
 * and watch, and its unanswered requests are applied once), and the cluster's leader dies under pipelined writes
 * (nothing acknowledged lost, nothing applied twice, the watcher sees every change once).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class ClientFailoverIT
{
    private GatewayFixture fixture;

    @AfterEach
    void stop()
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeadGatewayIsReplacedAndTheSessionLockWatchAndPendingWritesCarryOn()
    {
        fixture = GatewayFixture.start();
        final Gateway second = fixture.addGateway();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final WardenClient client = fixture.track(WardenClient.connect(fixture.context("mover")
            .reconnectBackoffNs(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(500))
            .connectionStateListener((c, state) -> states.add(state))));
        final WardenClient writer = fixture.track(WardenClient.connect(fixture.context("writer")
            .gatewayEndpoints(second.requestEndpoint())));
        final long session = client.sessionId();

        final WardenLock lock = new WardenLock(client, "it-mover");
        final long token = lock.acquire();
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final WatchHandle watch = client.watchPrefix("/it/move/", 0, events::add);
        client.await(watch.registered());
        client.await(client.putEphemeral("/it/move/me", bytes("alive")));

        final List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            puts.add(client.put("/it/move/k" + i, bytes("v" + i)));
        }
        fixture.gateway.close();
        for (int i = 50; i < 100; i++)
        {
            puts.add(client.put("/it/move/k" + i, bytes("v" + i)));
        }
        puts.forEach(client::await);

        await(() -> states.contains(ConnectionState.RECONNECTED), "RECONNECTED");
        assertEquals(List.of(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.RECONNECTED),
            states);
        assertEquals(session, client.sessionId(), "the same session, resumed");
        assertTrue(lock.isHeld());
        assertTrue(writer.await(writer.checkFence("it-mover", token)), "the lock survived the move");
        assertEquals(session, writer.await(writer.get("/it/move/me")).ownerSessionId(), "the ephemeral key too");
        for (int i = 0; i < 100; i++)
        {
            assertEquals(1, writer.await(writer.get("/it/move/k" + i)).version(), "applied once: k" + i);
        }

        final PutResult after = writer.await(writer.put("/it/move/after", bytes("x")));
        await(() -> !events.isEmpty() && events.get(events.size() - 1).revision() == after.revision(),
            "the watch follows on the new gateway");
        final Map<String, Integer> seen = new TreeMap<>();
        long previous = 0;
        for (final WatchEvent event : events)
        {
            assertTrue(event.revision() >= previous, "in revision order");
            previous = event.revision();
            seen.merge(event.key(), 1, Integer::sum);
        }
        for (int i = 0; i < 100; i++)
        {
            assertEquals(1, seen.get("/it/move/k" + i), "seen once: k" + i);
        }
        assertTrue(lock.release());
    }

    @Test
    void aDeadLeaderUnderPipelinedWritesLosesNothingAndDoublesNothing()
    {
        fixture = GatewayFixture.start();
        final WardenClient client = fixture.client("pipeliner");
        final WardenClient watcher = fixture.client("watcher");
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final WatchHandle watch = watcher.watchPrefix("/it/lead/", 0, events::add);
        watcher.await(watch.registered());

        final List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        final List<CompletableFuture<SequentialResult>> sequential = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            puts.add(client.put("/it/lead/k" + i, bytes("v" + i)));
            if (i % 10 == 0)
            {
                sequential.add(client.createSequential("/it/lead/seq-", bytes("s" + i)));
            }
            if (i == 100)
            {
                final int leader = fixture.cluster.awaitLeader();
                fixture.cluster.stopNode(leader);
                assertNotEquals(leader, fixture.cluster.awaitLeader());
            }
        }
        puts.forEach(client::await);
        sequential.forEach(client::await);

        final RangeResult range = client.await(client.range("/it/lead/"));
        int keys = 0;
        int sequentialKeys = 0;
        for (final KeyValue kv : range.entries())
        {
            assertEquals(1, kv.version(), "applied once: " + kv.key());
            if (kv.key().startsWith("/it/lead/seq-"))
            {
                sequentialKeys++;
            }
            else
            {
                keys++;
            }
        }
        assertEquals(200, keys);
        assertEquals(sequential.size(), sequentialKeys, "no second sequential key from a retry");

        await(() -> events.size() >= 200 + sequential.size(), "every change watched");
        final Map<String, Integer> seen = new TreeMap<>();
        for (final WatchEvent event : events)
        {
            assertEquals(EventType.PUT, event.type());
            seen.merge(event.key(), 1, Integer::sum);
        }
        assertEquals(200 + sequential.size(), seen.size());
        seen.values().forEach(count -> assertEquals(1, count, "no duplicate events"));
    }
}
