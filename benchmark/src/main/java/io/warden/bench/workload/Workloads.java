package io.warden.bench.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every workload by name, in the order a full suite runs them ({@code failover} last: it kills a member).
 */
public final class Workloads
{
    private static final Map<String, Workload> BY_NAME = new LinkedHashMap<>();

    static
    {
        for (final Workload workload : List.of(
            new LockUncontendedWorkload(),
            new LockContendedWorkload(),
            new KvPutWorkload(),
            new KvGetWorkload(),
            new WatchFanoutWorkload(),
            new SessionExpiryWorkload(),
            new MixedWorkload(),
            new FailoverWorkload()))
        {
            BY_NAME.put(workload.name(), workload);
        }
    }

    private Workloads()
    {
    }

    /**
     * Names of every workload in suite order.
     *
     * @return names.
     */
    public static List<String> names()
    {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * Workloads by name, put in suite order.
     *
     * @param names names; {@code all} means every workload.
     * @return the workloads.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static List<Workload> byNames(final List<String> names)
    {
        if (names.contains("all"))
        {
            return List.copyOf(BY_NAME.values());
        }
        for (final String name : names)
        {
            if (!BY_NAME.containsKey(name))
            {
                throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + names());
            }
        }
        final List<Workload> result = new ArrayList<>();
        for (final Map.Entry<String, Workload> entry : BY_NAME.entrySet())
        {
            if (names.contains(entry.getKey()))
            {
                result.add(entry.getValue());
            }
        }
        return result;
    }
}
