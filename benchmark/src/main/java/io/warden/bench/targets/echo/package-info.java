/**
 * The {@code aeron-echo} target, the ceiling: {@link io.warden.bench.targets.echo.EchoService} echoes every message
 * through Aeron Cluster's log on three {@link io.warden.bench.targets.echo.EchoNodeMain} JVMs configured exactly as
 * Warden nodes ({@code NodeConfig} with another service), and {@link io.warden.bench.targets.echo.EchoBenchClient}
 * measures round trips through {@code AeronCluster}.
 * <p>
 * Thread: {@code EchoService} on the service container's agent thread; the target on the rig's main thread; each
 * client on one load thread. Must not import: Warden's service, domain or client packages (the echo is Aeron only).
 */
package io.warden.bench.targets.echo;
