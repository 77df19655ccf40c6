package io.warden.cli;

import io.warden.client.WardenClient;
import io.warden.client.WatchEvent;
import io.warden.client.WatchHandle;
import io.warden.client.WatchListener;
import io.warden.schema.protocol.ResultCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code warden watch KEY}: print changes as they happen.
 */
@Command(name = "watch", description = "Print changes to a key (or under a prefix) as they happen, until Ctrl-C.")
final class WatchCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--prefix", description = "Watch every key that starts with KEY.")
    boolean prefix;

    @Option(names = "--rev", paramLabel = "REVISION", description = "Start from this revision (0: from now).")
    long revision;

    @Option(names = "--prev", description = "Show the value before each change.")
    boolean prev;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N events.")
    int count;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Exit after this long (default: never).")
    long forMs;

    public Integer call() throws InterruptedException
    {
        final AtomicInteger seen = new AtomicInteger();
        final AtomicReference<ResultCode> ended = new AtomicReference<>();
        try (StopSignal done = StopSignal.install(); WardenClient client = cli.options.connect())
        {
            final WatchListener listener = new WatchListener()
            {
                public void onEvent(final WatchEvent event)
                {
                    Output.event(event, cli.options.json);
                    if (count > 0 && seen.incrementAndGet() >= count)
                    {
                        done.stop();
                    }
                }

                public void onRegistered(final long registeredAt)
                {
                    if (!cli.options.json)
                    {
                        System.err.println("watching " + (prefix ? "prefix " : "") + key + " after revision " +
                            registeredAt);
                    }
                }

                public void onEnded(final ResultCode code, final long lastRevision)
                {
                    System.err.println("warden: watch ended: " + code + " after revision " + lastRevision);
                    ended.set(code);
                    done.stop();
                }
            };
            final WatchHandle handle = client.watch(key, prefix, revision, prev, listener);
            done.await(forMs);
            handle.cancel();
        }
        return ended.get() == null ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
