package io.warden.node;

import io.warden.node.domain.FootprintRecount;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.support.ManualTimers;
import io.warden.node.service.CommandAdapter;
import io.warden.node.service.EgressResponder;
import io.warden.node.service.FrameRecorder;
import io.warden.node.snapshot.SnapshotReader;
import io.warden.node.snapshot.SnapshotWriter;
import io.warden.schema.LimitsSpec;
import io.warden.schema.RequestWriter;
import io.warden.schema.Scram;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.AuthListKind;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.ConfigureLimitsDecoder;
import io.warden.schema.protocol.ErrorResponseDecoder;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.RoleOp;
import io.warden.schema.protocol.UserOp;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's state is a pure function of the commands it applies. Seeded random histories of frames (valid, retried,
 * malformed), time steps with the timers they fire, and new leadership terms are applied twice, and once with a
 * snapshot round-trip at a random point: every run must end with the same state digest and must have sent exactly the
 * same frames in the same order.
 * <p>
 * A failing seed is printed; rerun one with {@code -Dwarden.seed=<seed>}.
 */
final class DeterminismTest
{
    private static final int STEPS = 1_500;

    static LongStream seeds()
    {
        final String fixed = System.getProperty("warden.seed");
        if (fixed != null)
        {
            return LongStream.of(Long.parseLong(fixed));
        }
        return LongStream.rangeClosed(1, 24).map(i -> i * 0x9E3779B97F4A7C15L);
    }

    /**
     * One step of a history.
     */
    private record Step(int kind, long route, byte[] frame, long advanceMs)
    {
        static final int FRAME = 0;
        static final int ADVANCE = 1;
        static final int NEW_TERM = 2;
    }

    /**
     * A node as the service wires it, minus Aeron.
     */
    private static final class Node
    {
        final FrameRecorder egress = new FrameRecorder();
        final EgressResponder responder = new EgressResponder(egress, 512 * 1024);
        final ManualTimers timers;
        final WardenStateMachine state;
        final CommandAdapter adapter;
        long nowMs;

        Node(final ManualTimers timers, final long nowMs)
        {
            this.timers = timers;
            this.state = new WardenStateMachine(responder, responder, timers);
            this.adapter = new CommandAdapter(state, responder);
            this.nowMs = nowMs;
            // as the service does from Aeron's sessions: three connections of one gateway (its sessions move between
            // them freely; OwnershipTest covers another gateway's) and an operator's
            state.onRouteOpened(ROUTES[0], "gateway:g0".getBytes(StandardCharsets.US_ASCII));
            state.onRouteOpened(ROUTES[1], "gateway:g0".getBytes(StandardCharsets.US_ASCII));
            state.onRouteOpened(ROUTES[2], "gateway:g0".getBytes(StandardCharsets.US_ASCII));
            state.onRouteOpened(OPERATOR_ROUTE, "operator:o".getBytes(StandardCharsets.US_ASCII));
        }

