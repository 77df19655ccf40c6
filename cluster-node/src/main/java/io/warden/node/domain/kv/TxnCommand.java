package io.warden.node.domain.kv;

import io.warden.node.domain.Key;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.CompareTarget;
import io.warden.schema.protocol.TxnOpType;

import java.util.ArrayList;

/**
 * A decoded transaction: compares, then-operations and else-operations. The adapter fills a reused instance; the
 * elements are pooled so a steady stream of transactions allocates only the values it stores.
 */
public final class TxnCommand
{
    /**
     * One comparison against the current state of a key.
     */
    public static final class Compare
    {
        public CompareTarget target;
        public CompareOp op;
        public long number;
        public final Key key = Key.probe();
        public byte[] value;
    }

    /**
     * One write: put, delete, or delete of every key under a prefix.
     */
    public static final class Op
    {
        public TxnOpType type;
        public boolean ephemeral;
        public final Key key = Key.probe();
        public byte[] value;
    }

    private final ArrayList<Compare> comparePool = new ArrayList<>();
    private final ArrayList<Op> thenPool = new ArrayList<>();
    private final ArrayList<Op> elsePool = new ArrayList<>();
    private int compareCount;
    private int thenCount;
    private int elseCount;

    public void reset()
    {
        compareCount = 0;
        thenCount = 0;
        elseCount = 0;
    }

    public Compare addCompare()
    {
        if (compareCount == comparePool.size())
        {
            comparePool.add(new Compare());
        }
        return comparePool.get(compareCount++);
    }

    public Op addThen()
    {
        if (thenCount == thenPool.size())
        {
            thenPool.add(new Op());
        }
        return thenPool.get(thenCount++);
    }

    public Op addElse()
    {
        if (elseCount == elsePool.size())
        {
            elsePool.add(new Op());
        }
        return elsePool.get(elseCount++);
    }

    public int compareCount()
    {
        return compareCount;
    }

    public Compare compare(final int index)
    {
        return comparePool.get(index);
    }

    public int thenCount()
    {
        return thenCount;
    }

    public Op thenOp(final int index)
    {
        return thenPool.get(index);
    }

    public int elseCount()
    {
        return elseCount;
    }

    public Op elseOp(final int index)
    {
        return elsePool.get(index);
    }
}
