/**
 * Sessions (leases): open with a TTL and a client secret, renew by keepalive batches, resume from another connection,
 * expire by a lazily re-armed timer, and remember the answers to their unacknowledged mutations so retries are
 * exactly-once.
 * <p>
 * Thread: the cluster service thread only. Must not import: Aeron, SBE codecs (generated enums allowed), clocks.
 */
package io.warden.node.domain.session;
