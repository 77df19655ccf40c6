package io.warden.node.launcher;

/**
 * Can this JVM's heap hold the state budget? The accounted state estimates what the state really costs on the heap;
 * the heap must also hold a snapshot being written or loaded beside it, the watch fan-out buffers and garbage not yet
 * collected, so a node wants {@value #HEAP_PER_QUOTA} times the quota plus a fixed {@value #BASE_HEAP_MIB} MiB. A node
 * with less refuses to start rather than die of {@code OutOfMemoryError} later.
 * <pre>{@code
 * String refusal = HeapCheck.refusal(256L << 20, Runtime.getRuntime().maxMemory());
 * if (refusal != null) { System.err.println(refusal); System.exit(2); }
 * }</pre>
 */
public final class HeapCheck
{
    /** Heap bytes wanted per byte of state quota. */
    public static final int HEAP_PER_QUOTA = 3;

    /** Heap wanted beyond that, in MiB (the node's own buffers, Aeron's client objects, class metadata). */
    public static final int BASE_HEAP_MIB = 64;

    private HeapCheck()
    {
    }

    /**
     * The heap a node with this quota needs.
     *
     * @param stateQuotaBytes the state budget.
     * @return bytes of heap.
     */
    public static long requiredHeapBytes(final long stateQuotaBytes)
    {
        return HEAP_PER_QUOTA * stateQuotaBytes + BASE_HEAP_MIB * 1024L * 1024;
    }

    /**
     * Why a node with this heap must not run this quota, or null if it may.
     *
     * @param stateQuotaBytes the state budget.
     * @param maxHeapBytes    the heap the JVM may grow to ({@code Runtime.maxMemory()}).
     * @return the refusal for the operator, or null.
     */
    public static String refusal(final long stateQuotaBytes, final long maxHeapBytes)
    {
        final long required = requiredHeapBytes(stateQuotaBytes);
        if (maxHeapBytes >= required)
        {
            return null;
        }
        return "the heap (" + mib(maxHeapBytes) + " MiB) cannot hold the state quota of " + mib(stateQuotaBytes) +
            " MiB with its margin: give the node at least -Xmx" + ((required + (1 << 20) - 1) >> 20) + "m, or lower " +
            NodeConfig.STATE_QUOTA_PROP_NAME + " to at most " + mib(maxQuotaFor(maxHeapBytes)) + "m";
    }

    /**
     * The largest quota a heap can hold.
     *
     * @param maxHeapBytes the heap.
     * @return bytes, 0 if none fits.
     */
    public static long maxQuotaFor(final long maxHeapBytes)
    {
        return Math.max(0, (maxHeapBytes - BASE_HEAP_MIB * 1024L * 1024) / HEAP_PER_QUOTA);
    }

    private static long mib(final long bytes)
    {
        return bytes >> 20;
    }
}
