package io.warden.cli;

import io.warden.client.WardenException;
import io.warden.schema.protocol.ResultCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code warden} command-line tool. Examples:
 * <pre>
 * warden put /config/payments/limit 100
 * warden get /config/payments/limit
 * warden watch --prefix /config/ --count 1
 * warden lock orders -- ./run-batch.sh        # holds the lock while the command runs (token in $WARDEN_LOCK_TOKEN)
 * warden elect scheduler node-1                # campaigns, prints when elected, holds until Ctrl-C
 * warden status --json
 * warden sessions                              # id, client name, TTL, time since its last keepalive
 * warden locks                                 # locks in use; warden lock describe NAME for one queue
 * warden --credential ADMIN session expire 42  # ends a stuck session as if its TTL ran out
 * warden --credential ADMIN snapshot           # the leader snapshots now
 * warden --user root user add alice --new-password s3cret
 * warden --user root role grant config-reader read,watch /config/
 * warden --user root auth enable
 * </pre>
 * Exit codes are in {@link ExitCodes}.
 */
@Command(
    name = "warden",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "warden 0.1.0",
    description = "Command-line tool for Warden: locks, elections, configuration, watches, sessions.",
    subcommands = {
        PutCommand.class,
        GetCommand.class,
        DelCommand.class,
        RangeCommand.class,
        TxnCommand.class,
        WatchCommand.class,
        LockCommand.class,
        ElectCommand.class,
        SessionCommand.class,
        SessionsCommand.class,
        LocksCommand.class,
        SnapshotCommand.class,
        StatusCommand.class,
        MembersCommand.class,
        UserCommand.class,
        RoleCommand.class,
        AuthCommand.class,
        CommandLine.HelpCommand.class },
    footer = {
        "",
        "Exit codes: 0 ok, 1 failed (also over a quota or rate limit), 2 usage, 3 not found, 4 compare failed, " +
        "5 not acquired, 6 unavailable, 7 session lost, 8 denied (login or permission).",
        "",
        "scripts/warden audit (offline, from a node's or a backup's files): who held which lock with which token, " +
        "who changed which key; scripts/warden audit --help."
    })
public final class WardenCli
{
    @Mixin
    ConnectionOptions options;

    private WardenCli()
    {
    }

    /**
     * Run the tool; the process exits with the command's exit code.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    /**
     * Run the tool and return its exit code (tests).
     */
    public static int run(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new WardenCli());
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) ->
        {
            cmd.getErr().println("warden: " + message(ex));
            return ExitCodes.of(ex);
        });
        commandLine.setParameterExceptionHandler((ex, parsed) ->
        {
            ex.getCommandLine().getErr().println("warden: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    static String message(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null)
        {
            cause = cause.getCause();
        }
        if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        final String text = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        if (cause instanceof WardenException)
        {
            // the limit's numbers, when the refusal named them (its words are in the message already)
            final WardenException refusal = (WardenException)cause;
            if (refusal.retryAfterMs() > 0)
            {
                return text + " (retry after " + refusal.retryAfterMs() + " ms)";
            }
            if (refusal.code() == ResultCode.QUOTA_EXCEEDED && refusal.limit() > 0)
            {
                return text + " (limit " + refusal.limit() + ", usage " + refusal.usage() + ")";
            }
        }
        return text;
    }
}
