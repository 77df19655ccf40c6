package io.warden.cli;

import io.warden.client.LockListing;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code warden locks}: every lock in use (held, awaited or in lock-delay), in name order, a page at a time.
 */
@Command(name = "locks",
    description = {
        "List the locks in use: name, holders (the first holder's session and fencing token) and waiters. " +
        "'warden lock describe NAME' shows one lock's whole queue. Needs read on every lock name once " +
        "authentication is on." })
final class LocksCommand implements Callable<Integer>
{
    private static final int PAGE = 200;

    @ParentCommand
    WardenCli cli;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            if (!cli.options.json)
            {
                System.out.printf("%-40s %7s %7s %12s %12s%n", "LOCK", "HOLDERS", "WAITERS", "SESSION", "TOKEN");
            }
            Pages.forEach("", after ->
            {
                final LockListing page = client.await(client.operations().locks(after, PAGE));
                return new Pages.Page<>(page.locks(), page.more(), page.lastName());
            }, this::print);
            return ExitCodes.OK;
        }
    }

    private void print(final LockListing.Entry lock)
    {
        if (cli.options.json)
        {
            System.out.println(Json.obj().put("lock", lock.name()).put("holders", lock.holders())
                .put("waiters", lock.waiters()).put("session", lock.sessionId()).put("token", lock.token())
                .put("delayUntilMs", lock.delayUntilMs()));
        }
        else
        {
            System.out.printf("%-40s %7d %7d %12s %12s%n", lock.name(), lock.holders(), lock.waiters(),
                0 == lock.holders() ? "-" : Long.toString(lock.sessionId()),
                0 == lock.holders() ? "-" : Long.toString(lock.token()));
        }
    }
}
