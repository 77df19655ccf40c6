/**
 * Systems under test behind one interface: {@link io.warden.bench.targets.Target} starts and stops a 3-member
 * cluster as real processes on 127.0.0.1 (by pid), describes its durability and makes
 * {@link io.warden.bench.targets.BenchClient}s, each with its own connection and session; plus the process helpers
 * ({@link io.warden.bench.targets.Processes}, {@link io.warden.bench.targets.ScriptCluster}) the targets share.
 * One sub-package per target: {@code warden}, {@code echo} (aeron-echo), {@code zookeeper}, {@code etcd}.
 * <p>
 * Thread: targets are used from the rig's main thread; a client from one load thread at a time (watch callbacks
 * arrive on the client library's threads). Must not import: {@code io.warden.bench.workload} or
 * {@code io.warden.bench.report} (targets know nothing of what is measured), nor the node's {@code domain}.
 */
package io.warden.bench.targets;
