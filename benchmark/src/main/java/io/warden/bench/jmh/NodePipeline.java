package io.warden.bench.jmh;

import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.port.Timers;
import io.warden.node.service.CommandAdapter;
import io.warden.node.service.EgressResponder;
import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.ByteOrder;

/**
 * A node's command path without Aeron: frames in through the {@link CommandAdapter}, the state machine, replies and
 * events out through the {@link EgressResponder} into a sink that only counts. Frames are encoded once and patched
 * in place (sequence numbers, tokens) so the benchmark loop measures the node, not the encoder.
 */
final class NodePipeline
{
    static final long ROUTE = 1;
    static final int SEQ_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 16;
    static final int ACKED_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 24;

    final WardenStateMachine state;
    final CommandAdapter adapter;
    final RequestWriter writer = new RequestWriter();
    long framesOut;
    long bytesOut;
    long nowMs = 1_000_000;

    /**
     * Timers kept in a map, never fired (benchmarks do not advance time).
     */
    private static final class MapTimers implements Timers
    {
        private final Long2LongHashMap scheduled = new Long2LongHashMap(-1);

        public void schedule(final long timerId, final long deadlineMs)
        {
            scheduled.put(timerId, deadlineMs);
        }

        public void cancel(final long timerId)
        {
            scheduled.remove(timerId);
        }
    }

    NodePipeline()
    {
        final EgressResponder responder = new EgressResponder(this::count, 512 * 1024);
        state = new WardenStateMachine(responder, responder, new MapTimers());
        adapter = new CommandAdapter(state, responder);
        state.time(nowMs);
    }

    private void count(final long route, final DirectBuffer buffer, final int offset, final int length)
    {
        framesOut++;
        bytesOut += length;
    }

    void apply(final DirectBuffer frame, final int length)
    {
        adapter.onMessage(ROUTE, frame, 0, length);
    }

    /**
     * Open a session with a long TTL; its id.
     */
    long openSession(final long secret)
    {
        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(256);
        final int length = writer.header(1, 0, 0, 0).openSession(frame, 0, 3_600_000, secret, "bench");
        apply(frame, length);
        return state.status().sessions;
    }

    static void sequence(final MutableDirectBuffer frame, final long requestSeq)
    {
        frame.putLong(SEQ_OFFSET, requestSeq, ByteOrder.LITTLE_ENDIAN);
        frame.putLong(ACKED_OFFSET, requestSeq - 1, ByteOrder.LITTLE_ENDIAN);
    }
}
