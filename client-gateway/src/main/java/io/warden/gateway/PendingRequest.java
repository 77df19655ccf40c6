package io.warden.gateway;

import org.agrona.DirectBuffer;

/**
 * A request the gateway has forwarded to the cluster and not yet seen answered: a client's (to be answered to its
 * connection) or the gateway's own (answered to a handler). Kept with its frame so it can be re-sent, byte for byte,
 * after a leader change. Linked in send order.
 */
final class PendingRequest
{
    /**
     * Takes the answer to a request the gateway made itself.
     */
    @FunctionalInterface
    interface Handler
    {
        void onResponse(PendingRequest request, DirectBuffer buffer, int offset, int length, int templateId);
    }

    final long gatewayCorrelationId;
    final ClientConnection connection;
    final long clientCorrelationId;
    final int templateId;
    final byte[] frame;
    final Handler handler;
    final long createdNs;
    boolean queued;
    PendingRequest previous;
    PendingRequest next;

    PendingRequest(
        final long gatewayCorrelationId,
        final ClientConnection connection,
        final long clientCorrelationId,
        final int templateId,
        final byte[] frame,
        final Handler handler,
        final long createdNs)
    {
        this.gatewayCorrelationId = gatewayCorrelationId;
        this.connection = connection;
        this.clientCorrelationId = clientCorrelationId;
        this.templateId = templateId;
        this.frame = frame;
        this.handler = handler;
        this.createdNs = createdNs;
    }

    @Override
    public String toString()
    {
        return "PendingRequest{id=" + gatewayCorrelationId + ", template=" + templateId + ", client=" +
            (connection == null ? "gateway" : connection.connectionId + "/" + clientCorrelationId) + '}';
    }
}
