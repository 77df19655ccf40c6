package io.warden.bench.chaos.history;

import java.util.Objects;

/**
 * A write to a protected resource carrying a fencing token, as the resource decided it. A fenced resource accepts
 * a write only if its token is at least the highest token it has accepted so far; an unfenced one (the negative
 * control) accepts everything. The lock checker reads these in the resource's own order.
 *
 * @param resource the protected resource.
 * @param lock     the lock whose token guards it.
 * @param session  the writer's session.
 * @param token    the token the writer presented.
 * @param accepted whether the resource applied the write.
 */
public record FencedWrite(String resource, String lock, long session, long token, boolean accepted)
{
    /**
     * Checks the names are present.
     */
    public FencedWrite
    {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(lock, "lock");
    }
}
