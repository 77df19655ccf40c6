package io.warden.bench.chaos.control;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The JVM that checks, before a scenario relies on it, that libfaketime steps a JVM the way an NTP step does:
 * started under libfaketime by {@link ClusterController#verifyFaketime()}, it prints, every 50 ms, how far its wall
 * clock is from its monotonic clock ({@code System.currentTimeMillis() - System.nanoTime() / 1e6}) and how long a
 * 50 ms {@code Object.wait} really took on the monotonic clock, until it has printed 300 lines or its output closes.
 * A step must move the first number by the step and leave the second at 50 ms (libfaketime 0.9.10's "monotonic fix"
 * makes JVM timed waits return at once unless {@code FAKETIME_FORCE_MONOTONIC_FIX=0}).
 * <pre>
 * LD_PRELOAD=.../libfaketime.so.1 FAKETIME_TIMESTAMP_FILE=f FAKETIME_NO_CACHE=1 FAKETIME_DONT_FAKE_MONOTONIC=1 \
 *     FAKETIME_FORCE_MONOTONIC_FIX=0 java -cp ... io.warden.bench.chaos.control.FaketimeProbe
 * 1796209900470 50
 * </pre>
 */
public final class FaketimeProbe
{
    /** How long each timed wait asks for. */
    public static final long WAIT_MS = 50;

    private FaketimeProbe()
    {
    }

    /**
     * Print readings.
     *
     * @param args none.
     * @throws InterruptedException never (nothing interrupts it).
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        final Object monitor = new Object();
        for (int i = 0; i < 300 && !out.checkError(); i++)
        {
            final long startNs = System.nanoTime();
            synchronized (monitor)
            {
                monitor.wait(WAIT_MS);
            }
            final long waitedMs = (System.nanoTime() - startNs) / 1_000_000;
            out.println((System.currentTimeMillis() - System.nanoTime() / 1_000_000) + " " + waitedMs);
        }
    }
}
