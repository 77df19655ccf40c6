package io.warden.node.metrics;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.warden.schema.MessageNames;
import io.warden.schema.ResultCodes;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongLongConsumer;

/**
 * Counts by (message type, result code), cheaply enough to be called for every answer the state machine gives: one
 * increment in a primitive map, no allocation once a pair has been seen. {@link #publish} copies the counts into
 * Aeron counters, one per pair, created the first time a pair is published (so the slow driver round trip of
 * adding a counter happens in background work, never while a command is applied).
 * <pre>{@code
 * tally.count(PutDecoder.TEMPLATE_ID, ResultCode.OK.value());   // service thread, per answer
 * tally.publish(aeron);                                          // service thread, background work
 * }</pre>
 */
public final class ResultTally implements AutoCloseable
{
    private final int typeId;
    private final String what;
    private final int memberId;
    private final Long2LongHashMap counts = new Long2LongHashMap(0);
    private final Long2ObjectHashMap<Counter> counters = new Long2ObjectHashMap<>();
    private final ExpandableArrayBuffer keyBuffer = new ExpandableArrayBuffer(MetricCounters.TALLY_KEY_LENGTH);
    private final ExpandableArrayBuffer labelBuffer = new ExpandableArrayBuffer(128);
    private final LongLongConsumer publishOne = this::publishOne;
    private Aeron aeron;

    /**
     * @param typeId   Aeron counter type id of this tally's counters.
     * @param what     first word of their labels ({@code requests}, {@code events}).
     * @param memberId the node's member id, for the labels.
     */
    public ResultTally(final int typeId, final String what, final int memberId)
    {
        this.typeId = typeId;
        this.what = what;
        this.memberId = memberId;
    }

    /**
     * Count one answer or event.
     *
     * @param templateId the request's (or event's) template id.
     * @param code       its {@code ResultCode} value, or {@link ResultCodes#NOT_A_RESPONSE}.
     */
    public void count(final int templateId, final int code)
    {
        final long key = key(templateId, code);
        counts.put(key, counts.get(key) + 1);
    }

    /**
     * How many were counted for a pair (tests).
     */
    public long countOf(final int templateId, final int code)
    {
        return counts.get(key(templateId, code));
    }

    /**
     * Write every count into its Aeron counter, adding counters for pairs first seen since the last call.
     *
     * @param aeron the node's Aeron client.
     */
    public void publish(final Aeron aeron)
    {
        this.aeron = aeron;
        counts.forEachLong(publishOne);
    }

    public void close()
    {
        counters.values().forEach(CloseHelper::quietClose);
        counters.clear();
    }

    private void publishOne(final long key, final long count)
    {
        Counter counter = counters.get(key);
        if (null == counter)
        {
            final int templateId = (int)(key >>> 32);
            final int code = (int)key;
            keyBuffer.putInt(0, templateId);
            keyBuffer.putInt(Integer.BYTES, code);
            final String label = "Warden " + what + ": type=" + MessageNames.of(templateId) +
                " result=" + ResultCodes.nameOf(code) + " memberId=" + memberId;
            final int labelLength = labelBuffer.putStringWithoutLengthAscii(0, label);
            counter = aeron.addCounter(
                typeId, keyBuffer, 0, MetricCounters.TALLY_KEY_LENGTH, labelBuffer, 0, labelLength);
            counters.put(key, counter);
        }
        counter.setRelease(count);
    }

    private static long key(final int templateId, final int code)
    {
        return ((long)templateId << 32) | (code & 0xFFFF_FFFFL);
    }
}
