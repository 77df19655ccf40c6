/**
 * Warden's deterministic state machine: plain Java plus Agrona collections and buffers, unit-testable with numbers.
 * {@link io.warden.node.domain.WardenStateMachine} is the entry point; the sub-packages hold one concept each
 * ({@code session}, {@code lock}, {@code election}, {@code kv}, {@code watch}) and {@code port} holds the interfaces
 * through which it replies, emits events and asks for timers.
 * <p>
 * Thread: the cluster service thread only (one command at a time).
 * <p>
 * Must not import: {@code io.aeron}, SBE encoders or decoders (the schema's generated enums are value types and
 * allowed), clocks, randomness, threads, files or configuration. No hash-order-dependent output.
 */
package io.warden.node.domain;
