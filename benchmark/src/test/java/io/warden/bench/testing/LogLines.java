package io.warden.bench.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting for a process started by a test to say something in its log.
 * <pre>{@code LogLines.await(dir.resolve("node-0.log"), "node 0 started", process, 90); }</pre>
 */
public final class LogLines
{
    private LogLines()
    {
    }

    /**
     * Wait until the log holds the text; fail if the process exits first or the time runs out.
     *
     * @param log            the process's output file.
     * @param text           what to wait for.
     * @param process        the process writing it.
     * @param timeoutSeconds how long to wait.
     * @throws Exception if interrupted or the log cannot be read.
     */
    public static void await(final Path log, final String text, final Process process, final long timeoutSeconds)
        throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() - deadlineNs < 0)
        {
            if (Files.exists(log) && Files.readString(log).contains(text))
            {
                return;
            }
            if (!process.isAlive())
            {
                fail("exited before '" + text + "': " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        fail("no '" + text + "' within " + timeoutSeconds + " s: " + Files.readString(log));
    }
}