        void apply(final Step step)
        {
            switch (step.kind)
            {
                case Step.FRAME:
                    state.time(nowMs);
                    adapter.onMessage(step.route, new UnsafeBuffer(step.frame), 0, step.frame.length);
                    break;
                case Step.ADVANCE:
                    final long to = nowMs + step.advanceMs;
                    timers.fireDue(nowMs, to, state);
                    nowMs = to;
                    break;
                case Step.NEW_TERM:
                    // a new leader whose clock is ahead of or behind the last one's
                    nowMs += step.advanceMs;
                    state.onNewLeadershipTerm(nowMs);
                    break;
                default:
                    throw new IllegalStateException();
            }
            assertAccountMatchesRecount(state);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replayAndSnapshotRoundTripAreIndistinguishable(final long seed)
    {
        final List<Step> history = generate(seed);
        final Random random = new Random(seed ^ 0x5DEECE66DL);
        final int snapshotAt = random.nextInt(history.size());

        final Node first = run(history, 0, history.size(), new Node(new ManualTimers(), 1_000));
        final Node second = run(history, 0, history.size(), new Node(new ManualTimers(), 1_000));

        final ManualTimers carriedTimers = new ManualTimers();
        final Node beforeSnapshot = run(history, 0, snapshotAt, new Node(carriedTimers, 1_000));
        final Node afterSnapshot = restore(beforeSnapshot);
        run(history, snapshotAt, history.size(), afterSnapshot);

        final String context = "seed=" + seed + " snapshotAt=" + snapshotAt;
        assertEquals(first.state.digest(), second.state.digest(), context);
        assertEquals(first.state.digest(), afterSnapshot.state.digest(), context);
        assertSameFrames(first.egress.frames(), second.egress.frames(), context);
        final List<FrameRecorder.Frame> split = new ArrayList<>(beforeSnapshot.egress.frames());
        split.addAll(afterSnapshot.egress.frames());
        assertSameFrames(first.egress.frames(), split, context);
        assertTrue(first.state.revision() > 0, "the history changed something: " + context);
        final long lockEvents = first.egress.frames().stream().filter(f -> f.templateId() == 200).count();
        final long sessionEvents = first.egress.frames().stream().filter(f -> f.templateId() == 202).count();
        final long watchEvents = first.egress.frames().stream().filter(f -> f.templateId() == 203).count();
        final long errors = first.egress.frames().stream().filter(f -> f.templateId() == 122).count();
        final long quotaRefusals = first.egress.frames().stream().filter(DeterminismTest::isQuotaRefusal).count();
        System.out.println(context + " frames=" + first.egress.frames().size() + " lockEvents=" + lockEvents +
            " sessionExpiries=" + sessionEvents + " watchEventFrames=" + watchEvents + " errorFrames=" + errors +
            " quotaRefusals=" + quotaRefusals +
            " revision=" + first.state.revision());
        assertTrue(lockEvents > 0 && sessionEvents > 0 && watchEvents > 0 && errors > 0 && quotaRefusals > 0,
            "the history exercises grants, expiries, watches, bad frames and quota refusals: " + context);
    }

    private static boolean isQuotaRefusal(final FrameRecorder.Frame frame)
    {
        if (frame.templateId() != ErrorResponseDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame.buffer(), 0);
        return new ErrorResponseDecoder().wrap(frame.buffer(), MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version()).code() == ResultCode.QUOTA_EXCEEDED;
    }

    /**
     * The running byte account equals a recount from scratch, in total and for every live session's charge.
     */
    private static void assertAccountMatchesRecount(final WardenStateMachine state)
    {
        final FootprintRecount recount = state.recount();
        assertEquals(recount.totalBytes(), state.stateBytes(), "accounted state bytes");
        for (final Long sessionId : recount.chargedSessions())
        {
            assertChargeEquals(recount.chargeOf(sessionId), state.chargeOf(sessionId), sessionId);
        }
        for (final long sessionId : state.liveSessionIds())
        {
            assertChargeEquals(recount.chargeOf(sessionId), state.chargeOf(sessionId), sessionId);
        }
    }

    private static void assertChargeEquals(final long[] expected, final long[] actual, final long sessionId)
    {
        assertEquals(List.of(expected[0], expected[1], expected[2]), List.of(actual[0], actual[1], actual[2]),
            "keys, bytes and sequential keys charged to session " + sessionId);
    }

    private static Node run(final List<Step> history, final int from, final int to, final Node node)
    {
        for (int i = from; i < to; i++)
        {
            node.apply(history.get(i));
        }
        return node;
    }

    /**
     * Snapshot a node and load it into a fresh one, which keeps the same cluster timers (Aeron's consensus module
     * keeps those in its own snapshot) and the same clock.
     */
    private static Node restore(final Node node)
    {
        final Node fresh = new Node(node.timers, node.nowMs);
        final SnapshotReader reader = new SnapshotReader(fresh.state);
        new SnapshotWriter().write(node.state, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            reader.onRecord(new UnsafeBuffer(copy), 0, length);
        });
        assertTrue(reader.isComplete());
        assertEquals(node.state.digest(), fresh.state.digest());
        return fresh;
    }

