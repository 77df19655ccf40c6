package io.warden.node.testing;

import io.warden.node.audit.AuditLauncher;
import io.warden.node.launcher.NodeConfig;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.LockResponseDecoder;
import io.warden.schema.protocol.PutResponseDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.SessionResponseDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code warden audit} against the files of a cell that ran a known lock workload: two sessions take one lock in
 * turn (the first releases it, the second loses it when its session closes) and one key is written. The audit,
 * read offline from a stopped node's cluster and archive directories, must list every grant and release with the
 * sessions and fencing tokens the clients were given, in that order, say who held the lock at a time between the
 * grants, and name the session that wrote the key with the revision the client was told.
 */
final class AuditIT
{
    private static final Pattern TIME_MS = Pattern.compile("\"timeMs\":(\\d+)");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TestCluster cluster;

    @AfterEach
    void tearDown()
    {
        TestCluster.tearDown(cluster, closeables);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theAuditTellsWhoHeldALockWithWhichTokenAndWhoWroteAKey() throws Exception
    {
        cluster = TestCluster.start(3);
        cluster.awaitLeader();
        final WardenTestClient client = WardenTestClient.connect(cluster);
        closeables.add(client);

        final long first = openSession(client, 11, "audit-first");
        final long second = openSession(client, 12, "audit-second");
        final LockResponseDecoder firstGrant = client.call(first, 1, 0,
            (w, b) -> w.acquire(b, 0, "audit-lock", LockMode.EXCLUSIVE, -1, 0), new LockResponseDecoder());
        assertEquals(ResultCode.OK, firstGrant.code());
        final long firstToken = firstGrant.token();
        assertEquals(ResultCode.QUEUED, client.callForCode(second, 1, 0,
            (w, b) -> w.acquire(b, 0, "audit-lock", LockMode.EXCLUSIVE, -1, 0)));
        final PutResponseDecoder put = client.call(first, 2, 1,
            (w, b) -> w.put(b, 0, false, "/audit/config", "v1".getBytes(StandardCharsets.UTF_8)),
            new PutResponseDecoder());
        assertEquals(ResultCode.OK, put.code());
        final long putRevision = put.revision();
        Thread.sleep(50); // a gap in cluster time between the first grant and the hand-over

        assertEquals(ResultCode.OK,
            client.callForCode(first, 3, 2, (w, b) -> w.release(b, 0, "audit-lock", firstToken)));
        final LockResponseDecoder secondHeld = client.call(second, 0, 0,
            (w, b) -> w.lockStatus(b, 0, "audit-lock"), new LockResponseDecoder());
        assertEquals(ResultCode.OK, secondHeld.code(), "the hand-over granted the waiter");
        final long secondToken = secondHeld.token();
        assertTrue(secondToken > firstToken);
        assertEquals(ResultCode.OK, client.callForCode(second, 2, 1, (w, b) -> w.closeSession(b, 0)));

        client.close();
        closeables.remove(client);
        cluster.stopAll();
        final NodeConfig node = cluster.config(1);
        final String[] dirs = { "--cluster-dir", node.clusterDir(), "--archive-dir", node.archiveDir() };

        final Run lock = audit(dirs, "--lock", "audit-lock", "--json");
        assertEquals(0, lock.exit, lock.err);
        assertEquals(4, lock.lines().size(), lock.out);
        assertEvent(lock.lines().get(0), "grant", first, firstToken);
        assertEvent(lock.lines().get(1), "release", first, firstToken);
        assertTrue(lock.lines().get(1).contains("\"cause\":\"CLIENT\""), lock.lines().get(1));
        assertEvent(lock.lines().get(2), "grant", second, secondToken);
        assertEvent(lock.lines().get(3), "release", second, secondToken);
        assertTrue(lock.lines().get(3).contains("\"cause\":\"SESSION_END\""), lock.lines().get(3));

        final long firstGrantMs = timeMs(lock.lines().get(0));
        final long handOverMs = timeMs(lock.lines().get(2));
        assertTrue(handOverMs > firstGrantMs, "the hand-over came later in cluster time");
        final Run then = audit(dirs, "--lock", "audit-lock", "--at", Long.toString((firstGrantMs + handOverMs) / 2));
        assertEquals(0, then.exit, then.err);
        assertTrue(then.out.contains("held by session " + first + " with token " + firstToken), then.out);
        final Run later = audit(dirs, "--lock", "audit-lock", "--at", Long.toString(handOverMs));
        assertTrue(later.out.contains("held by session " + second + " with token " + secondToken), later.out);
        final Run after = audit(dirs, "--lock", "audit-lock", "--at", Long.toString(timeMs(lock.lines().get(3))));
        assertTrue(after.out.endsWith(": free\n"), after.out);

        final Run key = audit(dirs, "--key", "/audit/");
        assertEquals(0, key.exit, key.err);
        assertEquals(1, key.lines().size(), key.out);
        assertTrue(key.lines().get(0).matches(".* PUT +key /audit/config revision " + putRevision + " session " +
            first), key.out);
        assertTrue(key.err.contains("replayed"), key.err);

        final Run session = audit(dirs, "--session", Long.toString(second));
        assertTrue(session.lines().stream().anyMatch(l -> l.contains("SESSION " + second + " opened")), session.out);
        assertTrue(session.lines().stream().anyMatch(l -> l.contains("SESSION " + second + " closed")), session.out);
        assertTrue(session.lines().stream().noneMatch(l -> l.contains("session " + first + " ")), session.out);

        final Run usage = audit(dirs, "--at", "03:12");
        assertEquals(2, usage.exit, "a time without a lock, and not a time: " + usage.err);
        assertTrue(usage.err.contains("usage: warden audit"), usage.err);
    }

    private static long openSession(final WardenTestClient client, final long secret, final String name)
    {
        final SessionResponseDecoder opened = client.call(0, 0, 0,
            (w, b) -> w.openSession(b, 0, 60_000, secret, name), new SessionResponseDecoder());
        assertEquals(ResultCode.OK, opened.code());
        return opened.sessionId();
    }

    private static void assertEvent(final String line, final String event, final long session, final long token)
    {
        assertTrue(line.contains("\"event\":\"" + event + "\"") && line.contains("\"session\":" + session + ",") &&
            line.contains("\"token\":" + token),
            "expected " + event + " by " + session + " with " + token + ": " + line);
    }

    private static long timeMs(final String jsonLine)
    {
        final Matcher matcher = TIME_MS.matcher(jsonLine);
        assertTrue(matcher.find(), jsonLine);
        return Long.parseLong(matcher.group(1));
    }

    private static Run audit(final String[] dirs, final String... options)
    {
        final List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of(dirs));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = AuditLauncher.run(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err)
    {
        List<String> lines()
        {
            return out.lines().toList();
        }
    }
}
