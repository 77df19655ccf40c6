package io.warden.bench.chaos.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network faults between the processes of one run, with iptables rules on loopback: partitions (DROP) and random
 * loss ({@code -m statistic --mode random --probability p}; {@code tc netem} does not exist on this kernel).
 * <p>
 * <b>How processes are told apart.</b> Every process listens on its own 127.0.1.x address, but Aeron's unicast
 * publications do not bind a local address, so every packet on loopback leaves from 127.0.0.1 and a source-address
 * rule would match nothing. Instead every process of the run has its own uid: in the mangle table's OUTPUT path
 * (where locally generated packets still carry their socket's owner) each packet is marked with its sender's uid,
 * and in the filter table's INPUT path packets are dropped by mark (the sender) and destination address (the
 * receiver). Dropping on input, not output, matters: a packet dropped in OUTPUT fails the sender's {@code sendto}
 * with EPERM, which no real network does; dropped in INPUT it simply vanishes. "Cut A from B" is two rules per pair:
 * A's packets to B's address and B's packets to A's address.
 * <p>
 * <b>Clean-up.</b> The rules live in two private chains named {@code WARDEN-CHAOS-<pid>}, one in the mangle table
 * (jumped to from OUTPUT for {@code -o lo}) and one in the filter table (jumped to from INPUT for {@code -i lo}).
 * {@link #heal()} flushes the filter chain; {@link #close()} unhooks and deletes both, and a JVM shutdown hook does
 * the same if the run dies. On open, chains left by crashed runs (their pid no longer alive) are removed.
 * <p>
 * Where the host cannot do this (not root, no iptables, no setpriv), the firewall is unavailable and says why;
 * scenarios that need it report themselves SKIPPED. Not thread-safe.
 */
public final class Firewall implements AutoCloseable
{
    /** Prefix of the private chain's name; the harness pid follows. */
    public static final String CHAIN_PREFIX = "WARDEN-CHAOS-";

    private static final Pattern CHAIN_PATTERN = Pattern.compile("^-N (" + CHAIN_PREFIX + "(\\d+))$");

    private final String chain;
    private final String unavailableReason;
    private final List<String> rules = new ArrayList<>();
    private final java.util.Set<Integer> markedUids = new java.util.HashSet<>();
    private Thread shutdownHook;
    private long rulesInstalled;

    /**
     * One process as a firewall endpoint.
     *
     * @param name    for messages.
     * @param uid     its owner uid.
     * @param address its 127.0.1.x address.
     */
    public record Endpoint(String name, int uid, String address)
    {
    }

    private Firewall(final String chain, final String unavailableReason)
    {
        this.chain = chain;
        this.unavailableReason = unavailableReason;
    }

    /**
     * Open the firewall of this run: create and hook its chain when the host allows it, else an unavailable one.
     *
     * @return the firewall; check {@link #isAvailable()}.
     */
    public static Firewall open()
    {
        final String reason = Host.current().networkFaultsUnavailableReason();
        final String chain = CHAIN_PREFIX + ProcessHandle.current().pid();
        if (null != reason)
        {
            return new Firewall(chain, reason);
        }
        final Firewall firewall = new Firewall(chain, null);
        try
        {
            removeStaleChains();
            firewall.teardown();
            iptables("-t", "mangle", "-N", chain);
            iptables("-t", "mangle", "-I", "OUTPUT", "-o", "lo", "-j", chain);
            iptables("-N", chain);
            iptables("-I", "INPUT", "-i", "lo", "-j", chain);
            firewall.shutdownHook = new Thread(firewall::teardown, "warden-chaos-firewall-cleanup");
            Runtime.getRuntime().addShutdownHook(firewall.shutdownHook);
            return firewall;
        }
        catch (final RuntimeException ex)
        {
            firewall.teardown();
            return new Firewall(chain, "iptables failed: " + ex.getMessage());
        }
    }

    /**
     * Can rules be installed here?
     *
     * @return true when available.
     */
    public boolean isAvailable()
    {
        return null == unavailableReason;
    }

    /**
     * Why rules cannot be installed here.
     *
     * @return the reason, or null when available.
     */
    public String unavailableReason()
    {
        return unavailableReason;
    }

    /**
     * The private chain's name.
     *
     * @return the chain.
     */
    public String chain()
    {
        return chain;
    }

    /**
     * Cut every process of one side from every process of the other, both ways (traffic within a side flows).
     *
     * @param sideA one side.
     * @param sideB the other side.
     */
    public void partition(final Collection<Endpoint> sideA, final Collection<Endpoint> sideB)
    {
        ensureAvailable();
        for (final Endpoint a : sideA)
        {
            for (final Endpoint b : sideB)
            {
                drop(a, b, 1.0);
                drop(b, a, 1.0);
            }
        }
    }

    /**
     * Drop a random fraction of the UDP packets one process sends to another.
     *
     * @param from        the sender.
     * @param to          the receiver.
     * @param probability fraction dropped, 0 to 1.
     */
    public void loss(final Endpoint from, final Endpoint to, final double probability)
    {
        ensureAvailable();
        drop(from, to, probability);
    }

    /**
     * Remove every rule (the chain and its hook stay for the next fault).
     */
    public void heal()
    {
        if (isAvailable() && !rules.isEmpty())
        {
            iptables("-F", chain);
            rules.clear();
        }
    }

    /**
     * The rules currently installed, as given to iptables.
     *
     * @return the rule lines.
     */
    public List<String> rules()
    {
        return List.copyOf(rules);
    }

    /**
     * How many rules were installed over the firewall's life.
     *
     * @return the count.
     */
    public long rulesInstalled()
    {
        return rulesInstalled;
    }

    /**
     * Flush, unhook and delete the chain, and drop the shutdown hook.
     */
    public void close()
    {
        if (!isAvailable())
        {
            return;
        }
        teardown();
        if (null != shutdownHook)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException ignore)
            {
                // the JVM is shutting down and runs the hook itself
            }
            shutdownHook = null;
        }
    }

    /**
     * The iptables rules and chains of this JVM's firewall still installed (none after {@link #close()}), in both
     * tables; empty where the host has no firewall.
     *
     * @return the {@code iptables -S} lines naming this JVM's chain.
     */
    public static List<String> installedRules()
    {
        final List<String> lines = new ArrayList<>();
        if (null != Host.current().networkFaultsUnavailableReason())
        {
            return lines;
        }
        final String chain = CHAIN_PREFIX + ProcessHandle.current().pid();
        for (final String table : List.of("filter", "mangle"))
        {
            for (final String line : run(false, "-t", table, "-S").split("\n"))
            {
                if (line.contains(chain))
                {
                    lines.add(table + ": " + line.trim());
                }
            }
        }
        return lines;
    }

    private void drop(final Endpoint from, final Endpoint to, final double probability)
    {
        if (markedUids.add(from.uid()))
        {
            iptables("-t", "mangle", "-A", chain, "-m", "owner", "--uid-owner", Integer.toString(from.uid()),
                "-j", "MARK", "--set-mark", Integer.toString(from.uid()));
        }
        final List<String> args = new ArrayList<>(List.of(
            "-A", chain, "-i", "lo", "-p", "udp", "-d", to.address(),
            "-m", "mark", "--mark", Integer.toString(from.uid())));
        if (probability < 1.0)
        {
            args.addAll(List.of("-m", "statistic", "--mode", "random", "--probability",
                String.format(Locale.ROOT, "%.4f", probability)));
        }
        args.addAll(List.of("-j", "DROP"));
        iptables(args.toArray(new String[0]));
        rules.add(from.name() + " -> " + to.name() + (probability < 1.0 ? " loss " + probability : " drop"));
        rulesInstalled++;
    }

    private void ensureAvailable()
    {
        if (!isAvailable())
        {
            throw new IllegalStateException("network faults unavailable: " + unavailableReason);
        }
    }

    private synchronized void teardown()
    {
        quietly("-D", "INPUT", "-i", "lo", "-j", chain);
        quietly("-F", chain);
        quietly("-X", chain);
        quietly("-t", "mangle", "-D", "OUTPUT", "-o", "lo", "-j", chain);
        quietly("-t", "mangle", "-F", chain);
        quietly("-t", "mangle", "-X", chain);
        rules.clear();
        markedUids.clear();
    }

    private static void removeStaleChains()
    {
        for (final String table : List.of("filter", "mangle"))
        {
            final String listing = run(false, "-t", table, "-S");
            for (final String line : listing.split("\n"))
            {
                final Matcher m = CHAIN_PATTERN.matcher(line.trim());
                if (m.matches())
                {
                    final long pid = Long.parseLong(m.group(2));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    {
                        continue;
                    }
                    final String hook = table.equals("filter") ? "INPUT" : "OUTPUT";
                    final String dev = table.equals("filter") ? "-i" : "-o";
                    quietly("-t", table, "-D", hook, dev, "lo", "-j", m.group(1));
                    quietly("-t", table, "-F", m.group(1));
                    quietly("-t", table, "-X", m.group(1));
                }
            }
        }
    }

    private static void quietly(final String... args)
    {
        run(false, args);
    }

    private static void iptables(final String... args)
    {
        run(true, args);
    }

    private static String run(final boolean check, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Host.current().iptables());
        command.add("-w");
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("iptables timed out: " + command);
            }
            if (check && 0 != process.exitValue())
            {
                throw new IllegalStateException("iptables failed (" + process.exitValue() + "): " +
                    String.join(" ", command) + ": " + output.trim());
            }
            return output;
        }
        catch (final IOException ex)
        {
            if (check)
            {
                throw new IllegalStateException("cannot run iptables: " + ex.getMessage(), ex);
            }
            return "";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running iptables", ex);
        }
    }
}
