package io.warden.bench.chaos.control;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One child process of a chaos run (a node, a gateway or a client JVM), addressed by pid: start, SIGKILL, SIGTERM,
 * SIGSTOP and SIGCONT, and a wait for a line in its log. When the host allows it the process runs under its own uid
 * (through {@code setpriv}), so that iptables can match its packets by owner.
 * <p>
 * Its stdout and stderr go to one log file, appended across restarts. Not thread-safe: the controller that owns it
 * calls it from one thread at a time.
 */
public final class ManagedProcess
{
    /** Lifecycle of the process as the harness last made it. */
    public enum State
    {
        /** Not started, or exited, or killed. */
        DOWN,
        /** Running. */
        RUNNING,
        /** Stopped with SIGSTOP. */
        PAUSED
    }

    private final String name;
    private final int uid;
    private final Path logFile;
    private final Path workDir;
    private Process process;
    private State state = State.DOWN;
    private long startCount;
    private long logOffsetAtStart;

    /**
     * A process not yet started.
     *
     * @param name    a name for messages, such as {@code node-1}.
     * @param uid     the uid to run under, or -1 for this JVM's own.
     * @param logFile where stdout and stderr go.
     * @param workDir its working directory.
     */
    public ManagedProcess(final String name, final int uid, final Path logFile, final Path workDir)
    {
        this.name = name;
        this.uid = uid;
        this.logFile = logFile;
        this.workDir = workDir;
    }

    /**
     * Start it (again).
     *
     * @param command the command line, without any uid switching.
     * @param stdinPipe true to keep a pipe to its stdin ({@link #stdin()}), false to give it {@code /dev/null}.
     */
    public void start(final List<String> command, final boolean stdinPipe)
    {
        start(command, stdinPipe, false);
    }

    /**
     * Start it (again), optionally with its stdout (and stderr) on a pipe instead of the log file; the caller then
     * reads {@link #stdout()} and should copy what it reads to the log.
     *
     * @param command    the command line, without any uid switching.
     * @param stdinPipe  true to keep a pipe to its stdin ({@link #stdin()}), false to give it {@code /dev/null}.
     * @param stdoutPipe true to read its output through {@link #stdout()}.
     */
    public void start(final List<String> command, final boolean stdinPipe, final boolean stdoutPipe)
    {
        start(command, stdinPipe, stdoutPipe, Map.of());
    }