    private static void assertSameFrames(
        final List<FrameRecorder.Frame> expected, final List<FrameRecorder.Frame> actual, final String context)
    {
        assertEquals(expected.size(), actual.size(), "frame count, " + context);
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), actual.get(i), "frame " + i + ", " + context);
        }
    }

    // ------------------------------------------------------------------------------------------------ generator

    private static final String[] KEYS = { "/a", "/a/b", "/a/c", "/b", "/b/x", "/svc/1", "/svc/2", "/q/" };
    private static final String[] LOCKS = { "L1", "L2", "L3" };
    private static final String[] ELECTIONS = { "E1", "E2" };
    private static final String[] PREFIXES = { "", "/a", "/a/", "/svc/", "/_warden/" };
    private static final long[] ROUTES = { 11, 12, 13 };
    private static final long OPERATOR_ROUTE = 19;

    /**
     * Generates a history. Session ids are issued in order from 1, so the generator can predict them; it keeps a
     * per-session sequence, sometimes re-sends an earlier frame (a retry), and sometimes sends garbage.
     */
    private static List<Step> generate(final long seed)
    {
        final Random random = new Random(seed);
        final RequestWriter writer = new RequestWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(8192);
        final List<Step> steps = new ArrayList<>();
        final List<long[]> sessions = new ArrayList<>(); // {id, nextSeq}
        final List<Step> sent = new ArrayList<>();
        long correlationId = 1;
        int opened = 0;

        while (steps.size() < STEPS)
        {
            final int dice = random.nextInt(100);
            final long route = ROUTES[random.nextInt(ROUTES.length)];
            if (dice < 6 || sessions.isEmpty())
            {
                final long ttl = 500 + random.nextInt(4_000);
                final long secret = random.nextInt(8) == 0 && opened > 0 ? 1000 + random.nextInt(opened) : 1000 + opened;
                final int length = writer.header(correlationId++, 0, 0, 0)
                    .openSession(buffer, 0, ttl, secret, "c" + opened);
                if (secret == 1000 + opened)
                {
                    opened++;
                    sessions.add(new long[]{ opened, 1 });
                }
                add(steps, sent, route, buffer, length);
                continue;
            }
            if (dice < 14)
            {
                if (random.nextInt(10) < 8)
                {
                    final long[] ids = sessions.stream().mapToLong(sessionState -> sessionState[0]).toArray();
                    final int[] silentMs = new int[ids.length];
                    for (int i = 0; i < silentMs.length; i++)
                    {
                        silentMs[i] = random.nextInt(4) == 0 ? random.nextInt(3_000) : 0;
                    }
                    add(steps, sent, route, buffer, writer.header(correlationId++, 0, 0, 0)
                        .keepAliveBatch(buffer, 0, ids, silentMs, ids.length));
                }
                steps.add(new Step(Step.ADVANCE, 0, null, random.nextInt(10) == 0 ? 3_000 : random.nextInt(400)));
                continue;
            }
            if (dice < 15)
            {
                final long skewMs = random.nextInt(3) == 0 ? random.nextInt(10_000) - 5_000 : random.nextInt(50);
                steps.add(new Step(Step.NEW_TERM, 0, null, skewMs));
                continue;
            }
            if (dice < 19 && !sent.isEmpty())
            {
                steps.add(sent.get(random.nextInt(sent.size())));
                continue;
            }
            if (dice < 21)
            {
                final byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                steps.add(new Step(Step.FRAME, route, garbage, 0));
                continue;
            }
            if (dice < 24)
            {
                // users, roles and the switch, from the operator; logins from a gateway
                steps.add(authStep(random, writer, buffer, correlationId++, route));
                continue;
            }
            final long[] session = sessions.get(random.nextInt(sessions.size()));
            final long sessionId = random.nextInt(30) == 0 ? 999 : session[0];
            final long seq = session[1]++;
            final long acked = Math.max(0, seq - 1 - random.nextInt(4));
            writer.header(correlationId++, sessionId, seq, acked);
            final String key = KEYS[random.nextInt(KEYS.length)];
            final String lock = LOCKS[random.nextInt(LOCKS.length)];
            final String election = ELECTIONS[random.nextInt(ELECTIONS.length)];
            final byte[] value = ("v" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
            final long token = random.nextInt(3) == 0 ? 0 : random.nextInt(200);
            final int length;
            switch (random.nextInt(22))
            {
                case 0:
                case 1:
                    length = writer.put(buffer, 0, random.nextBoolean(), key, value);
                    break;
                case 2:
                    length = writer.get(buffer, 0, key);
                    break;
                case 3:
                    length = writer.delete(buffer, 0, key, random.nextInt(4) == 0);
                    break;
                case 4:
                    length = writer.range(buffer, 0, PREFIXES[random.nextInt(PREFIXES.length)],
                        random.nextBoolean() ? "" : key, random.nextInt(4), random.nextInt(3) == 0 ? seq / 2 : 0);
                    break;
                case 5:
                    length = writer.txn(buffer, 0, new TxnSpec()
                        .compareVersion(key, CompareOp.values()[random.nextInt(4)], random.nextInt(3))
                        .thenPut(KEYS[random.nextInt(KEYS.length)], value)
                        .elseDelete(KEYS[random.nextInt(KEYS.length)]));
                    break;
                case 6:
                    length = writer.createSequential(buffer, 0, random.nextBoolean(), "/q/", value);
                    break;
                case 7:
                case 8:
                    length = writer.acquire(buffer, 0, lock,
                        random.nextInt(3) == 0 ? LockMode.SHARED : LockMode.EXCLUSIVE,
                        random.nextInt(4) == 0 ? 0 : random.nextInt(4) == 0 ? -1 : random.nextInt(2_000),
                        random.nextInt(3) == 0 ? random.nextInt(1_000) : 0);
                    break;
                case 9:
                    length = writer.release(buffer, 0, lock, token);
                    break;
                case 10:
                    length = writer.checkFence(buffer, 0, lock, token);
                    break;
                case 11:
                    length = writer.describeLock(buffer, 0, lock);
                    break;
                case 12:
                    length = writer.lockStatus(buffer, 0, lock);
                    break;
                case 13:
                    length = writer.campaign(buffer, 0, election, value);
                    break;
                case 14:
                    length = writer.proclaim(buffer, 0, election, token, value);
                    break;
                case 15:
                    length = writer.resign(buffer, 0, election, token);
                    break;
                case 16:
                    length = writer.leader(buffer, 0, election);
                    break;
                case 17:
                    length = writer.watch(buffer, 0, random.nextInt(6), PREFIXES[random.nextInt(PREFIXES.length)],
                        true, random.nextBoolean(), random.nextInt(3) == 0 ? random.nextInt((int)seq + 1) : 0);
                    break;
                case 18:
                    length = writer.cancelWatch(buffer, 0, random.nextInt(6));
                    break;
                case 19:
                    final long[] ids = { session[0], sessions.get(random.nextInt(sessions.size()))[0], 777 };
                    length = writer.keepAliveBatch(buffer, 0, ids, ids.length);
                    break;
                case 20:
                    length = random.nextInt(10) == 0 ?
                        writer.closeSession(buffer, 0) :
                        random.nextInt(3) == 0 ? writer.configureLimits(buffer, 0, tightLimits(random)) :
                        writer.configureLimits(buffer, 0, 0, 4 + random.nextInt(60), 0);
                    break;
                default:
                    length = random.nextBoolean() ? writer.progress(buffer, 0) : writer.status(buffer, 0);
                    break;
            }
            add(steps, sent, route, buffer, length);
        }
        return steps;
    }

    /**
     * Limits small enough for a short history to run into: the state quota a few KiB above a small history bound,
     * and caps of a few keys, bytes, locks and watches; sometimes generous again.
     */
    private static LimitsSpec tightLimits(final Random random)
    {
        if (random.nextInt(4) == 0)
        {
            return new LimitsSpec().stateQuotaBytes(WardenLimits.DEFAULT_STATE_QUOTA_BYTES)
                .historyMaxBytes(WardenLimits.DEFAULT_HISTORY_MAX_BYTES).maxKeysPerSession(1_000)
                .maxBytesPerSession(1 << 20).maxSequentialPerSession(1_000).maxLocksPerSession(1_000)
                .maxWatchesPerConnection(1_000);
        }
        final long historyBytes = 2_048 + random.nextInt(4_096);
        return new LimitsSpec()
            .historyMaxBytes(historyBytes)
            .stateQuotaBytes(historyBytes + WardenLimits.MIN_STATE_QUOTA_HEADROOM_BYTES + random.nextInt(16_384))
            .maxKeysPerSession(1 + random.nextInt(4))
            .maxBytesPerSession(300 + random.nextInt(1_200))
            .maxSequentialPerSession(1 + random.nextInt(3))
            .maxLocksPerSession(1 + random.nextInt(3))
            .maxWatchesPerConnection(1 + random.nextInt(4));
    }

    private static final String[] USERS = { "root", "u1", "u2" };

    /**
     * One auth request: a user or role change or the switch from the operator's route, or a login (right or wrong
     * password) from a gateway's. Salts come from the seed, so a run is repeatable.
     */
    private static Step authStep(
        final Random random, final RequestWriter writer, final ExpandableArrayBuffer buffer, final long correlationId,
        final long route)
    {
        writer.header(correlationId, 0, 0, 0);
        final String user = USERS[random.nextInt(USERS.length)];
        final String role = random.nextInt(3) == 0 ? "root" : "r" + random.nextInt(2);
        final byte[] salt = new byte[Scram.SALT_LENGTH];
        random.nextBytes(salt);
        final byte[] salted = Scram.saltedPassword(("pw-" + user).toCharArray(), salt, Scram.MIN_ITERATIONS);
        final int length;
        long from = OPERATOR_ROUTE;
        switch (random.nextInt(8))
        {
            case 0:
                length = writer.userChange(buffer, 0, random.nextInt(5) == 0 ? UserOp.PASSWD : UserOp.ADD, user, null,
                    Scram.MIN_ITERATIONS, salt, Scram.storedKey(salted), Scram.serverKey(salted));
                break;
            case 1:
                length = writer.userChange(buffer, 0, random.nextBoolean() ? UserOp.GRANT_ROLE : UserOp.REVOKE_ROLE,
                    user, role, 0, null, null, null);
                break;
            case 2:
                length = writer.roleChange(buffer, 0, random.nextInt(4) == 0 ? RoleOp.DELETE : RoleOp.ADD, role,
                    ResourceType.KEY, 0, null);
                break;
            case 3:
                length = writer.roleChange(buffer, 0, random.nextInt(3) == 0 ? RoleOp.REVOKE : RoleOp.GRANT, role,
                    ResourceType.values()[random.nextInt(3)], 1 + random.nextInt(63),
                    PREFIXES[random.nextInt(PREFIXES.length)]);
                break;
            case 4:
                length = writer.authSwitch(buffer, 0, random.nextInt(3) != 0);
                break;
            case 5:
                length = writer.authList(buffer, 0, AuthListKind.values()[random.nextInt(4)], user);
                break;
            case 6:
                from = route;
                length = writer.authBegin(buffer, 0, random.nextInt(4) == 0 ? "nobody" : user);
                break;
            default:
                from = route;
                final byte[] message = Scram.authMessage(user, salt, salt, salt, Scram.MIN_ITERATIONS);
                length = writer.authenticate(buffer, 0, user, message, Scram.clientProof(salted, message));
                break;
        }
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return new Step(Step.FRAME, from, frame, 0);
    }

    private static void add(
        final List<Step> steps, final List<Step> sent, final long route, final ExpandableArrayBuffer buffer,
        final int length)
    {
        final byte[] plain = new byte[length];
        buffer.getBytes(0, plain);
        // a third of the requests act for a user (as a gateway forwards a logged-in client's), so that permission
        // checks decide some answers once the switch is on
        final long userId = plain.length % 3 == 0 ? 1 + plain.length % USERS.length : 0;
        final byte[] frame;
        if (userId == 0)
        {
            frame = plain;
        }
        else
        {
            final ExpandableArrayBuffer wrapped = new ExpandableArrayBuffer(plain.length + 64);
            final int envelope = new RequestWriter().onBehalf(wrapped, 0, userId);
            wrapped.putBytes(envelope, plain);
            frame = new byte[envelope + plain.length];
            wrapped.getBytes(0, frame);
        }
        // limits change only through an operator's connection
        final boolean limits = length >= 4 && (buffer.getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF) ==
            ConfigureLimitsDecoder.TEMPLATE_ID;
        final Step step = new Step(Step.FRAME, limits ? OPERATOR_ROUTE : route, frame, 0);
        steps.add(step);
        sent.add(step);
    }
}
