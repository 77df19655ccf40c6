package io.warden.bench.workload;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Small pieces of the workloads: fairness index, watch connection counts, value encoding, settings validation.
 */
final class WorkloadHelpersTest
{
    @Test
    void jainIndexIsOneWhenFairAndOneOverNWhenOneTakesAll()
    {
        assertEquals(1.0, LockContendedWorkload.jainIndex(new long[]{5, 5, 5, 5}), 1e-9);
        assertEquals(0.25, LockContendedWorkload.jainIndex(new long[]{20, 0, 0, 0}), 1e-9);
        assertEquals(1.0, LockContendedWorkload.jainIndex(new long[]{0, 0}), 1e-9);
    }

    @Test
    void watchersAreSpreadOverAtLeastTheMinimumOfConnectionsAndAtMostAThousandEach()
    {
        final WorkloadSettings settings = new WorkloadSettings();
        assertEquals(8, settings.watchConnections(1_000));
        assertEquals(10, settings.watchConnections(10_000));
        assertEquals(3, settings.watchConnections(3));
        assertEquals(2, settings.minWatchConnections(2).watchConnections(100));
    }

    @Test
    void valuesCarrySequenceAndSendTime()
    {
        final WorkloadContext context = new WorkloadContext(null, new WorkloadSettings().valueLength(64),
            Progress.silent(), null, "r1");
        final byte[] value = context.value(42, 123_456_789L);
        assertEquals(64, value.length);
        assertEquals(42, WorkloadContext.sequenceOf(value));
        assertEquals(123_456_789L, WorkloadContext.sendNsOf(value));
        assertEquals(-1, WorkloadContext.sequenceOf(new byte[3]));
        assertEquals("/bench/r1/kv-put/0/1", context.key("kv-put", "0/1"));
        assertEquals("bench-r1-lock-contended-one", context.lockName("lock-contended", "one"));
    }

    @Test
    void settingsRefuseNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings().clients(0));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings().rateOpsPerSec(-1));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings().watcherCounts(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings().valueLength(8));
        assertEquals("closed", new WorkloadSettings().mode());
        assertEquals("open@2000/s", new WorkloadSettings().rateOpsPerSec(2000).mode());
        assertThrows(IllegalArgumentException.class, () -> Workloads.byNames(java.util.List.of("nope")));
        assertEquals(Workloads.names(), Workloads.byNames(java.util.List.of("all")).stream()
            .map(Workload::name).toList());
        assertEquals(java.util.List.of("kv-put", "failover"), Workloads.byNames(java.util.List.of("failover", "kv-put"))
            .stream().map(Workload::name).toList());
    }
}
