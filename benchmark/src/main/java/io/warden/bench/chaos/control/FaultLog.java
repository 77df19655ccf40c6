package io.warden.bench.chaos.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the nemeses did during a run and how long the system took to recover: every injected fault by type and
 * target, with its time on the harness clock, and recovery times (from the end of a fault to the first successful
 * write). Thread-safe; read it once the run is over.
 */
public final class FaultLog
{
    /**
     * One fault.
     *
     * @param type   kill, stop, pause, restart, wipe, snapshot, partition, loss, clock, gateway-kill, client-pause...
     * @param target what it hit, such as {@code node-1}.
     * @param atNs   when, on {@code System.nanoTime()}.
     * @param detail free text.
     */
    public record Fault(String type, String target, long atNs, String detail)
    {
    }

    /**
     * One recovery.
     *
     * @param what       what recovered, such as {@code leader-kill}.
     * @param recoveryMs time from the fault's end to the first successful write.
     */
    public record Recovery(String what, long recoveryMs)
    {
    }

    private final List<Fault> faults = new ArrayList<>();
    private final List<Recovery> recoveries = new ArrayList<>();

    /**
     * Record a fault now.
     *
     * @param type   its type.
     * @param target what it hit.
     * @param detail free text.
     */
    public synchronized void fault(final String type, final String target, final String detail)
    {
        faults.add(new Fault(type, target, System.nanoTime(), detail));
    }

    /**
     * Record a recovery time.
     *
     * @param what       what recovered.
     * @param recoveryMs how long it took.
     */
    public synchronized void recovery(final String what, final long recoveryMs)
    {
        recoveries.add(new Recovery(what, recoveryMs));
    }

    /**
     * Every fault so far.
     *
     * @return a copy.
     */
    public synchronized List<Fault> faults()
    {
        return List.copyOf(faults);
    }

    /**
     * Every recovery so far.
     *
     * @return a copy.
     */
    public synchronized List<Recovery> recoveries()
    {
        return List.copyOf(recoveries);
    }

    /**
     * Fault counts by type, in type order.
     *
     * @return type to count.
     */
    public synchronized Map<String, Integer> countsByType()
    {
        final Map<String, Integer> counts = new TreeMap<>();
        for (final Fault fault : faults)
        {
            counts.merge(fault.type(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Faults by type as {@code kill:1,pause:2}, or {@code none}.
     *
     * @return the summary.
     */
    public String summary()
    {
        final Map<String, Integer> counts = countsByType();
        if (counts.isEmpty())
        {
            return "none";
        }
        final StringBuilder sb = new StringBuilder();
        counts.forEach((type, count) -> sb.append(sb.length() == 0 ? "" : ",").append(type).append(':').append(count));
        return sb.toString();
    }

    /**
     * Recovery times as {@code leader-kill:1630ms,...}, or {@code n/a}.
     *
     * @return the summary.
     */
    public synchronized String recoverySummary()
    {
        if (recoveries.isEmpty())
        {
            return "n/a";
        }
        final List<String> parts = new ArrayList<>();
        for (final Recovery recovery : recoveries)
        {
            parts.add(recovery.what() + ":" + recovery.recoveryMs() + "ms");
        }
        return String.join(",", parts);
    }
}
