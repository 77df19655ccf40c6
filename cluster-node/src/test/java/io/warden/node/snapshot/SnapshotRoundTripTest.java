package io.warden.node.snapshot;

import io.warden.node.domain.StateDigest;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.service.CommandAdapter;
import io.warden.node.service.EgressResponder;
import io.warden.node.service.FrameRecorder;
import io.warden.node.domain.support.ManualTimers;
import io.warden.schema.RequestWriter;
import io.warden.schema.TxnSpec;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.snapshot.KvRecordDecoder;
import io.warden.schema.snapshot.MessageHeaderDecoder;
import io.warden.schema.snapshot.SessionRecordDecoder;
import io.warden.schema.snapshot.SnapshotBeginDecoder;
import io.warden.schema.snapshot.SnapshotEndDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A state with some of everything survives a write and a strict read, and a damaged snapshot is refused.
 */
final class SnapshotRoundTripTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final RequestWriter writer = new RequestWriter();
    private Node original;

    /**
     * A state machine with its codec wiring, as in the service.
     */
    private static final class Node
    {
        final FrameRecorder egress = new FrameRecorder();
        final EgressResponder responder = new EgressResponder(egress, 512 * 1024);
        final WardenStateMachine state = new WardenStateMachine(responder, responder, new ManualTimers());
        final CommandAdapter adapter = new CommandAdapter(state, responder);
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void send(final Node node, final long route, final int length)
    {
        node.adapter.onMessage(route, buffer, 0, length);
    }

    @BeforeEach
    void buildRichState()
    {
        original = new Node();
        original.state.time(10_000);
        send(original, 1, writer.header(1, 0, 0, 0).openSession(buffer, 0, 5_000, 101, "alpha"));
        send(original, 2, writer.header(2, 0, 0, 0).openSession(buffer, 0, 7_000, 202, "beta"));
        send(original, 1, writer.header(3, 1, 1, 0).put(buffer, 0, false, "/config/a", bytes("1")));
        send(original, 1, writer.header(4, 1, 2, 1).put(buffer, 0, true, "/services/x/1", bytes("10.0.0.1")));
        send(original, 1, writer.header(5, 1, 3, 1).acquire(buffer, 0, "L", LockMode.EXCLUSIVE, -1, 500));
        send(original, 2, writer.header(6, 2, 1, 0).acquire(buffer, 0, "L", LockMode.SHARED, 30_000, 0));
        send(original, 2, writer.header(7, 2, 2, 0).acquire(buffer, 0, "S", LockMode.SHARED, -1, 0));
        send(original, 1, writer.header(8, 1, 4, 2).acquire(buffer, 0, "S", LockMode.SHARED, -1, 0));
        send(original, 1, writer.header(9, 1, 5, 2).campaign(buffer, 0, "leader", bytes("me")));
        send(original, 2, writer.header(10, 2, 3, 0).campaign(buffer, 0, "leader", bytes("you")));
        send(original, 3, writer.header(11, 0, 0, 0).watch(buffer, 0, 77, "/config/", true, true, 0));
        send(original, 3, writer.header(12, 0, 0, 0).watch(buffer, 0, 78, "/services/x/1", false, false, 0));
        send(original, 1, writer.header(13, 1, 6, 2).txn(buffer, 0, new TxnSpec()
            .compareValue("/config/a", CompareOp.EQUAL, bytes("1"))
            .thenPut("/config/a", bytes("2"))
            .thenPut("/config/b", bytes("3"))));
        send(original, 1, writer.header(14, 1, 7, 2).createSequential(buffer, 0, false, "/queue/", bytes("job")));
        send(original, 2, writer.header(15, 2, 4, 0).delete(buffer, 0, "/config/b", false));
        assertTrue(original.state.status().sessions == 2 && original.state.status().locks == 2);
    }

    private static List<byte[]> write(final WardenStateMachine state)
    {
        final List<byte[]> records = new ArrayList<>();
        new SnapshotWriter().write(state, (b, offset, length) ->
        {
            final byte[] copy = new byte[length];
            b.getBytes(offset, copy);
            records.add(copy);
        });
        return records;
    }

    private static Node read(final List<byte[]> records)
    {
        final Node node = new Node();
        final SnapshotReader reader = new SnapshotReader(node.state);
        for (final byte[] record : records)
        {
            reader.onRecord(new UnsafeBuffer(record), 0, record.length);
        }
        assertTrue(reader.isComplete());
        return node;
    }

    @Test
    void roundTripKeepsEveryPartOfTheState()
    {
        final List<byte[]> records = write(original.state);
        final Node restored = read(records);
        assertEquals(original.state.digest(), restored.state.digest());
        assertEquals(original.state.revision(), restored.state.revision());

        final List<byte[]> again = write(restored.state);
        assertEquals(records.size(), again.size());
        for (int i = 0; i < records.size(); i++)
        {
            assertTrue(java.util.Arrays.equals(records.get(i), again.get(i)), "record " + i + " differs");
        }
    }

    @Test
    void restoredStateAnswersExactlyLikeTheOriginal()
    {
        final Node restored = read(write(original.state));
        original.egress.clear();
        for (final Node node : new Node[]{ original, restored })
        {
            node.state.time(12_000);
            // a retried request answered from the remembered outcome
            send(node, 1, writer.header(20, 1, 6, 2).txn(buffer, 0, new TxnSpec().thenPut("/ignored", bytes("x"))));
            // release the exclusive lock: the shared waiter is granted, with an event to its route
            send(node, 1, writer.header(21, 1, 8, 7).release(buffer, 0, "L", 3));
            // a change under the watched prefix produces watch events
            send(node, 2, writer.header(22, 2, 5, 4).put(buffer, 0, false, "/config/c", bytes("4")));
            // the leader resigns; the next candidate takes over
            send(node, 1, writer.header(23, 1, 9, 8).resign(buffer, 0, "leader", 5));
            // close a session: its ephemeral key is deleted and its locks released
            send(node, 1, writer.header(24, 1, 10, 9).closeSession(buffer, 0));
        }
        final List<FrameRecorder.Frame> expected = original.egress.frames();
        final List<FrameRecorder.Frame> actual = restored.egress.frames();
        assertTrue(expected.stream().anyMatch(f -> f.templateId() == 200), "a lock grant event was sent");
        assertTrue(expected.stream().anyMatch(f -> f.templateId() == 201), "an election event was sent");
        assertTrue(expected.stream().anyMatch(f -> f.templateId() == 203), "watch events were sent");
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), actual.get(i), "frame " + i);
        }
        assertEquals(original.state.digest(), restored.state.digest());
    }

    @Test
    void aVersionOneSnapshotStillLoadsWithDefaultsForWhatItLacks()
    {
        final List<byte[]> records = toVersionOne(write(original.state), original.state);
        final Node restored = read(records);
        assertEquals(original.state.digest(new StateDigest(false)), restored.state.digest(new StateDigest(false)));
        assertEquals(original.state.revision(), restored.state.revision());
        assertEquals(WardenLimits.DEFAULT_STATE_QUOTA_BYTES, restored.state.status().stateQuotaBytes);
        assertEquals(restored.state.recount().totalBytes(), restored.state.stateBytes(), "accounted from the records");
        assertEquals(0, restored.state.chargeOf(1)[0], "version 1 recorded no charges");
    }

    /**
     * Rewrite version 2 records as a version 1 snapshot: the fields version 2 added to SnapshotBegin and KvRecord cut
     * out, every header saying version 1, and the end record carrying the version 1 digest.
     */
    private static List<byte[]> toVersionOne(final List<byte[]> records, final WardenStateMachine state)
    {
        final int header = MessageHeaderDecoder.ENCODED_LENGTH;
        final List<byte[]> result = new ArrayList<>();
        for (final byte[] record : records)
        {
            final UnsafeBuffer view = new UnsafeBuffer(record);
            final int templateId = view.getShort(2, ByteOrder.LITTLE_ENDIAN);
            final int blockLength = view.getShort(0, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            final int v1Block = templateId == SnapshotBeginDecoder.TEMPLATE_ID ? 76 :
                templateId == KvRecordDecoder.TEMPLATE_ID ? 32 :
                templateId == SessionRecordDecoder.TEMPLATE_ID ? 56 : blockLength;
            final byte[] v1 = new byte[record.length - (blockLength - v1Block)];
            System.arraycopy(record, 0, v1, 0, header + v1Block);
            System.arraycopy(record, header + blockLength, v1, header + v1Block, record.length - header - blockLength);
            final UnsafeBuffer v1View = new UnsafeBuffer(v1);
            v1View.putShort(0, (short)v1Block, ByteOrder.LITTLE_ENDIAN);
            v1View.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
            if (templateId == SnapshotEndDecoder.TEMPLATE_ID)
            {
                v1View.putLong(header + 8, state.digest(new StateDigest(false)), ByteOrder.LITTLE_ENDIAN);
            }
            result.add(v1);
        }
        return result;
    }

    @Test
    void flippedValueByteFailsTheDigestCheck()
    {
        final List<byte[]> records = write(original.state);
        final int kvIndex = indexOfTemplate(records, 4);
        final byte[] kv = records.get(kvIndex);
        kv[kv.length - 1] ^= 0x01;
        final SnapshotException ex = assertThrows(SnapshotException.class, () -> read(records));
        assertTrue(ex.getMessage().contains("digest"), ex.getMessage());
    }

    @Test
    void missingEndRecordLeavesTheSnapshotIncomplete()
    {
        final List<byte[]> records = write(original.state);
        records.remove(records.size() - 1);
        final Node node = new Node();
        final SnapshotReader reader = new SnapshotReader(node.state);
        for (final byte[] record : records)
        {
            reader.onRecord(new UnsafeBuffer(record), 0, record.length);
        }
        assertFalse(reader.isComplete());
    }

    @Test
    void droppedRecordFailsTheCount()
    {
        final List<byte[]> records = write(original.state);
        records.remove(indexOfTemplate(records, 7));
        assertThrows(SnapshotException.class, () -> read(records));
    }

    @Test
    void recordOfAnotherSchemaIsRefused()
    {
        final List<byte[]> records = write(original.state);
        new UnsafeBuffer(records.get(1)).putShort(4, (short)7701, ByteOrder.LITTLE_ENDIAN);
        assertThrows(SnapshotException.class, () -> read(records));
    }

    @Test
    void snapshotMustStartWithBegin()
    {
        final List<byte[]> records = write(original.state);
        records.remove(0);
        assertThrows(SnapshotException.class, () -> read(records));
    }

    @Test
    void missingClaimIsRefused()
    {
        final List<byte[]> records = write(original.state);
        records.remove(indexOfTemplate(records, 6));
        assertThrows(SnapshotException.class, () -> read(records));
    }

    @Test
    void digestsDifferForDifferentStates()
    {
        final Node other = read(write(original.state));
        other.state.time(20_000);
        send(other, 1, writer.header(30, 1, 11, 10).put(buffer, 0, false, "/config/a", bytes("changed")));
        assertNotEquals(original.state.digest(), other.state.digest());
    }

    private static int indexOfTemplate(final List<byte[]> records, final int templateId)
    {
        for (int i = 0; i < records.size(); i++)
        {
            if ((new UnsafeBuffer(records.get(i)).getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == templateId)
            {
                return i;
            }
        }
        throw new AssertionError("no record of template " + templateId);
    }
}
