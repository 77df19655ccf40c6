package io.warden.node.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class HeapCheckTest
{
    private static final long MIB = 1L << 20;

    @Test
    void theDefaultQuotaFitsTheScriptsHeapAndNotAHalfOfIt()
    {
        assertNull(HeapCheck.refusal(256 * MIB, 1024 * MIB));
        final String refusal = HeapCheck.refusal(256 * MIB, 512 * MIB);
        assertEquals("the heap (512 MiB) cannot hold the state quota of 256 MiB with its margin: give the node at " +
            "least -Xmx832m, or lower warden.cluster.state.quota to at most 149m", refusal);
    }

    @Test
    void theLargestQuotaForAHeapIsAccepted()
    {
        final long heap = 247 * MIB;
        final long quota = HeapCheck.maxQuotaFor(heap);
        assertNull(HeapCheck.refusal(quota, heap));
        assertTrue(HeapCheck.refusal(quota + MIB, heap) != null);
        assertEquals(0, HeapCheck.maxQuotaFor(10 * MIB));
    }
}
