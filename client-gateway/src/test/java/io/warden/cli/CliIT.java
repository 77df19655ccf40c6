package io.warden.cli;

import io.warden.client.GatewayFixture;
import io.warden.client.WardenClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.warden.client.GatewayFixture.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The real {@code warden} binary (the shaded {@code warden.jar}, one JVM per command as a user runs it) against a
 * running 3-node cluster and gateway: output, {@code --json} and exit codes of every command.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class CliIT
{
    private static final Path JAR = Path.of("target", "warden.jar");
    private static final Pattern TOKEN = Pattern.compile("fencing token (\\d+)");
    private static final Pattern TERM = Pattern.compile("elected term (\\d+)");

    private static GatewayFixture fixture;
    private final List<Process> started = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start()
    {
        assertTrue(Files.isRegularFile(JAR), "the CLI jar is built by the package phase: " + JAR.toAbsolutePath());
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop()
    {
        if (fixture != null)
        {
            fixture.close();
        }
    }

    @Test
    void putGetRangeAndDeleteWithExitCodes()
    {
        final Run put = warden("put", "/cli/kv/limit", "100");
        assertEquals(ExitCodes.OK, put.exit, put.toString());
        assertTrue(put.out.startsWith("OK revision "), put.out);

        assertEquals("100\n", warden("get", "/cli/kv/limit").out);
        final Run json = warden("--json", "get", "/cli/kv/limit");
        assertTrue(json.out.contains("\"key\":\"/cli/kv/limit\"") && json.out.contains("\"value\":\"100\"") &&
            json.out.contains("\"version\":1"), json.out);
        assertEquals(json.out, warden("get", "--json", "/cli/kv/limit").out, "global options go before or after");

        final Run missing = warden("get", "/cli/kv/missing");
        assertEquals(ExitCodes.NOT_FOUND, missing.exit, missing.toString());
        assertTrue(missing.err.contains("not found"), missing.err);

        assertEquals(ExitCodes.OK, warden("put", "/cli/kv/other", "x").exit);
        final Run range = warden("range", "/cli/kv/");
        assertEquals(List.of("/cli/kv/limit = 100", "/cli/kv/other = x"), range.lines().subList(0, 2), range.out);
        final Run rangeJson = warden("--json", "range", "/cli/kv/");
        assertEquals(3, rangeJson.lines().size(), "two entries and a summary: " + rangeJson.out);
        assertTrue(rangeJson.lines().get(2).contains("\"count\":2"), rangeJson.out);

        final Run del = warden("del", "--prefix", "/cli/kv/");
        assertEquals(ExitCodes.OK, del.exit, del.toString());
        assertTrue(del.out.startsWith("2 deleted"), del.out);
        assertEquals(ExitCodes.NOT_FOUND, warden("get", "/cli/kv/limit").exit);
    }

    @Test
    void usersRolesAndAuthLikeEtcdctlAndARefusedCommandExitsDenied()
    {
        final String admin = "--credential=" + GatewayFixture.ADMIN_CREDENTIAL;
        try
        {
            assertOk(warden(admin, "user", "add", "root", "--new-password", "root-pw"));
            assertOk(warden(admin, "user", "grant-role", "root", "root"));
            assertOk(warden(admin, "user", "add", "carol", "--new-password", "carol-pw"));
            assertOk(warden(admin, "role", "add", "cli-rw"));
            assertOk(warden(admin, "role", "grant", "cli-rw", "readwrite", "/cli/auth/"));
            assertOk(warden(admin, "role", "grant", "--resource", "lock", "cli-rw", "lock", "/cli/auth/"));
            assertOk(warden(admin, "user", "grant-role", "carol", "cli-rw"));
            final Run role = warden(admin, "role", "get", "cli-rw");
            assertEquals(List.of("cli-rw\tKEY /cli/auth/ read,write", "\tLOCK /cli/auth/ lock"), role.lines(),
                role.toString());
            final Run users = warden(admin, "--json", "user", "list");
            assertEquals(2, users.lines().size(), users.toString());
            assertTrue(users.lines().get(0).contains("\"name\":\"carol\"") &&
                users.lines().get(0).contains("\"roles\":\"cli-rw\""), users.out);
            final Run duplicate = warden(admin, "user", "add", "carol", "--new-password", "x");
            assertEquals(ExitCodes.FAILED, duplicate.exit, duplicate.toString());
            assertTrue(duplicate.err.contains("already exists"), duplicate.err);

            assertEquals("authentication disabled\n", warden("auth", "status").out);
            assertOk(warden(admin, "auth", "enable"));
            assertEquals("authentication enabled\n", warden("auth", "status").out);

            assertOk(warden("--user", "carol:carol-pw", "put", "/cli/auth/k", "v"));
            assertEquals("v\n", warden("--user", "carol:carol-pw", "get", "/cli/auth/k").out);
            final Run outside = warden("--user", "carol:carol-pw", "put", "/cli/elsewhere", "v");
            assertEquals(ExitCodes.DENIED, outside.exit, outside.toString());
            assertTrue(outside.err.contains("PERMISSION_DENIED"), outside.err);
            assertEquals(ExitCodes.DENIED, warden("--user", "carol:wrong", "get", "/cli/auth/k").exit,
                "a wrong password");
            assertEquals(ExitCodes.DENIED, warden("get", "/cli/auth/k").exit, "no login once auth is on");
            assertEquals(ExitCodes.DENIED, warden(admin, "user", "add", "eve", "--new-password", "x").exit,
                "the admin credential no longer administers once auth is on");
            assertEquals(ExitCodes.DENIED,
                warden("--user", "carol:carol-pw", "user", "add", "eve", "--new-password", "x").exit);
            assertOk(warden("--user", "root:root-pw", "user", "passwd", "carol", "--new-password", "new-pw"));
            assertEquals(ExitCodes.DENIED, warden("--user", "carol:carol-pw", "get", "/cli/auth/k").exit);
            assertOk(warden("--user", "carol:new-pw", "del", "/cli/auth/k"));
        }
        finally
        {
            // the other tests of this class run without a login
            warden("--user", "root:root-pw", "auth", "disable");
        }
        assertEquals("authentication disabled\n", warden("auth", "status").out);
        assertOk(warden(admin, "user", "delete", "carol"));
        assertOk(warden(admin, "role", "delete", "cli-rw"));
    }

    private static void assertOk(final Run run)
    {
        assertEquals(ExitCodes.OK, run.exit, run.toString());
    }

    @Test
    void transactionsReportWhichBranchRan()
    {
        warden("put", "/cli/txn/a", "v1");
        final Run ok = warden("txn", "--if", "value(/cli/txn/a) = v1", "--then", "put /cli/txn/a v2",
            "--else", "put /cli/txn/lost yes");
        assertEquals(ExitCodes.OK, ok.exit, ok.toString());
        assertEquals("v2\n", warden("get", "/cli/txn/a").out);

        final Run failed = warden("--json", "txn", "--if", "value(/cli/txn/a) = v1", "--then", "put /cli/txn/a v3",
            "--else", "put /cli/txn/lost yes");
        assertEquals(ExitCodes.COMPARE_FAILED, failed.exit, failed.toString());
        assertTrue(failed.out.contains("\"succeeded\":false"), failed.out);
        assertEquals("v2\n", warden("get", "/cli/txn/a").out);
        assertEquals("yes\n", warden("get", "/cli/txn/lost").out, "the else branch ran");

        final Run bad = warden("txn", "--if", "colour(/cli/txn/a) = red");
        assertEquals(ExitCodes.USAGE, bad.exit, bad.toString());
    }

    @Test
    void watchPrintsEveryChangeInOrderAndExitsAfterCount() throws Exception
    {
        final Live watch = start("watch", "--prefix", "/cli/watch/", "--count", "3");
        await(() -> watch.err().contains("watching prefix /cli/watch/"), "the watch to register");
        warden("put", "/cli/watch/a", "1");
        warden("put", "/cli/watch/a", "2");
        warden("del", "/cli/watch/a");
        assertEquals(0, watch.waitFor(), watch.toString());
        final List<String> events = watch.lines();
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("PUT /cli/watch/a = 1"), events.toString());
        assertTrue(events.get(1).startsWith("PUT /cli/watch/a = 2"), events.toString());
        assertTrue(events.get(2).startsWith("DELETE /cli/watch/a"), events.toString());
    }

    @Test
    void lockRunsACommandWhileOthersWaitInLineWithRisingTokens() throws Exception
    {
        final Path dir = Files.createTempDirectory("warden-cli-lock");
        final Path release = dir.resolve("release");
        final Live holder = start("lock", "cli-orders", "--",
            "sh", "-c", "echo \"$WARDEN_LOCK_NAME $WARDEN_LOCK_TOKEN\" > " + dir.resolve("first") +
            "; while [ ! -f " + release + " ]; do sleep 0.05; done");
        // the shell creates the file before echo writes to it: wait for the whole line
        await(() -> contentOf(dir.resolve("first")).endsWith("\n") && !holder.lines().isEmpty(),
            "the first holder to run its command");
        final long firstToken = token(holder.lines().get(0));
        assertEquals("cli-orders " + firstToken, Files.readString(dir.resolve("first")).trim(),
            "the command sees the lock's name and fencing token");

        final Run busy = warden("lock", "cli-orders", "--wait", "300ms", "--", "true");
        assertEquals(ExitCodes.NOT_ACQUIRED, busy.exit, busy.toString());

        final Live next = start("lock", "cli-orders", "--", "sh", "-c", "echo $WARDEN_LOCK_TOKEN");
        Thread.sleep(500);
        assertTrue(next.isAlive(), "the second waits while the first holds the lock");
        Files.createFile(release);
        assertEquals(0, holder.waitFor(), holder.toString());
        assertEquals(0, next.waitFor(), next.toString());
        final long secondToken = token(next.lines().get(0));
        assertTrue(secondToken > firstToken, "tokens rise: " + firstToken + " then " + secondToken);
        assertEquals(Long.toString(secondToken), next.lines().get(1));

        final Run failing = warden("lock", "cli-orders", "--", "sh", "-c", "exit 9");
        assertEquals(9, failing.exit, "the command's exit code is warden's: " + failing);
    }

    @Test
    void operatorsListSessionsAndLocksExpireAStuckSessionAndAskForASnapshot() throws Exception
    {
        final String admin = "--credential=" + GatewayFixture.ADMIN_CREDENTIAL;
        final Live holder = start("--json", "lock", "cli-ops-lock", "--", "sh", "-c", "sleep 120");
        await(() -> !holder.lines().isEmpty(), "the holder to acquire the lock");
        final Matcher held = Pattern.compile("\"token\":(\\d+),\"session\":(\\d+)").matcher(holder.lines().get(0));
        assertTrue(held.find(), holder.toString());
        final String token = held.group(1);
        final String session = held.group(2);

        final Run sessions = warden("sessions");
        assertOk(sessions);
        assertTrue(sessions.lines().get(0).startsWith("SESSION"), sessions.out);
        assertTrue(sessions.lines().stream().anyMatch(l -> l.matches(session + " +warden-cli +10\\.0s .*")),
            "the holder's session with its client name and TTL: " + sessions.out);
        final Run sessionsJson = warden("--json", "sessions");
        assertTrue(sessionsJson.lines().stream().anyMatch(l -> l.contains("\"session\":" + session + ",") &&
            l.contains("\"silentMs\":")), sessionsJson.out);

        final Run locks = warden("locks");
        assertOk(locks);
        assertTrue(locks.lines().stream().anyMatch(l -> l.matches("cli-ops-lock +1 +0 +" + session + " +" + token)),
            locks.out);
        final Run describe = warden("lock", "describe", "cli-ops-lock");
        assertOk(describe);
        assertTrue(describe.out.contains("held by session " + session + ", token " + token + ", exclusive"),
            describe.out);

        final Run refused = warden("session", "expire", session);
        assertEquals(ExitCodes.DENIED, refused.exit, "only the admin credential: " + refused);
        assertTrue(holder.isAlive(), "a refused expiry changes nothing");
        final Run expired = warden(admin, "session", "expire", session);
        assertOk(expired);
        assertEquals("session " + session + " expired\n", expired.out);
        assertEquals(ExitCodes.LOST, holder.waitFor(), "the holder learns its session is gone: " + holder);
        final Run again = warden(admin, "session", "expire", session);
        assertEquals(ExitCodes.NOT_FOUND, again.exit, again.toString());
        assertFalse(warden("locks").out.contains("cli-ops-lock"), "the lock was released with the session");

        assertEquals(ExitCodes.DENIED, warden("snapshot").exit);
        final long[] before = fixture.cluster().snapshotCounts();
        final Run snapshot = warden(admin, "snapshot");
        assertOk(snapshot);
        assertTrue(snapshot.out.startsWith("snapshot requested"), snapshot.out);
        await(() -> java.util.stream.IntStream.range(0, before.length)
            .allMatch(id -> fixture.cluster().snapshotCounts()[id] > before[id]), "every node to take the snapshot");
    }

    @Test
    void electionHandsOverWhenTheLeaderStops() throws Exception
    {
        final Live first = start("elect", "cli-scheduler", "node-a");
        await(() -> first.out().contains("elected"), "node-a to be elected");
        final Live second = start("elect", "cli-scheduler", "node-b");
        final Run observed = warden("--json", "elect", "cli-scheduler", "--listen", "--for", "300ms");
        assertTrue(observed.out.contains("\"value\":\"node-a\""), observed.out);
        assertFalse(second.out().contains("elected"));

        first.process.destroy();
        assertEquals(128 + 15, first.waitFor(), "ended by SIGTERM: " + first);
        await(() -> second.out().contains("elected"), "node-b to take over after node-a resigned on SIGTERM");
        final long termA = number(TERM, first.lines().get(0));
        final long termB = number(TERM, second.lines().get(second.lines().size() - 1));
        assertTrue(termB > termA, "terms rise: " + termA + " then " + termB);
        second.process.destroy();
        second.waitFor();
    }

    @Test
    void statusMembersAndSession()
    {
        final Run status = warden("--json", "status");
        assertEquals(ExitCodes.OK, status.exit, status.toString());
        assertTrue(status.out.contains("\"revision\":") && status.out.contains("\"stateDigest\":"), status.out);

        final Run members = warden("members");
        assertEquals(ExitCodes.OK, members.exit, members.toString());
        assertEquals(1, members.lines().stream().filter(l -> l.endsWith("leader")).count(), members.out);
        assertEquals(3, members.lines().stream().filter(l -> l.startsWith("member ")).count(), members.out);

        final Run session = warden("session", "--for", "200ms");
        assertEquals(ExitCodes.OK, session.exit, session.toString());
        assertTrue(session.out.matches("(?s)session \\d+ open, ttl 10000 ms.*"), session.out);
    }

    @Test
    void errorsHaveClearMessagesAndExitCodes()
    {
        final Run usage = warden("frobnicate");
        assertEquals(ExitCodes.USAGE, usage.exit);
        assertTrue(usage.err.contains("Unmatched argument"), usage.err);

        final Run reserved = warden("put", "/_warden/x", "1");
        assertEquals(ExitCodes.FAILED, reserved.exit);
        assertTrue(reserved.err.contains("RESERVED_KEY"), reserved.err);

        final Run credential = warden("--credential", "wrong", "--timeout", "3s", "get", "/x");
        assertNotEquals(ExitCodes.OK, credential.exit);
        assertTrue(credential.err.contains("UNAUTHORISED"), credential.err);

        final Run unreachable = warden("--gateways", "127.0.0.1:9", "--timeout", "1s", "get", "/x");
        assertEquals(ExitCodes.UNAVAILABLE, unreachable.exit, unreachable.toString());

        final WardenClient client = fixture.client("cli-check");
        assertNull(client.await(client.get("/_warden/x")), "nothing was written by the refused commands");
    }

    private static long token(final String line)
    {
        return number(TOKEN, line);
    }

    private static long number(final Pattern pattern, final String line)
    {
        final Matcher matcher = pattern.matcher(line);
        assertTrue(matcher.find(), "no token in: " + line);
        return Long.parseLong(matcher.group(1));
    }

    private static List<String> command(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The command as a user's shell runs it: gateways and credential from the environment.
     */
    private static ProcessBuilder builder(final String... args)
    {
        final ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().put("WARDEN_GATEWAYS", fixture.endpoints());
        builder.environment().put("WARDEN_CREDENTIAL", GatewayFixture.CREDENTIAL);
        return builder;
    }

    private static Run warden(final String... args)
    {
        try
        {
            final Process process = builder(args).start();
            process.getOutputStream().close();
            final StringBuilder err = new StringBuilder();
            final Thread errPump = new Thread(() -> err.append(readAll(process.getErrorStream())));
            errPump.start();
            final String out = readAll(process.getInputStream());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "warden " + String.join(" ", args) + " hung");
            errPump.join();
            return new Run(args, process.exitValue(), out, err.toString());
        }
        catch (final IOException | InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private Live start(final String... args) throws IOException
    {
        final Process process = builder(args).start();
        started.add(process);
        return new Live(args, process);
    }

    @AfterEach
    void killLeftovers()
    {
        started.forEach(Process::destroyForcibly);
    }

    private static String readAll(final java.io.InputStream in)
    {
        try
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "<" + ex + ">";
        }
    }

    private record Run(String[] args, int exit, String out, String err)
    {
        List<String> lines()
        {
            return out.lines().toList();
        }

        public String toString()
        {
            return "warden " + String.join(" ", args) + " -> exit " + exit + "\nout: " + out + "\nerr: " + err;
        }
    }

    /**
     * A command still running, its output collected as it comes.
     */
    private static final class Live
    {
        private final String[] args;
        private final Process process;
        private final List<String> out = new CopyOnWriteArrayList<>();
        private final StringBuffer err = new StringBuffer();
        private final Thread outPump;
        private final Thread errPump;

        Live(final String[] args, final Process process)
        {
            this.args = args;
            this.process = process;
            outPump = pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                line -> out.add(line));
            errPump = pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> err.append(line).append('\n'));
        }

        private static Thread pump(final BufferedReader reader, final java.util.function.Consumer<String> sink)
        {
            final Thread thread = new Thread(() ->
            {
                try (reader)
                {
                    String line;
                    while ((line = reader.readLine()) != null)
                    {
                        sink.accept(line);
                    }
                }
                catch (final IOException ignore)
                {
                    // the process was killed
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        boolean isAlive()
        {
            return process.isAlive();
        }

        int waitFor() throws InterruptedException
        {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "warden " + String.join(" ", args) + " did not end");
            outPump.join(5_000);
            errPump.join(5_000);
            return process.exitValue();
        }

        List<String> lines()
        {
            return List.copyOf(out);
        }

        String out()
        {
            return String.join("\n", out);
        }

        String err()
        {
            return err.toString();
        }

        public String toString()
        {
            return "warden " + String.join(" ", args) + "\nout: " + out() + "\nerr: " + err();
        }
    }

    private static String contentOf(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (final java.io.IOException ex)
        {
            return "";
        }
    }
}
