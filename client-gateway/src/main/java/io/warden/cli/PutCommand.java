package io.warden.cli;

import io.warden.client.PutResult;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code warden put KEY VALUE}: write a key.
 */
@Command(name = "put", description = "Write a key (value from the argument, or from stdin with '-').")
final class PutCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value; '-' reads it from stdin.")
    String value;

    @Option(names = "--ephemeral", description = "Delete the key when this command's session ends (i.e. at exit).")
    boolean ephemeral;

    public Integer call() throws Exception
    {
        final byte[] bytes = "-".equals(value) ? System.in.readAllBytes() : value.getBytes(StandardCharsets.UTF_8);
        try (WardenClient client = cli.options.connect())
        {
            final PutResult result = client.await(ephemeral ? client.putEphemeral(key, bytes) : client.put(key, bytes));
            if (cli.options.json)
            {
                System.out.println(Json.obj().put("key", key).put("revision", result.revision())
                    .put("createRevision", result.createRevision()).put("version", result.version()));
            }
            else
            {
                System.out.println("OK revision " + result.revision() + " version " + result.version());
            }
            return ExitCodes.OK;
        }
    }
}
