package io.warden.node.launcher;

import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Logs an error from one component of a node (driver, archive, consensus module, service container) to a stream.
 * Aeron wraps it so the error is also kept in the component's distinct error log (see {@code ClusterTool errors})
 * and counted in its error counter.
 */
public final class NodeErrorHandler implements ErrorHandler
{
    private final int memberId;
    private final String component;
    private final String prefix;
    private final PrintStream out;
    private final NodeConfig.ErrorListener listener;

    /**
     * Create a handler that only logs.
     *
     * @param memberId  the node's member id.
     * @param component name of the component, e.g. {@code consensus-module}.
     * @param out       stream to log to.
     */
    public NodeErrorHandler(final int memberId, final String component, final PrintStream out)
    {
        this(memberId, component, out, null);
    }

    /**
     * Create a handler that logs, then tells a listener.
     *
     * @param memberId  the node's member id.
     * @param component name of the component, e.g. {@code consensus-module}.
     * @param out       stream to log to.
     * @param listener  told about every error after it is logged, or null.
     */
    public NodeErrorHandler(
        final int memberId, final String component, final PrintStream out, final NodeConfig.ErrorListener listener)
    {
        this.memberId = memberId;
        this.component = component;
        this.prefix = " warden node " + memberId + " " + component + " error: ";
        this.out = out;
        this.listener = listener;
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final Throwable throwable)
    {
        synchronized (out)
        {
            out.print(Instant.now());
            out.print(prefix);
            throwable.printStackTrace(out);
            out.flush();
        }

        if (null != listener)
        {
            listener.onError(memberId, component, throwable);
        }
    }
}
