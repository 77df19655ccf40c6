package io.warden.bench.workload;

import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A lock holder in a JVM of its own ({@code io.warden.bench.HolderMain}): it connects to the target with a session
 * of the given TTL, acquires the lock, prints {@code HELD <token>} and waits to be killed. Killing it with SIGKILL is
 * a client crash: the target only learns of it when the session or lease runs out.
 */
public final class HolderProcess implements AutoCloseable
{
    /** Main class of the holder JVM. */
    public static final String MAIN_CLASS = "io.warden.bench.HolderMain";
    /** Line prefix the holder prints once it holds the lock. */
    public static final String HELD_PREFIX = "HELD ";

    private final Process process;
    private final CompletableFuture<Long> held = new CompletableFuture<>();
    private final Path logFile;

    private HolderProcess(final Process process, final Path logFile)
    {
        this.process = process;
        this.logFile = logFile;
        final Thread reader = new Thread(this::readOutput, "holder-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Start a holder JVM.
     *
     * @param environment where the classpath and log directory come from.
     * @param target      the started target (its name and connect spec are passed on).
     * @param lockName    lock to hold.
     * @param ttlMs       session TTL.
     * @return the running holder.
     * @throws IOException if it cannot be started.
     */
    public static HolderProcess start(
        final TargetEnvironment environment, final Target target, final String lockName, final long ttlMs)
        throws IOException
    {
        final Path logDir = environment.runDir().resolve("holders");
        Files.createDirectories(logDir);
        final Path logFile = logDir.resolve(target.name() + "-" + lockName + ".log");
        final List<String> command = environment.javaCommand(
            List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            MAIN_CLASS, List.of(target.name(), target.connectSpec(), lockName, Long.toString(ttlMs)));
        final Process process = new ProcessBuilder(command)
            .redirectError(logFile.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
        return new HolderProcess(process, logFile);
    }

    private void readOutput()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                if (line.startsWith(HELD_PREFIX))
                {
                    held.complete(Long.parseLong(line.substring(HELD_PREFIX.length()).trim()));
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            held.completeExceptionally(ex);
        }
        held.completeExceptionally(new IllegalStateException("holder exited before holding the lock; see " + logFile));
    }

    /**
     * Wait until the holder holds the lock.
     *
     * @param timeoutMs how long.
     * @return its fencing token.
     * @throws Exception if it fails or takes too long.
     */
    public long awaitHeld(final long timeoutMs) throws Exception
    {
        try
        {
            return held.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new TimeoutException("holder did not hold the lock within " + timeoutMs + " ms; see " + logFile);
        }
    }

    /**
     * The holder's pid.
     *
     * @return pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * SIGKILL the holder and wait until it is gone.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        deleteLeftovers();
    }

    /**
     * A killed JVM cannot delete what it made in {@code /dev/shm}: the Warden client's embedded media driver
     * directory ({@code warden-client-<pid>-...}). Remove this holder's, by its pid.
     */
    private void deleteLeftovers()
    {
        final java.io.File[] leftovers = new java.io.File("/dev/shm").listFiles(
            (dir, name) -> name.startsWith("warden-client-" + process.pid() + "-"));
        if (null != leftovers)
        {
            for (final java.io.File leftover : leftovers)
            {
                org.agrona.IoUtil.delete(leftover, true);
            }
        }
    }

    /**
     * Kill it if still alive.
     */
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        deleteLeftovers();
    }
}
