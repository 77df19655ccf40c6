package io.warden.gateway;

import io.warden.schema.protocol.ResultCode;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's log of refused connects and logins, refused requests and admin actions, one line each on standard
 * output, so an operator can see who was turned away and who changed the cell. A hostile client must not turn the
 * log into an outage of its own: at most {@link #MAX_LINES_PER_SECOND} lines a second are written, and the number
 * left out is written with the next line that is. The counters ({@link GatewayCounters}) count every event.
 * <p>
 * Thread: the gateway agent's.
 * <p>
 * Example:
 * <pre>{@code
 * audit.record(nowNs, "connect refused", clientName, "bad credential");
 * }</pre>
 */
final class AuditLog
{
    static final int MAX_LINES_PER_SECOND = 20;
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream out;
    private final int gatewayId;
    private long windowStartNs;
    private int linesInWindow;
    private long suppressed;
    private long written;

    AuditLog(final PrintStream out, final int gatewayId)
    {
        this.out = out;
        this.gatewayId = gatewayId;
    }

    /**
     * Log one event: what happened, to or by whom, and why.
     */
    void record(final long nowNs, final String event, final String who, final String detail)
    {
        if (admit(nowNs))
        {
            write(event, who, detail);
        }
    }

    /**
     * Log a request of a connection (refused by the gateway, denied by the cell, or an admin request); nothing is
     * formatted unless the line is written (a flood of such requests is the case this log must survive).
     *
     * @param code why it was refused, or null for an admin request on its way to the cell.
     */
    void request(
        final long nowNs, final String event, final ClientConnection connection, final int templateId,
        final ResultCode code)
    {
        if (admit(nowNs))
        {
            write(event, connection.who(), (code == null ? "" : code + " for ") + "template " + templateId);
        }
    }

    private boolean admit(final long nowNs)
    {
        if (nowNs - windowStartNs >= SECOND_NS)
        {
            windowStartNs = nowNs;
            linesInWindow = 0;
        }
        if (linesInWindow >= MAX_LINES_PER_SECOND)
        {
            suppressed++;
            return false;
        }
        linesInWindow++;
        return true;
    }

    private void write(final String event, final String who, final String detail)
    {
        written++;
        final String left = suppressed == 0 ? "" : " (" + suppressed + " earlier events not logged)";
        suppressed = 0;
        out.println("warden-gateway-" + gatewayId + " audit: " + event + " " + who + ": " + detail + left);
    }

    long written()
    {
        return written;
    }

    long suppressed()
    {
        return suppressed;
    }
}
