package io.warden.client;

import io.warden.schema.protocol.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static io.warden.client.FakeGateway.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The client's protocol logic against a scripted gateway, in invoker mode with a manual clock: sessions, sequences,
 * batches, failover with resume and byte-for-byte re-sends, lost sessions, lock and campaign re-sync, watches
 * resumed without gaps or duplicates, safe time, timeouts, close.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class WardenClientTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final FakeGateway gateway = new FakeGateway(now::get);
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private WardenClient client;

    private WardenClient.Context context()
    {
        return new WardenClient.Context()
            .gatewayEndpoints("gw1:7000,gw2:7000")
            .useAgentInvoker(true)
            .nanoClock(now::get)
            .random(new Random(1))
            .secretRandom(new Random(2))
            .transportFactory(ctx -> gateway)
            .requestTimeoutNs(TimeUnit.SECONDS.toNanos(1))
            .connectAttemptTimeoutNs(200 * MS)
            .reconnectBackoffNs(100 * MS, 1_000 * MS)
            .errorHandler(errors::add)
            .connectionStateListener((c, state) -> states.add(state));
    }

    private WardenClient connect()
    {
        return connect(ctx -> { });
    }

    private WardenClient connect(final Consumer<WardenClient.Context> customise)
    {
        final WardenClient.Context ctx = context();
        customise.accept(ctx);
        client = WardenClient.connect(ctx);
        return client;
    }

    @AfterEach
    void close()
    {
        if (client != null)
        {
            client.close();
        }
        assertEquals(List.of(), errors, "no errors reported by the client");
    }

    private void work()
    {
        for (int i = 0; i < 8; i++)
        {
            client.doWork();
        }
    }

    private void advanceMs(final long ms)
    {
        for (long i = 0; i < ms; i += 10)
        {
            now.addAndGet(Math.min(10, ms - i) * MS);
            work();
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T done(final CompletableFuture<T> future)
    {
        assertTrue(future.isDone(), "completed");
        return future.join();
    }

    private static ResultCode codeOf(final CompletableFuture<?> future)
    {
        assertTrue(future.isCompletedExceptionally(), "failed");
        try
        {
            done(future);
            throw new AssertionError("not failed");
        }
        catch (final RuntimeException ex)
        {
            final Throwable cause = ex.getCause();
            assertInstanceOf(WardenException.class, cause);
            return ((WardenException)cause).code();
        }
    }

    private static WardenException failureOf(final CompletableFuture<?> future)
    {
        assertTrue(future.isCompletedExceptionally(), "failed");
        final Throwable cause = assertThrows(RuntimeException.class, future::join).getCause();
        assertInstanceOf(WardenException.class, cause);
        return (WardenException)cause;
    }

    private long openSessionSecret(final int index)
    {
        final OpenSessionDecoder open = new OpenSessionDecoder();
        open.wrapAndApplyHeader(new UnsafeBuffer(gateway.sent(OpenSessionDecoder.TEMPLATE_ID).get(index)), 0,
            new MessageHeaderDecoder());
        return open.secret();
    }

    /**
     * Stop answering keepalives until the client gives up on the gateway, then let it connect to gw2.
     */
    private void failOverToSecondGateway()
    {
        gateway.autoKeepAlive = false;
        advanceMs(400);
        assertEquals(ConnectionState.SUSPENDED, client.state());
        gateway.reachable.add("gw2:7000");
        gateway.autoKeepAlive = true;
        advanceMs(200);
        assertEquals("gw2:7000", gateway.attempts.get(gateway.attempts.size() - 1));
    }

    // ------------------------------------------------------------------------------------------------ sessions

    @Test
    void connectOpensASessionWithARandomSecretAndReportsConnected()
    {
        connect(ctx -> ctx.clientName("billing-7").sessionTtlMs(15_000));
        assertEquals(42, client.sessionId());
        assertEquals(ConnectionState.CONNECTED, client.state());
        assertEquals(List.of(ConnectionState.CONNECTED), states);
        assertEquals(List.of("gw1:7000"), gateway.attempts);

        final ConnectDecoder connectFrame = new ConnectDecoder();
        connectFrame.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(ConnectDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(1002, connectFrame.responseStreamId());
        assertEquals("warden", connectFrame.credential());
        assertEquals("billing-7", connectFrame.clientName());
        assertEquals("aeron:udp?endpoint=127.0.0.1:40123", connectFrame.responseChannel());

        final OpenSessionDecoder open = new OpenSessionDecoder();
        open.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(OpenSessionDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(15_000, open.ttlMs());
        assertNotEquals(0, open.secret());
        assertEquals(0, open.header().sessionId());
        assertEquals(0, open.header().requestSeq());
        assertEquals("billing-7", open.clientName());
        assertTrue(client.isSafe(), "the open's answer renews the session");
    }

    @Test
    void aRefusedCredentialFailsTheConnect()
    {
        gateway.connectCode = ResultCode.UNAUTHORISED;
        final WardenException ex = assertThrows(WardenException.class, this::connect);
        assertEquals(ResultCode.UNAUTHORISED, ex.code());
        assertEquals(0, gateway.count(OpenSessionDecoder.TEMPLATE_ID));
        assertTrue(gateway.closed, "the transport is closed when connect fails");
    }

    @Test
    void endpointsAreTriedInOrderWithBackoffBetweenAttempts()
    {
        gateway.reachable.clear();
        gateway.reachable.add("gw2:7000");
        final WardenClient.Context ctx = context().nanoClock(() -> now.addAndGet(100_000));
        client = WardenClient.connect(ctx);
        assertEquals(List.of("gw1:7000", "gw2:7000"), gateway.attempts);
        final long gapNs = gateway.attemptTimesNs.get(1) - gateway.attemptTimesNs.get(0);
        assertTrue(gapNs >= 200 * MS + 50 * MS, "attempt timeout then at least half the first backoff: " + gapNs);
        assertTrue(gapNs <= 200 * MS + 100 * MS + 5 * MS, "at most the first backoff cap: " + gapNs);
        assertEquals(42, client.sessionId());
    }

    // ------------------------------------------------------------------------------------------------ requests

    @Test
    void mutationsCarryRisingSequencesAndAckedSeqWhileReadsCarryNone()
    {
        connect();
        final CompletableFuture<PutResult> a = client.put("/k/a", bytes("1"));
        final CompletableFuture<PutResult> b = client.put("/k/b", bytes("2"));
        final CompletableFuture<PutResult> c = client.put("/k/c", bytes("3"));
        work();
        final List<byte[]> puts = gateway.sent(PutDecoder.TEMPLATE_ID);
        assertEquals(3, puts.size());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(42, sessionId(puts.get(i)));
            assertEquals(i + 1, requestSeq(puts.get(i)));
            assertEquals(0, ackedSeq(puts.get(i)));
        }

        gateway.reply(putResponse(correlationId(puts.get(1)), ResultCode.OK, 11));
        work();
        assertTrue(b.isDone());
        assertEquals(11, done(b).revision());
        client.put("/k/d", bytes("4"));
        work();
        assertEquals(0, ackedSeq(gateway.last(PutDecoder.TEMPLATE_ID)), "seq 1 is still unanswered");

        gateway.reply(putResponse(correlationId(puts.get(0)), ResultCode.OK, 10));
        work();
        client.put("/k/e", bytes("5"));
        work();
        final byte[] e = gateway.last(PutDecoder.TEMPLATE_ID);
        assertEquals(5, requestSeq(e));
        assertEquals(2, ackedSeq(e), "1 and 2 answered, 3 not");
        assertFalse(c.isDone());

        client.get("/k/a");
        client.range("/k/");
        work();
        for (final int template : new int[]{ GetDecoder.TEMPLATE_ID, RangeDecoder.TEMPLATE_ID })
        {
            final byte[] read = gateway.last(template);
            assertEquals(0, sessionId(read));
            assertEquals(0, requestSeq(read));
            assertEquals(0, ackedSeq(read));
        }
        assertTrue(a.isDone());
    }

    @Test
    void answersInsideAFrameBatchAreAllDelivered()
    {
        connect();
        final CompletableFuture<PutResult> a = client.put("/k/a", bytes("1"));
        final CompletableFuture<KeyValue> b = client.get("/k/b");
        work();
        gateway.reply(batch(
            putResponse(correlationId(gateway.last(PutDecoder.TEMPLATE_ID)), ResultCode.OK, 20),
            getResponse(correlationId(gateway.last(GetDecoder.TEMPLATE_ID)), ResultCode.OK, 20, "hello")));
        work();
        assertEquals(20, done(a).revision());
        assertEquals("hello", done(b).valueAsString());
        assertEquals("/k/b", done(b).key());
        assertEquals(2, done(b).version());
    }

    @Test
    void aMissingKeyReadsAsNullAndRefusalsCarryTheirCode()
    {
        connect();
        final CompletableFuture<KeyValue> missing = client.get("/k/none");
        final CompletableFuture<PutResult> refused = client.put("/k/a", bytes("1"));
        final CompletableFuture<ClusterStatus> error = client.status();
        work();
        gateway.reply(getResponse(correlationId(gateway.last(GetDecoder.TEMPLATE_ID)), ResultCode.NOT_FOUND, 5, ""));
        gateway.reply(putResponse(correlationId(gateway.last(PutDecoder.TEMPLATE_ID)), ResultCode.VALUE_TOO_LARGE,
            0));
        gateway.reply(errorResponse(correlationId(gateway.last(StatusDecoder.TEMPLATE_ID)), ResultCode.MALFORMED,
            StatusDecoder.TEMPLATE_ID));
        work();
        assertNull(done(missing));
        assertEquals(ResultCode.VALUE_TOO_LARGE, codeOf(refused));
        assertEquals(ResultCode.MALFORMED, codeOf(error));
        client.put("/k/b", bytes("2"));
        work();
        assertEquals(1, ackedSeq(gateway.last(PutDecoder.TEMPLATE_ID)), "a refusal is an answer too");
    }

    @Test
    void aLimitRefusalCarriesItsDetailLimitUsageAndRetryTimeAndIsNotRetried()
    {
        connect();
        final CompletableFuture<PutResult> throttled = client.put("/k/a", bytes("1"));
        final CompletableFuture<PutResult> overQuota = client.put("/k/b", bytes("2"));
        work();
        final List<byte[]> puts = gateway.sent(PutDecoder.TEMPLATE_ID);
        gateway.reply(limitErrorResponse(correlationId(puts.get(0)), ResultCode.RATE_LIMITED, PutDecoder.TEMPLATE_ID,
            100, 0, 7, "over this gateway's limit of 100 requests per second per connection (bursts of 10)"));
        gateway.reply(limitErrorResponse(correlationId(puts.get(1)), ResultCode.QUOTA_EXCEEDED, PutDecoder.TEMPLATE_ID,
            1_000_000, 999_990, 0, "the state would pass its quota"));
        work();

        final WardenException rateLimited = failureOf(throttled);
        assertEquals(ResultCode.RATE_LIMITED, rateLimited.code());
        assertEquals(100, rateLimited.limit());
        assertEquals(7, rateLimited.retryAfterMs());
        final String detail = rateLimited.detail();
        assertTrue(detail.endsWith("over this gateway's limit of 100 requests per second per connection " +
            "(bursts of 10)"), detail);
        assertTrue(rateLimited.getMessage().startsWith("RATE_LIMITED: "), rateLimited.getMessage());

        final WardenException quota = failureOf(overQuota);
        assertEquals(ResultCode.QUOTA_EXCEEDED, quota.code());
        assertEquals(1_000_000, quota.limit());
        assertEquals(999_990, quota.usage());
        assertEquals(0, quota.retryAfterMs());
        assertTrue(quota.detail().endsWith("the state would pass its quota"), quota.detail());

        advanceMs(1_000);
        assertEquals(2, gateway.sent(PutDecoder.TEMPLATE_ID).size(), "the caller decides: nothing is re-sent");
        final CompletableFuture<PutResult> plain = client.put("/k/c", bytes("3"));
        work();
        gateway.reply(errorResponse(correlationId(gateway.last(PutDecoder.TEMPLATE_ID)), ResultCode.MALFORMED,
            PutDecoder.TEMPLATE_ID));
        work();
        assertEquals(0, failureOf(plain).limit(), "no limit carried over from an earlier refusal");
    }

    @Test
    void aRateLimitedOpenSessionIsRetriedByTheClientItself()
    {
        gateway.openRateLimited = 1;
        client = WardenClient.connect(context().nanoClock(() -> now.addAndGet(100_000)));
        assertEquals(2, gateway.count(OpenSessionDecoder.TEMPLATE_ID), "its own session: nobody else would retry it");
        assertEquals(42, client.sessionId());
    }

    @Test
    void aLoginAnswersTheChallengeAndChecksTheCellsSignature()
    {
        gateway.loginPassword = "s3cret".toCharArray();
        final WardenClient loggedIn = connect(ctx -> ctx.user("alice").password("s3cret".toCharArray()));
        assertEquals(42, loggedIn.sessionId());
        assertEquals("fake-token", loggedIn.loginToken());
        assertEquals(1, gateway.count(ConnectProofDecoder.TEMPLATE_ID));
        loggedIn.close();

        final WardenException wrong = assertThrows(WardenException.class,
            () -> connect(ctx -> ctx.user("alice").password("guess".toCharArray())));
        assertEquals(ResultCode.UNAUTHORISED, wrong.code());
    }

    @Test
    void aLoginTheCellDidNotSignIsRefusedByTheClient()
    {
        gateway.loginPassword = "s3cret".toCharArray();
        gateway.signLogins = false;
        final WardenException unsigned = assertThrows(WardenException.class,
            () -> connect(ctx -> ctx.user("alice").password("s3cret".toCharArray())));
        assertEquals(ResultCode.UNAUTHORISED, unsigned.code());
        assertTrue(unsigned.getMessage().contains("signature"), unsigned.getMessage());
        assertEquals(0, gateway.count(OpenSessionDecoder.TEMPLATE_ID), "no session opened through it");
    }

    @Test
    void invalidRequestsAreRefusedBeforeTheyAreSent()
    {
        connect();
        final int before = requestsSent();
        assertEquals(ResultCode.RESERVED_KEY, codeOf(client.put("/_warden/election/x", bytes("1"))));
        assertEquals(ResultCode.INVALID_KEY, codeOf(client.put("", bytes("1"))));
        assertEquals(ResultCode.KEY_TOO_LONG, codeOf(client.get("/" + "k".repeat(2000))));
        assertEquals(ResultCode.INVALID_KEY, codeOf(client.delete(null)));
        assertEquals(ResultCode.INVALID_ARGUMENT, codeOf(client.put("/k", null)));
        assertEquals(ResultCode.VALUE_TOO_LARGE, codeOf(client.put("/k", new byte[2 * 1024 * 1024])));
        assertEquals(ResultCode.INVALID_ARGUMENT, codeOf(client.acquire("L", LockMode.EXCLUSIVE, -2, 0)));
        final WatchHandle watch = client.watch("", 0, event -> { });
        assertFalse(watch.isActive());
        assertTrue(watch.registered().isCompletedExceptionally());
        work();
        assertEquals(before, requestsSent(), "nothing but keepalives was sent");
    }

    private int requestsSent()
    {
        return gateway.sent.size() - gateway.count(ClientKeepAliveDecoder.TEMPLATE_ID);
    }

    @Test
    void rangesArePagedAtTheFirstPagesRevision()
    {
        connect();
        final CompletableFuture<RangeResult> range = client.range("/k/");
        work();
        final byte[] first = gateway.last(RangeDecoder.TEMPLATE_ID);
        gateway.reply(rangeResponse(correlationId(first), 50, true, "/k/a", "/k/b"));
        work();
        final RangeDecoder second = new RangeDecoder();
        second.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(RangeDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(50, second.atRevision());
        assertEquals("/k/", second.prefix());
        assertEquals("/k/b", second.startAfter());
        gateway.reply(rangeResponse(second.header().correlationId(), 50, false, "/k/c"));
        work();
        final RangeResult result = done(range);
        assertEquals(50, result.revision());
        assertEquals(List.of("/k/a", "/k/b", "/k/c"), result.entries().stream().map(KeyValue::key).toList());
    }

    @Test
    void aRequestWithoutAnswerTimesOutButAMutationIsStillResentUntilAnswered()
    {
        connect();
        final CompletableFuture<PutResult> put = client.put("/k/a", bytes("1"));
        final CompletableFuture<KeyValue> get = client.get("/k/a");
        work();
        final byte[] original = gateway.last(PutDecoder.TEMPLATE_ID);
        advanceMs(1_100);
        assertEquals(ResultCode.TIMED_OUT, codeOf(put));
        assertEquals(ResultCode.TIMED_OUT, codeOf(get));
        final List<byte[]> puts = gateway.sent(PutDecoder.TEMPLATE_ID);
        assertEquals(2, puts.size(), "re-sent once at the timeout");
        assertArrayEquals(original, puts.get(1));
        assertEquals(1, gateway.count(GetDecoder.TEMPLATE_ID), "a read is simply dropped");

        client.put("/k/b", bytes("2"));
        work();
        assertEquals(0, ackedSeq(gateway.last(PutDecoder.TEMPLATE_ID)));
        gateway.reply(putResponse(correlationId(original), ResultCode.OK, 9));
        work();
        client.put("/k/c", bytes("3"));
        work();
        assertEquals(1, ackedSeq(gateway.last(PutDecoder.TEMPLATE_ID)), "the late answer acknowledges seq 1");
    }

    @Test
    void mutationsBeyondTheUnacknowledgedWindowWaitForAnswers()
    {
        connect();
        final int window = io.warden.schema.WardenLimits.MAX_UNACKNOWLEDGED_PER_SESSION;
        for (int i = 0; i <= window; i++)
        {
            client.put("/k/" + i, bytes("v"));
        }
        for (int i = 0; i < 10; i++)
        {
            work();
        }
        final List<byte[]> puts = gateway.sent(PutDecoder.TEMPLATE_ID);
        assertEquals(window, puts.size());
        gateway.reply(putResponse(correlationId(puts.get(0)), ResultCode.OK, 1));
        work();
        final byte[] last = gateway.last(PutDecoder.TEMPLATE_ID);
        assertEquals(window + 1, requestSeq(last));
        assertEquals(1, ackedSeq(last));
    }

    // ------------------------------------------------------------------------------------------------ failover

    @Test
    void aLostGatewayIsReplacedTheSessionResumedAndUnansweredRequestsResentByteForByte()
    {
        connect();
        final CompletableFuture<PutResult> put = client.put("/k/a", bytes("1"));
        final CompletableFuture<KeyValue> get = client.get("/k/a");
        work();
        final byte[] putFrame = gateway.last(PutDecoder.TEMPLATE_ID);
        final byte[] getFrame = gateway.last(GetDecoder.TEMPLATE_ID);
        final long secret = openSessionSecret(0);

        failOverToSecondGateway();
        assertEquals(List.of(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.RECONNECTED),
            states);
        assertEquals(1, gateway.count(DisconnectDecoder.TEMPLATE_ID), "the old gateway is told we leave");

        final ResumeSessionDecoder resume = new ResumeSessionDecoder();
        resume.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(ResumeSessionDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(42, resume.header().sessionId());
        assertEquals(secret, resume.secret());
        assertEquals(0, resume.header().requestSeq());

        final List<byte[]> puts = gateway.sent(PutDecoder.TEMPLATE_ID);
        assertEquals(2, puts.size());
        assertArrayEquals(putFrame, puts.get(1), "same correlation id, session, seq and ackedSeq");
        final List<byte[]> gets = gateway.sent(GetDecoder.TEMPLATE_ID);
        assertEquals(2, gets.size());
        assertArrayEquals(getFrame, gets.get(1));
        final int resumeIndex = gateway.sent.indexOf(gateway.last(ResumeSessionDecoder.TEMPLATE_ID));
        assertTrue(gateway.sent.indexOf(puts.get(1)) > resumeIndex, "mutations go after the resume");

        gateway.reply(putResponse(correlationId(putFrame), ResultCode.OK, 30));
        work();
        assertEquals(30, done(put).revision());
        assertFalse(get.isDone());
    }

    @Test
    void framesFromAnOldGatewayAreIgnored()
    {
        connect();
        final CompletableFuture<PutResult> put = client.put("/k/a", bytes("1"));
        work();
        final int oldImage = gateway.image;
        final byte[] putFrame = gateway.last(PutDecoder.TEMPLATE_ID);
        failOverToSecondGateway();
        gateway.replyFromImage(putResponse(correlationId(putFrame), ResultCode.OK, 1), oldImage);
        work();
        assertFalse(put.isDone(), "only the current gateway's answers count");
        gateway.reply(putResponse(correlationId(putFrame), ResultCode.OK, 2));
        work();
        assertEquals(2, done(put).revision());
    }

    @Test
    void theGatewaysImageGoingAwayIsALostConnection()
    {
        connect();
        gateway.reachable.add("gw2:7000");
        gateway.imageGone();
        work();
        assertEquals(ConnectionState.SUSPENDED, client.state());
        advanceMs(200);
        assertEquals(ConnectionState.RECONNECTED, client.state());
        assertEquals(1, gateway.count(ResumeSessionDecoder.TEMPLATE_ID));
    }

    @Test
    void anUnavailableClusterSuspendsAndItsReturnReconnects()
    {
        connect();
        gateway.reply(gatewayEvent(ResultCode.UNAVAILABLE, -1));
        work();
        assertEquals(ConnectionState.SUSPENDED, client.state());
        gateway.reply(gatewayEvent(ResultCode.OK, 2));
        work();
        assertEquals(List.of(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.RECONNECTED),
            states);
    }

    @Test
    void anExpiredSessionIsLostItsRequestsFailAndANewSessionStartsOverOnlyWhenAsked()
    {
        connect();
        final long firstSecret = openSessionSecret(0);
        final CompletableFuture<PutResult> pending = client.put("/k/a", bytes("1"));
        work();
        gateway.reply(sessionEvent(42, ResultCode.SESSION_EXPIRED));
        work();
        assertEquals(ConnectionState.LOST, client.state());
        assertEquals(ResultCode.SESSION_EXPIRED, codeOf(pending));
        assertFalse(client.isSafe());

        final CompletableFuture<PutResult> refused = client.put("/k/b", bytes("2"));
        final CompletableFuture<KeyValue> read = client.get("/k/b");
        work();
        assertEquals(ResultCode.SESSION_EXPIRED, codeOf(refused));
        assertFalse(read.isDone(), "reads need no session");
        assertEquals(1, gateway.count(OpenSessionDecoder.TEMPLATE_ID), "no new session by itself");

        gateway.sessionId = 43;
        final CompletableFuture<Long> next = client.newSession();
        work();
        assertEquals(43, done(next));
        assertEquals(43, client.sessionId());
        assertNotEquals(firstSecret, openSessionSecret(1), "a new secret");
        assertEquals(List.of(ConnectionState.CONNECTED, ConnectionState.LOST, ConnectionState.CONNECTED), states);
        client.put("/k/c", bytes("3"));
        work();
        final byte[] put = gateway.last(PutDecoder.TEMPLATE_ID);
        assertEquals(43, sessionId(put));
        assertEquals(1, requestSeq(put), "sequences start again");
        assertEquals(ResultCode.INVALID_ARGUMENT, codeOf(waitFor(client.newSession())));
    }

    private <T> CompletableFuture<T> waitFor(final CompletableFuture<T> future)
    {
        work();
        return future;
    }

    @Test
    void aResumeRefusedAsExpiredLosesTheSession()
    {
        connect();
        gateway.resumeCode = ResultCode.SESSION_EXPIRED;
        failOverToSecondGateway();
        assertEquals(List.of(ConnectionState.CONNECTED, ConnectionState.SUSPENDED, ConnectionState.LOST), states);
    }

    // ------------------------------------------------------------------------------------------------ safe time

    @Test
    void keepAliveAnswersMoveTheSafeTimeForward()
    {
        gateway.confirmedAgeMs = 50;
        connect();
        final long before = client.safeUntilNs();
        advanceMs(100);
        final ClientKeepAliveDecoder keepAlive = new ClientKeepAliveDecoder();
        keepAlive.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(ClientKeepAliveDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        final ClientKeepAliveDecoder.SessionsDecoder sessions = keepAlive.sessions();
        assertEquals(1, sessions.count());
        assertEquals(42, sessions.next().sessionId());
        final long marginNs = client.context().safeTimeMarginNs();
        assertEquals(TimeUnit.SECONDS.toNanos(1), marginNs, "a tenth of the 10 s TTL");
        assertTrue(client.safeUntilNs() > before);
        final long keepAliveSentNs = client.safeUntilNs() + 50 * MS - 10_000 * MS + marginNs;
        assertTrue(keepAliveSentNs <= now.get() && keepAliveSentNs >= now.get() - 100 * MS,
            "safeUntil = sent - age + ttl - margin for a keepalive sent in the last interval");
    }

    @Test
    void aSessionOpenedByAResentRequestIsSafeOnlyFromItsFirstSend()
    {
        connect();
        gateway.reply(sessionEvent(42, ResultCode.SESSION_EXPIRED));
        work();
        assertEquals(ConnectionState.LOST, client.state());

        gateway.autoSession = false;
        gateway.sessionId = 43;
        final CompletableFuture<Long> next = client.newSession();
        work();
        final long firstSentNs = now.get();
        assertEquals(2, gateway.count(OpenSessionDecoder.TEMPLATE_ID));

        // The gateway goes quiet (the open may or may not have been applied); the client moves to gw2 and sends the
        // same open again, where the cluster's de-duplicated answer may be for the first send.
        gateway.autoKeepAlive = false;
        advanceMs(400);
        gateway.reachable.add("gw2:7000");
        gateway.autoKeepAlive = true;
        advanceMs(200);
        final List<byte[]> opens = gateway.sent(OpenSessionDecoder.TEMPLATE_ID);
        assertEquals(3, opens.size(), "re-sent on the next gateway");
        assertTrue(now.get() - firstSentNs >= 500 * MS);

        gateway.reply(sessionResponse(correlationId(opens.get(2)), ResultCode.OK, 43, 10_000));
        gateway.autoSession = true;
        work();
        assertEquals(43, done(next));
        final long marginNs = client.context().safeTimeMarginNs();
        assertEquals(firstSentNs + 10_000 * MS - marginNs, client.safeUntilNs(),
            "safe from the first send plus the TTL, not from the re-send");
    }

    @Test
    void safeTimeStopsMovingWhileSuspended()
    {
        gateway.confirmedAgeMs = 0;
        connect();
        advanceMs(100);
        gateway.autoKeepAlive = false;
        final long frozen = client.safeUntilNs();
        advanceMs(400);
        assertEquals(ConnectionState.SUSPENDED, client.state());
        assertEquals(frozen, client.safeUntilNs());
    }

    // ------------------------------------------------------------------------------------------------ locks

    @Test
    void aQueuedAcquireCompletesOnItsLockEvent()
    {
        connect();
        final CompletableFuture<LockGrant> acquire = client.acquire("L", LockMode.EXCLUSIVE, -1, 0);
        work();
        final byte[] frame = gateway.last(AcquireDecoder.TEMPLATE_ID);
        gateway.reply(lockResponse(correlationId(frame), ResultCode.QUEUED, 0));
        work();
        assertFalse(acquire.isDone());
        gateway.reply(lockEvent(42, requestSeq(frame) + 5, ResultCode.OK, 70, "L"));
        gateway.reply(lockEvent(41, requestSeq(frame), ResultCode.OK, 71, "L"));
        work();
        assertFalse(acquire.isDone(), "events of other requests or sessions are not ours");
        gateway.reply(lockEvent(42, requestSeq(frame), ResultCode.OK, 77, "L"));
        work();
        assertEquals(77, done(acquire).token);
        advanceMs(3_000);
        assertEquals(0, gateway.count(LockStatusDecoder.TEMPLATE_ID), "no re-sync without a reason");
    }

    @Test
    void aQueuedAcquireIsResynchronisedWithLockStatusAfterAReconnect()
    {
        connect();
        final CompletableFuture<LockGrant> granted = client.acquire("L", LockMode.EXCLUSIVE, -1, 0);
        final CompletableFuture<LockGrant> ended = client.acquire("M", LockMode.SHARED, 5_000, 0);
        work();
        final List<byte[]> acquires = gateway.sent(AcquireDecoder.TEMPLATE_ID);
        gateway.reply(lockResponse(correlationId(acquires.get(0)), ResultCode.QUEUED, 0));
        gateway.reply(lockResponse(correlationId(acquires.get(1)), ResultCode.QUEUED, 0));
        work();
        failOverToSecondGateway();
        final List<byte[]> checks = gateway.sent(LockStatusDecoder.TEMPLATE_ID);
        assertEquals(2, checks.size());
        final LockStatusDecoder status = new LockStatusDecoder();
        status.wrapAndApplyHeader(new UnsafeBuffer(checks.get(0)), 0, new MessageHeaderDecoder());
        assertEquals(42, status.header().sessionId());
        assertEquals(0, status.header().requestSeq());
        assertEquals("L", status.name());
        gateway.reply(lockResponse(correlationId(checks.get(0)), ResultCode.OK, 88));
        gateway.reply(lockResponse(correlationId(checks.get(1)), ResultCode.NOT_HOLDER, 0));
        work();
        assertEquals(88, done(granted).token);
        assertEquals(ResultCode.NOT_HOLDER, codeOf(ended));
    }

    @Test
    void aQueuedCampaignIsResynchronisedWithLeaderWhenTheClusterComesBack()
    {
        connect();
        final CompletableFuture<LockGrant> campaign = client.campaign("E", bytes("me"));
        work();
        gateway.reply(electionResponse(correlationId(gateway.last(CampaignDecoder.TEMPLATE_ID)), ResultCode.QUEUED,
            0));
        gateway.reply(gatewayEvent(ResultCode.UNAVAILABLE, -1));
        work();
        gateway.reply(gatewayEvent(ResultCode.OK, 1));
        work();
        final byte[] leader = gateway.last(LeaderDecoder.TEMPLATE_ID);
        gateway.reply(leaderResponse(correlationId(leader), ResultCode.OK, 99, 42, "me"));
        work();
        assertEquals(99, done(campaign).token);
    }

    @Test
    void aGrantNobodyWaitsForAnyMoreIsReleasedAtOnce()
    {
        connect();
        final CompletableFuture<LockGrant> acquire = client.acquire("L", LockMode.EXCLUSIVE, -1, 0);
        work();
        acquire.cancel(false);
        gateway.reply(lockResponse(correlationId(gateway.last(AcquireDecoder.TEMPLATE_ID)), ResultCode.OK, 55));
        work();
        final ReleaseDecoder release = new ReleaseDecoder();
        release.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(ReleaseDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals("L", release.name());
        assertEquals(55, release.token());
    }

    @Test
    void aQueuedAcquireThatOutlivesItsWaitIsWithdrawn()
    {
        connect();
        final CompletableFuture<LockGrant> acquire = client.acquire("L", LockMode.EXCLUSIVE, 500, 0);
        work();
        gateway.reply(lockResponse(correlationId(gateway.last(AcquireDecoder.TEMPLATE_ID)), ResultCode.QUEUED, 0));
        work();
        advanceMs(1_600);
        assertEquals(ResultCode.TIMED_OUT, codeOf(acquire));
        final ReleaseDecoder release = new ReleaseDecoder();
        release.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(ReleaseDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(0, release.token(), "token 0 withdraws a wait");
    }

    // ------------------------------------------------------------------------------------------------ watches

    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

    @Test
    void aWatchResumesOnTheNextGatewayWithoutGapsOrDuplicates()
    {
        connect();
        final List<String> seen = new ArrayList<>();
        final WatchHandle watch = client.watchPrefix("/c/", 0, event -> seen.add(event.revision() + event.key()));
        work();
        final WatchDecoder first = new WatchDecoder();
        first.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(WatchDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(0, first.startRevision());
        assertTrue(first.flags().prefix());
        assertEquals(watch.watchId(), first.watchId());
        gateway.reply(watchResponse(first.header().correlationId(), ResultCode.OK, watch.watchId(), 10, 0));
        gateway.reply(watchEvents(watch.watchId(), 11L, "/c/a", "1", 12L, "/c/b", "2", 12L, "/c/c", "3"));
        gateway.reply(watchEvents(watch.watchId(), 11L, "/c/a", "1"));
        work();
        assertEquals(10, done(watch.registered()));
        assertEquals(List.of("11/c/a", "12/c/b", "12/c/c"), seen);
        assertEquals(12, watch.lastRevision());

        failOverToSecondGateway();
        final WatchDecoder again = new WatchDecoder();
        again.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(WatchDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(watch.watchId(), again.watchId());
        assertEquals(12, again.startRevision(), "revision 12 may have had more events");
        gateway.reply(watchResponse(again.header().correlationId(), ResultCode.OK, watch.watchId(), 20, 0));
        gateway.reply(watchEvents(watch.watchId(), 12L, "/c/b", "2", 12L, "/c/c", "3", 12L, "/c/d", "4",
            13L, "/c/e", "5"));
        work();
        assertEquals(List.of("11/c/a", "12/c/b", "12/c/c", "12/c/d", "13/c/e"), seen);

        watch.cancel();
        work();
        assertEquals(1, gateway.count(CancelWatchDecoder.TEMPLATE_ID));
        gateway.reply(watchEvents(watch.watchId(), 14L, "/c/f", "6"));
        work();
        assertEquals(5, seen.size(), "nothing after cancel");
    }

    @Test
    void oneSharedFrameReachesEveryListedLiveWatchWithItsOwnPrevValueChoiceDespiteAThrowingListener()
    {
        connect();
        final List<String> plain = new ArrayList<>();
        final List<String> withPrev = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        final WatchHandle a = client.watch("/s/k", 0, event -> plain.add(event.revision() + "=" +
            event.valueAsString() + "/" + (event.prevValue() == null ? "-" : new String(event.prevValue(), UTF8))));
        final WatchHandle b = client.watch("/s/k", false, 0, true, event -> withPrev.add(event.revision() + "=" +
            event.valueAsString() + "/" + new String(event.prevValue(), UTF8)));
        final WatchHandle c = client.watch("/s/other", 0, event -> other.add(event.key()));
        final WatchHandle thrower = client.watch("/s/k", 0, event ->
        {
            throw new IllegalStateException("listener bug");
        });
        work();
        final List<byte[]> registrations = gateway.sent(WatchDecoder.TEMPLATE_ID);
        assertEquals(4, registrations.size());
        for (final byte[] registration : registrations)
        {
            final WatchDecoder watch = new WatchDecoder();
            watch.wrapAndApplyHeader(new UnsafeBuffer(registration), 0, new MessageHeaderDecoder());
            gateway.reply(watchResponse(watch.header().correlationId(), ResultCode.OK, watch.watchId(), 10, 0));
        }
        gateway.reply(watchEvents(a.watchId(), 11L, "/s/k", "one"));
        work();
        c.cancel();
        work();
        gateway.reply(sharedWatchEvents(new long[] { thrower.watchId(), a.watchId(), b.watchId(), c.watchId() },
            12L, "/s/k", "two", 13L, "/s/k", "three"));
        work();
        assertEquals(1, errors.size(), "the throwing listener's error is reported");
        assertEquals("listener bug", errors.get(0).getMessage());
        errors.clear();
        assertEquals(List.of("11=one/-", "12=two/-", "13=three/-"), plain);
        assertEquals(List.of("12=two/p", "13=three/p"), withPrev);
        assertEquals(List.of(), other, "a cancelled watch gets nothing");
        assertEquals(13, a.lastRevision());
        assertEquals(13, b.lastRevision());
        gateway.reply(sharedWatchEvents(new long[] { b.watchId() }, 14L, "/s/k", "four"));
        work();
        assertEquals(3, plain.size(), "an unlisted watch gets nothing");
        assertEquals(List.of("12=two/p", "13=three/p", "14=four/p"), withPrev);
    }

    @Test
    void aSlowConsumerCutIsRepairedByWatchingAgainFromTheCursor()
    {
        connect();
        final List<Long> seen = new ArrayList<>();
        final WatchHandle watch = client.watch("/c/a", 5, event -> seen.add(event.revision()));
        work();
        gateway.reply(watchResponse(correlationId(gateway.last(WatchDecoder.TEMPLATE_ID)), ResultCode.OK,
            watch.watchId(), 9, 0));
        gateway.reply(watchEvents(watch.watchId(), 6L, "/c/a", "x"));
        gateway.reply(watchProgress(8, watch.watchId()));
        gateway.reply(watchEnded(watch.watchId(), ResultCode.SLOW_CONSUMER, 8));
        work();
        final WatchDecoder again = new WatchDecoder();
        again.wrapAndApplyHeader(new UnsafeBuffer(gateway.last(WatchDecoder.TEMPLATE_ID)), 0,
            new MessageHeaderDecoder());
        assertEquals(2, gateway.count(WatchDecoder.TEMPLATE_ID));
        assertEquals(9, again.startRevision(), "everything up to the progress at 8 was delivered");
        assertTrue(watch.isActive());
        assertEquals(List.of(6L), seen);
    }

    @Test
    void aCompactedWatchEndsWithItsCode()
    {
        connect();
        final List<ResultCode> ended = new ArrayList<>();
        final WatchHandle watch = client.watch("/c/a", 2, new WatchListener()
        {
            public void onEvent(final WatchEvent event)
            {
            }

            public void onEnded(final ResultCode code, final long lastRevision)
            {
                ended.add(code);
            }
        });
        work();
        gateway.reply(watchResponse(correlationId(gateway.last(WatchDecoder.TEMPLATE_ID)), ResultCode.COMPACTED,
            watch.watchId(), 90, 50));
        work();
        assertEquals(List.of(ResultCode.COMPACTED), ended);
        assertFalse(watch.isActive());
        assertEquals(ResultCode.COMPACTED, codeOf(watch.registered()));
    }

    // ------------------------------------------------------------------------------------------------ close

    @Test
    void closeEndsTheSessionLeavesTheGatewayAndFailsWhatIsPending()
    {
        connect();
        final CompletableFuture<KeyValue> pending = client.get("/k/a");
        work();
        client.close();
        final byte[] closeSession = gateway.last(CloseSessionDecoder.TEMPLATE_ID);
        assertEquals(42, sessionId(closeSession));
        assertEquals(1, requestSeq(closeSession));
        assertEquals(1, gateway.count(DisconnectDecoder.TEMPLATE_ID));
        assertEquals(ResultCode.CANCELLED, codeOf(pending));
        assertEquals(ResultCode.CANCELLED, codeOf(client.put("/k/b", bytes("1"))));
        assertTrue(gateway.closed);
        assertTrue(client.isClosed());
    }

    @Test
    void gatewayInfoListsTheMembers()
    {
        final java.util.Map<Integer, String> members =
            GatewayInfo.parseMembers("2=10.0.0.3:9202,0=10.0.0.1:9002, 1=10.0.0.2:9102,junk");
        assertEquals(List.of(0, 1, 2), List.copyOf(members.keySet()));
        assertEquals("10.0.0.2:9102", members.get(1));
        assertTrue(GatewayInfo.parseMembers("").isEmpty());
    }

    @Test
    void contextRejectsBadSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new WardenClient.Context().conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new WardenClient.Context().gatewayEndpoints("nohost").conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new WardenClient.Context().gatewayEndpoints("h:99999").conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new WardenClient.Context().gatewayEndpoints("h:1").sessionTtlMs(10).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new WardenClient.Context().gatewayEndpoints("h:1").publicationTermLength(100_000).conclude());
        final WardenClient.Context ok = new WardenClient.Context().gatewayEndpoints(" a:1 , b:2 ").conclude();
        assertEquals("a:1,b:2", ok.gatewayEndpoints());
        assertTrue(ok.embeddedDriver());
        assertTrue(ok.aeronDirectoryName().contains("warden-client-"));
        assertThrows(IllegalStateException.class, ok::conclude);
    }
}
