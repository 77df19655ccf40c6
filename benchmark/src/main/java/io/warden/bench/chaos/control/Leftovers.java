package io.warden.bench.chaos.control;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safety net under every run's own clean-up: the child processes and tmpfs directories the harness created and
 * has not removed yet. A JVM shutdown hook SIGKILLs the processes (a SIGSTOPped one dies of SIGKILL too) and deletes
 * the directories, so a harness killed by a build timeout or an error leaves nothing running and nothing in
 * {@code /dev/shm}. New runs also delete {@code /dev/shm/warden-chaos-<pid>-*} directories whose harness pid is no
 * longer alive. Thread-safe.
 */
public final class Leftovers
{
    private static final Pattern SHM_PATTERN = Pattern.compile("^warden-chaos-(\\d+)-\\d+$");
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(Leftovers::removeAll, "warden-chaos-leftovers"));
    }

    private Leftovers()
    {
    }

    /**
     * A child process was started.
     *
     * @param process the process.
     */
    public static void started(final Process process)
    {
        PROCESSES.add(process);
    }

    /**
     * A child process is gone.
     *
     * @param process the process.
     */
    public static void exited(final Process process)
    {
        PROCESSES.remove(process);
    }

    /**
     * A tmpfs directory was created.
     *
     * @param dir the directory.
     */
    public static void created(final Path dir)
    {
        DIRECTORIES.add(dir);
    }

    /**
     * A tmpfs directory was deleted.
     *
     * @param dir the directory.
     */
    public static void deleted(final Path dir)
    {
        DIRECTORIES.remove(dir);
    }

    /**
     * How many child processes are still alive (a run that cleaned up leaves 0).
     *
     * @return the count.
     */
    public static int liveProcesses()
    {
        PROCESSES.removeIf(p -> !p.isAlive());
        return PROCESSES.size();
    }

    /**
     * Delete the {@code /dev/shm/warden-chaos-<pid>-*} directories of harnesses that are no longer alive.
     */
    public static void removeStaleDirectories()
    {
        final Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm))
        {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(shm, "warden-chaos-*"))
        {
            for (final Path dir : dirs)
            {
                final Matcher m = SHM_PATTERN.matcher(dir.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true))
                {
                    RunLayout.deleteRecursively(dir);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("warden-chaos: could not scan /dev/shm for stale run directories: " + ex);
        }
    }

    private static void removeAll()
    {
        for (final Process process : PROCESSES)
        {
            process.destroyForcibly();
        }
        for (final Process process : PROCESSES)
        {
            try
            {
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (final Path dir : DIRECTORIES)
        {
            RunLayout.deleteRecursively(dir);
        }
    }
}
