package io.warden.node.endpoint;

import org.agrona.concurrent.status.CountersReader;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Finds a node's counters by type id in its CnC file. A node's media driver serves that one node, so each type id
 * of the consensus module and of the service names one counter (the tallies, one per key). Counters come and go as
 * the service restarts; every read looks them up again, which costs a scan of a few hundred records.
 * <p>
 * The CnC file is unmapped when the node's Aeron client closes, and a read after that would crash the JVM, not throw:
 * {@link #close()} (called before the node is closed) waits for reads in progress and turns later ones into misses.
 * <pre>{@code
 * NodeCounters counters = new NodeCounters(aeron.countersReader());
 * long commitPosition = counters.value(AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID, -1);
 * }</pre>
 */
public final class NodeCounters implements AutoCloseable
{
    /**
     * Takes the counters of one tally.
     */
    @FunctionalInterface
    public interface TallyConsumer
    {
        /**
         * @param templateId the message template of the counter's key.
         * @param code       the result code of the counter's key.
         * @param value      the count.
         */
        void accept(int templateId, int code, long value);
    }

    private final CountersReader reader;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean isClosed;

    /**
     * @param reader the node's counters (the consensus module's or the service's Aeron client's).
     */
    public NodeCounters(final CountersReader reader)
    {
        this.reader = reader;
    }

    /**
     * @param typeId  Aeron counter type id.
     * @param missing what to return when no such counter is allocated.
     * @return the value of the first allocated counter of that type.
     */
    public long value(final int typeId, final long missing)
    {
        lock.readLock().lock();
        try
        {
            final int counterId = isClosed ? CountersReader.NULL_COUNTER_ID : find(typeId);
            return CountersReader.NULL_COUNTER_ID == counterId ? missing : reader.getCounterValue(counterId);
        }
        finally
        {
            lock.readLock().unlock();
        }
    }

    /**
     * @param typeId Aeron counter type id.
     * @return whether a counter of that type is allocated.
     */
    public boolean exists(final int typeId)
    {
        lock.readLock().lock();
        try
        {
            return !isClosed && CountersReader.NULL_COUNTER_ID != find(typeId);
        }
        finally
        {
            lock.readLock().unlock();
        }
    }

    /**
     * Every allocated counter of a tally type (key: {@code int templateId, int code}).
     *
     * @param typeId   the tally's type id.
     * @param consumer takes each counter.
     */
    public void forEachTally(final int typeId, final TallyConsumer consumer)
    {
        lock.readLock().lock();
        try
        {
            if (isClosed)
            {
                return;
            }
            reader.forEach((counterId, counterTypeId, keyBuffer, label) ->
            {
                if (counterTypeId == typeId)
                {
                    consumer.accept(
                        keyBuffer.getInt(0), keyBuffer.getInt(Integer.BYTES), reader.getCounterValue(counterId));
                }
            });
        }
        finally
        {
            lock.readLock().unlock();
        }
    }

    /**
     * Stop reading: waits for reads in progress; every later read finds nothing.
     */
    public void close()
    {
        lock.writeLock().lock();
        try
        {
            isClosed = true;
        }
        finally
        {
            lock.writeLock().unlock();
        }
    }

    private int find(final int typeId)
    {
        for (int id = 0, max = reader.maxCounterId(); id <= max; id++)
        {
            final int state = reader.getCounterState(id);
            if (CountersReader.RECORD_ALLOCATED == state && reader.getCounterTypeId(id) == typeId)
            {
                return id;
            }
            if (CountersReader.RECORD_UNUSED == state)
            {
                break;
            }
        }
        return CountersReader.NULL_COUNTER_ID;
    }
}
