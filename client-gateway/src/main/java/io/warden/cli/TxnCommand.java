package io.warden.cli;

import io.warden.client.TxnResult;
import io.warden.client.WardenClient;
import io.warden.schema.TxnSpec;
import io.warden.schema.protocol.CompareOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code warden txn --if ... --then ... --else ...}: compare-and-swap over several keys, atomically.
 */
@Command(name = "txn",
    description = {
        "If every --if compare holds, apply the --then operations, else the --else operations; one revision.",
        "Compares: value(KEY) = TEXT, version(KEY) = N, create(KEY) < N, mod(KEY) != N  (ops: = != < >).",
        "A missing key has version, create and mod 0. Operations: put KEY VALUE, del KEY, del-prefix PREFIX.",
        "Exit code 4 when the compares failed (the --else operations were applied)." })
final class TxnCommand implements Callable<Integer>
{
    private static final Pattern COMPARE = Pattern.compile(
        "\\s*(value|version|create|mod)\\(([^)]+)\\)\\s*(=|==|!=|<|>)\\s*(.*?)\\s*");

    @Spec
    CommandSpec spec;

    @ParentCommand
    WardenCli cli;

    @Option(names = "--if", paramLabel = "COMPARE", description = "A compare; all must hold.")
    List<String> compares = new ArrayList<>();

    @Option(names = "--then", paramLabel = "OP", description = "An operation applied when the compares hold.")
    List<String> thenOps = new ArrayList<>();

    @Option(names = "--else", paramLabel = "OP", description = "An operation applied otherwise.")
    List<String> elseOps = new ArrayList<>();

    public Integer call()
    {
        final TxnSpec txn = parse();
        try (WardenClient client = cli.options.connect())
        {
            final TxnResult result = client.await(client.txn(txn));
            if (cli.options.json)
            {
                System.out.println(Json.obj().put("succeeded", result.succeeded()).put("revision", result.revision()));
            }
            else
            {
                System.out.println((result.succeeded() ? "SUCCESS" : "FAILURE (else applied)") +
                    " revision " + result.revision());
            }
            return result.succeeded() ? ExitCodes.OK : ExitCodes.COMPARE_FAILED;
        }
    }

    TxnSpec parse()
    {
        final TxnSpec txn = new TxnSpec();
        for (final String compare : compares)
        {
            final Matcher m = COMPARE.matcher(compare);
            if (!m.matches())
            {
                throw new ParameterException(spec.commandLine(), "cannot read compare: " + compare);
            }
            final String target = m.group(1);
            final String key = m.group(2).trim();
            final CompareOp op = op(m.group(3));
            final String operand = unquote(m.group(4));
            try
            {
                switch (target)
                {
                    case "value" -> txn.compareValue(key, op, Output.utf8(operand));
                    case "version" -> txn.compareVersion(key, op, Long.parseLong(operand));
                    case "create" -> txn.compareCreateRevision(key, op, Long.parseLong(operand));
                    default -> txn.compareModRevision(key, op, Long.parseLong(operand));
                }
            }
            catch (final NumberFormatException ex)
            {
                throw new ParameterException(spec.commandLine(), "not a number in: " + compare);
            }
        }
        for (final String op : thenOps)
        {
            operation(txn, op, true);
        }
        for (final String op : elseOps)
        {
            operation(txn, op, false);
        }
        return txn;
    }

    private void operation(final TxnSpec txn, final String text, final boolean then)
    {
        final String[] parts = text.trim().split("\\s+", 3);
        if (parts.length >= 3 && parts[0].equals("put"))
        {
            if (then)
            {
                txn.thenPut(parts[1], Output.utf8(unquote(parts[2])));
            }
            else
            {
                txn.elsePut(parts[1], Output.utf8(unquote(parts[2])));
            }
        }
        else if (parts.length == 2 && parts[0].equals("del"))
        {
            if (then)
            {
                txn.thenDelete(parts[1]);
            }
            else
            {
                txn.elseDelete(parts[1]);
            }
        }
        else if (parts.length == 2 && parts[0].equals("del-prefix") && then)
        {
            txn.thenDeletePrefix(parts[1]);
        }
        else
        {
            throw new ParameterException(spec.commandLine(), "cannot read operation: " + text);
        }
    }

    private static CompareOp op(final String symbol)
    {
        return switch (symbol)
        {
            case "=", "==" -> CompareOp.EQUAL;
            case "!=" -> CompareOp.NOT_EQUAL;
            case "<" -> CompareOp.LESS;
            default -> CompareOp.GREATER;
        };
    }

    private static String unquote(final String text)
    {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") ||
            text.startsWith("'") && text.endsWith("'")))
        {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
