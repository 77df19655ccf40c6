package io.warden.node.backup;

import io.aeron.exceptions.ConfigurationException;
import io.warden.node.launcher.NodeConfig;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds one node's directories from a backup ({@link Restore}), for a new cell or for a member whose disk died.
 * <pre>
 * java -cp warden-node.jar io.warden.node.backup.RestoreLauncher [--to-position P] BACKUP_DIR \
 *     config/cluster.properties config/node-2.properties [config/profile-ci.properties]
 * </pre>
 * The node must be stopped and its cluster and archive directories empty. Exit status: 0 once seeded, 1 if the
 * restore failed (nothing is started), 2 on a usage or configuration error.
 */
public final class RestoreLauncher
{
    private static final String TO_POSITION = "--to-position";

    private RestoreLauncher()
    {
    }

    /**
     * Seed a node.
     *
     * @param args {@code [--to-position P] backupDir cluster.properties node.properties [profile.properties]}.
     */
    public static void main(final String[] args)
    {
        final List<String> arguments = new ArrayList<>(List.of(args));
        long toPosition = Restore.ALL;
        final int option = arguments.indexOf(TO_POSITION);
        if (option >= 0)
        {
            if (option + 1 >= arguments.size())
            {
                usage();
            }
            try
            {
                toPosition = Long.parseLong(arguments.get(option + 1));
            }
            catch (final NumberFormatException ex)
            {
                usage();
            }
            arguments.remove(option + 1);
            arguments.remove(option);
        }
        if (arguments.size() < 3 || arguments.size() > 4 || (toPosition < 0 && Restore.ALL != toPosition))
        {
            usage();
        }

        final File backupDir = new File(arguments.get(0));
        final List<Path> files = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++)
        {
            files.add(Path.of(arguments.get(i)));
        }
        final NodeConfig node;
        try
        {
            node = NodeConfig.load(files).conclude();
        }
        catch (final ConfigurationException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }

        try
        {
            Restore.seed(backupDir, new File(node.clusterDir()), new File(node.archiveDir()), toPosition, System.out);
        }
        catch (final RuntimeException ex)
        {
            System.err.println("restore of node " + node.memberId() + " failed: " + ex.getMessage());
            System.exit(1);
        }
    }

    private static void usage()
    {
        System.err.println("usage: RestoreLauncher [" + TO_POSITION + " P] <backup dir> <cluster.properties> " +
            "<node.properties> [profile.properties]");
        System.exit(2);
    }
}
