/**
 * The workloads ({@code lock-uncontended}, {@code lock-contended}, {@code kv-put}, {@code kv-get},
 * {@code watch-fanout}, {@code session-expiry}, {@code mixed}, {@code failover}), each a
 * {@link io.warden.bench.workload.Workload} producing {@link io.warden.bench.workload.WorkloadResult}s: HdrHistograms
 * per operation, counters and derived metrics. {@link io.warden.bench.workload.LoadLoop} drives the clients closed loop
 * or open loop with coordinated-omission correction; {@link io.warden.bench.workload.Progress} shows it on stderr.
 * <p>
 * Thread: a workload runs on the rig's main thread and starts one load thread per client. Must not import: a concrete
 * target package (workloads see only {@code io.warden.bench.targets.Target} and {@code BenchClient}), nor
 * {@code io.warden.bench.report}.
 */
package io.warden.bench.workload;
