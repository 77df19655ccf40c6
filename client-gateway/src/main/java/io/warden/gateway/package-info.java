/**
 * The Warden gateway: fronts the cluster for thousands of clients over Aeron UDP on one agent thread
 * ({@link io.warden.gateway.GatewayAgent}). It owns one Aeron Cluster session, checks and forwards client requests
 * (rewriting correlation ids, re-sending unanswered ones after a leader change; the node de-duplicates), answers
 * client keepalives itself and folds them into one {@code KeepAliveBatch} per interval, and fans watch events out
 * from one cluster registration per watched key to every client, batched per client per duty cycle, with a bounded
 * queue per client and {@code SLOW_CONSUMER} for one that falls behind. It keeps its clients from hurting the cell:
 * a request-rate limit per connection ({@link io.warden.gateway.TokenBucket}, {@code RATE_LIMITED}), connects judged
 * before anything is made for them ({@link io.warden.gateway.Handshake}), one memory budget over every queue, and a
 * backed-off reconnect when the cluster is gone. The wire behaviour is in {@code client-gateway/PROTOCOL.md}.
 * <p>
 * Thread: everything but {@link io.warden.gateway.Gateway} (launch/close) and {@link io.warden.gateway.GatewayConfig}
 * runs on the agent thread. Must not import: {@code io.warden.node} (the gateway speaks only the schema),
 * {@code io.warden.client}.
 */
package io.warden.gateway;
