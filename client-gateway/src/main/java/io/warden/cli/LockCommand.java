package io.warden.cli;

import io.warden.client.WardenClient;
import io.warden.client.WardenLock;
import io.warden.schema.protocol.LockMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code warden lock NAME [-- COMMAND...]}: hold a lock while a command runs, or until Ctrl-C.
 */
@Command(name = "lock",
    description = {
        "Hold a lock while a command runs (like etcdctl lock), or until Ctrl-C.",
        "Acquire a lock (waiting in FIFO order), then run COMMAND while holding it and release it when the " +
        "command ends; without a command, hold it until Ctrl-C. The command gets WARDEN_LOCK_NAME and " +
        "WARDEN_LOCK_TOKEN (the fencing token: pass it to every resource you write). If the lock may be lost (the " +
        "session's safe time runs out) the command is stopped and warden exits with code 7.",
        "'lock describe NAME' shows a lock's holders and waiters instead (so a lock named 'describe' cannot be " +
        "taken with this command)." },
    subcommands = LockDescribeCommand.class)
final class LockCommand implements Callable<Integer>
{
    @ParentCommand
    WardenCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command to run under the lock (after --).")
    List<String> command;

    @Option(names = "--shared", description = "Take the lock in shared mode.")
    boolean shared;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Give up after waiting this long (exit code 5). Default: wait for ever.")
    long waitMs = -1;

    @Option(names = "--lock-delay", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "If this holder is lost, nobody gets the lock for this long. Default: 0.")
    long lockDelayMs;

    public Integer call() throws Exception
    {
        if (null == name)
        {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'NAME'");
        }
        try (StopSignal stop = StopSignal.install();
            WardenClient client = cli.options.connect();
            WardenLock lock = new WardenLock(client, name, shared ? LockMode.SHARED : LockMode.EXCLUSIVE, lockDelayMs))
        {
            final boolean acquired = waitMs < 0 ? lock.acquire() > 0 : lock.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
            if (!acquired)
            {
                System.err.println("warden: lock " + name + " not acquired within " + waitMs + " ms");
                return ExitCodes.NOT_ACQUIRED;
            }
            final long token = lock.fencingToken();
            if (cli.options.json)
            {
                System.out.println(Json.obj().put("lock", name).put("token", token).put("session", client.sessionId()));
            }
            else
            {
                System.out.println(name + " acquired, fencing token " + token);
            }
            System.out.flush();
            return command == null || command.isEmpty() ? holdUntilStopped(lock, stop) : runUnder(lock, token, stop);
        }
    }

    private int runUnder(final WardenLock lock, final long token, final StopSignal stop) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("WARDEN_LOCK_NAME", name);
        builder.environment().put("WARDEN_LOCK_TOKEN", Long.toString(token));
        final Process process = builder.start();
        while (!process.waitFor(50, TimeUnit.MILLISECONDS))
        {
            if (!stop.running())
            {
                terminate(process);
                return ExitCodes.OK;
            }
            if (!lock.isSafe())
            {
                terminate(process);
                System.err.println("warden: lock " + name + " may be lost (session not renewed in time); " +
                    "the command was stopped");
                return ExitCodes.LOST;
            }
        }
        return process.exitValue();
    }

    private static void terminate(final Process process) throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
    }

    private int holdUntilStopped(final WardenLock lock, final StopSignal stop) throws InterruptedException
    {
        while (!stop.await(100))
        {
            if (!lock.isSafe())
            {
                System.err.println("warden: lock " + name + " may be lost (session not renewed in time)");
                return ExitCodes.LOST;
            }
        }
        return ExitCodes.OK;
    }
}
