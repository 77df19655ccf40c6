package io.warden.node.service;

import org.agrona.DirectBuffer;

/**
 * Where encoded egress frames go: a connection's Aeron egress, or a recorder in tests. Implementations must never
 * throw and never feed their outcome back into replicated state.
 */
@FunctionalInterface
public interface EgressSink
{
    /**
     * Send a frame to a connection (Aeron cluster session id); drop it when the connection is gone.
     */
    void send(long route, DirectBuffer buffer, int offset, int length);
}
