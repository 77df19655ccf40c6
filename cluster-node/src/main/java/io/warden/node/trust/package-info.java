/**
 * The node's gate: an Aeron {@link io.aeron.security.Authenticator} that gives a cluster session only to a gateway
 * or an operator tool that proves it holds the cell's secret for its role
 * ({@link io.warden.schema.trust.CellProof}), and rejects everyone else at connect.
 * <p>
 * Thread: the consensus module's agent (Aeron calls the authenticator there, on the leader only; followers learn the
 * principal from the session-open event in the log).
 * Must not import: {@code io.warden.node.domain}, {@code io.warden.node.service}, the gateway or the client.
 */
package io.warden.node.trust;
