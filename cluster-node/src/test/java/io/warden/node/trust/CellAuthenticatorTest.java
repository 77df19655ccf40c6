package io.warden.node.trust;

import io.aeron.security.SessionProxy;
import io.warden.schema.trust.CellCredentials;
import io.warden.schema.trust.CellProof;
import io.warden.schema.trust.CellSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's gate, driven the way Aeron's session manager drives it: connect request, connected-session polls,
 * challenge response, challenged-session polls.
 */
final class CellAuthenticatorTest
{
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    /** What Aeron's session proxy is told. */
    private static final class Proxy implements SessionProxy
    {
        final long sessionId;
        byte[] challenge;
        byte[] principal;
        boolean rejected;

        Proxy(final long sessionId)
        {
            this.sessionId = sessionId;
        }

        public long sessionId()
        {
            return sessionId;
        }

        public boolean challenge(final byte[] encodedChallenge)
        {
            challenge = encodedChallenge;
            return true;
        }

        public boolean authenticate(final byte[] encodedPrincipal)
        {
            principal = encodedPrincipal;
            return true;
        }

        public void reject()
        {
            rejected = true;
        }
    }

    @Test
    void aGatewayThatAnswersWithTheCellSecretIsAdmittedUnderItsName()
    {
        final Path file = secretFile(CellSecrets.newSecret(), CellSecrets.newSecret());
        final CellAuthenticator authenticator = new CellAuthenticator(file, warnings::add);

        final Proxy proxy = connect(authenticator, 7, new CellCredentials(file, CellSecrets.GATEWAY, "gateway-0"));

        assertFalse(proxy.rejected);
        assertArrayEquals("gateway:gateway-0".getBytes(StandardCharsets.US_ASCII), proxy.principal);
        assertEquals(1, authenticator.acceptedCount());
    }

