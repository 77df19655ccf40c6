package io.warden.schema;

import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.LockMode;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One well-formed frame of every request type, written by {@link RequestWriter}: the seeds of the fuzz corpora of
 * every module that reads requests (the node's command path, the gateway's client-facing decoding). Shared through
 * this module's test-jar so both corpora start from the same frames.
 */
public final class RequestSamples
{
    private RequestSamples()
    {
    }

    /**
     * Every request the cluster applies, in template id order (header: correlation 10, session 1, seq 4, acked 3).
     */
    public static List<byte[]> clusterRequests()
    {
        final RequestWriter w = new RequestWriter();
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(1024);
        final byte[] v = "value".getBytes(StandardCharsets.UTF_8);
        final List<byte[]> frames = new ArrayList<>();
        w.header(10, 1, 4, 3);
        add(frames, b, w.openSession(b, 0, 5_000, 99, "fuzz"));
        add(frames, b, w.resumeSession(b, 0, 11));
        add(frames, b, w.keepAliveBatch(b, 0, new long[]{ 1, 2, 3 }, 3));
        add(frames, b, w.closeSession(b, 0));
        add(frames, b, w.acquire(b, 0, "L", LockMode.SHARED, 10, 5));
        add(frames, b, w.release(b, 0, "L", 5));
        add(frames, b, w.checkFence(b, 0, "L", 5));
        add(frames, b, w.describeLock(b, 0, "L"));
        add(frames, b, w.lockStatus(b, 0, "L"));
        add(frames, b, w.campaign(b, 0, "E", v));
        add(frames, b, w.proclaim(b, 0, "E", 5, v));
        add(frames, b, w.resign(b, 0, "E", 5));
        add(frames, b, w.leader(b, 0, "E"));
        add(frames, b, w.put(b, 0, true, "/a/c", v));
        add(frames, b, w.get(b, 0, "/a"));
        add(frames, b, w.delete(b, 0, "/a", true));
        add(frames, b, w.range(b, 0, "/", "/a", 2, 1));
        add(frames, b, w.txn(b, 0, new TxnSpec().compareValue("/a", CompareOp.EQUAL, v).compareModRevision("/b",
            CompareOp.LESS, 3).thenPut("/c", v).thenDeletePrefix("/d/").elseDelete("/a")));
        add(frames, b, w.createSequential(b, 0, false, "/q/", v));
        add(frames, b, w.watch(b, 0, 4, "/a", true, true, 1));
        add(frames, b, w.cancelWatch(b, 0, 1));
        add(frames, b, w.progress(b, 0));
        add(frames, b, w.status(b, 0));
        add(frames, b, w.configureLimits(b, 0, 1024, 100, 1 << 20));
        return frames;
    }

    /**
     * Every request that ends at a gateway: Connect, ClientKeepAlive (holding session 1), Disconnect, GatewayInfo.
     */
    public static List<byte[]> gatewayRequests()
    {
        final RequestWriter w = new RequestWriter();
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(1024);
        final List<byte[]> frames = new ArrayList<>();
        w.header(10, 1, 4, 3);
        add(frames, b, w.connect(b, 0, "token", "c", "aeron:udp?endpoint=127.0.0.1:1", 1002));
        add(frames, b, w.clientKeepAlive(b, 0, new long[]{ 1 }, 1));
        add(frames, b, w.disconnect(b, 0));
        add(frames, b, w.gatewayInfo(b, 0));
        return frames;
    }

    private static void add(final List<byte[]> frames, final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        frames.add(frame);
    }
}
