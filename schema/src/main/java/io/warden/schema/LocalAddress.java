package io.warden.schema;

import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * The address a peer can answer this process on, when none is configured: the local address this host's routing
 * table would send from to reach that peer (a connected UDP socket sends nothing). A client answered by its gateway,
 * or a gateway answered by the cluster, then works on another host without naming its own address. Falls back to
 * 127.0.0.1.
 * <pre>{@code String host = LocalAddress.towards("10.0.0.21:7000"); // "10.0.0.9" on a host with that address }</pre>
 */
public final class LocalAddress
{
    private static final String LOOPBACK = "127.0.0.1";

    private LocalAddress()
    {
    }

    /**
     * The local address that reaches a peer.
     *
     * @param peerEndpoint the peer's {@code host:port}, or {@code [v6]:port}.
     * @return an address for an Aeron endpoint (IPv6 in brackets).
     */
    public static String towards(final String peerEndpoint)
    {
        final int colon = peerEndpoint.lastIndexOf(':');
        if (colon <= 0)
        {
            return LOOPBACK;
        }
        final String host = peerEndpoint.substring(0, colon).replace("[", "").replace("]", "");
        try (DatagramSocket socket = new DatagramSocket())
        {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host),
                Integer.parseInt(peerEndpoint.substring(colon + 1))));
            final InetAddress local = socket.getLocalAddress();
            if (null == local || local.isAnyLocalAddress())
            {
                return LOOPBACK;
            }
            return local instanceof Inet6Address ? "[" + local.getHostAddress() + "]" : local.getHostAddress();
        }
        catch (final SocketException | java.net.UnknownHostException | NumberFormatException ex)
        {
            return LOOPBACK;
        }
    }
}
