package io.warden.node.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.support.ManualTimers;
import io.warden.node.service.EgressResponder;
import io.warden.node.service.FrameRecorder;
import io.warden.node.snapshot.SnapshotException;
import io.warden.node.snapshot.SnapshotReader;
import io.warden.node.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A snapshot damaged anywhere is refused with {@link SnapshotException}, never half-loaded and never crashing with
 * anything else: a loaded snapshot always ends verified, with the original digest.
 */
final class SnapshotReaderFuzzTest
{
    private static final List<byte[]> RECORDS = new ArrayList<>();
    private static final long DIGEST;

    static
    {
        final FuzzNode node = new FuzzNode();
        new SnapshotWriter().write(node.state, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            RECORDS.add(copy);
        });
        DIGEST = node.state.digest();
    }

    @FuzzTest(maxDuration = "2m")
    void damagedSnapshotsAreRefused(final FuzzedDataProvider data)
    {
        final List<byte[]> records = new ArrayList<>();
        for (final byte[] record : RECORDS)
        {
            records.add(record.clone());
        }
        final int damage = data.consumeInt(0, 3);
        for (int i = 0; i < damage && data.remainingBytes() > 0; i++)
        {
            final byte[] record = records.get(data.consumeInt(0, records.size() - 1));
            record[data.consumeInt(0, record.length - 1)] = data.consumeByte();
        }
        if (data.consumeBoolean() && data.remainingBytes() > 0)
        {
            records.add(data.consumeInt(0, records.size()), data.consumeBytes(data.consumeInt(0, 200)));
        }
        final EgressResponder responder = new EgressResponder(new FrameRecorder(), 512 * 1024);
        final WardenStateMachine fresh = new WardenStateMachine(responder, responder, new ManualTimers());
        final SnapshotReader reader = new SnapshotReader(fresh);
        try
        {
            for (final byte[] record : records)
            {
                reader.onRecord(new UnsafeBuffer(record), 0, record.length);
            }
        }
        catch (final SnapshotException expected)
        {
            return;
        }
        if (reader.isComplete())
        {
            assertEquals(DIGEST, fresh.digest(), "a snapshot that loads must load the original state");
        }
    }
}
