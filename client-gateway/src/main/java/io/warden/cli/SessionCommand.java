package io.warden.cli;

import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code warden session}: open a session and keep it alive, printing its state changes.
 */
@Command(name = "session",
    description = "Open a session (lease) and keep it alive, printing connection-state changes, until Ctrl-C; " +
        "'session expire ID' ends another session now.",
    subcommands = SessionExpireCommand.class)
final class SessionCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Close it after this long (default: until Ctrl-C).")
    long forMs;

    public Integer call() throws InterruptedException
    {
        try (StopSignal stop = StopSignal.install(); WardenClient client = cli.options.connect())
        {
            // before adding the listener: the connect's own CONNECTED notice may still be on its way to listeners
            System.out.println(cli.options.json ?
                Json.obj().put("session", client.sessionId()).put("ttlMs", cli.options.sessionTtlMs).toString() :
                "session " + client.sessionId() + " open, ttl " + cli.options.sessionTtlMs + " ms");
            System.out.flush();
            client.addConnectionStateListener((c, state) ->
            {
                System.out.println(cli.options.json ?
                    Json.obj().put("session", c.sessionId()).put("state", state.name()).toString() :
                    "session " + c.sessionId() + ": " + state);
                System.out.flush();
                if (state == ConnectionState.LOST)
                {
                    stop.stop();
                }
            });
            stop.await(forMs);
            return client.state() == ConnectionState.LOST ? ExitCodes.LOST : ExitCodes.OK;
        }
    }
}
