/**
 * The {@code etcd} target: a 3-member etcd 3.4 cluster from Debian's {@code etcd-server}, run by
 * {@code scripts/etcd-cluster.sh}, and clients on jetcd 0.8.7 (KV, Lock, Lease, Watch).
 * <p>
 * Thread: the rig's main thread; clients from load threads, watch callbacks on jetcd's executor. Must not import:
 * anything of Warden's.
 */
package io.warden.bench.targets.etcd;
