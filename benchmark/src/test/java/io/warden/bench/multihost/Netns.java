package io.warden.bench.multihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * "Hosts" on one machine: network namespaces, each with one address on a private /24, joined by a bridge that lives
 * in a namespace of its own, so nothing here touches the machine's own interfaces or routes. Needs root and
 * {@code ip}. Close removes every namespace it made (and with them their interfaces).
 * <pre>{@code
 * try (Netns net = Netns.create("wn123", "10.77.0", List.of("h0", "h1", "h2", "cl"), 11))
 * {
 *     String address = net.address("h1");      // 10.77.0.12
 *     List<String> command = net.exec("h1", List.of("ss", "-Huanp"));
 * }
 * }</pre>
 */
final class Netns implements AutoCloseable
{
    private final String prefix;
    private final String subnet;
    private final List<String> hosts;
    private final int firstOctet;
    private final List<String> made = new ArrayList<>();

    private Netns(final String prefix, final String subnet, final List<String> hosts, final int firstOctet)
    {
        this.prefix = prefix;
        this.subnet = subnet;
        this.hosts = hosts;
        this.firstOctet = firstOctet;
    }

    /**
     * Make the namespaces and the bridge.
     *
     * @param prefix     unique per run (namespace names and interface names start with it; at most 8 characters).
     * @param subnet     the first three octets of the /24, such as {@code 10.77.0}.
     * @param hosts      host names; the i-th gets {@code subnet.(firstOctet + i)}.
     * @param firstOctet the last octet of the first host's address.
     * @return the network; close it.
     */
    static Netns create(final String prefix, final String subnet, final List<String> hosts, final int firstOctet)
    {
        final Netns net = new Netns(prefix, subnet, hosts, firstOctet);
        try
        {
            final String sw = prefix + "-sw";
            net.add(sw);
            run("ip", "netns", "exec", sw, "ip", "link", "add", "br0", "type", "bridge");
            run("ip", "netns", "exec", sw, "ip", "link", "set", "br0", "up");
            for (int i = 0; i < hosts.size(); i++)
            {
                final String ns = net.namespace(hosts.get(i));
                net.add(ns);
                final String inside = prefix + "i" + i;
                final String outside = prefix + "o" + i;
                run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
                run("ip", "link", "set", inside, "netns", ns);
                run("ip", "link", "set", outside, "netns", sw);
                run("ip", "netns", "exec", sw, "ip", "link", "set", outside, "master", "br0");
                run("ip", "netns", "exec", sw, "ip", "link", "set", outside, "up");
                run("ip", "netns", "exec", ns, "ip", "addr", "add", net.address(hosts.get(i)) + "/24", "dev", inside);
                run("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
                run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            }
            return net;
        }
        catch (final RuntimeException ex)
        {
            net.close();
            throw ex;
        }
    }

    /**
     * A host's namespace.
     *
     * @param host its name.
     * @return the namespace name.
     */
    String namespace(final String host)
    {
        return prefix + "-" + host;
    }

    /**
     * A host's address.
     *
     * @param host its name.
     * @return the address.
     */
    String address(final String host)
    {
        final int index = hosts.indexOf(host);
        if (index < 0)
        {
            throw new IllegalArgumentException("no host " + host);
        }
        return subnet + "." + (firstOctet + index);
    }

    /**
     * A command run inside a host's namespace.
     *
     * @param host    the host.
     * @param command the command.
     * @return {@code ip netns exec <ns> command...}.
     */
    List<String> exec(final String host, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        full.addAll(command);
        return full;
    }

    /**
     * Run a command to its end and return what it printed.
     *
     * @param command the command.
     * @return its standard output and error.
     * @throws IllegalStateException if it fails.
     */
    static String run(final String... command)
    {
        return run(List.of(command));
    }

    static String run(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Is this machine able to make namespaces (root and {@code ip})?
     *
     * @return null if so, else why not.
     */
    static String unavailableReason()
    {
        try
        {
            final String id = run("id", "-u").trim();
            if (!"0".equals(id))
            {
                return "network namespaces need root (uid " + id + ")";
            }
            run("ip", "netns", "list");
            return null;
        }
        catch (final RuntimeException ex)
        {
            return "no usable 'ip netns': " + ex.getMessage();
        }
    }

    private void add(final String ns)
    {
        run("ip", "netns", "add", ns);
        made.add(ns);
    }

    public void close()
    {
        for (int i = made.size() - 1; i >= 0; i--)
        {
            try
            {
                run("ip", "netns", "del", made.get(i));
            }
            catch (final RuntimeException ex)
            {
                System.err.println("could not delete namespace " + made.get(i) + ": " + ex.getMessage());
            }
        }
        made.clear();
    }
}
