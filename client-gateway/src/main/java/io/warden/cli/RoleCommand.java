package io.warden.cli;

import io.warden.client.WardenAuth;
import io.warden.schema.protocol.ResourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;

/**
 * {@code warden role}: the cell's roles and what they may do, as {@code etcdctl role} manages them. A grant names
 * permissions (read, write, readwrite, lock, elect, watch, admin) on a prefix of keys, lock names or election names.
 */
@Command(name = "role", description = "Add, delete and list roles; grant and revoke their permissions on prefixes.",
    subcommands = { picocli.CommandLine.HelpCommand.class })
final class RoleCommand
{
    @ParentCommand
    WardenCli cli;

    @Command(name = "add", description = "Add a role with no permissions.")
    int add(@Parameters(paramLabel = "ROLE") final String role)
    {
        return UserCommand.AuthOutput.change(cli, client -> client.auth().addRole(role), "role " + role + " added");
    }

    @Command(name = "delete", description = "Delete a role (its users lose it).")
    int delete(@Parameters(paramLabel = "ROLE") final String role)
    {
        return UserCommand.AuthOutput.change(cli, client -> client.auth().deleteRole(role),
            "role " + role + " deleted");
    }

    @Command(name = "grant", description = "Let a role do these things to every name under a prefix.")
    int grant(
        @Parameters(paramLabel = "ROLE") final String role,
        @Parameters(paramLabel = "PERMISSIONS", description = "read, write, readwrite, lock, elect, watch, admin; " +
            "comma-separated.") final String permissions,
        @Parameters(paramLabel = "PREFIX", description = "Key, lock-name or election prefix; \"\" for all.")
        final String prefix,
        @Option(names = "--resource", paramLabel = "key|lock|election", defaultValue = "key",
            description = "What the prefix names. Default: ${DEFAULT-VALUE}.") final String resource)
    {
        return UserCommand.AuthOutput.change(cli, client -> client.auth().grant(role, resource(resource), prefix,
            WardenAuth.Permission.parse(permissions)), "granted " + permissions + " on " + resource + " " +
            prefix + " to " + role);
    }

    @Command(name = "revoke", description = "Take permissions on a prefix from a role.")
    int revoke(
        @Parameters(paramLabel = "ROLE") final String role,
        @Parameters(paramLabel = "PERMISSIONS") final String permissions,
        @Parameters(paramLabel = "PREFIX") final String prefix,
        @Option(names = "--resource", paramLabel = "key|lock|election", defaultValue = "key",
            description = "What the prefix names. Default: ${DEFAULT-VALUE}.") final String resource)
    {
        return UserCommand.AuthOutput.change(cli, client -> client.auth().revoke(role, resource(resource), prefix,
            WardenAuth.Permission.parse(permissions)), "revoked " + permissions + " on " + resource + " " +
            prefix + " from " + role);
    }

    @Command(name = "list", description = "Every role, with its permissions.")
    int list()
    {
        return UserCommand.AuthOutput.listing(cli, client -> client.auth().roles(), "permissions");
    }

    @Command(name = "get", description = "One role, with its permissions.")
    int get(@Parameters(paramLabel = "ROLE") final String role)
    {
        return UserCommand.AuthOutput.listing(cli, client -> client.auth().role(role), "permissions");
    }

    private static ResourceType resource(final String name)
    {
        return switch (name.toLowerCase(Locale.ROOT))
        {
            case "key" -> ResourceType.KEY;
            case "lock" -> ResourceType.LOCK;
            case "election" -> ResourceType.ELECTION;
            default -> throw new IllegalArgumentException("--resource is key, lock or election, not " + name);
        };
    }
}
