package io.warden.cli;

import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code warden auth}: turn the cell's authentication and permission checks on or off, or ask whether they are on,
 * as {@code etcdctl auth} does. Turning them on needs user root holding role root.
 */
@Command(name = "auth", description = "Turn authentication on or off, or show whether it is on.",
    subcommands = { picocli.CommandLine.HelpCommand.class })
final class AuthCommand
{
    @ParentCommand
    WardenCli cli;

    @Command(name = "enable", description = "Turn authentication and permission checks on (needs user root).")
    int enable()
    {
        return UserCommand.AuthOutput.change(cli, client -> client.auth().enable(), "authentication enabled");
    }

    @Command(name = "disable", description = "Turn authentication and permission checks off.")
    int disable()
    {
        return UserCommand.AuthOutput.change(cli, client -> client.auth().disable(), "authentication disabled");
    }

    @Command(name = "status", description = "Whether authentication is on.")
    int status()
    {
        try (WardenClient client = cli.options.connect())
        {
            final boolean enabled = client.await(client.auth().status()).enabled();
            System.out.println(cli.options.json ? Json.obj().put("enabled", enabled).toString() :
                "authentication " + (enabled ? "enabled" : "disabled"));
            return ExitCodes.OK;
        }
    }
}
