package io.warden.node.trust;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;
import io.warden.schema.trust.CellProof;
import io.warden.schema.trust.CellSecrets;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Admits a connection only once it has answered a random challenge with an HMAC of a secret the cell's secret file
 * lists for its role ({@link CellProof}); everything else (no credentials, a malformed hello, a wrong or missing
 * answer, an unknown role) is rejected. The principal given is {@code role:name}.
 * <p>
 * The file is re-read when its modification time or size changes (checked at each connect request), so a rotation
 * needs no restart; a file that becomes unreadable or loosely permitted keeps the secrets last read and reports why.
 * A challenge unanswered for {@link #DEFAULT_CHALLENGE_TIMEOUT_MS} is rejected; at most {@link #MAX_PENDING}
 * connections may be between hello and answer at once, so a flood of hellos cannot grow it without bound.
 * <p>
 * Example:
 * <pre>{@code
 * consensusModuleContext.authenticatorSupplier(() -> new CellAuthenticator(Path.of("run/cell.secret"), log::warn));
 * }</pre>
 */
public final class CellAuthenticator implements Authenticator
{
    /** How long a challenged connection has to answer. */
    public static final long DEFAULT_CHALLENGE_TIMEOUT_MS = 5_000;

    /** Connections between hello and verdict at once. */
    public static final int MAX_PENDING = 1024;

    private enum Stage
    {
        REJECT, TO_CHALLENGE, CHALLENGED, ACCEPT
    }

    private static final class Pending
    {
        final CellProof.Identity identity;
        final long createdMs;
        final byte[] challenge;
        Stage stage;

        Pending(final CellProof.Identity identity, final long createdMs, final Stage stage)
        {
            this.identity = identity;
            this.createdMs = createdMs;
            this.challenge = identity == null ? null : CellProof.newChallenge();
            this.stage = stage;
        }
    }

    private final Path secretFile;
    private final Consumer<String> warnings;
    private final long challengeTimeoutMs;
    private final Long2ObjectHashMap<Pending> pending = new Long2ObjectHashMap<>();
    private CellSecrets secrets;
    private FileTime loadedTime;
    private long loadedSize = -1;
    private String lastReloadError;
    private long accepted;
    private long rejected;

    /**
     * Read the secret file now: a node without a valid one does not start.
     *
     * @param secretFile the cell's secret file.
     * @param warnings   where rejections and reload problems are reported (never with a secret).
     */
    public CellAuthenticator(final Path secretFile, final Consumer<String> warnings)
    {
        this(secretFile, warnings, DEFAULT_CHALLENGE_TIMEOUT_MS);
    }

    /**
     * @param secretFile         the cell's secret file.
     * @param warnings           where rejections and reload problems are reported.
     * @param challengeTimeoutMs how long a challenged connection has to answer.
     */
    public CellAuthenticator(final Path secretFile, final Consumer<String> warnings, final long challengeTimeoutMs)
    {
        this.secretFile = secretFile;
        this.warnings = warnings;
        this.challengeTimeoutMs = challengeTimeoutMs;
        this.secrets = CellSecrets.load(secretFile);
        rememberStamp();
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        reloadIfChanged();
        expire(nowMs);
        final CellProof.Identity identity = CellProof.parseHello(encodedCredentials);
        if (identity == null || pending.size() >= MAX_PENDING || secrets.accepted(identity.role()).isEmpty())
        {
            pending.put(sessionId, new Pending(null, nowMs, Stage.REJECT));
            warn("rejected cluster session " + sessionId + ": " + (identity == null ?
                "no Warden cell credentials" : pending.size() >= MAX_PENDING ?
                "too many connections authenticating at once" : "no " + identity.role() + " secret configured"));
            return;
        }
        pending.put(sessionId, new Pending(identity, nowMs, Stage.TO_CHALLENGE));
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final Pending entry = pending.get(sessionId);
        if (entry != null && entry.stage == Stage.CHALLENGED)
        {
            if (CellProof.verify(secrets.accepted(entry.identity.role()), entry.identity, entry.challenge,
                encodedCredentials))
            {
                entry.stage = Stage.ACCEPT;
            }
            else
            {
                entry.stage = Stage.REJECT;
                warn("rejected cluster session " + sessionId + " (" + entry.identity.principal() +
                    "): wrong answer to the challenge (not this cell's secret)");
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final Pending entry = pending.get(sessionProxy.sessionId());
        if (entry == null || entry.stage == Stage.REJECT)
        {
            reject(sessionProxy);
        }
        else if (entry.stage == Stage.TO_CHALLENGE && sessionProxy.challenge(entry.challenge))
        {
            entry.stage = Stage.CHALLENGED;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long sessionId = sessionProxy.sessionId();
        final Pending entry = pending.get(sessionId);
        if (entry == null || entry.stage == Stage.REJECT)
        {
            reject(sessionProxy);
        }
        else if (entry.stage == Stage.ACCEPT)
        {
            if (sessionProxy.authenticate(entry.identity.principal().getBytes(StandardCharsets.US_ASCII)))
            {
                pending.remove(sessionId);
                accepted++;
            }
        }
        else if (nowMs - entry.createdMs > challengeTimeoutMs)
        {
            warn("rejected cluster session " + sessionId + " (" + entry.identity.principal() +
                "): no answer to the challenge within " + challengeTimeoutMs + " ms");
            reject(sessionProxy);
        }
    }

    /**
     * @return connections admitted so far.
     */
    public long acceptedCount()
    {
        return accepted;
    }

    /**
     * @return connections rejected so far.
     */
    public long rejectedCount()
    {
        return rejected;
    }

    private void reject(final SessionProxy sessionProxy)
    {
        pending.remove(sessionProxy.sessionId());
        sessionProxy.reject();
        rejected++;
    }

    /**
     * Forget connections Aeron has given up on (it times out sessions that stop talking without telling us).
     */
    private void expire(final long nowMs)
    {
        final Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext())
        {
            if (nowMs - it.next().createdMs > 2 * challengeTimeoutMs)
            {
                it.remove();
            }
        }
    }

    private void reloadIfChanged()
    {
        try
        {
            final FileTime time = Files.getLastModifiedTime(secretFile);
            final long size = Files.size(secretFile);
            if (time.equals(loadedTime) && size == loadedSize)
            {
                return;
            }
            secrets = CellSecrets.load(secretFile);
            loadedTime = time;
            loadedSize = size;
            lastReloadError = null;
            warn("re-read the cell secret file " + secretFile);
        }
        catch (final IOException | RuntimeException ex)
        {
            final String why = String.valueOf(ex.getMessage());
            if (!why.equals(lastReloadError))
            {
                lastReloadError = why;
                warn("keeping the cell secrets last read: " + why);
            }
        }
    }

    private void rememberStamp()
    {
        try
        {
            loadedTime = Files.getLastModifiedTime(secretFile);
            loadedSize = Files.size(secretFile);
        }
        catch (final IOException ex)
        {
            loadedTime = null;
        }
    }

    private void warn(final String message)
    {
        warnings.accept(message);
    }
}
