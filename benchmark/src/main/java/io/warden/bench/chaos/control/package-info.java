/**
 * The controller of the fault-injection suite: real node, gateway and client processes on one machine, and the
 * faults done to them.
 * <ul>
 *     <li>{@link io.warden.bench.chaos.control.ClusterController}: one JVM per node (each on its own 127.0.1.x
 *     address and uid, with its own Aeron directory under {@code /dev/shm}) and gateway JVMs; kill (SIGKILL), stop,
 *     pause (SIGSTOP/SIGCONT), restart, wipe, snapshot invalidation, leader, snapshots with every node's state
 *     digest (read from {@link io.warden.bench.chaos.control.NodeCounters}), and steps of a node's cluster clock
 *     through its offset file. {@link io.warden.bench.chaos.control.ManagedProcess} runs one process.</li>
 *     <li>{@link io.warden.bench.chaos.control.Firewall}: partitions and random loss with iptables rules on loopback
 *     in private chains; unavailable, with the reason, where the host has no root or no iptables.</li>
 *  *     <li>{@link io.warden.bench.chaos.control.RunLayout} (directories, addresses, ports, uids of a run),
 *     {@link io.warden.bench.chaos.control.FaultLog} (faults and recovery times),
 *     {@link io.warden.bench.chaos.control.Host} (what this machine allows) and
 *     {@link io.warden.bench.chaos.control.Leftovers} (the shutdown net: no process or tmpfs directory outlives the
 *     harness).</li>
 * </ul>
 * <p>
 * Thread: a run's controller, firewall and layout are used by the scenario's thread; the fault log and
 * {@link io.warden.bench.chaos.control.Leftovers} are thread-safe. Must not import the scenario or workload
 * packages (they drive the controller, not the other way round) nor the client; it may use the node's own classes
 * to read logs, counters and snapshots the way a node does.
 */
package io.warden.bench.chaos.control;
