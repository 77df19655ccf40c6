package io.warden.cli;

import io.warden.client.LockInfo;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code warden lock describe NAME}: one lock's holders (with fencing tokens) and waiters, in queue order.
 */
@Command(name = "describe",
    description = "Show a lock's holders (session, fencing token, since when, mode) and its waiters in queue order.")
final class LockDescribeCommand implements Callable<Integer>
{
    @ParentCommand
    LockCommand lock;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    public Integer call()
    {
        final WardenCli cli = lock.cli;
        try (WardenClient client = cli.options.connect())
        {
            final LockInfo info = client.await(client.describeLock(name));
            if (cli.options.json)
            {
                for (final LockInfo.Holder h : info.holders())
                {
                    System.out.println(Json.obj().put("lock", name).put("role", "holder").put("session", h.sessionId())
                        .put("token", h.token()).put("sinceMs", h.sinceMs()).put("mode", h.mode().name()));
                }
                for (final LockInfo.Waiter w : info.waiters())
                {
                    System.out.println(Json.obj().put("lock", name).put("role", "waiter").put("session", w.sessionId())
                        .put("sinceMs", w.sinceMs()).put("mode", w.mode().name()));
                }
                return ExitCodes.OK;
            }
            System.out.println("lock " + name + (info.holders().isEmpty() && info.waiters().isEmpty() ?
                ": free" : ""));
            if (info.delayUntilMs() > 0)
            {
                System.out.println("  lock-delay until " + Instant.ofEpochMilli(info.delayUntilMs()));
            }
            for (final LockInfo.Holder h : info.holders())
            {
                System.out.println("  held by session " + h.sessionId() + ", token " + h.token() + ", " +
                    h.mode().name().toLowerCase() + ", since " + Instant.ofEpochMilli(h.sinceMs()));
            }
            int position = 1;
            for (final LockInfo.Waiter w : info.waiters())
            {
                System.out.println("  waiter " + position++ + ": session " + w.sessionId() + ", " +
                    w.mode().name().toLowerCase() + ", since " + Instant.ofEpochMilli(w.sinceMs()));
            }
            return ExitCodes.OK;
        }
    }
}
