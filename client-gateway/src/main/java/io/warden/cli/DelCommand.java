package io.warden.cli;

import io.warden.client.DeleteResult;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code warden del KEY}: delete a key, or every key under a prefix.
 */
@Command(name = "del", description = "Delete a key, or every key under a prefix (reserved keys are kept).")
final class DelCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--prefix", description = "Delete every key that starts with KEY.")
    boolean prefix;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            final DeleteResult result = client.await(prefix ? client.deletePrefix(key) : client.delete(key));
            if (cli.options.json)
            {
                System.out.println(Json.obj().put("key", key).put("prefix", prefix).put("deleted", result.deleted())
                    .put("revision", result.revision()));
            }
            else
            {
                System.out.println(result.deleted() + " deleted, revision " + result.revision());
            }
            return result.deleted() == 0 && !prefix ? ExitCodes.NOT_FOUND : ExitCodes.OK;
        }
    }
}
