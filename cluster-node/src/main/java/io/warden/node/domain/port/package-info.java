/**
 * The only ways out of the state machine: replies to the request being applied, events to connections, and timer
 * requests. The service implements them with SBE encoders and Aeron; tests implement them with recorders.
 * <p>
 * Thread: the cluster service thread only. Implementations must not feed anything back into the state (no branching on
 * offer results or on the node's role).
 */
package io.warden.node.domain.port;
