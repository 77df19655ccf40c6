package io.warden.node.launcher;

import io.warden.node.snapshot.SnapshotException;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Notices that the node's service could not read its snapshot (a {@link SnapshotException} from the service
 * container as it starts), so that the launcher can stop the node and fall back to the snapshot before. Passes every
 * error on to the listener it wraps first.
 * <pre>{@code
 * UnreadableSnapshot unreadable = new UnreadableSnapshot(config.errorListener());
 * config.errorListener(unreadable);
 * unreadable.onFailure(barrier::signal);
 * }</pre>
 */
final class UnreadableSnapshot implements NodeConfig.ErrorListener
{
    private static final String SERVICE_CONTAINER = "service-container";

    private final NodeConfig.ErrorListener next;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Runnable onFailure = () -> {};

    /**
     * @param next the listener to pass every error to, or null.
     */
    UnreadableSnapshot(final NodeConfig.ErrorListener next)
    {
        this.next = next;
    }

    /**
     * What to run (once) when the snapshot turns out unreadable.
     *
     * @param onFailure for example signalling the launcher's barrier.
     */
    void onFailure(final Runnable onFailure)
    {
        this.onFailure = onFailure;
    }

    /**
     * The first snapshot failure since the last {@link #reset()}.
     *
     * @return it, or null.
     */
    Throwable failure()
    {
        return failure.get();
    }

    /**
     * Forget the failure before the next launch.
     */
    void reset()
    {
        failure.set(null);
    }

    public void onError(final int memberId, final String component, final Throwable throwable)
    {
        if (null != next)
        {
            next.onError(memberId, component, throwable);
        }
        if (SERVICE_CONTAINER.equals(component) && isSnapshotFailure(throwable) &&
            failure.compareAndSet(null, throwable))
        {
            onFailure.run();
        }
    }

    private static boolean isSnapshotFailure(final Throwable throwable)
    {
        for (Throwable cause = throwable; null != cause; cause = cause.getCause())
        {
            if (cause instanceof SnapshotException)
            {
                return true;
            }
        }
        return false;
    }
}
