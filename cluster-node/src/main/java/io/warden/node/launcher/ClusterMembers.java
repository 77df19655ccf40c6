package io.warden.node.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The static membership of a Warden cluster in Aeron 1.51's {@code clusterMembers} format:
 * <pre>
 * id,ingress,consensus,log,catchup,archive[,archiveResponse[,egressResponse]]|id,...
 * </pre>
 * where every endpoint is {@code host:port}. It can be parsed from that string, or derived from one host per member and
 * a port base: member {@code id} listens on {@code portBase + 100 * id + {1 archive, 2 ingress, 3 consensus, 4 log,
 * 5 catchup}}.
 */
public final class ClusterMembers
{
    /** Offset of the archive control port from {@code portBase + 100 * id}. */
    public static final int ARCHIVE_PORT_OFFSET = 1;
    /** Offset of the client ingress port from {@code portBase + 100 * id}. */
    public static final int INGRESS_PORT_OFFSET = 2;
    /** Offset of the consensus port from {@code portBase + 100 * id}. */
    public static final int CONSENSUS_PORT_OFFSET = 3;
    /** Offset of the log port from {@code portBase + 100 * id}. */
    public static final int LOG_PORT_OFFSET = 4;
    /** Offset of the catch-up port from {@code portBase + 100 * id}. */
    public static final int CATCHUP_PORT_OFFSET = 5;
    /** Ports reserved per member id. */
    public static final int PORTS_PER_MEMBER = 100;

    private final List<Member> members;

    private ClusterMembers(final List<Member> members)
    {
        this.members = Collections.unmodifiableList(members);
    }

    /**
     * One member's endpoints, each {@code host:port}; the optional response endpoints may be null.
     *
     * @param id                      member id, unique in the cluster.
     * @param ingressEndpoint         where clients send ingress.
     * @param consensusEndpoint       where the other members send consensus traffic.
     * @param logEndpoint             where the leader sends this member the log.
     * @param catchupEndpoint         where this member receives catch-up replays (port 0 = ephemeral).
     * @param archiveEndpoint         this member's archive control endpoint (UDP), used for replication.
     * @param archiveResponseEndpoint optional 7th field, or null.
     * @param egressResponseEndpoint  optional 8th field, or null.
     */
    public record Member(
        int id,
        String ingressEndpoint,
        String consensusEndpoint,
        String logEndpoint,
        String catchupEndpoint,
        String archiveEndpoint,
        String archiveResponseEndpoint,
        String egressResponseEndpoint)
    {
        /**
         * The host this member runs on, taken from its consensus endpoint.
         *
         * @return host name or address, without brackets for IPv6.
         */
        public String host()
        {
            return hostOf(consensusEndpoint);
        }

        /**
         * This member in the Aeron {@code clusterMembers} format.
         *
         * @return {@code id,ingress,consensus,log,catchup,archive[,...]}.
         */
        public String encode()
        {
            final StringBuilder sb = new StringBuilder()
                .append(id).append(',')
                .append(ingressEndpoint).append(',')
                .append(consensusEndpoint).append(',')
                .append(logEndpoint).append(',')
                .append(catchupEndpoint).append(',')
                .append(archiveEndpoint);

            if (null != archiveResponseEndpoint)
            {
                sb.append(',').append(archiveResponseEndpoint);
                if (null != egressResponseEndpoint)
                {
                    sb.append(',').append(egressResponseEndpoint);
                }
            }

            return sb.toString();
        }
    }

    /**
     * Parse an Aeron {@code clusterMembers} string and check it: 6 to 8 fields per member, integer ids that are unique
     * and not negative, {@code host:port} endpoints, and no two endpoints sharing a non-zero port on one host.
     *
     * @param value the members string.
     * @return the parsed members in the order given.
     * @throws IllegalArgumentException naming the first problem found.
     */
    public static ClusterMembers parse(final String value)
    {
        if (null == value || value.isBlank())
        {
            throw new IllegalArgumentException("cluster members string is empty");
        }

        final List<Member> members = new ArrayList<>();
        for (final String memberValue : value.trim().split("\\|"))
        {
            final String[] fields = memberValue.trim().split(",", -1);
            if (fields.length < 6 || fields.length > 8)
            {
                throw new IllegalArgumentException(
                    "member '" + memberValue + "' has " + fields.length +
                    " fields, expected id,ingress,consensus,log,catchup,archive[,archiveResponse[,egressResponse]]");
            }

            final int id;
            try
            {
                id = Integer.parseInt(fields[0].trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("member '" + memberValue + "' has a non-integer id: " + fields[0]);
            }

            if (id < 0)
            {
                throw new IllegalArgumentException("member '" + memberValue + "' has a negative id");
            }

            for (int i = 1; i < fields.length; i++)
            {
                fields[i] = fields[i].trim();
                checkEndpoint(memberValue, fields[i], 4 == i);
            }

            members.add(new Member(
                id,
                fields[1],
                fields[2],
                fields[3],
                fields[4],
                fields[5],
                fields.length > 6 ? fields[6] : null,
                fields.length > 7 ? fields[7] : null));
        }

        final ClusterMembers clusterMembers = new ClusterMembers(members);
        clusterMembers.checkUnique();

        return clusterMembers;
    }

    /**
     * Derive the members from one host per member id and a port base.
     *
     * @param hostById host per member id, in id order.
     * @param portBase base port: member {@code id} uses {@code portBase + 100 * id + 1..5}.
     * @return the derived members.
     */
    public static ClusterMembers derive(final SortedMap<Integer, String> hostById, final int portBase)
    {
        if (hostById.isEmpty())
        {
            throw new IllegalArgumentException("no cluster members: set warden.cluster.host.<id> or warden.cluster.members");
        }

        final int lastPort = portBase + PORTS_PER_MEMBER * hostById.lastKey() + CATCHUP_PORT_OFFSET;
        if (portBase < 1 || lastPort > 65535)
        {
            throw new IllegalArgumentException(
                "port base " + portBase + " gives ports outside 1..65535 for member " + hostById.lastKey());
        }

        final StringBuilder sb = new StringBuilder();
        for (final Map.Entry<Integer, String> entry : hostById.entrySet())
        {
            final int id = entry.getKey();
            final String host = bracketIfIpv6(entry.getValue().trim());
            final int base = portBase + PORTS_PER_MEMBER * id;

            if (sb.length() > 0)
            {
                sb.append('|');
            }

            sb.append(id).append(',')
                .append(host).append(':').append(base + INGRESS_PORT_OFFSET).append(',')
                .append(host).append(':').append(base + CONSENSUS_PORT_OFFSET).append(',')
                .append(host).append(':').append(base + LOG_PORT_OFFSET).append(',')
                .append(host).append(':').append(base + CATCHUP_PORT_OFFSET).append(',')
                .append(host).append(':').append(base + ARCHIVE_PORT_OFFSET);
        }

        return parse(sb.toString());
    }

    /**
     * The members in the order given.
     *
     * @return an unmodifiable list.
     */
    public List<Member> members()
    {
        return members;
    }

    /**
     * Find a member by id.
     *
     * @param id member id.
     * @return the member or null if there is none with that id.
     */
    public Member member(final int id)
    {
        for (final Member member : members)
        {
            if (member.id() == id)
            {
                return member;
            }
        }

        return null;
    }

    /**
     * The string for {@code ConsensusModule.Context.clusterMembers}.
     *
     * @return members joined with {@code |}.
     */
    public String encode()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member member : members)
        {
            if (sb.length() > 0)
            {
                sb.append('|');
            }
            sb.append(member.encode());
        }

