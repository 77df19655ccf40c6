package io.warden.bench.multihost;

import io.warden.bench.chaos.control.Host;
import io.warden.schema.trust.CellSecrets;
import org.junit.jupiter.api.Assumptions;
import io.warden.bench.chaos.control.RunLayout;
import io.warden.bench.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The multi-host launch, exercised: 3 and 5 "hosts" as network namespaces with addresses of their own on a private
 * bridge, each node started inside its namespace and a gateway inside another with the README's multi-host commands
 * (the cluster file made from {@code config/cluster-multihost.properties.example} with the hosts' addresses put in, as
 * the README says; profile {@code ci} instead of {@code baremetal}, whose spinning threads would starve five nodes on
 * two cores), and the CLI in a client namespace. The client writes and reads through the gateway; every socket of
 * every node and of the gateway is bound to its own host's address only; with the most members a cell can lose
 * killed, it still writes. Needs root and {@code ip netns} (skipped loudly without them, like F6).
 */
final class NetnsMultiHostIT
{
    private static final String SUBNET = "10.77.0";
    private static final Pattern LOCAL_ADDRESS = Pattern.compile("^\\S+\\s+\\S+\\s+\\S+\\s+(\\S+):\\d+\\s");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void threeHosts() throws Exception
    {
        runCell(3);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void fiveHosts() throws Exception
    {
        runCell(5);
    }

    private static void runCell(final int nodes) throws Exception
    {
        final String reason = Netns.unavailableReason();
        if (null != reason)
        {
            System.out.println("!!!! NetnsMultiHostIT SKIPPED: " + reason + " (run .ci/run as root to run it)");
            Assumptions.abort(reason);
        }

        final Path repo = Host.current().repoRoot();
        final long pid = ProcessHandle.current().pid();
        final String prefix = "w" + (pid % 10_000) + "n" + nodes;
        final List<String> hostNames = new ArrayList<>();
        for (int i = 0; i < nodes; i++)
        {
            hostNames.add("h" + i);
        }
        hostNames.add("gw");
        hostNames.add("cl");
        final Path dir = Files.createDirectories(repo.resolve("benchmark/target/netns/" + nodes + "-hosts"));
        final Path shm = Path.of("/dev/shm/warden-netns-" + pid + "-" + nodes);
        final List<Process> processes = new ArrayList<>();
        try (Netns net = Netns.create(prefix, SUBNET, hostNames, 11))
        {
            final Path clusterFile = writeClusterFile(repo, dir, net, nodes);
            final Path secret = dir.resolve("cell.secret");
            Files.deleteIfExists(secret);
            CellSecrets.write(secret, CellSecrets.newSecret(), CellSecrets.newSecret());

            for (int i = 0; i < nodes; i++)
            {
                final Path nodeFile = writeNodeFile(repo, dir, shm, i);
                processes.add(start(net.exec("h" + i, List.of("env", "WARDEN_SECRET_FILE=" + secret,
                    repo.resolve("scripts/warden-node.sh").toString(), "--cluster", clusterFile.toString(),
                    nodeFile.toString(), "ci")), repo, dir.resolve("node-" + i + ".log")));
            }
            final String gateway = net.address("gw") + ":7000";
            processes.add(start(net.exec("gw", List.of("env", "WARDEN_SECRET_FILE=" + secret,
                "WARDEN_GATEWAY_JAVA_OPTS=-Dwarden.gateway.request.endpoint=" + gateway +
                " -Dwarden.gateway.aeron.dir=" + shm.resolve("gateway"),
                repo.resolve("scripts/warden-gateway.sh").toString(), "--cluster", clusterFile.toString(),
                "config/gateway.properties", "config/gateway-multihost.properties")),
                repo, dir.resolve("gateway.log")));
            for (int i = 0; i < nodes; i++)
            {
                LogLines.await(dir.resolve("node-" + i + ".log"), "node " + i + " started", processes.get(i), 90);
            }
            LogLines.await(dir.resolve("gateway.log"), "gateway 0 started", processes.get(nodes), 90);

            final long firstWriteNs = System.nanoTime();
            cli(net, repo, gateway, 60_000, "put", "/netns/k", "written-on-" + nodes);
            System.out.println("[NetnsMultiHostIT] " + nodes + " hosts: first write through the gateway after " +
                (System.nanoTime() - firstWriteNs) / 1_000_000 + " ms");
            assertEquals("written-on-" + nodes, cli(net, repo, gateway, 20_000, "get", "/netns/k").trim());

            for (int i = 0; i < nodes; i++)
            {
                assertBoundOnlyTo(net, "h" + i, processes.get(i).pid(), net.address("h" + i));
            }
            assertBoundOnlyTo(net, "gw", processes.get(nodes).pid(), net.address("gw"));

            final int tolerated = (nodes - 1) / 2;
            for (int i = 0; i < tolerated; i++)
            {
                kill(processes.get(i));
            }
            cli(net, repo, gateway, 60_000, "put", "/netns/k", "after-" + tolerated + "-failed");
            assertEquals("after-" + tolerated + "-failed", cli(net, repo, gateway, 20_000, "get", "/netns/k").trim());
        }
        finally
        {
            for (int i = processes.size() - 1; i >= 0; i--)
            {
                stop(processes.get(i));
            }
            RunLayout.deleteRecursively(shm);
        }
    }

    private static Path writeClusterFile(final Path repo, final Path dir, final Netns net, final int nodes)
        throws IOException
    {
        final StringBuilder text = new StringBuilder();
        for (final String line : Files.readAllLines(repo.resolve("config/cluster-multihost.properties.example")))
        {
            if (!line.startsWith("warden.cluster.host."))
            {
                text.append(line).append('\n');
            }
        }
        for (int i = 0; i < nodes; i++)
        {
            text.append("warden.cluster.host.").append(i).append('=').append(net.address("h" + i)).append('\n');
        }
        final Path file = dir.resolve("cluster-multihost.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * {@code config/node-N.properties} with its directories moved under the test's own.
     */
    private static Path writeNodeFile(final Path repo, final Path dir, final Path shm, final int id) throws IOException
    {
        final StringBuilder text = new StringBuilder();
        for (final String line : Files.readAllLines(repo.resolve("config/node-" + id + ".properties")))
        {
            if (line.startsWith("warden.node.aeron.dir="))
            {
                text.append("warden.node.aeron.dir=").append(shm.resolve("node-" + id)).append('\n');
            }
            else if (line.startsWith("warden.node.") && line.contains("=run/"))
            {
                text.append(line, 0, line.indexOf('=') + 1)
                    .append(dir.resolve(line.substring(line.indexOf("=run/") + 5))).append('\n');
            }
            else
            {
                text.append(line).append('\n');
            }
        }
        final Path file = dir.resolve("node-" + id + ".properties");
        RunLayout.deleteRecursively(dir.resolve("node-" + id));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Run the CLI in the client's namespace until it succeeds (the cell may still be electing).
     */
    private static String cli(final Netns net, final Path repo, final String gateway, final long timeoutMs,
        final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(repo.resolve("scripts/warden").toString(),
            "--gateways", gateway, "--credential", "warden-admin", "--timeout", "5s"));
        command.addAll(List.of(args));
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String last = "";
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Process process = new ProcessBuilder(net.exec("cl", command)).directory(repo.toFile())
                .redirectErrorStream(true).start();
            last = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
            {
                return last;
            }
            Thread.sleep(500);
        }
        return fail("warden " + String.join(" ", args) + " did not succeed within " + timeoutMs + " ms: " + last);
    }

    /**
     * Every UDP socket of the process is bound to the host's address (or loopback), never to a wildcard.
     */
    private static void assertBoundOnlyTo(final Netns net, final String host, final long pid, final String address)
    {
        final String sockets = Netns.run(net.exec(host, List.of("ss", "-Huanp")));
        int count = 0;
        for (final String line : sockets.split("\n"))
        {
            if (!line.contains("pid=" + pid + ","))
            {
                continue;
            }
            final Matcher matcher = LOCAL_ADDRESS.matcher(line);
            assertTrue(matcher.find(), "unexpected ss line: " + line);
            final String local = matcher.group(1);
            assertTrue(local.equals(address) || local.startsWith("127."),
                host + " (pid " + pid + ") has a socket bound to " + local + ", not only to " + address + ": " + line);
            count++;
        }
        assertTrue(count > 0, "no socket of pid " + pid + " on " + host + ":\n" + sockets);
    }

    private static Process start(final List<String> command, final Path repo, final Path log) throws IOException
    {
        return new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
    }

    private static void kill(final Process process)
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void stop(final Process process)
    {
        try
        {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                kill(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            kill(process);
        }
    }
}
