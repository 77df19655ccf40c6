package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.control.RunLayout;
import io.warden.bench.chaos.workload.KvWorkload;
import io.warden.bench.chaos.workload.RawClusterClient;
import io.warden.bench.chaos.workload.RawFrameClient;
import io.warden.bench.chaos.workload.RequestLoop;
import io.warden.client.WardenClient;
import io.warden.node.launcher.ClusterMembers;
import io.warden.schema.RequestWriter;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.PutDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.TxnDecoder;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellSecrets;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * F9: bad input against the real gateway and, bypassing it, the real nodes. Every frame must be answered with a
 * result code (the expected one where the protocol defines it), no node may count a service error, and input that is
 * refused must change nothing: the state digest every node reports for a snapshot taken before the refused input
 * must equal the one after it. Then, with a well-behaved client writing throughout: values and keys exactly at their
 * limits are accepted, and floods of sessions and watches from one client stop at their limits with
 * {@code LIMIT_EXCEEDED} while the well-behaved client keeps being served.
 * <p>
 * Refused input: frames shorter than a header, header-only frames, a wrong schema id, unknown templates, versions
 * too old and too new, a block length too short, truncated bodies, trailing garbage, var-data lengths past the end,
 * repeating-group counts past the end, values one byte over the limit, keys over the limit, empty, reserved and
 * non-UTF-8 keys, transactions with too many operations or too many bytes, keepalives and admin requests from a
 * plain client, a session id the client does not own, invalid session settings, gateway-only messages sent to the
 * cluster, and seeded random corruptions of read requests.
 */
