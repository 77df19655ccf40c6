package io.warden.cli;

import io.warden.client.LeaderElection;
import io.warden.client.LeaderInfo;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code warden elect ELECTION VALUE}: campaign and lead until Ctrl-C; or {@code --listen} to follow who leads.
 */
@Command(name = "elect",
    description = "Campaign in an election with VALUE and lead until Ctrl-C (FIFO successors); with --listen, print " +
        "every change of leader instead.")
final class ElectCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Parameters(index = "0", paramLabel = "ELECTION")
    String election;

    @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1", description = "The candidate's value.")
    String value;

    @Option(names = { "-l", "--listen" }, description = "Only print who leads, and each change.")
    boolean listen;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Stop after this long (default: until Ctrl-C).")
    long forMs;

    public Integer call() throws Exception
    {
        try (StopSignal stop = StopSignal.install(); WardenClient client = cli.options.connect())
        {
            final LeaderElection.Listener listener = new LeaderElection.Listener()
            {
                public void onElected(final long term)
                {
                    print("elected", term, value);
                }

                public void onRevoked(final long term)
                {
                    print("revoked", term, value);
                }

                public void onLeaderChanged(final LeaderInfo leader)
                {
                    if (leader == null)
                    {
                        print("no leader", 0, null);
                    }
                    else
                    {
                        print("leader", leader.term(), leader.valueAsString());
                    }
                }
            };
            try (LeaderElection leaderElection = new LeaderElection(client, election, listener))
            {
                if (listen)
                {
                    client.await(leaderElection.observe());
                }
                else
                {
                    if (value == null)
                    {
                        System.err.println("warden: elect needs a VALUE to campaign with (or --listen)");
                        return ExitCodes.USAGE;
                    }
                    final CompletableFuture<?> elected = leaderElection.campaign(Output.utf8(value));
                    while (!elected.isDone() && !stop.await(100))
                    {
                        // waiting in line; Ctrl-C withdraws the candidacy (the client closes its session)
                    }
                    if (!elected.isDone())
                    {
                        return ExitCodes.OK;
                    }
                    client.await(elected);
                }
                stop.await(forMs);
            }
        }
        return ExitCodes.OK;
    }

    private void print(final String what, final long term, final String leaderValue)
    {
        if (cli.options.json)
        {
            System.out.println(Json.obj().put("election", election).put("event", what).put("term", term)
                .put("value", leaderValue));
        }
        else
        {
            System.out.println(election + ": " + what + (term > 0 ? " term " + term : "") +
                (leaderValue != null ? " value " + leaderValue : ""));
        }
        System.out.flush();
    }
}
