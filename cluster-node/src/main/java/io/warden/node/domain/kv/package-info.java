/**
 * The configuration store: keys in byte order with create/mod revisions and versions, ephemeral keys owned by a
 * session, the bounded change history that serves watches and reads at past revisions, range pages and transactions.
 * <p>
 * Thread: the cluster service thread only. Must not import: Aeron, SBE codecs (generated enums are value types and
 * allowed), clocks, randomness.
 */
package io.warden.node.domain.kv;
