package io.warden.client;

/**
 * The outcome of a transaction: whether every compare held (then-ops applied) or not (else-ops applied), and the
 * revision after it.
 * <pre>{@code
 * TxnResult txn = client.await(client.txn(new TxnSpec()
 *     .compareVersion("/config/a", CompareOp.EQUAL, 3)
 *     .thenPut("/config/a", next)));
 * if (!txn.succeeded()) { retry(); }
 * }</pre>
 */
public final class TxnResult
{
    private final boolean succeeded;
    private final long revision;

    /**
     * A transaction outcome (built by the client; public for test doubles).
     * <pre>{@code TxnResult txn = new TxnResult(true, 42); }</pre>
     *
     * @param succeeded true when every compare held.
     * @param revision  the store's revision after the transaction.
     */
    public TxnResult(final boolean succeeded, final long revision)
    {
        this.succeeded = succeeded;
        this.revision = revision;
    }

    /**
     * Did every compare hold (then-ops applied)? False means the else-ops were applied.
     * <pre>{@code if (txn.succeeded()) { ... } }</pre>
     *
     * @return true when the compares held.
     */
    public boolean succeeded()
    {
        return succeeded;
    }

    /**
     * The store's revision after the transaction.
     * <pre>{@code long rev = txn.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    @Override
    public String toString()
    {
        return "TxnResult{succeeded=" + succeeded + ", revision=" + revision + '}';
    }
}
