package io.warden.bench.chaos.history;

/**
 * What a client's own evidence said about its session's lease at one instant: the client library's
 * {@code safeUntilNs()} plus its margin, the instant until which the keepalive answers (or the session open or
 * resume) it received prove that the cluster keeps the session. Sampled by the harness on the harness clock; the
 * session checker's S1 holds the cluster to it.
 *
 * @param session       the session.
 * @param observedNs    when the client was asked.
 * @param leastExpiryNs the earliest instant the session may expire, by the client's evidence.
 */
public record LeaseClaim(long session, long observedNs, long leastExpiryNs)
{
}
