package io.warden.client;

import org.agrona.DirectBuffer;

/**
 * What the client agent needs from the network: one publication to the current gateway, one subscription for
 * everything gateways send back. {@link AeronTransport} is the real one; tests use a scripted fake.
 * <p>
 * Thread: the client agent only (every Aeron object is owned by the agent).
 */
interface ClientTransport extends AutoCloseable
{
    /**
     * Receives what arrives on the response subscription.
     */
    interface Handler
    {
        /**
         * One whole message (fragments reassembled) from the image {@code imageSessionId}.
         */
        void onMessage(DirectBuffer buffer, int offset, int length, int imageSessionId);

        /**
         * An image (one gateway's publication to this client) went away.
         */
        void onImageUnavailable(int imageSessionId);
    }

    /**
     * The channel gateways answer on, with its port resolved: named in {@code Connect}.
     */
    String responseChannel();

    int responseStreamId();

    /**
     * Start connecting to a gateway's request endpoint ({@code host:port}); any previous publication is closed.
     */
    void connect(String endpoint);

    /**
     * Is the publication to the current gateway connected?
     */
    boolean isConnected();

    /**
     * Largest message the publication takes, 0 before it exists.
     */
    int maxMessageLength();

    /**
     * Offer one frame to the current gateway.
     *
     * @return as {@code Publication.offer}: a position &gt; 0, or a negative code.
     */
    long offer(DirectBuffer buffer, int offset, int length);

    /**
     * Close the publication to the current gateway.
     */
    void disconnect();

    /**
     * Deliver what has arrived.
     *
     * @return fragments read.
     */
    int poll(Handler handler, int fragmentLimit);

    /**
     * Housekeeping (drive the Aeron conductor, and the media driver in invoker mode).
     *
     * @return work done.
     */
    int doWork();

    void close();
}
