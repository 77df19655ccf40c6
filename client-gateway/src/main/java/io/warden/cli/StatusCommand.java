package io.warden.cli;

import io.warden.client.ClusterStatus;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code warden status}: counters of the replicated state.
 */
@Command(name = "status", description = "Revision, counts and state digest of the cluster (read through the log).")
final class StatusCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            final ClusterStatus s = client.await(client.status());
            if (cli.options.json)
            {
                System.out.println(Json.obj().put("revision", s.revision()).put("compactRevision", s.compactRevision())
                    .put("sessions", s.sessions()).put("locks", s.locks()).put("elections", s.elections())
                    .put("keys", s.keys()).put("watches", s.watches()).put("historyEvents", s.historyEvents())
                    .put("historyBytes", s.historyBytes()).put("maxValueLength", s.maxValueLength())
                    .put("stateBytes", s.stateBytes()).put("stateQuotaBytes", s.stateQuotaBytes())
                    .put("stateDigest", Long.toHexString(s.stateDigest())));
            }
            else
            {
                System.out.println("revision        " + s.revision());
                System.out.println("compacted up to " + s.compactRevision());
                System.out.println("sessions        " + s.sessions());
                System.out.println("locks           " + s.locks());
                System.out.println("elections       " + s.elections());
                System.out.println("keys            " + s.keys());
                System.out.println("watches         " + s.watches() + " (cluster registrations, one per gateway key)");
                System.out.println("history         " + s.historyEvents() + " events, " + s.historyBytes() + " bytes");
                System.out.println("max value       " + s.maxValueLength() + " bytes");
                System.out.println("state           " + s.stateBytes() + " of " + s.stateQuotaBytes() +
                    " bytes (the quota; growth past it is refused)");
                System.out.println("state digest    " + Long.toHexString(s.stateDigest()));
            }
            return ExitCodes.OK;
        }
    }
}
