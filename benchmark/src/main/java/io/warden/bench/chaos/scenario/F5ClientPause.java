package io.warden.bench.chaos.scenario;

import io.warden.bench.chaos.control.ClusterController;
import io.warden.bench.chaos.history.Acquisition;
import io.warden.bench.chaos.history.HistoryRecorder;
import io.warden.bench.chaos.history.Outcome;
import io.warden.bench.chaos.workload.FencedResource;
import io.warden.bench.chaos.workload.LockWorkload;
import io.warden.bench.chaos.workload.RemoteClient;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;

import java.util.ArrayList;
import java.util.List;

/**
 * F5: a client paused past its lease, with fencing. Client JVM A takes lock L (token t1) and checks that it may
 * write; then, between that check and its write (a GC pause at the worst moment), the whole JVM is SIGSTOPped for
 * twice its session TTL. Its session expires, B (a harness client waiting on L) is granted t2 > t1 and writes. A is
 * resumed and writes with t1.
 * <ul>
 *     <li>Fenced (F5): the resource rejects t1 (L5 holds, the stale write is counted), A's library reports the
 *     session LOST and the lock no longer held (S5), A's old session is refused (S4), and the audit shows the
 *     expiry released L exactly once (S3) before the grant to B (L2).</li>
 *     <li>Unfenced (F5n, the negative control): the same run against a resource that does not check tokens must be
 *     caught by the lock checker as an L5 violation (a lost update); if it is not, the checker has no teeth and the
 *     scenario fails.</li>
 * </ul>
 */
public final class F5ClientPause implements Scenario
{
    private static final long TTL_MS = 2_000;
    private static final String LOCK = "/chaos/f5/lock";

    private final boolean fenced;

    /**
     * The scenario.
     *
     * @param fenced true for F5, false for the negative control F5n.
     */
    public F5ClientPause(final boolean fenced)
    {
        this.fenced = fenced;
    }

    /**
     * {@inheritDoc}
     */
    public String id()
    {
        return fenced ? "F5" : "F5n";
    }

    /**
     * {@inheritDoc}
     */
    public String title()
    {
        return fenced ? "client-pause-fenced" : "client-pause-unfenced-control";
    }

    /**
     * {@inheritDoc}
     */
    public void run(final ScenarioContext ctx)
    {
        if (!fenced)
        {
            ctx.expectViolation("L5");
        }
        final ClusterController cluster = ctx.cluster(new ClusterController.Options().nodes(3).gateways(1));
        final HistoryRecorder history = ctx.history();
        final LockWorkload bSide = new LockWorkload(history, List.of(LOCK), fenced, ctx.seed(), 30_000, 0);
        final FencedResource resource = bSide.resources().get(LOCK);
        final List<Acquisition> aAcquisitions = new ArrayList<>();
        ctx.checkLocks(bSide);
        ctx.checkLocks(() -> aAcquisitions, List::of);

        final RemoteClient a = ctx.remoteClient(0);
        a.request("open 1 " + String.join(",", cluster.gatewayEndpoints()) + " " + TTL_MS + " f5-a", "ok open", 60_000);
        final long aSession = sessionOf(a);

        final long invokeNs = System.nanoTime();
        final String[] acquired = a.request("acquire 0 " + LOCK + " 0", "acquire", 20_000);
        ctx.require("acquired".equals(acquired[0]), "setup", "A could not take the lock: " + String.join(" ", acquired));
        if (!"acquired".equals(acquired[0]))
        {
            return;
        }
        final long t1 = Long.parseLong(acquired[3]);
        aAcquisitions.add(Acquisition.granted(LOCK, aSession, t1, invokeNs, System.nanoTime()));
        ctx.countOp(Outcome.OK);

        final String[] prepared = a.request("prepare 0 " + LOCK, "prepared", 10_000);
        ctx.require("true".equals(prepared[4]), "setup", "A does not see its fresh lock as safe: " +
            String.join(" ", prepared));

        // B queues for L before A freezes, so the hand-off happens as soon as A's session expires.
        final WardenClient b = ctx.client("f5-b", cluster.gatewayEndpoints(), 10_000);
        final WardenLock bLock = new WardenLock(b, LOCK);
        final long[] t2 = new long[1];
        final Thread bThread = new Thread(() -> t2[0] = bSide.acquire(2, bLock, b.sessionId()), "f5-b");
        bThread.start();

        final long pauseNs = System.nanoTime();
        ctx.faults().fault("client-pause", "client-0", "SIGSTOP for " + 2 * TTL_MS + " ms");
        a.process().pause();
        try
        {
            bThread.join(30_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        ctx.require(t2[0] > 0, "liveness", "B was not granted the lock while A was paused");
        ctx.require(t2[0] > t1, "L1", "B's token " + t2[0] + " is not above A's " + t1);
        if (t2[0] > 0)
        {
            ctx.require(resource.write(b.sessionId(), t2[0]), "L5", "the resource refused B's fresh token");
            ctx.faults().recovery("hand-off", (System.nanoTime() - pauseNs) / 1_000_000);
        }
        final long pausedMs = (System.nanoTime() - pauseNs) / 1_000_000;
        if (pausedMs < 2 * TTL_MS)
        {
            ctx.sleep(2 * TTL_MS - pausedMs);
        }
        a.process().resume();

        // A wakes up between its check and its write, and writes with its stale token.
        final String[] write = a.request("commit 0 " + LOCK, "write", 10_000);
        final boolean accepted = resource.write(Long.parseLong(write[3]), Long.parseLong(write[4]));
        ctx.note("stale-write=" + (accepted ? "accepted" : "rejected"));
        if (fenced)
        {
            ctx.require(!accepted, "L5", "the fenced resource accepted A's stale token " + write[4]);
        }

        // S5: A's library learns that its session is gone and stops claiming the lock.
        final long resumedNs = System.nanoTime();
        String state = "";
        while (System.nanoTime() - resumedNs < 10_000_000_000L)
        {
            state = a.request("state 0", "state", 10_000)[2];
            if ("LOST".equals(state))
            {
                break;
            }
            ctx.sleep(50);
        }
        ctx.require("LOST".equals(state), "S5", "A's client did not report its session lost within 10 s of " +
            "resuming (state " + state + ")");
        ctx.faults().recovery("client-learns-lost", (System.nanoTime() - resumedNs) / 1_000_000);
        final String[] recheck = a.request("prepare 0 " + LOCK, "prepared", 10_000);
        ctx.require("false".equals(recheck[4]) && "0".equals(recheck[3]), "S5",
            "after resuming, A's lock still claims to be safe or held: " + String.join(" ", recheck));

        // S4: A's old session is refused.
        final String[] put = a.request("put 0 /chaos/f5/after-expiry a", "put", 10_000);
        ctx.require("put-failed".equals(put[0]), "S4", "A's expired session still wrote: " + String.join(" ", put));
        ctx.countOp("put-failed".equals(put[0]) ? Outcome.FAIL : Outcome.OK);

        if (t2[0] > 0)
        {
            bSide.release(2, bLock, t2[0]);
        }
    }

    private static long sessionOf(final RemoteClient a)
    {
        final String[] state = a.request("state 0", "state", 10_000);
        return Long.parseLong(state[4]);
    }
}
