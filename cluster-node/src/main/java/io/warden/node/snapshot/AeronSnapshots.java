package io.warden.node.snapshot;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageFragmentAssembler;
import io.aeron.Publication;
import io.aeron.logbuffer.FragmentHandler;
import io.warden.node.domain.WardenStateMachine;
import org.agrona.concurrent.IdleStrategy;

/**
 * Moves snapshots through Aeron: records out to the snapshot publication, records in from the snapshot image (with
 * fragment assembly, since records can exceed one MTU).
 */
public final class AeronSnapshots
{
    private AeronSnapshots()
    {
    }

    /**
     * Write the state to a snapshot publication, retrying back-pressure with the cluster's idle strategy.
     *
     * @return the state digest written into the snapshot's end record.
     */
    public static long take(
        final WardenStateMachine state, final ExclusivePublication publication, final IdleStrategy idleStrategy)
    {
        final SnapshotWriter writer = new SnapshotWriter();
        return writer.write(state, (buffer, offset, length) ->
        {
            idleStrategy.reset();
            while (true)
            {
                final long result = publication.offer(buffer, offset, length);
                if (result > 0)
                {
                    return;
                }
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new SnapshotException("snapshot publication failed: " + Publication.errorString(result));
                }
                idleStrategy.idle();
            }
        });
    }

    /**
     * Rebuild the state from a snapshot image; fails unless the snapshot ends with a verified end record.
     */
    public static void load(final WardenStateMachine state, final Image image, final IdleStrategy idleStrategy)
    {
        final SnapshotReader reader = new SnapshotReader(state);
        final FragmentHandler handler = new ImageFragmentAssembler(
            (buffer, offset, length, header) -> reader.onRecord(buffer, offset, length));
        idleStrategy.reset();
        while (!reader.isComplete())
        {
            final int fragments = image.poll(handler, 64);
            if (fragments == 0 && (image.isEndOfStream() || image.isClosed()))
            {
                break;
            }
            idleStrategy.idle(fragments);
        }
        if (!reader.isComplete())
        {
            throw new SnapshotException("snapshot ended before its end record");
        }
    }
}
