package io.warden.gateway;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.warden.schema.IdleStrategies;
import io.warden.schema.MonotonicEpochClock;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;

/**
 * A Warden gateway: fronts the cluster for many clients over Aeron UDP, on one agent thread. Run it as its own
 * process ({@link GatewayLauncher}) or embed it:
 * <pre>{@code
 * try (Gateway gateway = Gateway.launch(new GatewayConfig()
 *     .requestEndpoint("127.0.0.1:7000")
 *     .clusterIngressEndpoints("0=127.0.0.1:9002,1=127.0.0.1:9102,2=127.0.0.1:9202")
 *     .credential("secret")))
 * {
 *     // clients connect to 127.0.0.1:7000
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable
{
    private final GatewayConfig config;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final GatewayCounters counters;
    private final GatewayAgent agent;
    private final AgentRunner runner;
    private final String requestEndpoint;

    private Gateway(final GatewayConfig config)
    {
        this.config = config.conclude();
        MediaDriver driver = null;
        Aeron aeron = null;
        GatewayCounters counters = null;
        try
        {
            final Aeron.Context aeronContext = new Aeron.Context().aeronDirectoryName(config.aeronDir());
            if (config.embeddedDriver())
            {
                // The driver and this client judge each other's liveness by epoch-clock heartbeats: on the wall
                // clock a forward step of more than 10 s times the gateway's own Aeron client out (Aeron #1758).
                final MonotonicEpochClock clock = MonotonicEpochClock.process();
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(config.aeronDir())
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(IdleStrategies.of(config.idleStrategy()))
                    .termBufferSparseFile(true)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .epochClock(clock));
                aeronContext.epochClock(clock);
            }
            aeron = Aeron.connect(aeronContext);
            counters = new GatewayCounters(aeron, config.gatewayId());
            this.agent = new GatewayAgent(config, aeron, counters);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(counters, aeron, driver);
            throw ex;
        }
        this.driver = driver;
        this.aeron = aeron;
        this.counters = counters;
        final long deadlineNs = System.nanoTime() + config.connectTimeoutNs();
        while (agent.resolvedRequestEndpoint() == null)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                CloseHelper.quietCloseAll(counters, aeron, driver);
                throw new IllegalStateException("request channel not bound: " + config.requestChannel());
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
        this.requestEndpoint = agent.resolvedRequestEndpoint();
        this.runner = new AgentRunner(IdleStrategies.of(config.idleStrategy()), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
    }

    /**
     * Start a gateway; close it to stop.
     */
    public static Gateway launch(final GatewayConfig config)
    {
        return new Gateway(config);
    }

    public GatewayConfig config()
    {
        return config;
    }

    /**
     * The {@code host:port} clients send requests to (port 0 in the config is resolved to the bound port).
     */
    public String requestEndpoint()
    {
        return requestEndpoint;
    }

    /**
     * The channel clients send requests to.
     */
    public String requestChannel()
    {
        return "aeron:udp?endpoint=" + requestEndpoint;
    }

    /**
     * The gateway's counters (tests read them; {@code AeronStat} shows them from outside).
     */
    GatewayCounters counters()
    {
        return counters;
    }

    public void close()
    {
        CloseHelper.closeAll(runner, counters, aeron, driver);
    }
}
