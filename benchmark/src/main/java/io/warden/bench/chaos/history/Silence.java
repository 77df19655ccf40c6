package io.warden.bench.chaos.history;

/**
 * A session's client went silent: after {@code fromNs} it sent nothing (the harness stopped it, or killed its JVM).
 * Its gateway therefore last heard from it at about that instant, and its lease can reach at most one TTL past it
 * (plus what new leadership terms grant): the session checker's S2 bound.
 *
 * @param session the session.
 * @param fromNs  when the client was stopped, on the harness clock.
 */
public record Silence(long session, long fromNs)
{
}