    /**
     * Start it (again) with extra environment variables (such as {@code LD_PRELOAD} for libfaketime). They are set
     * by {@code env(1)} right before the command, after any uid switch, so a preload library starts in the
     * command's own process under its own uid (libfaketime makes per-process semaphores that another uid cannot
     * open).
     *
     * @param command     the command line, without any uid switching.
     * @param stdinPipe   true to keep a pipe to its stdin ({@link #stdin()}), false to give it {@code /dev/null}.
     * @param stdoutPipe  true to read its output through {@link #stdout()}.
     * @param environment variables for the command, on top of this JVM's environment.
     */
    public void start(
        final List<String> command,
        final boolean stdinPipe,
        final boolean stdoutPipe,
        final Map<String, String> environment)
    {
        if (state != State.DOWN && null != process && process.isAlive())
        {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        final List<String> full = new ArrayList<>();
        final Host host = Host.current();
        if (uid >= 0 && host.perProcessUids())
        {
            full.add(host.setpriv());
            full.add("--reuid=" + uid);
            full.add("--regid=" + uid);
            full.add("--clear-groups");
            full.add("--");
        }
        if (!environment.isEmpty())
        {
            full.add("env");
            environment.forEach((name, value) -> full.add(name + "=" + value));
        }
        full.addAll(command);
        try
        {
            Files.createDirectories(logFile.getParent());
            logOffsetAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            Files.writeString(logFile, "==== start " + (++startCount) + ": " + String.join(" ", full) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
            final ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(stdoutPipe ? ProcessBuilder.Redirect.PIPE :
                    ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.redirectInput(stdinPipe ? ProcessBuilder.Redirect.PIPE :
                ProcessBuilder.Redirect.from(new File("/dev/null")));
            process = builder.start();
            Leftovers.started(process);
            state = State.RUNNING;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + name + ": " + full, ex);
        }
    }

    /**
     * SIGKILL and wait until it is gone.
     */
    public void kill()
    {
        if (null == process)
        {
            return;
        }
        if (state == State.PAUSED)
        {
            // A stopped process dies of SIGKILL too, but continue it so nothing lingers in the stopped state.
            signal("KILL");
        }
        process.destroyForcibly();
        if (waitForExit(10_000))
        {
            Leftovers.exited(process);
        }
        state = State.DOWN;
    }

    /**
     * SIGTERM (a graceful stop), then SIGKILL if it has not exited in time.
     *
     * @param timeoutMs how long to wait for a clean exit.
     * @return true if it exited by itself.
     */
    public boolean stop(final long timeoutMs)
    {
        if (null == process || !process.isAlive())
        {
            state = State.DOWN;
            return true;
        }
        if (state == State.PAUSED)
        {
            resume();
        }
        process.destroy();
        final boolean clean = waitForExit(timeoutMs);
        if (!clean)
        {
            process.destroyForcibly();
            waitForExit(10_000);
        }
        state = State.DOWN;
        return clean;
    }

    /**
     * SIGSTOP: the whole JVM (and its embedded media driver) freezes.
     */
    public void pause()
    {
        if (state == State.RUNNING)
        {
            signal("STOP");
            state = State.PAUSED;
        }
    }

    /**
     * SIGCONT after {@link #pause()}.
     */
    public void resume()
    {
        if (state == State.PAUSED)
        {
            signal("CONT");
            state = State.RUNNING;
        }
    }

    /**
     * Is the process alive (running or paused)?
     *
     * @return true while it exists.
     */
    public boolean isAlive()
    {
        return null != process && process.isAlive();
    }

    /**
     * The state the harness last put it in ({@link State#DOWN} also when it exited by itself).
     *
     * @return the state.
     */
    public State state()
    {
        if (state != State.DOWN && !isAlive())
        {
            state = State.DOWN;
        }
        return state;
    }

    /**
     * Its pid.
     *
     * @return the pid, or -1 if never started.
     */
    public long pid()
    {
        return null == process ? -1 : process.pid();
    }

    /**
     * Its exit value.
     *
     * @return the exit value, or null while it runs or before it started.
     */
    public Integer exitValue()
    {
        return null == process || process.isAlive() ? null : process.exitValue();
    }

    /**
     * Its name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The uid it runs under.
     *
     * @return the uid, or -1 for the harness's own.
     */
    public int uid()
    {
        return uid;
    }

    /**
     * Its log file.
     *
     * @return the path.
     */
    public Path logFile()
    {
        return logFile;
    }

    /**
     * Its stdin, when started with a pipe.
     *
     * @return the stream.
     */
    public OutputStream stdin()
    {
        return process.getOutputStream();
    }

    /**
     * Its stdout, when started with an output pipe.
     *
     * @return the stream.
     */
    public InputStream stdout()
    {
        return process.getInputStream();
    }

    /**
     * Wait until a line matching the pattern appears in the log since the last start.
     *
     * @param pattern   what to look for.
     * @param timeoutMs how long.
     * @return true when found; false on timeout or when the process died first.
     */
    public boolean awaitLogLine(final Pattern pattern, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (logSinceStart().lines().anyMatch(line -> pattern.matcher(line).find()))
            {
                return true;
            }
            if (!isAlive())
            {
                return logSinceStart().lines().anyMatch(line -> pattern.matcher(line).find());
            }
            sleepMs(50);
        }
        return false;
    }

    /**
     * The log written since the last start.
     *
     * @return the text.
     */
    public String logSinceStart()
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(logFile);
            final int from = (int)Math.min(bytes.length, logOffsetAtStart);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return name + "(pid " + pid() + ", " + state() + ")";
    }

    private boolean waitForExit(final long timeoutMs)
    {
        try
        {
            return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void signal(final String signal)
    {
        final long pid = pid();
        if (pid <= 0 || !process.isAlive())
        {
            return;
        }
        try
        {
            final Process kill = new ProcessBuilder(Host.current().kill(), "-" + signal, Long.toString(pid))
                .redirectErrorStream(true)
                .start();
            kill.getInputStream().readAllBytes();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || 0 != kill.exitValue())
            {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("kill -" + signal + " " + pid, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling " + name, ex);
        }
    }

    static void sleepMs(final long durationMs)
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
}
