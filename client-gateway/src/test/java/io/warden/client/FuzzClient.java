package io.warden.client;

import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.*;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.warden.client.FakeGateway.correlationId;
import static io.warden.client.FakeGateway.requestSeq;

/**
 * A client in invoker mode behind a {@link FakeGateway}, connected, with a request of every kind waiting for its
 * answer, a queued acquire and a queued campaign waiting for their events, and two registered watches (ids 1 and 2):
 * whatever a gateway sends has something to land on. Everything is deterministic (manual clock, seeded randoms), so
 * correlation ids and sequences are the same in every run and the seeds can carry them.
 */
final class FuzzClient
{
    static final long SESSION_ID = 42;
    static final long WATCH_ID = 1;
    static final long PREFIX_WATCH_ID = 2;
    static final long WATCH_REVISION = 5;
    static final byte[] VALUE = "value".getBytes(StandardCharsets.UTF_8);

    final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
    final FakeGateway gateway = new FakeGateway(now::get);
    final List<Throwable> errors = new ArrayList<>();
    /** Every future the client was handed and every listener call, to look at what the client made of the bytes. */
    final List<CompletableFuture<?>> futures = new ArrayList<>();
    final List<Object> delivered = new ArrayList<>();
    final WardenClient client;

    FuzzClient(final byte[] trailer)
    {
        gateway.sessionId = SESSION_ID;
        gateway.trailer = trailer;
        client = WardenClient.connect(new WardenClient.Context()
            .gatewayEndpoints("gw1:7000")
            .useAgentInvoker(true)
            .idleStrategy(NoOpIdleStrategy.INSTANCE)
            .nanoClock(now::get)
            .random(new Random(1))
            .secretRandom(new Random(2))
            .transportFactory(ctx -> gateway)
            .requestTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .errorHandler(errors::add));

        final WatchListener listener = new WatchListener()
        {
            public void onEvent(final WatchEvent event)
            {
                delivered.add(event);
            }

            public void onRegistered(final long revision)
            {
                delivered.add(revision);
            }

            public void onProgress(final long revision)
            {
                delivered.add(revision);
            }

            public void onEnded(final ResultCode code, final long lastRevision)
            {
                delivered.add(lastRevision);
            }
        };
        futures.add(client.watch("/w", 0, listener).registered());
        futures.add(client.watchPrefix("/p/", 0, listener).registered());
        futures.add(client.acquire("L", LockMode.EXCLUSIVE, -1, 0));
        futures.add(client.campaign("E", VALUE));
        work();
        gateway.reply(FakeGateway.lockResponse(correlationOf(AcquireDecoder.TEMPLATE_ID), ResultCode.QUEUED, 0));
        gateway.reply(FakeGateway.electionResponse(correlationOf(CampaignDecoder.TEMPLATE_ID), ResultCode.QUEUED, 0));
        for (final byte[] watch : gateway.sent(WatchDecoder.TEMPLATE_ID))
        {
            gateway.reply(FakeGateway.watchResponse(correlationId(watch), ResultCode.OK, 0, WATCH_REVISION, 0));
        }
        work();

        futures.add(client.put("/k", VALUE));
        futures.add(client.get("/k"));
        futures.add(client.delete("/k"));
        futures.add(client.range("/r/"));
        futures.add(client.txn(new TxnSpec().compareVersion("/k", CompareOp.EQUAL, 1).thenPut("/k", VALUE)));
        futures.add(client.createSequential("/q/", VALUE));
        futures.add(client.release("M", 7));
        futures.add(client.checkFence("N", 7));
        futures.add(client.describeLock("D"));
        futures.add(client.leader("E"));
        futures.add(client.proclaim("E", 3, VALUE));
        futures.add(client.resign("F", 3));
        futures.add(client.status());
        futures.add(client.gatewayInfo());
        futures.add(client.progress());
        work();
    }

    /**
     * The correlation id of the last request of this template the client sent.
     */
    long correlationOf(final int templateId)
    {
        return correlationId(gateway.last(templateId));
    }

    /**
     * The request sequence of the last request of this template the client sent (what its event names).
     */
    long requestSeqOf(final int templateId)
    {
        return requestSeq(gateway.last(templateId));
    }

    /**
     * One message from the current gateway, then a few duty cycles.
     */
    void deliver(final byte[] message)
    {
        gateway.reply(message);
        work();
    }

    void work()
    {
        for (int i = 0; i < 4; i++)
        {
            client.doWork();
        }
    }

    /**
     * The values of every future that completed normally, and every listener call.
     */
    List<Object> results()
    {
        final List<Object> results = new ArrayList<>(delivered);
        for (final CompletableFuture<?> future : futures)
        {
            if (future.isDone() && !future.isCompletedExceptionally() && !future.isCancelled())
            {
                results.add(future.join());
            }
        }
        return results;
    }
}
