package io.warden.bench.targets;

/**
 * Which member {@link Target#killLeader()} killed, and when: the {@link System#nanoTime()} taken just before the
 * SIGKILL was sent (or the embedded node's stop began), so that recovery times are measured from the kill itself and
 * not from whenever the dead process was reaped.
 *
 * @param memberId   the member killed.
 * @param killedAtNs when the kill was sent.
 */
public record KilledMember(int memberId, long killedAtNs)
{
}
