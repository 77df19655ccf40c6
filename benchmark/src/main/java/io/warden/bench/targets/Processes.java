package io.warden.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Small helpers for the processes targets start: run a script and wait for it, read pid files, kill by pid, wait for
 * a condition. Every process is addressed by its pid, never by name.
 */
public final class Processes
{
    private Processes()
    {
    }

    /**
     * The output and exit status of a finished command.
     *
     * @param exitCode exit status.
     * @param output   stdout and stderr, interleaved.
     */
    public record Outcome(int exitCode, String output)
    {
        /**
         * Throw unless the command succeeded.
         *
         * @param what what the command was for, for the message.
         * @return this.
         */
        public Outcome check(final String what)
        {
            if (0 != exitCode)
            {
                throw new IllegalStateException(what + " failed (exit " + exitCode + "):\n" + output);
            }
            return this;
        }
    }

    /**
     * Run a command to completion.
     *
     * @param command   command and arguments.
     * @param env       extra environment variables.
     * @param workDir   working directory.
     * @param timeoutMs how long to wait before killing it.
     * @return its exit status and output.
     */
    public static Outcome run(
        final List<String> command, final Map<String, String> env, final Path workDir, final long timeoutMs)
    {
        try
        {
            final Path output = Files.createTempFile("warden-bench-cmd", ".out");
            try
            {
                final ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().putAll(env);
                final Process process = builder.start();
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
                {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    return new Outcome(-1, Files.readString(output, StandardCharsets.UTF_8) +
                        "\n(timed out after " + timeoutMs + " ms: " + String.join(" ", command) + ")");
                }
                return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            }
            finally
            {
                Files.deleteIfExists(output);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, ex);
        }
    }

    /**
     * The pid recorded in a pid file, if the file exists and holds one.
     *
     * @param pidFile file holding a pid.
     * @return the pid.
     */
    public static Optional<Long> readPid(final Path pidFile)
    {
        try
        {
            if (!Files.isReadable(pidFile))
            {
                return Optional.empty();
            }
            final String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        }
        catch (final IOException | NumberFormatException ex)
        {
            return Optional.empty();
        }
    }

    /**
     * SIGKILL the process recorded in a pid file, timing the kill.
     *
     * @param pidFile   pid file of the process.
     * @param memberId  the member it is, for the result.
     * @param timeoutMs how long to wait for it to be gone (a killed process may linger as a zombie until reaped;
     *                  that is not waited for beyond this).
     * @return the member and when the SIGKILL was sent.
     */
    public static KilledMember killRecorded(final java.nio.file.Path pidFile, final int memberId, final long timeoutMs)
    {
        final long pid = readPid(pidFile)
            .orElseThrow(() -> new IllegalStateException("no pid in " + pidFile + " for member " + memberId));
        final ProcessHandle handle = ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException("member " + memberId + " (pid " + pid + ") is not running"));
        final long killedAtNs = System.nanoTime();
        handle.destroyForcibly();
        awaitQuietly(() -> !handle.isAlive(), timeoutMs);
        return new KilledMember(memberId, killedAtNs);
    }

    /**
     * Whether a pid is alive.
     *
     * @param pid process id.
     * @return true if a process with this pid runs.
     */
    public static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * SIGKILL a process by pid and wait until it is gone.
     *
     * @param pid       process id.
     * @param timeoutMs how long to wait for it to die.
     * @return true if it is gone.
     */
    public static boolean kill(final long pid, final long timeoutMs)
    {
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty())
        {
            return true;
        }
        handle.get().destroyForcibly();
        return awaitQuietly(() -> !handle.get().isAlive(), timeoutMs);
    }

    /**
     * Wait until a condition holds, polling every 20 ms.
     *
     * @param condition to wait for.
     * @param timeoutMs how long.
     * @return true if it held in time.
     */
    public static boolean awaitQuietly(final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            sleepMs(20);
        }
        return true;
    }

    /**
     * Wait until a condition holds or throw.
     *
     * @param condition to wait for.
     * @param timeoutMs how long.
     * @param what      what is awaited, for the message.
     */
    public static void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        if (!awaitQuietly(condition, timeoutMs))
        {
            throw new IllegalStateException("timed out after " + timeoutMs + " ms waiting for " + what);
        }
    }

    /**
     * Sleep, restoring the interrupt flag if interrupted.
     *
     * @param durationMs how long.
     */
    public static void sleepMs(final long durationMs)
    {
        try
        {
            Thread.sleep(durationMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * The last lines of a log file, for error messages.
     *
     * @param file  log file.
     * @param lines how many.
     * @return the lines, or a note that the file cannot be read.
     */
    public static String tail(final Path file, final int lines)
    {
        try
        {
            final List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "(cannot read " + file + ": " + ex.getMessage() + ")";
        }
    }
}
