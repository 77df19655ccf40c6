package io.warden.schema;

import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.CompareTarget;
import io.warden.schema.protocol.TxnOpType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction to send: compares, then-operations and else-operations. Build it fluently, write it with
 * {@link RequestWriter#txn}.
 * <pre>{@code
 * TxnSpec txn = new TxnSpec()
 *     .compareVersion("/config/a", CompareOp.EQUAL, 3)
 *     .thenPut("/config/a", newValue)
 *     .elsePut("/config/conflicts", note);
 * }</pre>
 */
public final class TxnSpec
{
    /**
     * One compare.
     */
    public static final class Compare
    {
        final CompareTarget target;
        final CompareOp op;
        final long number;
        final byte[] key;
        final byte[] value;

        Compare(final CompareTarget target, final CompareOp op, final long number, final byte[] key, final byte[] value)
        {
            this.target = target;
            this.op = op;
            this.number = number;
            this.key = key;
            this.value = value;
        }
    }

    /**
     * One operation.
     */
    public static final class Op
    {
        final TxnOpType type;
        final boolean ephemeral;
        final byte[] key;
        final byte[] value;

        Op(final TxnOpType type, final boolean ephemeral, final byte[] key, final byte[] value)
        {
            this.type = type;
            this.ephemeral = ephemeral;
            this.key = key;
            this.value = value;
        }
    }

    final List<Compare> compares = new ArrayList<>();
    final List<Op> thenOps = new ArrayList<>();
    final List<Op> elseOps = new ArrayList<>();

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public TxnSpec compareValue(final String key, final CompareOp op, final byte[] value)
    {
        compares.add(new Compare(CompareTarget.VALUE, op, 0, utf8(key), value));
        return this;
    }

    public TxnSpec compareVersion(final String key, final CompareOp op, final long version)
    {
        return compareNumber(CompareTarget.VERSION, key, op, version);
    }

    public TxnSpec compareCreateRevision(final String key, final CompareOp op, final long revision)
    {
        return compareNumber(CompareTarget.CREATE_REVISION, key, op, revision);
    }

    public TxnSpec compareModRevision(final String key, final CompareOp op, final long revision)
    {
        return compareNumber(CompareTarget.MOD_REVISION, key, op, revision);
    }

    private TxnSpec compareNumber(final CompareTarget target, final String key, final CompareOp op, final long number)
    {
        compares.add(new Compare(target, op, number, utf8(key), RequestWriter.empty()));
        return this;
    }

    public TxnSpec thenPut(final String key, final byte[] value)
    {
        thenOps.add(new Op(TxnOpType.PUT, false, utf8(key), value));
        return this;
    }

    public TxnSpec thenPutEphemeral(final String key, final byte[] value)
    {
        thenOps.add(new Op(TxnOpType.PUT, true, utf8(key), value));
        return this;
    }

    public TxnSpec thenDelete(final String key)
    {
        thenOps.add(new Op(TxnOpType.DELETE, false, utf8(key), RequestWriter.empty()));
        return this;
    }

    public TxnSpec thenDeletePrefix(final String prefix)
    {
        thenOps.add(new Op(TxnOpType.DELETE_PREFIX, false, utf8(prefix), RequestWriter.empty()));
        return this;
    }

    public TxnSpec elsePut(final String key, final byte[] value)
    {
        elseOps.add(new Op(TxnOpType.PUT, false, utf8(key), value));
        return this;
    }

    public TxnSpec elseDelete(final String key)
    {
        elseOps.add(new Op(TxnOpType.DELETE, false, utf8(key), RequestWriter.empty()));
        return this;
    }

    public int compareCount()
    {
        return compares.size();
    }

    public int operationCount()
    {
        return thenOps.size() + elseOps.size();
    }
}
