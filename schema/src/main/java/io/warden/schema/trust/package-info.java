/**
 * How the processes of one cell recognise each other: the cell's secret file ({@link io.warden.schema.trust.CellSecrets}),
 * the challenge-response arithmetic a node and its clients share ({@link io.warden.schema.trust.CellProof}), and the
 * Aeron credentials a gateway or an operator tool presents when it connects to the nodes
 * ({@link io.warden.schema.trust.CellCredentials}). The secret itself never crosses the network: a node sends a random
 * challenge and the client answers with an HMAC of it.
 * <p>
 * Thread: none of its own; {@code CellCredentials} is called on the connecting client's thread.
 * Must not import: Aeron beyond {@code io.aeron.security}, anything from {@code io.warden.node},
 * {@code io.warden.gateway} or {@code io.warden.client}.
 */
package io.warden.schema.trust;
