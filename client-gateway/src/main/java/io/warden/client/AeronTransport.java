package io.warden.client;

import io.warden.schema.IdleStrategies;
import io.warden.schema.MonotonicEpochClock;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.AgentInvoker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client's Aeron: an optional embedded media driver (SHARED threading with backoff idle, or INVOKER in invoker
 * mode, in its own directory deleted on close), an Aeron client whose conductor is run by the client agent (no
 * conductor thread), one subscription for answers (port resolved before connecting) and one exclusive publication to
 * the current gateway (exclusive, so that every client has its own image, and so its own connection, at the gateway
 * even when clients share a media driver).
 * <p>
 * Thread: constructed on the thread calling {@link WardenClient#connect}, then used by the client agent only.
 */
final class AeronTransport implements ClientTransport
{
    private static final long NULL_REGISTRATION = -1;

    private final MediaDriver driver;
    private final AgentInvoker driverInvoker;
    private final Aeron aeron;
    private final AgentInvoker conductorInvoker;
    private final Subscription subscription;
    private final String responseChannel;
    private final int responseStreamId;
    private final int requestStreamId;
    private final int termLength;
    private final IntArrayList unavailableImages = new IntArrayList();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private Handler handler;
    private long registrationId = NULL_REGISTRATION;
    private ExclusivePublication publication;

    AeronTransport(final WardenClient.Context ctx)
    {
        MediaDriver driver = null;
        Aeron aeron = null;
        Subscription subscription = null;
        final ErrorHandler errorHandler = ctx.errorHandler();
        try
        {
            final Aeron.Context aeronContext = new Aeron.Context()
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .useConductorAgentInvoker(true)
                .clientName(ctx.clientName())
                .errorHandler(errorHandler);
            if (ctx.embeddedDriver())
            {
                // The driver and this client judge each other's liveness by epoch-clock heartbeats: on the wall
                // clock a forward step of more than 10 s times the client's own Aeron client out (Aeron #1758).
                // A driver of someone else's keeps Aeron's wall clock, which that driver uses too.
                final MonotonicEpochClock clock = MonotonicEpochClock.process();
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(ctx.aeronDirectoryName())
                    .threadingMode(ctx.useAgentInvoker() ? ThreadingMode.INVOKER : ThreadingMode.SHARED)
                    .sharedIdleStrategy(IdleStrategies.backoff())
                    .asyncExecutorEnabled(false)
                    .termBufferSparseFile(true)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .epochClock(clock)
                    .errorHandler(errorHandler));
                aeronContext.epochClock(clock);
            }
            final AgentInvoker driverInvoker = driver != null && ctx.useAgentInvoker() ?
                driver.sharedAgentInvoker() : null;
            aeron = Aeron.connect(aeronContext.driverAgentInvoker(driverInvoker));
            this.driverInvoker = driverInvoker;
            this.conductorInvoker = aeron.conductorAgentInvoker();
            subscription = aeron.addSubscription(
                "aeron:udp?endpoint=" + ctx.responseHost() + ":0", ctx.responseStreamId(),
                image -> { }, this::onUnavailableImage);
            final long deadlineNs = System.nanoTime() + ctx.connectTimeoutNs();
            while (subscription.resolvedEndpoint() == null)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new WardenException(io.warden.schema.protocol.ResultCode.TIMED_OUT,
                        "response subscription not bound on " + ctx.responseHost());
                }
                if (doInvokers() == 0)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(subscription, aeron, driver);
            throw ex;
        }
        this.driver = driver;
        this.aeron = aeron;
        this.subscription = subscription;
        this.responseChannel = "aeron:udp?endpoint=" + subscription.resolvedEndpoint();
        this.responseStreamId = ctx.responseStreamId();
        this.requestStreamId = ctx.requestStreamId();
        this.termLength = ctx.publicationTermLength();
    }

    private int doInvokers()
    {
        int work = 0;
        if (driverInvoker != null)
        {
            work += driverInvoker.invoke();
        }
        if (conductorInvoker != null)
        {
            work += conductorInvoker.invoke();
        }
        return work;
    }

    private void onUnavailableImage(final Image image)
    {
        unavailableImages.addInt(image.sessionId());
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        handler.onMessage(buffer, offset, length, header.sessionId());
    }

    public String responseChannel()
    {
        return responseChannel;
    }

    public int responseStreamId()
    {
        return responseStreamId;
    }

    public void connect(final String endpoint)
    {
        disconnect();
        registrationId = aeron.asyncAddExclusivePublication(
            "aeron:udp?endpoint=" + endpoint + "|term-length=" + termLength + "|sparse=true", requestStreamId);
    }

    public boolean isConnected()
    {
        return publication != null && publication.isConnected();
    }

    public int maxMessageLength()
    {
        return publication == null ? 0 : publication.maxMessageLength();
    }

    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return publication == null ? Publication.NOT_CONNECTED : publication.offer(buffer, offset, length);
    }

    public void disconnect()
    {
        if (publication != null)
        {
            CloseHelper.quietClose(publication);
            publication = null;
        }
        else if (registrationId != NULL_REGISTRATION)
        {
            try
            {
                aeron.asyncRemovePublication(registrationId);
            }
            catch (final RuntimeException ignore)
            {
                // never created; nothing to remove
            }
        }
        registrationId = NULL_REGISTRATION;
    }

    public int poll(final Handler handler, final int fragmentLimit)
    {
        this.handler = handler;
        int work = 0;
        if (!unavailableImages.isEmpty())
        {
            for (int i = 0; i < unavailableImages.size(); i++)
            {
                handler.onImageUnavailable(unavailableImages.getInt(i));
            }
            work += unavailableImages.size();
            unavailableImages.clear();
        }
        return work + subscription.poll(assembler, fragmentLimit);
    }

    public int doWork()
    {
        int work = doInvokers();
        if (registrationId != NULL_REGISTRATION && publication == null)
        {
            try
            {
                publication = aeron.getExclusivePublication(registrationId);
                if (publication != null)
                {
                    work++;
                }
            }
            catch (final RuntimeException ex)
            {
                registrationId = NULL_REGISTRATION;
            }
        }
        return work;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(publication, subscription, aeron, driver);
        publication = null;
    }
}
