package io.warden.client;

import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.LockMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.warden.client.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The recipes against a real gateway and 3-node cluster: locks with fencing tokens checked by a FenceGuard, FIFO
 * hand-off of a queued lock with rising tokens, election fail-over when the leader's session closes, a config
 * watcher following changes, and a service instance vanishing with its client.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class RecipesIT
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
    void aLockIsAcquiredAndReleasedWithAFencingTokenThatAFenceGuardEnforces()
    {
        final WardenClient a = fixture.client("lock-a");
        final WardenClient b = fixture.client("lock-b");
        final FenceGuard guard = new FenceGuard();
        final long first;
        try (WardenLock lock = new WardenLock(a, "it-orders"))
        {
            first = lock.acquire();
            assertTrue(first > 0);
            assertTrue(lock.isHeld());
            assertTrue(lock.isSafe());
            assertEquals(first, lock.fencingToken());
            assertTrue(System.nanoTime() - lock.safeUntilNs() < 0);
            assertTrue(guard.admit(lock.fencingToken()));
            assertTrue(a.await(a.checkFence("it-orders", first)));

            try (WardenLock other = new WardenLock(b, "it-orders"))
            {
                assertFalse(other.tryAcquire(), "a try-lock finds it held");
                assertFalse(other.tryAcquire(300, TimeUnit.MILLISECONDS), "a bounded wait times out");
                assertFalse(other.isHeld());
            }
            assertTrue(lock.release());
            assertFalse(lock.isHeld());
            assertEquals(0, lock.fencingToken());
        }

        try (WardenLock lock = new WardenLock(b, "it-orders"))
        {
            final long second = lock.acquire();
            assertTrue(second > first, "tokens rise with every grant");
            assertTrue(guard.admit(second));
            assertFalse(guard.admit(first), "the old holder's token is stale now");
            assertFalse(b.await(b.checkFence("it-orders", first)));
            assertTrue(b.await(b.checkFence("it-orders", second)));
        }
    }

    @Test
    void aQueuedLockIsHandedOnInFifoOrderWithRisingTokens()
    {
        final WardenClient holder = fixture.client("fifo-holder");
        final WardenClient first = fixture.client("fifo-first");
        final WardenClient second = fixture.client("fifo-second");
        final WardenLock held = new WardenLock(holder, "it-fifo");
        final WardenLock firstLock = new WardenLock(first, "it-fifo");
        final WardenLock secondLock = new WardenLock(second, "it-fifo");
        final long token0 = held.acquire();

        final CompletableFuture<Long> firstGrant = firstLock.acquireAsync(-1);
        await(() -> holder.await(holder.describeLock("it-fifo")).waiters().size() == 1, "first waiter queued");
        final CompletableFuture<Long> secondGrant = secondLock.acquireAsync(-1);
        await(() -> holder.await(holder.describeLock("it-fifo")).waiters().size() == 2, "second waiter queued");
        final LockInfo queue = holder.await(holder.describeLock("it-fifo"));
        assertEquals(holder.sessionId(), queue.holders().get(0).sessionId());
        assertEquals(token0, queue.holders().get(0).token());
        assertEquals(List.of(first.sessionId(), second.sessionId()),
            List.of(queue.waiters().get(0).sessionId(), queue.waiters().get(1).sessionId()));

        assertTrue(held.release());
        final long token1 = first.await(firstGrant);
        assertTrue(token1 > token0);
        assertTrue(firstLock.isHeld());
        assertFalse(secondGrant.isDone(), "only the next waiter is woken");

        assertTrue(firstLock.release());
        final long token2 = second.await(secondGrant);
        assertTrue(token2 > token1);
        assertTrue(secondLock.isHeld());
        assertTrue(secondLock.release());
    }

    @Test
    void sharedHoldersCoexistAndAnExclusiveWaiterWaitsForThemAll()
    {
        final WardenClient r1 = fixture.client("reader-1");
        final WardenClient r2 = fixture.client("reader-2");
        final WardenClient w = fixture.client("writer");
        final WardenLock read1 = WardenLock.shared(r1, "it-catalogue");
        final WardenLock read2 = WardenLock.shared(r2, "it-catalogue");
        final WardenLock write = new WardenLock(w, "it-catalogue", LockMode.EXCLUSIVE, 0);
        read1.acquire();
        read2.acquire();
        assertEquals(2, w.await(w.describeLock("it-catalogue")).holders().size());
        final CompletableFuture<Long> writeGrant = write.acquireAsync(-1);
        read1.release();
        await(() -> w.await(w.describeLock("it-catalogue")).holders().size() == 1, "one reader left");
        assertFalse(writeGrant.isDone());
        read2.release();
        assertTrue(w.await(writeGrant) > 0);
        write.release();
    }

    @Test
    void anElectionFailsOverWhenTheLeadersSessionCloses()
    {
        final WardenClient a = WardenClient.connect(fixture.context("candidate-a"));
        final WardenClient b = fixture.client("candidate-b");
        final WardenClient observer = fixture.client("observer");
        final List<LeaderInfo> leaders = new CopyOnWriteArrayList<>();
        final List<Long> bElected = new CopyOnWriteArrayList<>();

        final LeaderElection watching = new LeaderElection(observer, "it-scheduler", new LeaderElection.Listener()
        {
            public void onLeaderChanged(final LeaderInfo leader)
            {
                leaders.add(leader);
            }
        });
        assertNull(observer.await(watching.observe()));

        final LeaderElection electionA = new LeaderElection(a, "it-scheduler");
        final long termA = a.await(electionA.campaign(bytes("host-a")));
        assertTrue(electionA.isLeader());
        assertEquals(termA, electionA.term());

        final LeaderElection electionB = new LeaderElection(b, "it-scheduler", new LeaderElection.Listener()
        {
            public void onElected(final long term)
            {
                bElected.add(term);
            }
        });
        final CompletableFuture<Long> campaignB = electionB.campaign(bytes("host-b"));
        await(() -> leaders.size() >= 1 && leaders.get(leaders.size() - 1) != null, "observer sees a");
        final LeaderInfo seenA = leaders.get(leaders.size() - 1);
        assertEquals(a.sessionId(), seenA.leaderSessionId());
        assertEquals(termA, seenA.term());
        assertEquals("host-a", seenA.valueAsString());
        final LeaderInfo askedA = b.await(b.leader("it-scheduler"));
        assertEquals(a.sessionId(), askedA.leaderSessionId());
        assertFalse(campaignB.isDone());

        a.await(electionA.proclaim(bytes("host-a2")));
        await(() -> "host-a2".equals(leaders.get(leaders.size() - 1) == null ? null :
            leaders.get(leaders.size() - 1).valueAsString()), "proclaimed value observed");

        a.close();
        final long termB = b.await(campaignB);
        assertTrue(termB > termA, "terms are fencing tokens: they rise");
        assertTrue(electionB.isLeader());
        await(() -> bElected.contains(termB), "listener told");
        await(() -> leaders.get(leaders.size() - 1) != null &&
            leaders.get(leaders.size() - 1).leaderSessionId() == b.sessionId(), "observer sees b");
        assertEquals(termB, leaders.get(leaders.size() - 1).term());

        b.await(electionB.resign());
        assertFalse(electionB.isLeader());
        await(() -> leaders.get(leaders.size() - 1) == null, "observer sees nobody lead");
        watching.close();
        electionB.close();
    }

    @Test
    void aConfigWatcherFollowsChangesToItsPrefix()
    {
        final WardenClient writer = fixture.client("config-writer");
        final WardenClient reader = fixture.client("config-reader");
        writer.await(writer.put("/it/cfg/a", bytes("1")));
        writer.await(writer.put("/it/cfg/b", bytes("2")));
        writer.await(writer.put("/it/cfgx", bytes("outside the prefix")));

        final AtomicReference<NavigableMap<String, KeyValue>> lastView = new AtomicReference<>();
        final List<WatchEvent> changes = new CopyOnWriteArrayList<>();
        final ConfigWatcher config = new ConfigWatcher(reader, "/it/cfg/", (view, events) ->
        {
            lastView.set(view);
            changes.addAll(events);
        });
        reader.await(config.start());
        assertEquals(List.of("/it/cfg/a", "/it/cfg/b"), List.copyOf(config.view().keySet()));
        assertEquals(2, changes.size(), "the first listing comes as puts");

        writer.await(writer.put("/it/cfg/c", bytes("3")));
        writer.await(writer.delete("/it/cfg/a"));
        final PutResult last = writer.await(writer.put("/it/cfg/b", bytes("2b")));
        await(() -> config.revision() >= last.revision(), "watcher caught up");
        assertEquals(List.of("/it/cfg/b", "/it/cfg/c"), List.copyOf(config.view().keySet()));
        assertEquals("2b", config.get("/it/cfg/b").valueAsString());
        assertEquals(config.view(), lastView.get());
        assertEquals(5, changes.size());
        assertEquals(EventType.DELETE, changes.get(3).type());
        config.close();
    }

    @Test
    void aServiceInstanceVanishesWhenItsClientCloses()
    {
        final WardenClient instance = WardenClient.connect(fixture.context("payments-1"));
        final WardenClient other = fixture.client("payments-2");
        final WardenClient consumer = fixture.client("consumer");
        final ServiceRegistry registering = new ServiceRegistry(instance);
        instance.await(registering.register("payments", "host-1", bytes("10.0.0.1:8080")));
        other.await(new ServiceRegistry(other).register("payments", "host-2", bytes("10.0.0.2:8080")));

        final ServiceRegistry registry = new ServiceRegistry(consumer);
        final List<ServiceRegistry.ServiceInstance> found = consumer.await(registry.discover("payments"));
        assertEquals(List.of("host-1", "host-2"), ids(found));
        assertEquals("10.0.0.1:8080", found.get(0).addressAsString());
        assertEquals(instance.sessionId(), found.get(0).sessionId());

        final List<List<String>> seen = new CopyOnWriteArrayList<>();
        final ConfigWatcher watching = consumer.await(registry.watch("payments",
            (service, instances) -> seen.add(ids(instances))));
        assertEquals(List.of("host-1", "host-2"), seen.get(0));

        instance.close();
        await(() -> seen.get(seen.size() - 1).equals(List.of("host-2")), "host-1 vanished");
        other.await(new ServiceRegistry(other).deregister("payments", "host-2"));
        await(() -> seen.get(seen.size() - 1).isEmpty(), "host-2 deregistered");
        watching.close();
    }

    @Test
    void aFenceGuardRejectsTheTokenOfAHolderWhoseSessionExpiredAfterTheLockMovedOn() throws InterruptedException
    {
        final WardenClient paused = fixture.track(WardenClient.connect(fixture.context("paused-holder")
            .useAgentInvoker(true)
            .sessionTtlMs(1_000)));
        final WardenClient next = fixture.client("next-holder");
        final FenceGuard storage = new FenceGuard();
        final WardenLock stale = new WardenLock(paused, "it-fenced-expiry");
        final long staleToken = stale.acquire();
        assertTrue(storage.admit(staleToken), "the first holder writes while it is safe");

        final CompletableFuture<Long> waiting = new WardenLock(next, "it-fenced-expiry").acquireAsync(-1);
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "the lock is held");

        // The holder stops (a GC pause, a stopped VM): its invoker is not driven, so no keepalive is sent and
        // its session expires after the TTL; the waiter is granted the lock.
        final long grantedToken = next.await(waiting, 30, TimeUnit.SECONDS);
        assertTrue(grantedToken > staleToken, "tokens rise: " + staleToken + " then " + grantedToken);
        assertTrue(storage.admit(grantedToken), "the new holder writes");
        assertFalse(stale.isSafe(), "the paused holder's safe time has run out");

        // The old holder wakes up and, not knowing, writes with its token: the resource refuses it.
        assertFalse(storage.admit(staleToken), "a stale token is rejected after a newer one was seen");
        assertFalse(next.await(next.checkFence("it-fenced-expiry", staleToken)), "and the cluster agrees");
        assertTrue(next.await(next.checkFence("it-fenced-expiry", grantedToken)));
        await(() ->
        {
            paused.doWork();
            return paused.state() == ConnectionState.LOST;
        }, "the woken client to learn that its session is gone");
        assertFalse(stale.isHeld());
    }

    @Test
    void aConfigChangeReachesAThousandWatchersOverFourConnectionsExactlyOnceEach()
    {
        final String key = "/it/herd/config";
        final WardenClient writer = fixture.client("herd-writer");
        final long registrationsBefore = writer.await(writer.status()).watches();
        final List<List<Long>> seen = new ArrayList<>();
        final List<WatchHandle> handles = new ArrayList<>();
        for (int connection = 0; connection < 4; connection++)
        {
            final WardenClient client = fixture.client("herd-" + connection);
            for (int w = 0; w < 250; w++)
            {
                final List<Long> revisions = new CopyOnWriteArrayList<>();
                seen.add(revisions);
                handles.add(client.watch(key, 0, event -> revisions.add(event.revision())));
            }
        }
        handles.forEach(handle -> writer.await(handle.registered()));
        assertEquals(registrationsBefore + 1, writer.await(writer.status()).watches(),
            "1,000 watchers of one key, one cluster registration");

        final long first = writer.await(writer.put(key, bytes("v1"))).revision();
        final long second = writer.await(writer.put(key, bytes("v2"))).revision();
        await(() -> seen.stream().allMatch(revisions -> revisions.size() >= 2), "every watcher to see both changes");
        for (final List<Long> revisions : seen)
        {
            assertEquals(List.of(first, second), revisions, "each change exactly once, in order");
        }
        handles.forEach(WatchHandle::cancel);
    }

    private static List<String> ids(final List<ServiceRegistry.ServiceInstance> instances)
    {
        final List<String> ids = new ArrayList<>();
        for (final ServiceRegistry.ServiceInstance instance : instances)
        {
            ids.add(instance.instanceId());
        }
        return ids;
    }
}
