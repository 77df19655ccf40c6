package io.warden.node.backup;

import io.aeron.exceptions.ConfigurationException;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an online backup of a cell ({@link CellBackup}) until SIGTERM/SIGINT.
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp warden-node.jar io.warden.node.backup.BackupLauncher \
 *     config/cluster.properties config/backup.properties [config/profile-ci.properties]
 * </pre>
 * Exit status: 0 after a clean stop, 1 if the backup failed, 2 on a configuration error.
 */
public final class BackupLauncher
{
    private BackupLauncher()
    {
    }

    /**
     * Run a backup.
     *
     * @param args {@code cluster.properties backup.properties [profile.properties]}.
     */
    public static void main(final String[] args)
    {
        if (args.length < 2 || args.length > 3)
        {
            System.err.println("usage: BackupLauncher <cluster.properties> <backup.properties> [profile.properties]");
            System.exit(2);
        }
        final List<Path> cellFiles = new ArrayList<>();
        cellFiles.add(Path.of(args[0]));
        if (args.length == 3)
        {
            cellFiles.add(Path.of(args[2]));
        }
        final Path backupFile = Path.of(args[1]);
        for (final Path file : List.of(cellFiles.get(0), backupFile))
        {
            if (!Files.isReadable(file))
            {
                System.err.println("cannot read config file: " + file.toAbsolutePath());
                System.exit(2);
            }
        }

        final BackupConfig config;
        try
        {
            config = BackupConfig.load(cellFiles, backupFile, System.getProperties());
        }
        catch (final ConfigurationException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            CellBackup ignore = CellBackup.launch(config, System.out, barrier::signal))
        {
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.print(config.describe());
            System.out.println("backup started: " + config.dir());
            System.out.flush();
            barrier.await();
            System.out.println("backup stopping");
        }
        catch (final RuntimeException ex)
        {
            System.err.println("backup failed: " + ex);
            ex.printStackTrace();
            System.exit(1);
        }
        System.out.println("backup stopped");
    }
}
