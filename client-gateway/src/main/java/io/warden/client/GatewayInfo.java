package io.warden.client;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a gateway knows: the cluster's members (their ingress endpoints), the current leader, and the gateway's own
 * counts. Answered by the gateway itself, without going through the cluster.
 * <pre>{@code
 * GatewayInfo info = client.await(client.gatewayInfo());
 * info.members().forEach((id, ingress) ->
 *     System.out.println(id + " " + ingress + (id == info.leaderMemberId() ? " leader" : "")));
 * }</pre>
 */
public final class GatewayInfo
{
    private final boolean clusterReachable;
    private final int gatewayId;
    private final int leaderMemberId;
    private final int connections;
    private final int sessions;
    private final int sharedWatches;
    private final String ingressEndpoints;
    private final Map<Integer, String> members;

    GatewayInfo(
        final boolean clusterReachable,
        final int gatewayId,
        final int leaderMemberId,
        final int connections,
        final int sessions,
        final int sharedWatches,
        final String ingressEndpoints)
    {
        this.clusterReachable = clusterReachable;
        this.gatewayId = gatewayId;
        this.leaderMemberId = leaderMemberId;
        this.connections = connections;
        this.sessions = sessions;
        this.sharedWatches = sharedWatches;
        this.ingressEndpoints = ingressEndpoints;
        this.members = parseMembers(ingressEndpoints);
    }

    static Map<Integer, String> parseMembers(final String ingressEndpoints)
    {
        final TreeMap<Integer, String> members = new TreeMap<>();
        for (final String member : ingressEndpoints.split(","))
        {
            final int eq = member.indexOf('=');
            if (eq <= 0)
            {
                continue;
            }
            try
            {
                members.put(Integer.parseInt(member.substring(0, eq).trim()), member.substring(eq + 1).trim());
            }
            catch (final NumberFormatException ignore)
            {
                // not a member entry
            }
        }
        return Collections.unmodifiableMap(members);
    }

    /**
     * Does the gateway have a cluster connection now?
     * <pre>{@code if (!info.clusterReachable()) { alert(); } }</pre>
     *
     * @return true when reachable.
     */
    public boolean clusterReachable()
    {
        return clusterReachable;
    }

    /**
     * The gateway's id.
     * <pre>{@code int id = info.gatewayId(); }</pre>
     *
     * @return the id.
     */
    public int gatewayId()
    {
        return gatewayId;
    }

    /**
     * The cluster member that leads, -1 when unknown.
     * <pre>{@code int leader = info.leaderMemberId(); }</pre>
     *
     * @return the member id.
     */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * Clients connected to the gateway.
     * <pre>{@code int n = info.connections(); }</pre>
     *
     * @return the count.
     */
    public int connections()
    {
        return connections;
    }

    /**
     * Sessions carried by the gateway.
     * <pre>{@code int n = info.sessions(); }</pre>
     *
     * @return the count.
     */
    public int sessions()
    {
        return sessions;
    }

    /**
     * Cluster watch registrations the gateway holds (one per watched key, shared by its clients).
     * <pre>{@code int n = info.sharedWatches(); }</pre>
     *
     * @return the count.
     */
    public int sharedWatches()
    {
        return sharedWatches;
    }

    /**
     * Every member's ingress endpoint, by member id, sorted.
     * <pre>{@code String ingress = info.members().get(info.leaderMemberId()); }</pre>
     *
     * @return member id to {@code host:port}; unmodifiable.
     */
    public Map<Integer, String> members()
    {
        return members;
    }

    /**
     * The members as the gateway reported them: {@code id=host:port,...}.
     * <pre>{@code String raw = info.ingressEndpoints(); }</pre>
     *
     * @return the endpoints.
     */
    public String ingressEndpoints()
    {
        return ingressEndpoints;
    }

    @Override
    public String toString()
    {
        return "GatewayInfo{gatewayId=" + gatewayId + ", clusterReachable=" + clusterReachable + ", leader=" +
            leaderMemberId + ", members=" + members + ", connections=" + connections + ", sessions=" + sessions +
            ", sharedWatches=" + sharedWatches + '}';
    }
}
