/**
 * The {@code zookeeper} target: a 3-member ZooKeeper 3.9.5 ensemble run by {@code scripts/zookeeper-ensemble.sh}
 * from the server jars on the rig's classpath, and clients on Curator 5.9.0 recipes plus the raw ZooKeeper handle.
 * <p>
 * Thread: the rig's main thread; clients from load threads, watch callbacks on ZooKeeper's event thread. Must not
 * import: anything of Warden's.
 */
package io.warden.bench.targets.zookeeper;
