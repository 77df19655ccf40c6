package io.warden.node.fuzz;

import io.warden.node.domain.WardenStateMachine;
import io.warden.node.domain.support.ManualTimers;
import io.warden.node.service.CommandAdapter;
import io.warden.node.service.EgressResponder;
import io.warden.node.service.FrameRecorder;
import io.warden.schema.RequestWriter;
import io.warden.schema.protocol.ErrorResponseDecoder;
import io.warden.schema.protocol.LockMode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A node's command path with some state in it (two sessions, keys, a held and a queued lock, a watch), for fuzzing.
 */
final class FuzzNode
{
    static final long ROUTE = 3;

    final FrameRecorder egress = new FrameRecorder();
    final ManualTimers timers = new ManualTimers();
    final EgressResponder responder = new EgressResponder(egress, 512 * 1024);
    final WardenStateMachine state = new WardenStateMachine(responder, responder, timers);
    final CommandAdapter adapter = new CommandAdapter(state, responder);

    FuzzNode()
    {
        state.time(1_000);
        final RequestWriter writer = new RequestWriter();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        apply(buffer, writer.header(1, 0, 0, 0).openSession(buffer, 0, 10_000, 11, "a"));
        apply(buffer, writer.header(2, 0, 0, 0).openSession(buffer, 0, 10_000, 22, "b"));
        apply(buffer, writer.header(3, 1, 1, 0).put(buffer, 0, false, "/a", "1".getBytes(StandardCharsets.UTF_8)));
        apply(buffer, writer.header(4, 1, 2, 1).put(buffer, 0, true, "/a/b", "2".getBytes(StandardCharsets.UTF_8)));
        apply(buffer, writer.header(5, 1, 3, 2).acquire(buffer, 0, "L", LockMode.EXCLUSIVE, -1, 100));
        apply(buffer, writer.header(6, 2, 1, 0).acquire(buffer, 0, "L", LockMode.SHARED, 5_000, 0));
        apply(buffer, writer.header(7, 0, 0, 0).watch(buffer, 0, 1, "/", true, true, 0));
        egress.clear();
    }

    void apply(final DirectBuffer buffer, final int length)
    {
        adapter.onMessage(ROUTE, buffer, 0, length);
    }

    /**
     * Did the last frame get an ErrorResponse (could not be read at all)?
     */
    boolean lastWasError()
    {
        return !egress.frames().isEmpty() && egress.last().templateId() == ErrorResponseDecoder.TEMPLATE_ID;
    }
}
