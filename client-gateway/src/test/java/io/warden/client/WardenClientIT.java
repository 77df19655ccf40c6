package io.warden.client;

import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.warden.client.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The client against a real gateway and 3-node cluster: connecting (embedded driver, shared driver, invoker mode),
 * key-value round trips, paged ranges, transactions, sequential keys, ephemeral keys, watches and status.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class WardenClientIT
{
    private static GatewayFixture fixture;

    @BeforeAll
    static void start()
    {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop()
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
    void connectsWithItsOwnEmbeddedDriverAndRoundTripsKeyValues()
    {
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final WardenClient client = fixture.track(WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints(fixture.gateway.requestEndpoint())
            .credential(GatewayFixture.CREDENTIAL)
            .clientName("embedded")
            .connectionStateListener((c, state) -> states.add(state))));
        assertTrue(client.context().embeddedDriver());
        assertTrue(client.sessionId() > 0);
        await(() -> states.contains(ConnectionState.CONNECTED), "CONNECTED");
        assertTrue(client.isSafe());

        final PutResult first = client.await(client.put("/it/kv/a", bytes("1")));
        assertEquals(1, first.version());
        assertEquals(first.revision(), first.createRevision());
        final PutResult second = client.await(client.put("/it/kv/a", bytes("2")));
        assertTrue(second.revision() > first.revision());
        assertEquals(2, second.version());
        assertEquals(first.createRevision(), second.createRevision());

        final KeyValue kv = client.await(client.get("/it/kv/a"));
        assertEquals("2", kv.valueAsString());
        assertEquals(second.revision(), kv.modRevision());
        assertEquals(0, kv.ownerSessionId());
        assertNull(client.await(client.get("/it/kv/missing")));

        final DeleteResult deleted = client.await(client.delete("/it/kv/a"));
        assertEquals(1, deleted.deleted());
        assertNull(client.await(client.get("/it/kv/a")));
        assertEquals(0, client.await(client.delete("/it/kv/a")).deleted());

        final WardenException reserved = assertThrows(WardenException.class,
            () -> client.await(client.put("/_warden/x", bytes("1"))));
        assertEquals(ResultCode.RESERVED_KEY, reserved.code());
    }

    @Test
    void rangesArePagedAtOneRevision()
    {
        final WardenClient client = fixture.client("ranger");
        final byte[] big = new byte[60 * 1024];
        Arrays.fill(big, (byte)'x');
        final List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        for (int i = 0; i < 9; i++)
        {
            puts.add(client.put("/it/range/" + i, big));
        }
        puts.forEach(client::await);
        final RangeResult range = client.await(client.range("/it/range/"));
        assertEquals(9, range.entries().size(), "several 256 KiB pages");
        for (int i = 0; i < 9; i++)
        {
            assertEquals("/it/range/" + i, range.entries().get(i).key());
            assertEquals(big.length, range.entries().get(i).valueLength());
            assertTrue(range.entries().get(i).modRevision() <= range.revision());
        }
        final RangeResult older = client.await(client.range("/it/range/", puts.get(3).join().revision()));
        assertEquals(4, older.entries().size(), "a range at an earlier revision sees the keys as they were");
        assertEquals(0, client.await(client.deletePrefix("/it/range/")).deleted() - 9);
        assertEquals(0, client.await(client.range("/it/range/")).entries().size());
    }

    @Test
    void transactionsCompareAndSwap()
    {
        final WardenClient client = fixture.client("txn");
        client.await(client.put("/it/txn/a", bytes("v1")));
        final TxnResult swapped = client.await(client.txn(new TxnSpec()
            .compareVersion("/it/txn/a", CompareOp.EQUAL, 1)
            .thenPut("/it/txn/a", bytes("v2"))
            .thenPut("/it/txn/b", bytes("b"))
            .elsePut("/it/txn/conflict", bytes("1"))));
        assertTrue(swapped.succeeded());
        assertEquals("v2", client.await(client.get("/it/txn/a")).valueAsString());
        assertEquals(swapped.revision(), client.await(client.get("/it/txn/b")).modRevision(),
            "one revision for the whole transaction");

        final TxnResult refused = client.await(client.txn(new TxnSpec()
            .compareVersion("/it/txn/a", CompareOp.EQUAL, 1)
            .thenPut("/it/txn/a", bytes("v3"))
            .elsePut("/it/txn/conflict", bytes("1"))));
        assertFalse(refused.succeeded());
        assertEquals("v2", client.await(client.get("/it/txn/a")).valueAsString());
        assertNotNull(client.await(client.get("/it/txn/conflict")));
    }

    @Test
    void sequentialKeysRiseAndEphemeralKeysDieWithTheirSession()
    {
        final WardenClient reader = fixture.client("reader");
        final SequentialResult one = reader.await(reader.createSequential("/it/seq/job-", bytes("1")));
        final SequentialResult two = reader.await(reader.createSequential("/it/seq/job-", bytes("2")));
        assertTrue(one.key().startsWith("/it/seq/job-"));
        assertTrue(two.key().compareTo(one.key()) > 0);
        assertTrue(two.revision() > one.revision());

        final WardenClient owner = WardenClient.connect(fixture.context("owner"));
        final long ownerSession = owner.sessionId();
        owner.await(owner.putEphemeral("/it/eph/member", bytes("here")));
        final SequentialResult member = owner.await(owner.createSequentialEphemeral("/it/eph/m-", bytes("x")));
        assertEquals(ownerSession, reader.await(reader.get("/it/eph/member")).ownerSessionId());
        owner.close();
        assertNull(reader.await(reader.get("/it/eph/member")), "closing the client closed its session");
        assertNull(reader.await(reader.get(member.key())));
    }

    @Test
    void watchesSeeChangesInOrderFromARangesRevision()
    {
        final WardenClient watcher = fixture.client("watcher");
        final WardenClient writer = fixture.client("writer");
        writer.await(writer.put("/it/watch/a", bytes("0")));
        final RangeResult listed = watcher.await(watcher.range("/it/watch/"));
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final WatchHandle watch = watcher.watch("/it/watch/", true, listed.revision() + 1, true, events::add);
        assertEquals(listed.revision(), watcher.await(watch.registered()));

        final PutResult a = writer.await(writer.put("/it/watch/a", bytes("1")));
        final PutResult b = writer.await(writer.put("/it/watch/b", bytes("2")));
        final DeleteResult gone = writer.await(writer.delete("/it/watch/a"));
        writer.await(writer.put("/it/other", bytes("not watched")));
        await(() -> events.size() >= 3, "three events");
        final long revision = watcher.await(watcher.progress());
        assertTrue(revision >= gone.revision());

        assertEquals(3, events.size());
        assertEquals(EventType.PUT, events.get(0).type());
        assertEquals("/it/watch/a", events.get(0).key());
        assertEquals(a.revision(), events.get(0).revision());
        assertEquals("0", new String(events.get(0).prevValue(), StandardCharsets.UTF_8), "previous values asked for");
        assertEquals("/it/watch/b", events.get(1).key());
        assertEquals(b.revision(), events.get(1).revision());
        assertEquals(EventType.DELETE, events.get(2).type());
        assertEquals(gone.revision(), events.get(2).revision());
        assertEquals(gone.revision(), watch.lastRevision());

        watch.cancel();
        writer.await(writer.put("/it/watch/c", bytes("3")));
        watcher.await(watcher.progress());
        assertEquals(3, events.size(), "nothing after cancel");
    }

    @Test
    void anInvokerModeClientRunsOnTheCallersThread()
    {
        final WardenClient client = fixture.track(WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints(fixture.gateway.requestEndpoint())
            .credential(GatewayFixture.CREDENTIAL)
            .clientName("invoker")
            .useAgentInvoker(true)));
        final PutResult put = client.await(client.put("/it/invoker", bytes("x")));
        assertEquals(put.revision(), client.await(client.get("/it/invoker")).modRevision());
        for (int i = 0; i < 100; i++)
        {
            client.doWork();
        }
        assertTrue(client.isSafe());
    }

    @Test
    void statusAndFenceChecksAnswer()
    {
        final WardenClient client = fixture.client("status");
        final ClusterStatus status = client.await(client.status());
        assertTrue(status.sessions() >= 1);
        assertTrue(status.revision() >= 0);
        assertFalse(client.await(client.checkFence("/it/no-such-lock", 12345)));
        assertTrue(client.await(client.describeLock("/it/no-such-lock")).holders().isEmpty());
        assertNull(client.await(client.leader("no-such-election")));

        final GatewayInfo info = client.await(client.gatewayInfo());
        assertTrue(info.clusterReachable());
        assertEquals(3, info.members().size());
        assertTrue(info.members().containsKey(info.leaderMemberId()));
        assertTrue(info.connections() >= 1);
        assertTrue(info.sessions() >= 1);
    }

    @Test
    void aWrongCredentialIsRefused()
    {
        final WardenException refused = assertThrows(WardenException.class, () -> WardenClient.connect(
            fixture.context("intruder").credential("guess")));
        assertEquals(ResultCode.UNAUTHORISED, refused.code());
    }
}
