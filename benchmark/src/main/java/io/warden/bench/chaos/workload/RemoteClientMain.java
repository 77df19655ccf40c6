package io.warden.bench.chaos.workload;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.client.ConnectionState;
import io.warden.client.PutResult;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.client.WardenLock;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client JVM that the harness can pause or kill as a whole (a client "GC pause" must stop the client's own
 * keepalives, so it cannot run inside the harness). It runs Warden clients on one media driver and obeys a line
 * protocol on stdin, answering on stdout; {@link RemoteClient} is the harness side.
 * <pre>
 * open N ENDPOINTS TTL_MS NAME      -> opened I SESSION (each), then "ok open"
 * acquire I LOCK WAIT_MS            -> acquired I LOCK TOKEN | acquire-failed I LOCK CODE
 * prepare I LOCK                    -> prepared I LOCK TOKEN SAFE     (the check before a protected write)
 * commit I LOCK                     -> write I LOCK SESSION TOKEN     (the write itself, no second check)
 * put I KEY VALUE | put-ephemeral I KEY VALUE -> put-ok I KEY REVISION | put-failed I KEY CODE
 * state I                           -> state I STATE SAFE SESSION
 * exit                              -> bye
 * (asynchronously)                  -> event I state STATE
 * </pre>
 * Only the client library and the JDK are used, so the classpath is the client jar plus this class. Runs until
 * {@code exit} or end of input.
 */
public final class RemoteClientMain
{
    private final PrintStream out;
    private final List<WardenClient> clients = new ArrayList<>();
    private final Map<String, WardenLock> locks = new HashMap<>();
    private final Map<String, Long> prepared = new HashMap<>();
    private final String aeronDir;
    private final String responseHost;
    private MediaDriver driver;

    private RemoteClientMain(final PrintStream out, final String aeronDir, final String responseHost)
    {
        this.out = out;
        this.aeronDir = aeronDir;
        this.responseHost = responseHost;
    }

    /**
     * Run the protocol on stdin and stdout.
     *
     * @param args {@code aeronDir responseHost}.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final RemoteClientMain main = new RemoteClientMain(out, args[0], args[1]);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                if (!main.onCommand(line.trim().split(" ")))
                {
                    break;
                }
            }
        }
        finally
        {
            main.close();
        }
        out.println("bye");
    }

    private synchronized void println(final String line)
    {
        out.println(line);
    }

    private boolean onCommand(final String[] words)
    {
        try
        {
            switch (words[0])
            {
                case "open" -> open(Integer.parseInt(words[1]), words[2], Long.parseLong(words[3]), words[4]);
                case "acquire" -> acquire(Integer.parseInt(words[1]), words[2], Long.parseLong(words[3]));
                case "prepare" -> prepare(Integer.parseInt(words[1]), words[2]);
                case "commit" -> commit(Integer.parseInt(words[1]), words[2]);
                case "put" -> put(Integer.parseInt(words[1]), words[2], words[3], false);
                case "put-ephemeral" -> put(Integer.parseInt(words[1]), words[2], words[3], true);
                case "state" -> state(Integer.parseInt(words[1]));
                case "exit" ->
                {
                    return false;
                }
                default -> println("error unknown command " + words[0]);
            }
        }
        catch (final RuntimeException ex)
        {
            println("error " + words[0] + " " + ex);
        }
        return true;
    }

    private void open(final int count, final String endpoints, final long ttlMs, final String name)
    {
        if (null == driver)
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        }
        for (int i = 0; i < count; i++)
        {
            final int index = clients.size();
            final WardenClient client = WardenClient.connect(new WardenClient.Context()
                .gatewayEndpoints(endpoints)
                .clientName(name + "-" + index)
                .sessionTtlMs(ttlMs)
                .requestTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                .connectTimeoutNs(TimeUnit.SECONDS.toNanos(30))
                .closeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
                .responseHost(responseHost)
                .aeronDirectoryName(aeronDir)
                .idleStrategy(new SleepingMillisIdleStrategy(1))
                .errorHandler(ex -> System.err.println("client " + index + ": " + ex))
                .connectionStateListener((c, state) -> println("event " + index + " state " + state)));
            clients.add(client);
            println("opened " + index + " " + client.sessionId());
        }
        println("ok open");
    }

    private WardenLock lock(final int index, final String name)
    {
        return locks.computeIfAbsent(index + "/" + name, k -> new WardenLock(clients.get(index), name));
    }

    private void acquire(final int index, final String name, final long waitMs)
    {
        final WardenLock lock = lock(index, name);
        try
        {
            final long token = clients.get(index).await(lock.acquireAsync(waitMs),
                waitMs + TimeUnit.SECONDS.toMillis(6), TimeUnit.MILLISECONDS);
            println("acquired " + index + " " + name + " " + token);
        }
        catch (final WardenException ex)
        {
            println("acquire-failed " + index + " " + name + " " + ex.code());
        }
    }

    private void prepare(final int index, final String name)
    {
        final WardenLock lock = lock(index, name);
        final long token = lock.fencingToken();
        prepared.put(index + "/" + name, token);
        println("prepared " + index + " " + name + " " + token + " " + lock.isSafe());
    }

    private void commit(final int index, final String name)
    {
        final long token = prepared.getOrDefault(index + "/" + name, 0L);
        println("write " + index + " " + name + " " + clients.get(index).sessionId() + " " + token);
    }

    private void put(final int index, final String key, final String value, final boolean ephemeral)
    {
        final WardenClient client = clients.get(index);
        try
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            final PutResult result = client.await(ephemeral ? client.putEphemeral(key, bytes) : client.put(key, bytes));
            println("put-ok " + index + " " + key + " " + result.revision());
        }
        catch (final WardenException ex)
        {
            println("put-failed " + index + " " + key + " " + ex.code());
        }
    }

    private void state(final int index)
    {
        final WardenClient client = clients.get(index);
        final ConnectionState state = client.state();
        println("state " + index + " " + state + " " + client.isSafe() + " " + client.sessionId());
    }

    private void close()
    {
        for (final WardenClient client : clients)
        {
            CloseHelper.quietClose(client);
        }
        CloseHelper.quietClose(driver);
    }
}
