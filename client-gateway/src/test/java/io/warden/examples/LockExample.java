package io.warden.examples;

import io.warden.client.FenceGuard;
import io.warden.client.WardenClient;
import io.warden.client.WardenLock;

/**
 * The README's Java example, compiled and run by {@link ExamplesIT} so that it cannot drift from the API.
 */
public final class LockExample
{
    /** Stands in for a database or file store that checks fencing tokens on every write. */
    static final FenceGuard STORAGE = new FenceGuard();

    public static void main(final String[] args)
    {
        run(args.length > 0 ? args[0] : "127.0.0.1:7000", args.length > 1 ? args[1] : "warden");
    }

    static long run(final String gateways, final String credential)
    {
        try (WardenClient client = WardenClient.connect(new WardenClient.Context()
                .gatewayEndpoints(gateways)                 // one or more gateways, tried in turn
                .credential(credential)
                .sessionTtlMs(10_000));                     // locks die with the session if we die
            WardenLock lock = new WardenLock(client, "orders"))
        {
            final long token = lock.acquire();              // waits in FIFO order
            System.out.println("holding orders with fencing token " + token);
            if (lock.isSafe())                               // our lease has not run out
            {
                STORAGE.admit(token);                       // the resource rejects any older token from now on
            }
            lock.release();
            return token;
        }
    }
}