        return sb.toString();
    }

    /**
     * The ingress endpoints for {@code AeronCluster.Context.ingressEndpoints}.
     *
     * @return {@code id=host:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Member member : members)
        {
            if (sb.length() > 0)
            {
                sb.append(',');
            }
            sb.append(member.id()).append('=').append(member.ingressEndpoint());
        }

        return sb.toString();
    }

    /**
     * The host part of a {@code host:port} endpoint.
     *
     * @param endpoint {@code host:port} or {@code [v6]:port}.
     * @return the host without brackets.
     */
    public static String hostOf(final String endpoint)
    {
        final int colon = endpoint.lastIndexOf(':');
        final String host = endpoint.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The port part of a {@code host:port} endpoint.
     *
     * @param endpoint {@code host:port}.
     * @return the port.
     */
    public static int portOf(final String endpoint)
    {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /**
     * {@code host:port} for a host, bracketing an IPv6 address.
     *
     * @param host name or address.
     * @param port port.
     * @return the endpoint.
     */
    public static String endpoint(final String host, final int port)
    {
        return bracketIfIpv6(host) + ':' + port;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return encode();
    }

    private static String bracketIfIpv6(final String host)
    {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void checkEndpoint(final String memberValue, final String endpoint, final boolean portZeroAllowed)
    {
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1)
        {
            throw new IllegalArgumentException(
                "member '" + memberValue + "': endpoint '" + endpoint + "' is not host:port");
        }

        final String host = endpoint.substring(0, colon);
        if (host.indexOf(':') >= 0 && !(host.startsWith("[") && host.endsWith("]")))
        {
            throw new IllegalArgumentException(
                "member '" + memberValue + "': IPv6 endpoint '" + endpoint + "' needs brackets: [addr]:port");
        }

        final int port;
        try
        {
            port = Integer.parseInt(endpoint.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "member '" + memberValue + "': endpoint '" + endpoint + "' has a non-integer port");
        }

        if (port < 0 || port > 65535 || (0 == port && !portZeroAllowed))
        {
            throw new IllegalArgumentException(
                "member '" + memberValue + "': endpoint '" + endpoint + "' has port out of range" +
                (portZeroAllowed ? " 0..65535" : " 1..65535 (only catchup may be 0)"));
        }
    }

    private void checkUnique()
    {
        final Map<Integer, Member> byId = new HashMap<>();
        final Map<String, String> ownerByEndpoint = new HashMap<>();

        for (final Member member : members)
        {
            if (null != byId.put(member.id(), member))
            {
                throw new IllegalArgumentException("duplicate member id " + member.id());
            }

            final String[] endpoints = {
                member.ingressEndpoint(),
                member.consensusEndpoint(),
                member.logEndpoint(),
                member.catchupEndpoint(),
                member.archiveEndpoint(),
                member.archiveResponseEndpoint(),
                member.egressResponseEndpoint() };
            final String[] names = { "ingress", "consensus", "log", "catchup", "archive", "archiveResponse",
                "egressResponse" };

            for (int i = 0; i < endpoints.length; i++)
            {
                final String endpoint = endpoints[i];
                if (null == endpoint || 0 == portOf(endpoint))
                {
                    continue;
                }

                final String owner = "member " + member.id() + " " + names[i];
                final String previous = ownerByEndpoint.put(endpoint, owner);
                if (null != previous)
                {
                    throw new IllegalArgumentException(
                        "endpoint " + endpoint + " is used twice: by " + previous + " and by " + owner);
                }
            }
        }
    }
}