    @Test
    void noCredentialsAHostileHelloOrTheWrongSecretIsRejected()
    {
        final String secret = CellSecrets.newSecret();
        final Path file = secretFile(secret, CellSecrets.newSecret());
        final Path other = dir.resolve("other.secret");
        CellSecrets.write(other, CellSecrets.newSecret(), CellSecrets.newSecret());
        final CellAuthenticator authenticator = new CellAuthenticator(file, warnings::add);

        final Proxy none = new Proxy(1);
        authenticator.onConnectRequest(1, new byte[0], 0);
        authenticator.onConnectedSession(none, 0);
        assertTrue(none.rejected);
        assertNull(none.challenge, "no challenge for a client without credentials");

        final Proxy hostile = new Proxy(2);
        authenticator.onConnectRequest(2, "warden-cell/1 root ../../etc".getBytes(StandardCharsets.US_ASCII), 0);
        authenticator.onConnectedSession(hostile, 0);
        assertTrue(hostile.rejected);

        final Proxy impostor = connect(authenticator, 3, new CellCredentials(other, CellSecrets.GATEWAY, "gw"));
        assertTrue(impostor.rejected);
        assertNull(impostor.principal);

        assertEquals(3, authenticator.rejectedCount());
        assertEquals(0, authenticator.acceptedCount());
        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.stream().noneMatch(w -> w.contains(secret)), "a warning never shows the secret");
    }

    @Test
    void anOperatorNeedsTheOperatorSecretNotTheGatewayOne()
    {
        final String gatewaySecret = CellSecrets.newSecret();
        final Path file = secretFile(gatewaySecret, CellSecrets.newSecret());
        final Path gatewayOnly = dir.resolve("gateway-only.secret");
        // a file whose operator line holds the gateway's secret: a gateway host cannot pose as an operator
        CellSecrets.write(gatewayOnly, gatewaySecret, gatewaySecret);
        final CellAuthenticator authenticator = new CellAuthenticator(file, warnings::add);

        final Proxy posing = connect(authenticator, 4, new CellCredentials(gatewayOnly, CellSecrets.OPERATOR, "ops"));
        final Proxy operator = connect(authenticator, 5, new CellCredentials(file, CellSecrets.OPERATOR, "ops"));

        assertTrue(posing.rejected);
        assertArrayEquals("operator:ops".getBytes(StandardCharsets.US_ASCII), operator.principal);
        assertTrue(CellProof.isOperator(operator.principal));
    }

    @Test
    void aChallengeLeftUnansweredIsRejectedAfterTheTimeout()
    {
        final Path file = secretFile(CellSecrets.newSecret(), null);
        final CellAuthenticator authenticator = new CellAuthenticator(file, warnings::add, 1_000);
        final Proxy silent = new Proxy(9);

        authenticator.onConnectRequest(9, CellProof.hello(CellSecrets.GATEWAY, "slow"), 0);
        authenticator.onConnectedSession(silent, 0);
        authenticator.onChallengedSession(silent, 500);
        assertFalse(silent.rejected);
        authenticator.onChallengedSession(silent, 1_001);

        assertTrue(silent.rejected);
    }

    @Test
    void aRotationAcceptsOldAndNewThenOnlyNewWithoutARestart() throws Exception
    {
        final String oldSecret = CellSecrets.newSecret();
        final String newSecret = CellSecrets.newSecret();
        final Path nodeFile = secretFile(oldSecret, null);
        final Path oldGateway = dir.resolve("old-gateway.secret");
        final Path newGateway = dir.resolve("new-gateway.secret");
        CellSecrets.write(oldGateway, oldSecret, null);
        CellSecrets.write(newGateway, newSecret, null);
        final CellAuthenticator authenticator = new CellAuthenticator(nodeFile, warnings::add);

        assertTrue(connect(authenticator, 1, new CellCredentials(newGateway, CellSecrets.GATEWAY, "g")).rejected);

        rewrite(nodeFile, oldSecret + "," + newSecret);
        assertFalse(connect(authenticator, 2, new CellCredentials(oldGateway, CellSecrets.GATEWAY, "g")).rejected);
        assertFalse(connect(authenticator, 3, new CellCredentials(newGateway, CellSecrets.GATEWAY, "g")).rejected);

        rewrite(nodeFile, newSecret);
        assertTrue(connect(authenticator, 4, new CellCredentials(oldGateway, CellSecrets.GATEWAY, "g")).rejected);
        assertFalse(connect(authenticator, 5, new CellCredentials(newGateway, CellSecrets.GATEWAY, "g")).rejected);
    }

    @Test
    void aSecretFileThatBecomesUnreadableKeepsTheSecretsLastRead() throws Exception
    {
        final String secret = CellSecrets.newSecret();
        final Path file = secretFile(secret, null);
        final Path gateway = dir.resolve("gateway.secret");
        CellSecrets.write(gateway, secret, null);
        final CellAuthenticator authenticator = new CellAuthenticator(file, warnings::add);

        Files.writeString(file, "gateway=not base64!\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertFalse(connect(authenticator, 1, new CellCredentials(gateway, CellSecrets.GATEWAY, "g")).rejected);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("keeping the cell secrets last read")), warnings::toString);
    }

    @Test
    void aMissingSecretFileStopsTheNodeFromStarting()
    {
        assertThrows(IllegalStateException.class,
            () -> new CellAuthenticator(dir.resolve("absent.secret"), warnings::add));
    }

    private Proxy connect(final CellAuthenticator authenticator, final long sessionId, final CellCredentials client)
    {
        final Proxy proxy = new Proxy(sessionId);
        authenticator.onConnectRequest(sessionId, client.encodedCredentials(), 0);
        authenticator.onConnectedSession(proxy, 0);
        if (proxy.challenge != null)
        {
            authenticator.onChallengeResponse(sessionId, client.onChallenge(proxy.challenge), 0);
            authenticator.onChallengedSession(proxy, 0);
        }
        return proxy;
    }

    private Path secretFile(final String gateway, final String operator)
    {
        final Path file = dir.resolve("cell.secret");
        CellSecrets.write(file, gateway, operator);
        return file;
    }

    private static void rewrite(final Path file, final String gateway) throws Exception
    {
        final FileTime before = Files.getLastModifiedTime(file);
        CellSecrets.write(file, gateway, null);
        // a rewrite within the file system's timestamp granularity must still be seen
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 1_000));
    }
}