public final class F9BadInput implements Scenario
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final EnumSet<ResultCode> ANY_CODE = EnumSet.complementOf(EnumSet.of(ResultCode.NULL_VAL));
    private static final EnumSet<ResultCode> REFUSED = EnumSet.complementOf(EnumSet.of(ResultCode.OK,
        ResultCode.NULL_VAL));
    private static final int FUZZ_CASES = 40;
    private static final int SESSION_FLOOD_EXTRA = 6;
    private static final int WATCH_FLOOD_EXTRA = 5;
    private static final int REFUSED_PHASE_ATTEMPTS = 3;
    /** How long a frame may wait for its answer: generous, so that a stalled machine is not taken for a lost answer. */
    private static final long ANSWER_TIMEOUT_MS = 30_000;

    private final RequestWriter writer = new RequestWriter();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 17);
    private final Map<String, Integer> triedByTarget = new TreeMap<>();
    private long nextCorrelationId = 1_000;
    private long sessionId;
    private long requestSeq;
    /** Frames of the refused-input phase left unanswered; excused only if an election fell inside the phase. */
    private List<String> unansweredInPhase;
    private int tried;
    private int answeredAsExpected;

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return "F9";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return "bad-input";
    }

    /**
     * One refused-input case.
     *
     * @param name     what it is.
     * @param frame    the bytes sent.
     * @param expected the codes that are right (the first line's or the node's).
     */
    private record Case(String name, byte[] frame, EnumSet<ResultCode> expected)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        tried = 0;
        answeredAsExpected = 0;
        triedByTarget.clear();
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        ctx.pool();
        final String aeronDir = ctx.layout().harnessAeronDir().toString();
        final String gateway = cluster.gatewayEndpoints().get(0);
        cluster.awaitLeader(30_000);

        // Phase 1: nothing but refused input, so nothing may move the state digest. Mutations need a live session to
        // get past the session check to the checks behind it: one is opened with the longest TTL by a client that
        // then leaves, so the gateway stops renewing it and its deadline stays put. The gateway is sent
        // session-less frames (its own checks come first); the nodes are sent that session's id directly.
        try (RawFrameClient owner = new RawFrameClient(aeronDir, gateway, RunLayout.HARNESS_CLIENT_ADDRESS))
        {
            ctx.require(owner.connect("warden") == ResultCode.OK, "bad-input", "the raw client could not connect");
            sessionId = openSession(owner, WardenLimits.MAX_SESSION_TTL_MS);
            ctx.require(sessionId > 0, "bad-input", "the raw client could not open a session");
        }
        ctx.sleep(2_000);
        final String ingress = ClusterMembers.derive(hosts(cluster.nodeCount()), ctx.layout().portBase())
            .ingressEndpoints();
        // A new leadership term renews every session (the election grace), which is no input: when an election falls
        // between the two snapshots (a stalled machine), the comparison proves nothing and the phase is repeated.
        for (int attempt = 1; attempt <= REFUSED_PHASE_ATTEMPTS; attempt++)
        {
            final long termBefore = leadershipTerm(cluster);
            final ClusterController.Snapshot before = ctx.snapshot();
            unansweredInPhase = new ArrayList<>();
            try (RawFrameClient raw = new RawFrameClient(aeronDir, gateway, RunLayout.HARNESS_CLIENT_ADDRESS))
            {
                ctx.require(raw.connect("warden") == ResultCode.OK, "bad-input", "the raw client could not connect");
                for (final Case c : refusedCases(ctx.random(), true))
                {
                    check(ctx, "gateway", c, () -> raw.send(c.frame()), id -> raw.await(id, ANSWER_TIMEOUT_MS));
                }
            }
            // as another connection of gateway 0, whose sessions the cases use: what the node's validation answers is
            // checked here (a stranger gateway is refused SESSION_NOT_OWNED before validation; NodeTrustIT covers that)
            try (RawClusterClient direct = new RawClusterClient(aeronDir, ingress, RunLayout.HARNESS_CLIENT_ADDRESS,
                new CellCredentials(cluster.harnessSecretFile(), CellSecrets.GATEWAY, "gateway-0")))
            {
                for (final Case c : refusedCases(ctx.random(), false))
                {
                    check(ctx, "node", c, () -> direct.send(c.frame()), id -> direct.await(id, ANSWER_TIMEOUT_MS));
                }
            }
            final ClusterController.Snapshot after = ctx.snapshot();
            final long termAfter = leadershipTerm(cluster);
            final List<String> unanswered = unansweredInPhase;
            unansweredInPhase = null;
            if (termBefore != termAfter && attempt < REFUSED_PHASE_ATTEMPTS)
            {
                // Egress in flight at a leader change may be lost (DESIGN.md section 1): not a refusal gone missing.
                ctx.note("refused-input-phase-repeated(term:" + termBefore + "->" + termAfter + ",unanswered:" +
                    unanswered.size() + ")");
                continue;
            }
            for (final String message : unanswered)
            {
                ctx.violation("bad-input-unanswered", message);
            }
            if (null == before || null == after)
            {
                break;
            }
            if (termBefore != termAfter)
            {
                ctx.require(attempt < REFUSED_PHASE_ATTEMPTS, "liveness", "a new leadership term fell inside every " +
                    "one of " + REFUSED_PHASE_ATTEMPTS + " refused-input phases; the digests could not be compared");
                continue;
            }
            final long digestBefore = before.digestByNode().values().iterator().next();
            final long digestAfter = after.digestByNode().values().iterator().next();
            ctx.require(digestBefore == digestAfter, "state-changed-by-refused-input",
                "state digest " + Long.toHexString(digestBefore) + " at " + before.position() + " became " +
                Long.toHexString(digestAfter) + " at " + after.position() + " with only refused input between");
            break;
        }
        ctx.require(0 == cluster.serviceErrors(), "service-error", "the nodes counted " +
            cluster.serviceErrors() + " service errors after the refused input");

        try (RawFrameClient raw = new RawFrameClient(aeronDir, gateway, RunLayout.HARNESS_CLIENT_ADDRESS))
        {
            ctx.require(raw.connect("warden") == ResultCode.OK, "bad-input", "the raw client could not connect");
            sessionId = openSession(raw, 10_000);
            requestSeq = 0;
            // Phase 2: limits and floods while a well-behaved client works.
            final List<String> keys = List.of("/chaos/f9/reg/k0", "/chaos/f9/reg/k1");
            final KvWorkload kv = new KvWorkload(ctx.history(), keys, ctx.seed());
            ctx.checkKv(kv);
            final WardenClient good = ctx.client("well-behaved", cluster.gatewayEndpoints(), 5_000);
            final RequestLoop loop = new RequestLoop("f9-kv", 60_000, Long.MAX_VALUE, 5)
                .start(2, p ->
                {
                    kv.step(p, good);
                    return true;
                });
            final int okBefore = okCount(ctx);
            limits(ctx, raw);
            try (RawFrameClient flood = new RawFrameClient(aeronDir, gateway, RunLayout.HARNESS_CLIENT_ADDRESS))
            {
                ctx.require(flood.connect("warden") == ResultCode.OK, "bad-input", "the flood client could not connect");
                sessionFlood(ctx, flood);
                watchFlood(ctx, flood);
            }
            expectCode(ctx, raw, "close the session", frame(c -> writer.header(c, sessionId, ++requestSeq, 0)
                .closeSession(buffer, 0)), ResultCode.OK);
            loop.stop();
            for (final Throwable failure : loop.join(30_000))
            {
                ctx.violation("workload", "kv worker failed: " + failure);
            }
            ctx.require(okCount(ctx) > okBefore, "liveness",
                "the well-behaved client was not served during the floods");
        }
        ctx.note("bad-inputs=" + tried + " answered-as-expected=" + answeredAsExpected + " by-target=" +
            triedByTarget);
    }

    private long openSession(final RawFrameClient raw, final long ttlMs)
    {
        final long correlationId = nextCorrelationId++;
        writer.header(correlationId, 0, 0, 0);
        raw.send(raw.buffer(), writer.openSession(raw.buffer(), 0, ttlMs, 77, "f9-raw"));
        final RawFrameClient.Answer answer = raw.await(correlationId, ANSWER_TIMEOUT_MS);
        return null != answer && answer.code() == ResultCode.OK ? answer.first() : -1;
    }

    // ------------------------------------------------------------------------------------------------ refused input

    private List<Case> refusedCases(final SplittableRandom random, final boolean viaGateway)
    {
        final long session = viaGateway ? 0 : sessionId;
        final List<Case> cases = new ArrayList<>();
        final byte[] put = frame(c -> writer.header(c, session, 1, 0).put(buffer, 0, false, "/chaos/f9/bad", bytes(8)));
        final byte[] get = frame(c -> writer.header(c, 0, 0, 0).get(buffer, 0, "/chaos/f9/none"));

        cases.add(new Case("1-byte frame", new byte[]{ 7 }, EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("7-byte frame", Arrays.copyOf(put, 7), EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("header only", Arrays.copyOf(put, HEADER), EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("wrong schema id", withShort(put, 4, 4242), EnumSet.of(ResultCode.UNKNOWN_MESSAGE)));
        cases.add(new Case("unknown template 77", withShort(put, 2, 77), EnumSet.of(ResultCode.UNKNOWN_MESSAGE)));
        cases.add(new Case("unknown template 399", withShort(put, 2, 399), EnumSet.of(ResultCode.UNKNOWN_MESSAGE)));
        cases.add(new Case("unknown template 65535", withShort(put, 2, 65535),
            EnumSet.of(ResultCode.UNKNOWN_MESSAGE)));
        cases.add(new Case("version 0", withShort(put, 6, 0), EnumSet.of(ResultCode.UNSUPPORTED_VERSION)));
        cases.add(new Case("version from the future", withShort(put, 6, MessageHeaderDecoder.SCHEMA_VERSION + 1),
            EnumSet.of(ResultCode.UNSUPPORTED_VERSION)));
        cases.add(new Case("block length too short", withShort(put, 0, PutDecoder.BLOCK_LENGTH - 1),
            EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("block length past the end", withShort(put, 0, 60_000), EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("put truncated", Arrays.copyOf(put, put.length - 3), EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("put with trailing garbage", Arrays.copyOf(put, put.length + 5),
            EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("key length past the end", withShort(put, HEADER + PutDecoder.BLOCK_LENGTH, 65_000),
            EnumSet.of(ResultCode.MALFORMED)));
        final int valueLengthAt = HEADER + PutDecoder.BLOCK_LENGTH + 2 + "/chaos/f9/bad".length();
        cases.add(new Case("value length past the end", withInt(put, valueLengthAt, 0x7FFF_FFFF),
            EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("value length negative", withInt(put, valueLengthAt, -1),
            EnumSet.of(ResultCode.MALFORMED)));
        final byte[] txn = frame(c -> writer.header(c, session, 1, 0).txn(buffer, 0, new TxnSpec()));
        cases.add(new Case("txn group count 65535 with a short buffer",
            withShort(txn, HEADER + TxnDecoder.BLOCK_LENGTH + 2, 65_535), EnumSet.of(ResultCode.MALFORMED)));
        cases.add(new Case("txn group block length 0", withShort(
            frame(c -> writer.header(c, session, 1, 0).txn(buffer, 0, new TxnSpec().thenPut("/chaos/f9/t", bytes(1)))),
            HEADER + TxnDecoder.BLOCK_LENGTH + 4, 0), EnumSet.of(ResultCode.MALFORMED)));

        cases.add(new Case("key one byte over the limit", frame(c -> writer.header(c, session, 1, 0)
            .put(buffer, 0, false, "/" + "k".repeat(WardenLimits.MAX_KEY_LENGTH), bytes(1))),
            EnumSet.of(ResultCode.KEY_TOO_LONG)));
        cases.add(new Case("empty key", frame(c -> writer.header(c, session, 1, 0).put(buffer, 0, false, "", bytes(1))),
            EnumSet.of(ResultCode.INVALID_KEY)));
        cases.add(new Case("reserved key", frame(c -> writer.header(c, session, 1, 0)
            .put(buffer, 0, false, WardenLimits.RESERVED_PREFIX + "x", bytes(1))),
            EnumSet.of(ResultCode.RESERVED_KEY, ResultCode.INVALID_KEY)));
        cases.add(new Case("non-UTF-8 key", frame(c -> writer.header(c, session, 1, 0)
            .put(buffer, 0, false, new byte[]{ '/', (byte)0xFF, (byte)0xFE }, bytes(1), 0, 1)),
            EnumSet.of(ResultCode.INVALID_KEY)));
        final TxnSpec tooMany = new TxnSpec();
        for (int i = 0; i <= WardenLimits.MAX_TXN_OPS; i++)
        {
            tooMany.thenPut("/chaos/f9/many/" + i, bytes(1));
        }
        cases.add(new Case("txn with one op too many", frame(c -> writer.header(c, session, 1, 0).txn(buffer, 0, tooMany)),
            EnumSet.of(ResultCode.LIMIT_EXCEEDED)));
        if (viaGateway)
        {
            cases.add(new Case("keepalive batch from a client", frame(c -> writer.header(c, 0, 0, 0)
                .keepAliveBatch(buffer, 0, new long[]{ 1, 2 }, 2)), EnumSet.of(ResultCode.UNAUTHORISED)));
            cases.add(new Case("admin request from a plain client", frame(c -> writer.header(c, 0, 0, 0)
                .configureLimits(buffer, 0, 1, 1, 1)), EnumSet.of(ResultCode.UNAUTHORISED)));
            cases.add(new Case("session id of someone else", frame(c -> writer.header(c, sessionId, 1, 0)
                .put(buffer, 0, false, "/chaos/f9/steal", bytes(1))), EnumSet.of(ResultCode.UNAUTHORISED)));
        }
        else
        {
            // The gateway checks values against the ceiling only (the limit is replicated state): the node's check.
            cases.add(new Case("value one byte over the limit", frame(c -> writer.header(c, session, 1, 0)
                .put(buffer, 0, false, "/chaos/f9/big", bytes(WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1))),
                EnumSet.of(ResultCode.VALUE_TOO_LARGE)));
            cases.add(new Case("txn with a value one byte over the limit", frame(c -> writer.header(c, session, 1, 0)
                .txn(buffer, 0, new TxnSpec().thenPut("/chaos/f9/tv", bytes(WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1)))),
                EnumSet.of(ResultCode.VALUE_TOO_LARGE)));
            cases.add(new Case("gateway-only message sent to the cluster", frame(c -> writer.header(c, 0, 0, 0)
                .connect(buffer, 0, "warden", "x", "aeron:udp?endpoint=127.0.1.100:9", 1)),
                EnumSet.of(ResultCode.UNKNOWN_MESSAGE)));
            cases.add(new Case("session id that does not exist", frame(c -> writer.header(c, 424_242, 1, 0)
                .put(buffer, 0, false, "/chaos/f9/ghost", bytes(1))),
                EnumSet.of(ResultCode.SESSION_UNKNOWN, ResultCode.SESSION_EXPIRED)));
        }
        cases.add(new Case("session ttl 0", frame(c -> writer.header(c, 0, 0, 0).openSession(buffer, 0, 0, 1, "x")),
            EnumSet.of(ResultCode.INVALID_ARGUMENT)));
        cases.add(new Case("session ttl over the maximum", frame(c -> writer.header(c, 0, 0, 0)
            .openSession(buffer, 0, WardenLimits.MAX_SESSION_TTL_MS + 1, 1, "x")),
            EnumSet.of(ResultCode.INVALID_ARGUMENT)));
        cases.add(new Case("client name over the limit", frame(c -> writer.header(c, 0, 0, 0)
            .openSession(buffer, 0, 5_000, 1, "n".repeat(WardenLimits.MAX_CLIENT_NAME_LENGTH + 1))),
            EnumSet.of(ResultCode.INVALID_ARGUMENT)));
        // Seeded corruption of a read: whatever it turns into must be answered (reads change nothing).
        for (int i = 0; i < FUZZ_CASES; i++)
        {
            final byte[] mutated;
            if (random.nextInt(4) == 0)
            {
                mutated = Arrays.copyOf(get, HEADER + random.nextInt(get.length - HEADER));
            }
            else
            {
                mutated = get.clone();
                final int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++)
                {
                    // bytes after the correlation id: session id, sequence, key length and key
                    final int at = HEADER + 8 + random.nextInt(mutated.length - HEADER - 8);
                    mutated[at] = (byte)random.nextInt(256);
                }
            }
            cases.add(new Case("corrupted read #" + i, mutated, ANY_CODE));
        }
        return cases;
    }

    private void check(
        final ScenarioContext ctx,
        final String target,
        final Case c,
        final Runnable send,
        final java.util.function.LongFunction<RawFrameClient.Answer> await)
    {
        tried++;
        triedByTarget.merge(target, 1, Integer::sum);
        ctx.faults().fault("bad-input", target, c.name());
        final long correlationId = c.frame().length >= HEADER + 8 ?
            ByteBuffer.wrap(c.frame()).order(ByteOrder.LITTLE_ENDIAN).getLong(HEADER) : 0;
        try
        {
            send.run();
        }
        catch (final RuntimeException ex)
        {
            ctx.violation("bad-input", target + ", " + c.name() + ": could not be sent: " + ex);
            return;
        }
        final RawFrameClient.Answer answer = await.apply(correlationId);
        if (null == answer)
        {
            final String message = target + ", " + c.name() + ": no answer within " + ANSWER_TIMEOUT_MS + " ms";
            if (null != unansweredInPhase)
            {
                unansweredInPhase.add(message);
            }
            else
            {
                ctx.violation("bad-input-unanswered", message);
            }
        }
        else if (null == answer.code() || !c.expected().contains(answer.code()))
        {
            ctx.violation("bad-input-code", target + ", " + c.name() + ": answered " + answer.code() + " (template " +
                answer.templateId() + "), expected one of " + c.expected());
        }
        else
        {
            answeredAsExpected++;
        }
    }

    // ------------------------------------------------------------------------------------------------ limits, floods

    private void limits(final ScenarioContext ctx, final RawFrameClient raw)
    {
        expectCode(ctx, raw, "value exactly at the limit", frame(c -> writer.header(c, sessionId, ++requestSeq, 0)
            .put(buffer, 0, false, "/chaos/f9/at-limit", bytes(WardenLimits.DEFAULT_MAX_VALUE_LENGTH))),
            ResultCode.OK);
        final String longKey = "/" + "k".repeat(WardenLimits.MAX_KEY_LENGTH - 1);
        expectCode(ctx, raw, "key exactly at the limit", frame(c -> writer.header(c, sessionId, ++requestSeq, 0)
            .put(buffer, 0, false, longKey, bytes(1))), ResultCode.OK);
        // A definite refusal the state machine remembers for retries, so it is not in the digest-neutral phase.
        expectCode(ctx, raw, "release of a lock nobody holds", frame(c -> writer.header(c, sessionId, ++requestSeq, 0)
            .release(buffer, 0, "/chaos/f9/lock", 99)), ResultCode.NOT_HOLDER);
        final TxnSpec full = new TxnSpec();
        for (int i = 0; i < WardenLimits.MAX_TXN_OPS; i++)
        {
            full.thenPut("/chaos/f9/full/" + i, bytes(1));
        }
        expectCode(ctx, raw, "txn with exactly the most ops", frame(c -> writer.header(c, sessionId, ++requestSeq, 0)
            .txn(buffer, 0, full)), ResultCode.OK);
    }

    private void sessionFlood(final ScenarioContext ctx, final RawFrameClient raw)
    {
        final List<RawFrameClient.Answer> answers = new ArrayList<>();
        for (int i = 0; i < WardenLimits.MAX_SESSIONS_PER_CLIENT + SESSION_FLOOD_EXTRA; i++)
        {
            final long correlationId = nextCorrelationId++;
            writer.header(correlationId, 0, 0, 0);
            raw.send(raw.buffer(), writer.openSession(raw.buffer(), 0, 1_000, 1_000 + i, "flood-" + i));
            answers.add(raw.await(correlationId, ANSWER_TIMEOUT_MS));
        }
        floodVerdict(ctx, "session flood", answers, WardenLimits.MAX_SESSIONS_PER_CLIENT, SESSION_FLOOD_EXTRA);
    }

    private void watchFlood(final ScenarioContext ctx, final RawFrameClient raw)
    {
        final int total = WardenLimits.MAX_WATCHES_PER_CLIENT + WATCH_FLOOD_EXTRA;
        final long firstCorrelationId = nextCorrelationId;
        for (int i = 0; i < total; i++)
        {
            writer.header(nextCorrelationId++, 0, 0, 0);
            raw.send(raw.buffer(), writer.watch(raw.buffer(), 0, i + 1, "/chaos/f9/watched", false, false, 0));
        }
        final List<RawFrameClient.Answer> answers = new ArrayList<>();
        for (long id = firstCorrelationId; id < firstCorrelationId + total; id++)
        {
            answers.add(raw.await(id, ANSWER_TIMEOUT_MS));
        }
        floodVerdict(ctx, "watch flood", answers, WardenLimits.MAX_WATCHES_PER_CLIENT, WATCH_FLOOD_EXTRA);
    }

    /**
     * A flood from one client must be served exactly up to its limit and refused with LIMIT_EXCEEDED beyond it.
     */
    private void floodVerdict(
        final ScenarioContext ctx,
        final String flood,
        final List<RawFrameClient.Answer> answers,
        final int limit,
        final int extra)
    {
        tried += answers.size();
        triedByTarget.merge("gateway", answers.size(), Integer::sum);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < answers.size(); i++)
        {
            final RawFrameClient.Answer answer = answers.get(i);
            if (null != answer && answer.code() == ResultCode.OK)
            {
                accepted++;
            }
            else if (null != answer && answer.code() == ResultCode.LIMIT_EXCEEDED)
            {
                refused++;
            }
            else
            {
                ctx.violation("bad-input-code", flood + " #" + i + ": answered " + answer);
            }
        }
        ctx.faults().fault("bad-input", "gateway", flood + " of " + accepted + "+" + refused);
        ctx.require(accepted == limit && refused == extra, "limit", flood + ": " + accepted + " served and " +
            refused + " refused; expected " + limit + " and " + extra);
        answeredAsExpected += accepted + refused;
    }

    private void expectCode(
        final ScenarioContext ctx, final RawFrameClient raw, final String name, final byte[] frame,
        final ResultCode expected)
    {
        check(ctx, "gateway", new Case(name, frame, EnumSet.of(expected)), () -> raw.send(frame),
            id -> raw.await(id, ANSWER_TIMEOUT_MS));
    }

    // ------------------------------------------------------------------------------------------------ frames

    private byte[] frame(final java.util.function.LongToIntFunction encode)
    {
        final int length = encode.applyAsInt(nextCorrelationId++);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] withShort(final byte[] frame, final int at, final int value)
    {
        final byte[] copy = frame.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short)value);
        return copy;
    }

    private static byte[] withInt(final byte[] frame, final int at, final int value)
    {
        final byte[] copy = frame.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return copy;
    }

    private static byte[] bytes(final int length)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte)'v');
        return bytes;
    }

    private static java.util.SortedMap<Integer, String> hosts(final int nodes)
    {
        final java.util.SortedMap<Integer, String> hosts = new java.util.TreeMap<>();
        for (int id = 0; id < nodes; id++)
        {
            hosts.put(id, RunLayout.nodeAddress(id));
        }
        return hosts;
    }

    private static long leadershipTerm(final ClusterController cluster)
    {
        long term = -1;
        for (int id = 0; id < cluster.nodeCount(); id++)
        {
            term = Math.max(term, cluster.read(id).leadershipTermId());
        }
        return term;
    }

    private static int okCount(final ScenarioContext ctx)
    {
        int ok = 0;
        for (final io.warden.bench.chaos.history.Op op : ctx.history().history())
        {
            if (op.outcome() == io.warden.bench.chaos.history.Outcome.OK)
            {
                ok++;
            }
        }
        return ok;
    }
}
