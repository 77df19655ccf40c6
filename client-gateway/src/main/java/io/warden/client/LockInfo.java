package io.warden.client;

import io.warden.schema.protocol.LockMode;

import java.util.List;

/**
 * A lock as the cluster sees it: who holds it (with their fencing tokens) and who waits, in queue order.
 * <pre>{@code
 * LockInfo info = client.await(client.describeLock("orders"));
 * for (LockInfo.Waiter waiter : info.waiters()) { System.out.println(waiter.sessionId()); }
 * }</pre>
 */
public final class LockInfo
{
    /**
     * One holder.
     */
    public static final class Holder
    {
        private final long sessionId;
        private final long token;
        private final long sinceMs;
        private final LockMode mode;

        Holder(final long sessionId, final long token, final long sinceMs, final LockMode mode)
        {
            this.sessionId = sessionId;
            this.token = token;
            this.sinceMs = sinceMs;
            this.mode = mode;
        }

        /**
         * The holding session.
         * <pre>{@code long session = holder.sessionId(); }</pre>
         *
         * @return the session id.
         */
        public long sessionId()
        {
            return sessionId;
        }

        /**
         * The holder's fencing token.
         * <pre>{@code long token = holder.token(); }</pre>
         *
         * @return the token.
         */
        public long token()
        {
            return token;
        }

        /**
         * Cluster time of the grant.
         * <pre>{@code long since = holder.sinceMs(); }</pre>
         *
         * @return milliseconds of cluster time.
         */
        public long sinceMs()
        {
            return sinceMs;
        }

        /**
         * The mode held.
         * <pre>{@code LockMode mode = holder.mode(); }</pre>
         *
         * @return the mode.
         */
        public LockMode mode()
        {
            return mode;
        }

        @Override
        public String toString()
        {
            return "Holder{session=" + sessionId + ", token=" + token + ", " + mode + '}';
        }
    }

    /**
     * One waiter.
     */
    public static final class Waiter
    {
        private final long sessionId;
        private final long sinceMs;
        private final LockMode mode;

        Waiter(final long sessionId, final long sinceMs, final LockMode mode)
        {
            this.sessionId = sessionId;
            this.sinceMs = sinceMs;
            this.mode = mode;
        }

        /**
         * The waiting session.
         * <pre>{@code long session = waiter.sessionId(); }</pre>
         *
         * @return the session id.
         */
        public long sessionId()
        {
            return sessionId;
        }

        /**
         * Cluster time the wait began.
         * <pre>{@code long since = waiter.sinceMs(); }</pre>
         *
         * @return milliseconds of cluster time.
         */
        public long sinceMs()
        {
            return sinceMs;
        }

        /**
         * The mode waited for.
         * <pre>{@code LockMode mode = waiter.mode(); }</pre>
         *
         * @return the mode.
         */
        public LockMode mode()
        {
            return mode;
        }

        @Override
        public String toString()
        {
            return "Waiter{session=" + sessionId + ", " + mode + '}';
        }
    }

    private final long delayUntilMs;
    private final List<Holder> holders;
    private final List<Waiter> waiters;

    LockInfo(final long delayUntilMs, final List<Holder> holders, final List<Waiter> waiters)
    {
        this.delayUntilMs = delayUntilMs;
        this.holders = List.copyOf(holders);
        this.waiters = List.copyOf(waiters);
    }

    /**
     * Cluster time until which nobody is granted the lock (lock-delay), 0 if none.
     * <pre>{@code long until = info.delayUntilMs(); }</pre>
     *
     * @return milliseconds of cluster time.
     */
    public long delayUntilMs()
    {
        return delayUntilMs;
    }

    /**
     * The holders; unmodifiable.
     * <pre>{@code boolean free = info.holders().isEmpty(); }</pre>
     *
     * @return the holders.
     */
    public List<Holder> holders()
    {
        return holders;
    }

    /**
     * The waiters in queue order; unmodifiable.
     * <pre>{@code int queued = info.waiters().size(); }</pre>
     *
     * @return the waiters.
     */
    public List<Waiter> waiters()
    {
        return waiters;
    }

    @Override
    public String toString()
    {
        return "LockInfo{holders=" + holders + ", waiters=" + waiters + ", delayUntilMs=" + delayUntilMs + '}';
    }
}
