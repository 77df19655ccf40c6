package io.warden.bench;

import io.warden.bench.targets.BenchClient;
import io.warden.bench.targets.ClientOptions;
import io.warden.bench.workload.HolderProcess;

/**
 * The lock holder of the session-expiry workload, in a JVM of its own: connects to a target with a session of the
 * given TTL, acquires the lock, prints {@code HELD <token>} on stdout, then sleeps until killed (the rig kills it
 * with SIGKILL).
 * <pre>
 * java -cp warden-bench.jar io.warden.bench.HolderMain &lt;target&gt; &lt;connect-spec&gt; &lt;lock&gt; &lt;ttlMs&gt;
 * </pre>
 */
public final class HolderMain
{
    private HolderMain()
    {
    }

    /**
     * Hold a lock until killed.
     *
     * @param args target name, connect spec, lock name, TTL in ms.
     * @throws Exception on failure to connect or acquire.
     */
    public static void main(final String[] args) throws Exception
    {
        if (4 != args.length)
        {
            System.err.println("usage: HolderMain <target> <connect-spec> <lock> <ttlMs>");
            System.exit(2);
        }
        LoadRig.quietLogging();
        final long ttlMs = Long.parseLong(args[3]);
        final BenchClient client = Targets.connect(args[0], args[1], new ClientOptions("expiry-holder", ttlMs));
        final long token = client.acquire(args[2], 60_000);
        System.out.println(HolderProcess.HELD_PREFIX + token);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
