/**
 * The one contract between node, gateway and client: limits, key rules and frame checks that every side applies
 * the same way, next to the SBE codecs generated from {@code warden-protocol.xml} ({@code io.warden.schema.protocol})
 * and {@code warden-snapshot.xml} ({@code io.warden.schema.snapshot}); and what every Warden process hands its Aeron
 * alike: idle strategies ({@link io.warden.schema.IdleStrategies}) and a wall clock that never jumps
 * ({@link io.warden.schema.MonotonicEpochClock}).
 * <p>
 * Thread: none of its own; every class here is either stateless or a per-thread flyweight.
 * Must not import: Aeron, anything from {@code io.warden.node}, {@code io.warden.gateway} or {@code io.warden.client}.
 */
package io.warden.schema;
