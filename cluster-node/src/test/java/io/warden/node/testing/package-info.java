/**
 * Support for in-JVM cluster integration tests (tier 4): {@link io.warden.node.testing.TestCluster} runs N Warden
 * nodes built by {@link io.warden.node.launcher.NodeConfig} on loopback, and
 * {@link io.warden.node.testing.TestClusterClient} is a cluster client with its own media driver. Shipped in the
 * cluster-node test-jar for other modules' integration tests.
 * <p>
 * Thread: the test thread; nodes run on their own Aeron agent threads and are observed only through counters.
 * <p>
 * Must not import: {@code io.warden.node.domain} or the service's internals (tests drive the cluster through
 * Aeron, as a gateway would), {@code aeron-all}, or anything that builds Aeron node contexts outside
 * {@code NodeConfig}.
 */
package io.warden.node.testing;
