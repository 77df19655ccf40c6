/**
 * The Warden Java client: {@link io.warden.client.WardenClient} (sessions, key-value store, watches, requests with
 * exactly-once retries across gateway and leader failover) and recipes built on it: {@link io.warden.client.WardenLock},
 * {@link io.warden.client.LeaderElection}, {@link io.warden.client.ConfigWatcher},
 * {@link io.warden.client.ServiceRegistry}, and {@link io.warden.client.FenceGuard} for the resources that locks
 * protect. The wire behaviour follows {@code client-gateway/PROTOCOL.md}; every request is encoded by
 * {@code io.warden.schema.RequestWriter} and checked first with {@code KeyRules} and {@code WardenLimits}.
 * <pre>{@code
 * try (WardenClient client = WardenClient.connect(new WardenClient.Context().gatewayEndpoints("127.0.0.1:7000")))
 * {
 *     client.await(client.put("/config/a", "1".getBytes(StandardCharsets.UTF_8)));
 * }
 * }</pre>
 * <p>
 * Thread: one agent ({@code ClientAgent}, run by an {@code AgentRunner} thread, or by the caller of
 * {@link io.warden.client.WardenClient#doWork()} in invoker mode) owns every Aeron object and table; user threads hand
 * it commands through a lock-free queue; futures complete and listeners run on one callback thread (or the executor
 * given), in order. Public types are thread-safe unless they say otherwise; package-private helpers belong to the agent.
 * <p>
 * Must not import: {@code io.warden.node} (the client speaks only the schema) and {@code io.warden.gateway} (the
 * client reaches a gateway only over the wire).
 */
package io.warden.client;
