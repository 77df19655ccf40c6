package io.warden.node.domain.support;

import io.warden.node.domain.Key;
import io.warden.node.domain.kv.TxnCommand;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.CompareTarget;
import io.warden.schema.protocol.TxnOpType;

import java.nio.charset.StandardCharsets;

/**
 * Fills a {@link TxnCommand} the way the command adapter would: every compare and op gets a key and a (possibly
 * empty, never null) value.
 */
public final class TxnBuilder
{
    private static final byte[] EMPTY = new byte[0];

    private final TxnCommand command = new TxnCommand();

    public static TxnBuilder txn()
    {
        return new TxnBuilder();
    }

    public TxnCommand command()
    {
        return command;
    }

    public TxnBuilder ifValue(final String key, final CompareOp op, final String value)
    {
        return compare(CompareTarget.VALUE, Key.of(key), op, 0, utf8(value));
    }

    public TxnBuilder ifVersion(final String key, final CompareOp op, final long version)
    {
        return compare(CompareTarget.VERSION, Key.of(key), op, version, EMPTY);
    }

    public TxnBuilder ifCreateRevision(final String key, final CompareOp op, final long revision)
    {
        return compare(CompareTarget.CREATE_REVISION, Key.of(key), op, revision, EMPTY);
    }

    public TxnBuilder ifModRevision(final String key, final CompareOp op, final long revision)
    {
        return compare(CompareTarget.MOD_REVISION, Key.of(key), op, revision, EMPTY);
    }

    public TxnBuilder compare(
        final CompareTarget target, final Key key, final CompareOp op, final long number, final byte[] value)
    {
        final TxnCommand.Compare compare = command.addCompare();
        compare.target = target;
        compare.op = op;
        compare.number = number;
        compare.key.set(key.bytes(), 0, key.length());
        compare.value = value;
        return this;
    }

    public TxnBuilder thenPut(final String key, final String value)
    {
        return op(true, TxnOpType.PUT, Key.of(key), utf8(value), false);
    }

    public TxnBuilder thenPutEphemeral(final String key, final String value)
    {
        return op(true, TxnOpType.PUT, Key.of(key), utf8(value), true);
    }

    public TxnBuilder thenDelete(final String key)
    {
        return op(true, TxnOpType.DELETE, Key.of(key), EMPTY, false);
    }

    public TxnBuilder thenDeletePrefix(final String prefix)
    {
        return op(true, TxnOpType.DELETE_PREFIX, Key.of(prefix), EMPTY, false);
    }

    public TxnBuilder elsePut(final String key, final String value)
    {
        return op(false, TxnOpType.PUT, Key.of(key), utf8(value), false);
    }

    public TxnBuilder elseDelete(final String key)
    {
        return op(false, TxnOpType.DELETE, Key.of(key), EMPTY, false);
    }

    public TxnBuilder elseDeletePrefix(final String prefix)
    {
        return op(false, TxnOpType.DELETE_PREFIX, Key.of(prefix), EMPTY, false);
    }

    /**
     * Add an operation with raw key and value bytes to the then (or else) branch.
     */
    public TxnBuilder op(
        final boolean thenBranch, final TxnOpType type, final Key key, final byte[] value, final boolean ephemeral)
    {
        final TxnCommand.Op op = thenBranch ? command.addThen() : command.addElse();
        op.type = type;
        op.ephemeral = ephemeral;
        op.key.set(key.bytes(), 0, key.length());
        op.value = value;
        return this;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
