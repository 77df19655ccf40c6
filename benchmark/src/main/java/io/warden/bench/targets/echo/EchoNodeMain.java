package io.warden.bench.targets.echo;

import io.aeron.exceptions.ConfigurationException;
import io.warden.node.launcher.NodeConfig;
import io.warden.node.launcher.NodeLauncher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code aeron-echo} node: a Warden node's exact configuration ({@link NodeConfig} from the same cluster, node and
 * profile files, {@code -Dwarden.*} overrides for ports and directories) running {@link EchoService} instead of the
 * Warden service, through {@link NodeLauncher#run(NodeConfig)}. It prints {@code node <id> started} and runs until
 * SIGTERM.
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -Dwarden.cluster.port.base=9600 ... \
 *     -cp warden-bench.jar io.warden.bench.targets.echo.EchoNodeMain \
 *     config/cluster.properties config/node-0.properties config/profile-ci.properties
 * </pre>
 */
public final class EchoNodeMain
{
    private EchoNodeMain()
    {
    }

    /**
     * Run one echo node.
     *
     * @param args cluster file, node file, profile file.
     */
    public static void main(final String[] args)
    {
        final List<Path> files = new ArrayList<>();
        for (final String arg : args)
        {
            files.add(Path.of(arg));
        }
        final NodeConfig config;
        try
        {
            config = NodeConfig.load(files).serviceSupplier(EchoService::new).conclude();
        }
        catch (final ConfigurationException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        NodeLauncher.run(config);
    }
}
