/**
 * Persistent watches on a key or a prefix, registered per connection (a gateway), not per end client: N clients of one
 * gateway watching one key cost one registration and one event. Matching, batching per watch per command, and replay
 * from history for resume.
 * <p>
 * Thread: the cluster service thread only. Must not import: Aeron, SBE codecs (generated enums allowed), clocks.
 */
package io.warden.node.domain.watch;
