/**
 * Starting a Warden node: {@link io.warden.node.launcher.NodeConfig} loads the layered {@code warden.*} property
 * files, validates them and is the one place that builds the Aeron contexts (media driver, archive, consensus module,
 * service container); {@link io.warden.node.launcher.NodeLauncher} is the process main that runs one node until it
 * is signalled or the cluster terminates it.
 * <p>
 * It is also the one part of {@code cluster-node} that reads clocks: {@link io.warden.node.launcher.NodeConfig} builds
 * the node's {@link io.warden.node.launcher.MonotonicClusterClock} (the wall clock read once at start, then
 * {@code System.nanoTime()}) and gives it to every Aeron component; the service and the domain see time only as log
 * timestamps. {@link io.warden.node.launcher.OffsetFileWallClock} is a fault-test device that shifts the wall clock
 * the node sees.
 * <p>
 * Thread: the launcher's main thread only; the contexts it builds are handed to Aeron's agent threads, and the error
 * handlers and termination hooks configured here run on those threads.
 * <p>
 * Must not import: {@code io.warden.node.domain} (the state machine is reached only through
 * {@link io.warden.node.service.WardenService}), {@code io.warden.gateway}, {@code io.warden.client}, or
 * {@code aeron-all}. Nothing here may feed configuration into replicated state.
 */
package io.warden.node.launcher;
