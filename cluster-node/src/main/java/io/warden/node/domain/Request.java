package io.warden.node.domain;

/**
 * Who asked what: the identity of the request being applied, filled by the adapter and handed back to the reply port
 * untouched so the answer reaches the right place. Reused for every command.
 */
public final class Request
{
    /** Wire template of the request; opaque to the domain, used by the responder to pick the response type. */
    public int templateId;
    /** The connection (Aeron cluster session) the request came in on, where the answer goes. */
    public long route;
    public long correlationId;
    public long sessionId;
    public long requestSeq;
    public long ackedSeq;
    /**
     * The user the request acts for: what the gateway's {@code OnBehalf} envelope named, 0 for none (a request
     * straight from a cluster client, or from a client that did not log in).
     */
    public long userId;

    /**
     * Fill all fields at once.
     */
    public Request set(
        final int templateId,
        final long route,
        final long correlationId,
        final long sessionId,
        final long requestSeq,
        final long ackedSeq)
    {
        this.templateId = templateId;
        this.route = route;
        this.correlationId = correlationId;
        this.sessionId = sessionId;
        this.requestSeq = requestSeq;
        this.ackedSeq = ackedSeq;
        this.userId = 0;
        return this;
    }

    @Override
    public String toString()
    {
        return "Request{template=" + templateId + ", route=" + route + ", correlationId=" + correlationId +
            ", sessionId=" + sessionId + ", requestSeq=" + requestSeq + ", ackedSeq=" + ackedSeq +
            ", userId=" + userId + '}';
    }
}
