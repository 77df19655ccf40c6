package io.warden.bench.chaos.workload;

import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;

/**
 * What a well-behaved application does when its session is gone: open a new one before going on (as after a
 * ZooKeeper session expiry). Workloads call it before each operation, so a client whose session expired during a
 * fault keeps taking part instead of failing every call.
 */
public final class Sessions
{
    private Sessions()
    {
    }

    /**
     * Back off briefly after a failed renewal.
     */
    public static void pause()
    {
        try
        {
            Thread.sleep(100);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Open a new session if the client's was lost; quietly leave it lost if that fails (the next step tries again).
     *
     * @param client the client.
     * @return true when the client has a session now.
     */
    public static boolean renewIfLost(final WardenClient client)
    {
        if (client.state() != ConnectionState.LOST)
        {
            return true;
        }
        try
        {
            client.await(client.newSession());
            return true;
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }
}
