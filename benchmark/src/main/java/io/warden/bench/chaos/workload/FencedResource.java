package io.warden.bench.chaos.workload;

import io.warden.bench.chaos.history.FencedWrite;
import io.warden.client.FenceGuard;

import java.util.ArrayList;
import java.util.List;

/**
 * A protected resource that lock holders write to with their fencing token, recording every write as the resource
 * decided it ({@link FencedWrite}, in the resource's own order). Fenced, it admits a write only through a
 * {@link FenceGuard} (a token below one already accepted is refused); unfenced (the negative control, "lock
 * without fencing") it accepts everything, so a stale holder's write gets through and the lock checker's L5 must
 * catch it. Thread-safe: admission and recording are one atomic step.
 */
public final class FencedResource
{
    private final String name;
    private final String lock;
    private final boolean fenced;
    private final FenceGuard guard = new FenceGuard();
    private final List<FencedWrite> writes = new ArrayList<>();

    /**
     * A resource guarded by one lock.
     *
     * @param name   the resource's name.
     * @param lock   the lock whose tokens guard it.
     * @param fenced true to check tokens, false to accept every write.
     */
    public FencedResource(final String name, final String lock, final boolean fenced)
    {
        this.name = name;
        this.lock = lock;
        this.fenced = fenced;
    }

    /**
     * Write with a token.
     *
     * @param session the writer's session.
     * @param token   its fencing token.
     * @return true when applied.
     */
    public synchronized boolean write(final long session, final long token)
    {
        final boolean accepted = !fenced || guard.admit(token);
        writes.add(new FencedWrite(name, lock, session, token, accepted));
        return accepted;
    }

    /**
     * Every write so far, in the resource's order.
     *
     * @return a copy.
     */
    public synchronized List<FencedWrite> writes()
    {
        return new ArrayList<>(writes);
    }

    /**
     * The resource's name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * The lock guarding it.
     *
     * @return the lock name.
     */
    public String lock()
    {
        return lock;
    }

    /**
     * Does it check tokens?
     *
     * @return true when fenced.
     */
    public boolean fenced()
    {
        return fenced;
    }
}
