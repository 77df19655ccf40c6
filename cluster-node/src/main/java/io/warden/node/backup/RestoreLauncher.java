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
 * java -cp warden-node.jar io.warden.node.backup.RestoreLauncher [--to-position P | --to-revision R] BACKUP_DIR \
 *     config/cluster.properties config/node-2.properties [config/profile-ci.properties]
 * </pre>
 * The node must be stopped and its cluster and archive directories empty. Exit status: 0 once seeded, 1 if the
 * restore failed (nothing is started), 2 on a usage or configuration error.
 */
public final class RestoreLauncher
{
    private static final String TO_POSITION = "--to-position";
    private static final String TO_REVISION = "--to-revision";

    private RestoreLauncher()
    {
    }

    /**
     * Seed a node.
     *
     * @param args {@code [--to-position P | --to-revision R] backupDir cluster.properties node.properties
     *             [profile.properties]}.
     */
    public static void main(final String[] args)
    {
        final List<String> arguments = new ArrayList<>(List.of(args));
        final long toPosition = takeOption(arguments, TO_POSITION);
        final long toRevision = takeOption(arguments, TO_REVISION);
        if (arguments.size() < 3 || arguments.size() > 4 || (Restore.ALL != toPosition && Restore.ALL != toRevision))
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
            final File clusterDir = new File(node.clusterDir());
            final File archiveDir = new File(node.archiveDir());
            if (Restore.ALL != toRevision)
            {
                Restore.seedToRevision(backupDir, clusterDir, archiveDir, toRevision, System.out);
            }
            else
            {
                Restore.seed(backupDir, clusterDir, archiveDir, toPosition, System.out);
            }
        }
        catch (final RuntimeException ex)
        {
            System.err.println("restore of node " + node.memberId() + " failed: " + ex.getMessage());
            System.exit(1);
        }
    }

    /**
     * Remove {@code name VALUE} from the arguments.
     *
     * @return the value (zero or more), or {@link Restore#ALL} when the option is absent.
     */
    private static long takeOption(final List<String> arguments, final String name)
    {
        final int option = arguments.indexOf(name);
        if (option < 0)
        {
            return Restore.ALL;
        }
        long value = -1;
        if (option + 1 < arguments.size())
        {
            try
            {
                value = Long.parseLong(arguments.get(option + 1));
            }
            catch (final NumberFormatException ex)
            {
                value = -1;
            }
        }
        if (value < 0)
        {
            usage();
        }
        arguments.remove(option + 1);
        arguments.remove(option);
        return value;
    }

    private static void usage()
    {
        System.err.println("usage: RestoreLauncher [" + TO_POSITION + " P | " + TO_REVISION + " R] <backup dir> " +
            "<cluster.properties> <node.properties> [profile.properties]");
        System.exit(2);
    }
}
