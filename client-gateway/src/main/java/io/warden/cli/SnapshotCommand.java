package io.warden.cli;

import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code warden snapshot}: have the cell's leader take a snapshot now.
 */
@Command(name = "snapshot",
    description = {
        "Have the cell's leader take a snapshot now (every node snapshots at the same log position and then purges " +
        "what its retention allows). Needs the admin permission (or, while authentication is off, the gateway's " +
        "admin credential)." })
final class SnapshotCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            final String said = client.await(client.operations().snapshot());
            System.out.println(cli.options.json ?
                Json.obj().put("snapshot", "requested").put("detail", said).toString() :
                said);
            return ExitCodes.OK;
        }
    }
}
