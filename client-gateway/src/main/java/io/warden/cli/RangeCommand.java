package io.warden.cli;

import io.warden.client.KeyValue;
import io.warden.client.RangeResult;
import io.warden.client.WardenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code warden range PREFIX}: list keys under a prefix, in key order, at one revision.
 */
@Command(name = "range", description = "List the keys under a prefix in key order, all at one revision.")
final class RangeCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Parameters(index = "0", paramLabel = "PREFIX", defaultValue = "", description = "Prefix (default: every key).")
    String prefix;

    @Option(names = "--keys-only", description = "Print keys only.")
    boolean keysOnly;

    @Option(names = "--rev", paramLabel = "REVISION", description = "Read as of this revision (0: now).")
    long revision;

    public Integer call()
    {
        try (WardenClient client = cli.options.connect())
        {
            final RangeResult result = client.await(client.range(prefix, revision));
            for (final KeyValue kv : result.entries())
            {
                if (cli.options.json)
                {
                    System.out.println(Output.json(kv));
                }
                else if (keysOnly)
                {
                    System.out.println(kv.key());
                }
                else
                {
                    System.out.println(kv.key() + " = " + Output.text(kv.value()));
                }
            }
            if (cli.options.json)
            {
                System.out.println(Json.obj().put("revision", result.revision()).put("count", result.entries().size()));
            }
            else
            {
                System.err.println(result.entries().size() + " keys at revision " + result.revision());
            }
            return ExitCodes.OK;
        }
    }
}
