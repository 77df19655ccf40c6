/**
 * Leader elections: a FIFO queue of candidates (a lock under the hood, so one leader at a time), the term as fencing
 * token, and the leader's value mirrored into the key {@code /_warden/election/<name>} so observers simply watch it.
 * <p>
 * Thread: the cluster service thread only. Must not import: Aeron, SBE codecs (generated enums allowed), clocks.
 */
package io.warden.node.domain.election;
