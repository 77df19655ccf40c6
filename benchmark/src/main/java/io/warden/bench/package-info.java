/**
 * The load rig: {@link io.warden.bench.LoadRig} (the {@code warden-bench} command line, run by
 * {@code scripts/warden-bench.sh}), {@link io.warden.bench.Rig} (runs workloads against targets and writes the
 * reports), {@link io.warden.bench.Targets} (targets by name) and {@link io.warden.bench.HolderMain} (the lock holder
 * JVM the session-expiry workload kills).
 * <pre>
 * scripts/warden-bench.sh --targets warden,aeron-echo,zookeeper,etcd --quick --out results/quick
 * </pre>
 * <p>
 * Thread: the rig's main thread drives everything; workloads start their own client threads. Must not import: the
 * node's {@code domain} or {@code service} packages (the rig measures Warden from outside, through its client).
 */
package io.warden.bench;
