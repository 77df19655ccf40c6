package io.warden.node.domain.kv;

import io.warden.node.domain.Slice;

/**
 * Value arrays the store owns alone, reused so that a steady stream of puts allocates nothing.
 * <p>
 * Ownership rule: an array from {@link #copyOf} is referenced only by the store (the entry holding it as its value,
 * then the history events holding it as value or previous value). When history evicts an event, the event's
 * previous value is referenced by nobody else: the event that wrote it is older (already evicted) and the key has a
 * newer value. So the store hands it back with {@link #release}. Arrays that came from elsewhere (snapshot load, an
 * election candidate's value, a transaction) are never pooled: their entries say so ({@code valuePooled}).
 * <p>
 * Pooling changes no state: only which array object holds the bytes.
 */
final class ValuePool
{
    /** Values longer than this are not pooled. */
    static final int MAX_POOLED_LENGTH = 4096;
    private static final int MAX_ARRAYS_PER_LENGTH = 64;
    private static final long MAX_POOLED_BYTES = 4L * 1024 * 1024;

    private final byte[][][] freeByLength = new byte[MAX_POOLED_LENGTH + 1][][];
    private final int[] freeCount = new int[MAX_POOLED_LENGTH + 1];
    private long pooledBytes;

    /**
     * Is an array of this length one the pool takes back?
     */
    static boolean isPoolable(final int length)
    {
        return length > 0 && length <= MAX_POOLED_LENGTH;
    }

    /**
     * A store-owned copy of a value.
     */
    byte[] copyOf(final Slice value)
    {
        final int length = value.length();
        if (!isPoolable(length) || freeCount[length] == 0)
        {
            return value.toArray();
        }
        final int index = --freeCount[length];
        final byte[] array = freeByLength[length][index];
        freeByLength[length][index] = null;
        pooledBytes -= length;
        value.copyTo(array);
        return array;
    }

    /**
     * Take back an array nothing references any more.
     */
    void release(final byte[] array)
    {
        final int length = array.length;
        if (!isPoolable(length) || pooledBytes + length > MAX_POOLED_BYTES)
        {
            return;
        }
        byte[][] free = freeByLength[length];
        if (free == null)
        {
            free = new byte[MAX_ARRAYS_PER_LENGTH][];
            freeByLength[length] = free;
        }
        if (freeCount[length] < free.length)
        {
            free[freeCount[length]++] = array;
            pooledBytes += length;
        }
    }
}
