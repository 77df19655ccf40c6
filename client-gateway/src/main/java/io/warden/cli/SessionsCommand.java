package io.warden.cli;

import io.warden.client.SessionListing;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code warden sessions}: every live session of the cell, in id order, a page at a time.
 */
@Command(name = "sessions",
    description = {
        "List the cell's live sessions: id, client name, TTL, and how long since each was last renewed (its " +
        "client's last keepalive). Needs the admin permission once authentication is on." })
final class SessionsCommand implements Callable<Integer>
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
                System.out.printf("%-12s %-32s %10s %10s %12s%n", "SESSION", "CLIENT", "TTL", "SILENT", "EXPIRES IN");
            }
            Pages.<Long, Runnable>forEach(0L, after ->
            {
                final SessionListing page = client.await(client.operations().sessions(after, PAGE));
                return new Pages.Page<>(page.sessions().stream().<Runnable>map(s -> () -> print(page, s)).toList(),
                    page.more(), page.lastSessionId());
            }, Runnable::run);
            return ExitCodes.OK;
        }
    }

    private void print(final SessionListing page, final SessionListing.Entry s)
    {
        if (cli.options.json)
        {
            System.out.println(Json.obj().put("session", s.sessionId()).put("client", s.clientName())
                .put("ttlMs", s.ttlMs()).put("silentMs", page.silentMs(s)).put("openedMs", s.openedMs())
                .put("expiryMs", s.expiryMs()));
        }
        else
        {
            System.out.printf("%-12d %-32s %10s %10s %12s%n", s.sessionId(), s.clientName(), millis(s.ttlMs()),
                millis(page.silentMs(s)), millis(Math.max(0, s.expiryMs() - page.nowMs())));
        }
    }

    static String millis(final long ms)
    {
        return ms < 10_000 ? ms + "ms" : String.format("%.1fs", ms / 1000.0);
    }
}
