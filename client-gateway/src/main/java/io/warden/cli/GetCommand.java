package io.warden.cli;

import io.warden.client.KeyValue;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code warden get KEY}: read a key (linearizable).
 */
@Command(name = "get", description = "Read a key (linearizable). Exit code 3 when it does not exist.")
final class GetCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = { "-w", "--with-metadata" }, description = "Also print revisions, version and owner.")
    boolean metadata;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            final KeyValue kv = client.await(client.get(key));
            if (kv == null)
            {
                if (cli.options.json)
                {
                    System.out.println(Json.obj().put("key", key).put("found", false));
                }
                else
                {
                    System.err.println("warden: " + key + " not found");
                }
                return ExitCodes.NOT_FOUND;
            }
            Output.keyValue(kv, cli.options.json, metadata);
            return ExitCodes.OK;
        }
    }
}
