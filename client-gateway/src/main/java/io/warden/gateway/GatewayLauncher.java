package io.warden.gateway;

import org.agrona.concurrent.ShutdownSignalBarrier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a gateway as its own process until SIGTERM/SIGINT:
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp warden-gateway.jar io.warden.gateway.GatewayLauncher \
 *     config/cluster.properties config/gateway.properties [profile.properties]
 * </pre>
 */
public final class GatewayLauncher
{
    private GatewayLauncher()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length == 0)
        {
            System.err.println("usage: GatewayLauncher <cluster.properties> <gateway.properties> [more.properties]");
            System.exit(2);
        }
        final List<Path> files = new ArrayList<>();
        for (final String arg : args)
        {
            files.add(Path.of(arg));
        }
        final GatewayConfig config = GatewayConfig.load(files).conclude();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Gateway gateway = Gateway.launch(config))
        {
            System.out.println("pid " + ProcessHandle.current().pid());
            System.out.println("gateway " + config.gatewayId() + " started: " + config);
            System.out.flush();
            barrier.await();
            System.out.println("gateway " + config.gatewayId() + " stopping");
        }
    }
}
