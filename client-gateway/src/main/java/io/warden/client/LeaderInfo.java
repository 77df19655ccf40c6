package io.warden.client;

import java.nio.charset.StandardCharsets;

/**
 * Who leads an election: the leader's session, its term (the fencing token of its leadership) and the value it
 * proclaimed.
 * <pre>{@code
 * LeaderInfo leader = client.await(client.leader("scheduler"));
 * if (leader != null) { connectTo(leader.valueAsString()); }
 * }</pre>
 */
public final class LeaderInfo
{
    private final long term;
    private final long leaderSessionId;
    private final long revision;
    private final int candidates;
    private final byte[] value;

    /**
     * A leader (built by the client; public for test doubles).
     * <pre>{@code LeaderInfo leader = new LeaderInfo(57, 12, 57, 0, "10.0.0.7:8080".getBytes(UTF_8)); }</pre>
     *
     * @param term            the term (fencing token) of the leadership.
     * @param leaderSessionId the leader's session.
     * @param revision        the revision of the last change of the leader's value.
     * @param candidates      queued candidates behind the leader (-1 when unknown, as from a watch).
     * @param value           the leader's value; copied.
     */
    public LeaderInfo(
        final long term, final long leaderSessionId, final long revision, final int candidates, final byte[] value)
    {
        this.term = term;
        this.leaderSessionId = leaderSessionId;
        this.revision = revision;
        this.candidates = candidates;
        this.value = value.clone();
    }

    /**
     * The term of the leadership: a fencing token, strictly rising across leaders.
     * <pre>{@code guard.admit(leader.term()); }</pre>
     *
     * @return the term.
     */
    public long term()
    {
        return term;
    }

    /**
     * The leader's session id.
     * <pre>{@code boolean me = leader.leaderSessionId() == client.sessionId(); }</pre>
     *
     * @return the session id.
     */
    public long leaderSessionId()
    {
        return leaderSessionId;
    }

    /**
     * The revision of the last change of the leader's value (its election or last proclaim).
     * <pre>{@code long rev = leader.revision(); }</pre>
     *
     * @return the revision.
     */
    public long revision()
    {
        return revision;
    }

    /**
     * Candidates queued behind the leader, or -1 when not known (leaders seen through a watch).
     * <pre>{@code int waiting = leader.candidates(); }</pre>
     *
     * @return the count.
     */
    public int candidates()
    {
        return candidates;
    }

    /**
     * The leader's value; a fresh copy.
     * <pre>{@code byte[] address = leader.value(); }</pre>
     *
     * @return the value.
     */
    public byte[] value()
    {
        return value.clone();
    }

    /**
     * The leader's value as UTF-8.
     * <pre>{@code String address = leader.valueAsString(); }</pre>
     *
     * @return the value as text.
     */
    public String valueAsString()
    {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString()
    {
        return "LeaderInfo{term=" + term + ", leaderSessionId=" + leaderSessionId + ", revision=" + revision +
            ", candidates=" + candidates + ", value=" + valueAsString() + '}';
    }
}
