package io.warden.bench.chaos.workload;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.control.Host;
import io.warden.bench.chaos.control.ManagedProcess;
import io.warden.bench.chaos.control.RunLayout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness side of a client JVM ({@link RemoteClientMain}): starts it under its own uid and address, sends it
 * commands and waits for the answers, keeps the asynchronous connection-state events it reports, and pauses
 * (SIGSTOP), resumes or kills the whole JVM. Every line it prints is copied to its log. Not thread-safe: one
 * scenario thread talks to it.
 */
public final class RemoteClient implements AutoCloseable
{
    private final ManagedProcess process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> events = new ArrayList<>();
    private final Path logFile;
    private Thread reader;

    /**
     * Start a client JVM.
     *
     * @param layout   the run's layout.
     * @param clientId its index (address 127.0.1.(101+id), its own uid).
     */
    public RemoteClient(final RunLayout layout, final int clientId)
    {
        this.logFile = layout.logDir().resolve("client-" + clientId + ".log");
        this.process = new ManagedProcess("client-" + clientId, layout.clientUid(clientId), logFile, layout.logDir());
        final List<String> command = new ArrayList<>(ClusterController.jvm());
        command.addAll(List.of(
            "-cp", classpath(),
            RemoteClientMain.class.getName(),
            layout.shmDir().resolve("client-" + clientId).toString(),
            RunLayout.clientAddress(clientId)));
        process.start(command, true, true);
        reader = new Thread(this::readLines, "remote-client-" + clientId + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The classpath of a client JVM: the client jar and the directory (or jar) holding this harness.
     *
     * @return the classpath.
     */
    public static String classpath()
    {
        final String self;
        try
        {
            self = Path.of(RemoteClientMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        }
        catch (final java.net.URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
        return Host.current().gatewayJar() + ":" + self;
    }

    /**
     * The process, to pause, resume or kill it.
     *
     * @return the process.
     */
    public ManagedProcess process()
    {
        return process;
    }

    /**
     * Send a command and wait for its answer line.
     *
     * @param command   the command line.
     * @param answer    the answer's first word(s).
     * @param timeoutMs how long to wait.
     * @return the answer's words.
     */
    public String[] request(final String command, final String answer, final long timeoutMs)
    {
        send(command);
        return await(answer, timeoutMs);
    }

    /**
     * Send a command without waiting.
     *
     * @param command the command line.
     */
    public void send(final String command)
    {
        try
        {
            final OutputStream in = process.stdin();
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot send to " + process.name(), ex);
        }
    }

    /**
     * Wait for an answer starting with the given words (answers before it are dropped).
     *
     * @param answer    the first word(s).
     * @param timeoutMs how long.
     * @return the answer's words.
     * @throws IllegalStateException on timeout or on an error answer.
     */
    public String[] await(final String answer, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final long leftNs = deadlineNs - System.nanoTime();
            final String line;
            try
            {
                line = leftNs > 0 ? answers.poll(leftNs, TimeUnit.NANOSECONDS) : null;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + answer, ex);
            }
            if (null == line)
            {
                throw new IllegalStateException(process.name() + ": no '" + answer + "' within " + timeoutMs + " ms");
            }
            if (line.startsWith("error "))
            {
                throw new IllegalStateException(process.name() + ": " + line);
            }
            if (line.startsWith(answer))
            {
                return line.split(" ");
            }
        }
    }

    /**
     * The connection-state events reported so far, as {@code I STATE}.
     *
     * @return a copy.
     */
    public List<String> events()
    {
        synchronized (events)
        {
            return new ArrayList<>(events);
        }
    }

    /**
     * Ask it to exit, then kill it if it has not.
     */
    public void close()
    {
        if (process.isAlive())
        {
            if (process.state() == ManagedProcess.State.PAUSED)
            {
                process.resume();
            }
            try
            {
                send("exit");
            }
            catch (final RuntimeException ignore)
            {
                // its stdin is gone; kill it below
            }
            process.stop(3_000);
        }
        process.kill();
    }

    private void readLines()
    {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = out.readLine()))
            {
                Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
                if (line.startsWith("event "))
                {
                    synchronized (events)
                    {
                        events.add(line.substring("event ".length()));
                    }
                }
                else
                {
                    answers.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            // the process is gone
        }
    }
}
