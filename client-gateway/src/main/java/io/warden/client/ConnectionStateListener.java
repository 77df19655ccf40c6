package io.warden.client;

/**
 * Told about every {@link ConnectionState} change of a {@link WardenClient}, on the client's callback executor
 * (see {@link WardenClient.Context#callbackExecutor}), in order. Must not block for long.
 * <pre>{@code
 * WardenClient.Context ctx = new WardenClient.Context()
 *     .gatewayEndpoints("10.0.0.1:7000,10.0.0.2:7000")
 *     .connectionStateListener((client, state) -> log.info("warden {}", state));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionStateListener
{
    /**
     * The connection or session changed state.
     * <pre>{@code (client, state) -> { if (state == ConnectionState.SUSPENDED) pauseProtectedWork(); } }</pre>
     *
     * @param client   the client.
     * @param newState the new state.
     */
    void onStateChanged(WardenClient client, ConnectionState newState);
}
