/**
 * Snapshots of the replicated state as SBE records of {@code warden-snapshot.xml}: one bounded record per session,
 * outcome, key, lock, claim, watch and history event, framed by a versioned begin record and an end record carrying
 * the record count and the state digest. Loading is strict: anything unexpected stops the node rather than starting
 * it with a wrong state.
 * <p>
 * Thread: the cluster service thread (in {@code onStart} and {@code onTakeSnapshot}). Must not import: the domain's
 * internals beyond its public visitor and loader, clocks.
 */
package io.warden.node.snapshot;
