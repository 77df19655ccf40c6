package io.warden.node.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.schema.FrameCheck;
import io.warden.schema.FuzzCorpus;
import io.warden.schema.RequestCheck;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes from outside, straight into the node's command path and the gateway's pre-check. Properties:
 * <ul>
 *   <li>nothing escapes the adapter (an exception would be counted by Aeron as a service error);</li>
 *   <li>every frame gets exactly one answer;</li>
 *   <li>a frame answered with {@code ErrorResponse} changed nothing;</li>
 *   <li>what the gateway's {@link RequestCheck} accepts, the node decodes (no MALFORMED for it), and what the node
 *   cannot read the gateway refuses.</li>
 * </ul>
 */
final class CommandAdapterFuzzTest
{
    /**
     * The input is a sequence of frames ({@link FuzzCorpus#frames}).
     */
    @FuzzTest(maxDuration = "2m")
    void framesNeverEscapeAndBadOnesChangeNothing(final byte[] data)
    {
        final FuzzNode node = new FuzzNode();
        final List<byte[]> frames = FuzzCorpus.frames(data, 16);
        for (int i = 0; i < frames.size(); i++)
        {
            final byte[] frame = frames.get(i);
            final long digest = node.state.digest();
            final int before = node.egress.frames().size();
            node.apply(new UnsafeBuffer(frame), frame.length);
            assertTrue(node.egress.frames().size() > before, "every frame gets an answer");
            if (node.lastWasError())
            {
                assertEquals(digest, node.state.digest(), "a frame that could not be read changed the state");
            }
            node.state.time(1_000 + i * 50L);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void gatewayAndNodeAgreeOnWhatIsReadable(final byte[] frame)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ResultCode frameCode = FrameCheck.checkRequest(buffer, 0, frame.length, header);
        final ResultCode gatewayCode = frameCode == ResultCode.OK ?
            new RequestCheck().check(buffer, 0, frame.length, header) : frameCode;

        final FuzzNode node = new FuzzNode();
        node.apply(buffer, frame.length);
        final boolean nodeCouldNotRead = node.lastWasError();
        if (gatewayCode == ResultCode.OK)
        {
            assertFalse(nodeCouldNotRead, "the gateway forwards a frame the node cannot read");
        }
        if (nodeCouldNotRead)
        {
            assertTrue(gatewayCode != ResultCode.OK, "the node refuses a frame the gateway accepted");
        }
    }
}
