package io.warden.node.testing;

import io.warden.node.launcher.ClusterLimitsApplier;
import io.warden.schema.LimitsSpec;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.*;
import io.warden.schema.trust.CellSecrets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 4: Warden on a real three-node Aeron Cluster in one JVM. Locks, sessions and exactly-once retries through a
 * leader failover; a whole-cluster restart from snapshot plus log; bad input answered without touching the state.
 * Every node's service error counter stays 0.
 */
final class WardenClusterIT
{
    private static final long TTL_MS = 20_000;

    private TestCluster cluster;
    private WardenTestClient client;

    @AfterEach
    void tearDown()
    {
        TestCluster.tearDown(cluster, Collections.singletonList(client));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void start()
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);
    }

    private long openSession(final long secret)
    {
        final SessionResponseDecoder session = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, TTL_MS, secret, "it-" + secret), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, session.code());
        return session.sessionId();
    }

    private StatusResponseDecoder status()
    {
        return client.call(0, 0, 0, (w, b) -> w.status(b, 0), new StatusResponseDecoder());
    }

    private int failOver()
    {
        final int oldLeader = cluster.awaitLeader();
        cluster.stopNode(oldLeader);
        final int newLeader = cluster.awaitLeader();
        assertNotEquals(oldLeader, newLeader);
        return oldLeader;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lockIsStillHeldBySameSessionAfterLeaderFailoverAndNextTokenIsHigher()
    {
        start();
        final long holder = openSession(11);
        final long waiter = openSession(22);
        final LockResponseDecoder granted = client.call(holder, 1, 0,
            (w, b) -> w.acquire(b, 0, "orders", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder());
        assertEquals(ResultCode.OK, granted.code());
        final long firstToken = granted.token();
        assertEquals(ResultCode.QUEUED, client.call(waiter, 1, 0,
            (w, b) -> w.acquire(b, 0, "orders", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder()).code());

        final int oldLeader = failOver();

        final KeepAliveResponseDecoder keepAlive = client.call(0, 0, 0,
            (w, b) -> w.keepAliveBatch(b, 0, new long[]{ holder, waiter }, 2), new KeepAliveResponseDecoder());
        assertEquals(0, keepAlive.failures().count(), "both sessions survived the leader change");
        final LockResponseDecoder status = client.call(holder, 0, 0,
            (w, b) -> w.lockStatus(b, 0, "orders"), new LockResponseDecoder());
        assertEquals(ResultCode.OK, status.code());
        assertEquals(firstToken, status.token(), "the same session still holds the same grant");
        assertEquals(ResultCode.QUEUED, client.call(waiter, 0, 0,
            (w, b) -> w.lockStatus(b, 0, "orders"), new LockResponseDecoder()).code());

        assertEquals(ResultCode.OK, client.call(holder, 2, 1,
            (w, b) -> w.release(b, 0, "orders", firstToken), new LockResponseDecoder()).code());
        final LockEventDecoder grant = client.decodeEvent(
            client.awaitEvent(LockEventDecoder.TEMPLATE_ID, e -> true), new LockEventDecoder());
        assertEquals(waiter, grant.sessionId());
        assertEquals(1, grant.requestSeq());
        assertEquals(ResultCode.OK, grant.code());
        assertTrue(grant.token() > firstToken, "tokens rise across the failover: " + grant.token());

        cluster.startNode(oldLeader);
        cluster.awaitRole(oldLeader, io.aeron.cluster.service.Cluster.Role.FOLLOWER, 20_000);
        assertSameDigestOnEveryNode();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void retriedMutationsAfterFailoverAreAppliedOnce()
    {
        start();
        final long session = openSession(33);
        final SequentialResponseDecoder created = client.call(session, 1, 0,
            (w, b) -> w.createSequential(b, 0, false, "/jobs/", bytes("job-1")), new SequentialResponseDecoder());
        assertEquals(ResultCode.OK, created.code());
        final String firstKey = created.key();
        final long firstRevision = created.revision();

        // A request in flight while the leader dies: the client re-sends it to the new leader (same sequence).
        final long inFlight = client.send(session, 2, 0,
            (w, b) -> w.createSequential(b, 0, false, "/jobs/", bytes("job-2")));
        failOver();
        final SequentialResponseDecoder second = client.await(inFlight, new SequentialResponseDecoder());
        assertEquals(ResultCode.OK, second.code());
        final String secondKey = second.key();

        // An explicit duplicate of an answered request: the original answer, nothing new.
        final SequentialResponseDecoder duplicate = client.call(session, 1, 0,
            (w, b) -> w.createSequential(b, 0, false, "/jobs/", bytes("job-1")), new SequentialResponseDecoder());
        assertEquals(ResultCode.OK, duplicate.code());
        assertEquals(firstKey, duplicate.key());
        assertEquals(firstRevision, duplicate.revision());

        final RangeResponseDecoder range = client.call(0, 0, 0,
            (w, b) -> w.range(b, 0, "/jobs/", "", 0, 0), new RangeResponseDecoder());
        final List<String> keys = new ArrayList<>();
        for (final RangeResponseDecoder.EntriesDecoder entry : range.entries())
        {
            keys.add(entry.key());
            entry.skipValue();
        }
        assertEquals(List.of(firstKey, secondKey), keys, "exactly one key per request, however often it was sent");
        System.out.println("requests re-sent after the leader change: " + client.resends());

        // Once acknowledged, a very late duplicate is refused rather than applied.
        client.call(session, 3, 2, (w, b) -> w.put(b, 0, false, "/ack", bytes("x")), new PutResponseDecoder());
        assertEquals(ResultCode.SEQUENCE_TOO_OLD, client.call(session, 1, 0,
            (w, b) -> w.createSequential(b, 0, false, "/jobs/", bytes("job-1")), new SequentialResponseDecoder()).code());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void wholeClusterRestartFromSnapshotAndLogKeepsEveryAcknowledgedWriteAndLock()
    {
        start();
        final long session = openSession(44);
        long seq = 0;
        final List<Long> revisions = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            final int n = i;
            final PutResponseDecoder put = client.call(session, ++seq, seq - 1,
                (w, b) -> w.put(b, 0, false, "/data/" + n, bytes("value-" + n)), new PutResponseDecoder());
            assertEquals(ResultCode.OK, put.code());
            revisions.add(put.revision());
        }
        final LockResponseDecoder lock = client.call(session, ++seq, seq - 1,
            (w, b) -> w.acquire(b, 0, "leader-lock", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder());
        final long token = lock.token();
        assertEquals(ResultCode.OK, lock.code());

        cluster.takeSnapshot(20_000);
        assertSameDigestOnEveryNode();

        for (int i = 20; i < 40; i++)
        {
            final int n = i;
            assertEquals(ResultCode.OK, client.call(session, ++seq, seq - 1,
                (w, b) -> w.put(b, 0, false, "/data/" + n, bytes("value-" + n)), new PutResponseDecoder()).code());
        }
        assertEquals(ResultCode.OK, client.call(session, ++seq, seq - 1,
            (w, b) -> w.delete(b, 0, "/data/0", false), new DeleteResponseDecoder()).code());
        final long revisionBefore = status().revision();

        client.close();
        client = null;
        cluster.stopAll();
        cluster.startAll();
        cluster.awaitLeader();
        client = WardenTestClient.connect(cluster);

        assertEquals(revisionBefore, status().revision());
        final RangeResponseDecoder range = client.call(0, 0, 0,
            (w, b) -> w.range(b, 0, "/data/", "", 0, 0), new RangeResponseDecoder());
        int count = 0;
        for (final RangeResponseDecoder.EntriesDecoder entry : range.entries())
        {
            final String key = entry.key();
            final byte[] value = new byte[entry.valueLength()];
            entry.getValue(value, 0, value.length);
            assertEquals("value-" + key.substring("/data/".length()), new String(value, StandardCharsets.UTF_8));
            count++;
        }
        assertEquals(39, count, "every acknowledged write is there, and the acknowledged delete too");

        final KeepAliveResponseDecoder keepAlive = client.call(0, 0, 0,
            (w, b) -> w.keepAliveBatch(b, 0, new long[]{ session }, 1), new KeepAliveResponseDecoder());
        assertEquals(0, keepAlive.failures().count(), "the session outlived the restart (grace on the new term)");
        final LockResponseDecoder held = client.call(session, 0, 0,
            (w, b) -> w.lockStatus(b, 0, "leader-lock"), new LockResponseDecoder());
        assertEquals(ResultCode.OK, held.code());
        assertEquals(token, held.token());

        final long nextSeq = seq + 1;
        final PutResponseDecoder after = client.call(session, nextSeq, nextSeq - 1,
            (w, b) -> w.put(b, 0, false, "/data/after", bytes("x")), new PutResponseDecoder());
        assertEquals(revisionBefore + 1, after.revision(), "revisions continue, never reused");

        cluster.takeSnapshot(20_000);
        assertSameDigestOnEveryNode();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void badInputIsAnsweredWithItsCodeAndLeavesTheStateUnchanged()
    {
        start();
        final long session = openSession(55);
        client.call(session, 1, 0, (w, b) -> w.put(b, 0, false, "/k", bytes("v")), new PutResponseDecoder());
        final StatusResponseDecoder before = status();
        final long digest = before.stateDigest();
        final long revision = before.revision();

        client.sendRaw(new byte[]{ 1, 2, 3 });
        assertEquals(ResultCode.MALFORMED, nextError().code());

        final byte[] wrongSchema = frame(w -> w.header(901, session, 2, 1)
            .put(w.buffer, 0, false, "/x", bytes("y")));
        new UnsafeBuffer(wrongSchema).putShort(4, (short)1, ByteOrder.LITTLE_ENDIAN);
        client.sendRaw(wrongSchema);
        assertEquals(ResultCode.UNKNOWN_MESSAGE, nextError().code());

        final byte[] badLength = frame(w -> w.header(902, session, 2, 1).put(w.buffer, 0, false, "/x", bytes("y")));
        new UnsafeBuffer(badLength).putInt(badLength.length - 5, 1 << 29, ByteOrder.LITTLE_ENDIAN);
        client.sendRaw(badLength);
        final ErrorResponseDecoder malformed = nextError();
        assertEquals(ResultCode.MALFORMED, malformed.code());
        assertEquals(902, malformed.correlationId());

        final byte[] newer = frame(w -> w.header(903, session, 2, 1).put(w.buffer, 0, false, "/x", bytes("y")));
        new UnsafeBuffer(newer).putShort(6, (short)99, ByteOrder.LITTLE_ENDIAN);
        client.sendRaw(newer);
        assertEquals(ResultCode.UNSUPPORTED_VERSION, nextError().code());

        final byte[] big = new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1];
        assertEquals(ResultCode.VALUE_TOO_LARGE, client.call(session, 2, 1,
            (w, b) -> w.put(b, 0, false, bytes("/big"), big, 0, big.length), new PutResponseDecoder()).code());
        assertEquals(ResultCode.INVALID_KEY, client.call(session, 3, 1,
            (w, b) -> w.put(b, 0, false, new byte[]{ '/', (byte)0xFF }, big, 0, 1), new PutResponseDecoder()).code());
        assertEquals(ResultCode.RESERVED_KEY, client.call(session, 4, 1,
            (w, b) -> w.put(b, 0, false, "/_warden/election/x", bytes("y")), new PutResponseDecoder()).code());
        final TxnSpec tooLarge = new TxnSpec();
        for (int i = 0; i <= WardenLimits.MAX_TXN_OPS; i++)
        {
            tooLarge.thenPut("/t/" + i, bytes("v"));
        }
        assertEquals(ResultCode.LIMIT_EXCEEDED, client.call(session, 5, 1,
            (w, b) -> w.txn(b, 0, tooLarge), new TxnResponseDecoder()).code());
        assertEquals(ResultCode.SESSION_UNKNOWN, client.call(999, 1, 0,
            (w, b) -> w.put(b, 0, false, "/x", bytes("y")), new PutResponseDecoder()).code());

        final StatusResponseDecoder after = status();
        assertEquals(revision, after.revision());
        assertEquals(digest, after.stateDigest(), "no bad input changed the replicated state");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theClusterFilesLimitsAreProposedOnceAndAPutPastThemIsRefusedWithItsDetail()
    {
        start();
        final java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        final ClusterLimitsApplier applier = new ClusterLimitsApplier(
            client.transport().aeronDirectoryName(), cluster.ingressEndpoints(), "127.0.0.1", 0,
            cluster.credentials(CellSecrets.OPERATOR, "limits-test"), new LimitsSpec().stateQuotaBytes(100L << 20).maxKeysPerSession(1), () -> false,
            new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(applier.applyOnce(), "the cell had other limits");
        assertFalse(applier.applyOnce(), "now it has the file's: " + log);
        final StatusResponseDecoder limits = status();
        assertEquals(100L << 20, limits.stateQuotaBytes());
        assertEquals(1, limits.maxKeysPerSession());

        final long session = openSession(91);
        assertEquals(ResultCode.OK, client.call(session, 1, 0,
            (w, b) -> w.put(b, 0, false, "/only", bytes("1")), new PutResponseDecoder()).code());
        final ErrorResponseDecoder refused = client.call(session, 2, 1,
            (w, b) -> w.put(b, 0, false, "/second", bytes("2")), new ErrorResponseDecoder());
        assertEquals(ResultCode.QUOTA_EXCEEDED, refused.code());
        assertEquals(PutDecoder.TEMPLATE_ID, refused.templateId());
        assertEquals(1, refused.limitValue());
        assertEquals(1, refused.usageValue());
        assertEquals("keys of session " + session + " would be exceeded: 1 of 1 in use, this request needs 1 more",
            refused.detail());
    }

    private ErrorResponseDecoder nextError()
    {
        final ErrorResponseDecoder[] decoded = new ErrorResponseDecoder[1];
        client.pollUntil(() -> false == pendingErrors().isEmpty());
        final UnsafeBuffer frame = pendingErrors().get(0);
        decoded[0] = new ErrorResponseDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(frame, 0);
        decoded[0].wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        errorsTaken++;
        return decoded[0];
    }

    private int errorsTaken;

    private List<UnsafeBuffer> pendingErrors()
    {
        final List<UnsafeBuffer> errors = client.errorResponses();
        return errors.subList(Math.min(errorsTaken, errors.size()), errors.size());
    }

    /**
     * Build a request frame with a writer.
     */
    private static byte[] frame(final java.util.function.ToIntFunction<FrameWriter> encode)
    {
        final FrameWriter writer = new FrameWriter();
        final int length = encode.applyAsInt(writer);
        final byte[] frame = new byte[length];
        writer.buffer.getBytes(0, frame);
        return frame;
    }

    /**
     * A request writer with its own buffer.
     */
    private static final class FrameWriter
    {
        final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer(256);
        final io.warden.schema.RequestWriter writer = new io.warden.schema.RequestWriter();

        io.warden.schema.RequestWriter header(
            final long correlationId, final long sessionId, final long requestSeq, final long ackedSeq)
        {
            return writer.header(correlationId, sessionId, requestSeq, ackedSeq);
        }
    }

    private void assertSameDigestOnEveryNode()
    {
        cluster.takeSnapshot(20_000);
        final long reference = cluster.snapshotDigest(cluster.awaitLeader());
        assertNotEquals(0, reference);
        for (int id = 0; id < cluster.memberCount(); id++)
        {
            if (cluster.isRunning(id))
            {
                assertEquals(reference, cluster.snapshotDigest(id), "digest of node " + id);
                assertEquals(cluster.snapshotPosition(cluster.awaitLeader()), cluster.snapshotPosition(id));
            }
        }
    }
}
