/**
 * JMH benchmarks of what a Warden node does per command, without Aeron: decode + state machine + encode through the
 * node's own {@code CommandAdapter} and {@code EgressResponder}, the SBE codecs alone, and snapshots of a large state.
 * Run with the GC profiler to see bytes allocated per operation:
 * <pre>
 * java -jar benchmark/target/warden-bench.jar -prof gc
 * </pre>
 * <p>
 * Thread: JMH's. Must not import: the gateway or client (these measure the node's code only).
 */
package io.warden.bench.jmh;
