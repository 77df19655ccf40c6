package io.warden.cli;

import io.warden.client.AuthListing;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code warden user}: the cell's users, as {@code etcdctl user} manages them. Passwords are salted and hashed by
 * the CLI; only the derived keys reach the cell.
 */
@Command(name = "user", description = "Add, delete, re-password and list users; give and take their roles.",
    subcommands = { picocli.CommandLine.HelpCommand.class })
final class UserCommand
{
    @ParentCommand
    WardenCli cli;

    @Command(name = "add", description = "Add a user.")
    int add(
        @Parameters(paramLabel = "USER") final String user,
        @Option(names = "--new-password", paramLabel = "PASSWORD",
            description = "The user's password (default: $WARDEN_NEW_PASSWORD, or asked on the terminal).")
        final String password)
    {
        return AuthOutput.change(cli, client -> client.auth().addUser(user, NewPassword.of(user, password)),
            "user " + user + " added");
    }

    @Command(name = "delete", description = "Delete a user.")
    int delete(@Parameters(paramLabel = "USER") final String user)
    {
        return AuthOutput.change(cli, client -> client.auth().deleteUser(user), "user " + user + " deleted");
    }

    @Command(name = "passwd", description = "Give a user a new password.")
    int passwd(
        @Parameters(paramLabel = "USER") final String user,
        @Option(names = "--new-password", paramLabel = "PASSWORD",
            description = "The new password (default: $WARDEN_NEW_PASSWORD, or asked on the terminal).")
        final String password)
    {
        return AuthOutput.change(cli, client -> client.auth().changePassword(user, NewPassword.of(user, password)),
            "password of " + user + " changed");
    }

    @Command(name = "grant-role", description = "Give a user a role.")
    int grantRole(
        @Parameters(paramLabel = "USER") final String user, @Parameters(paramLabel = "ROLE") final String role)
    {
        return AuthOutput.change(cli, client -> client.auth().grantRole(user, role),
            "role " + role + " granted to " + user);
    }

    @Command(name = "revoke-role", description = "Take a role from a user.")
    int revokeRole(
        @Parameters(paramLabel = "USER") final String user, @Parameters(paramLabel = "ROLE") final String role)
    {
        return AuthOutput.change(cli, client -> client.auth().revokeRole(user, role),
            "role " + role + " revoked from " + user);
    }

    @Command(name = "list", description = "Every user, with its roles.")
    int list()
    {
        return AuthOutput.listing(cli, client -> client.auth().users(), "roles");
    }

    @Command(name = "get", description = "One user, with its roles.")
    int get(@Parameters(paramLabel = "USER") final String user)
    {
        return AuthOutput.listing(cli, client -> client.auth().user(user), "roles");
    }

    /**
     * A new password: the option, else the environment, else the terminal.
     */
    static final class NewPassword
    {
        private NewPassword()
        {
        }

        static char[] of(final String user, final String given)
        {
            if (given != null)
            {
                return given.toCharArray();
            }
            final String fromEnvironment = System.getenv("WARDEN_NEW_PASSWORD");
            if (fromEnvironment != null && !fromEnvironment.isEmpty())
            {
                return fromEnvironment.toCharArray();
            }
            final java.io.Console console = System.console();
            if (console == null)
            {
                throw new IllegalArgumentException("no password for " + user +
                    ": give --new-password or set WARDEN_NEW_PASSWORD");
            }
            final char[] first = console.readPassword("new password of %s: ", user);
            final char[] again = console.readPassword("again: ");
            if (!java.util.Arrays.equals(first, again))
            {
                throw new IllegalArgumentException("the passwords differ");
            }
            return first;
        }
    }

    /**
     * Runs one auth request and prints its outcome.
     */
    static final class AuthOutput
    {
        private AuthOutput()
        {
        }

        static int change(
            final WardenCli cli, final Function<WardenClient, CompletableFuture<String>> request, final String done)
        {
            try (WardenClient client = cli.options.connect())
            {
                client.await(request.apply(client));
                System.out.println(cli.options.json ? Json.obj().put("ok", true).put("detail", done).toString() : done);
                return ExitCodes.OK;
            }
        }

        static int listing(
            final WardenCli cli,
            final Function<WardenClient, CompletableFuture<AuthListing>> request,
            final String detailName)
        {
            try (WardenClient client = cli.options.connect())
            {
                final AuthListing listing = client.await(request.apply(client));
                for (final AuthListing.Item item : listing.items())
                {
                    if (cli.options.json)
                    {
                        System.out.println(Json.obj().put("name", item.name()).put(detailName, item.detail()));
                    }
                    else if (item.detail().isEmpty())
                    {
                        System.out.println(item.name());
                    }
                    else
                    {
                        System.out.println(item.name() + "\t" + item.detail().replace("\n", "\n\t"));
                    }
                }
                return ExitCodes.OK;
            }
        }
    }
}
