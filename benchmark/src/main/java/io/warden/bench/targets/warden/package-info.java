/**
 * The {@code warden} target: three nodes and a gateway, through {@link io.warden.client.WardenClient}. A
 * {@link io.warden.bench.targets.warden.WardenDeployment} decides how they run: real processes from
 * {@code scripts/warden-cluster.sh} ({@link io.warden.bench.targets.warden.ScriptedWardenDeployment}) or, in the smoke
 * test, in the test JVM.
 * <p>
 * Thread: the rig's main thread; clients from load threads. Must not import: the node's {@code domain},
 * {@code service} or {@code snapshot} packages (only the launcher's configuration names, to write node files).
 */
package io.warden.bench.targets.warden;
