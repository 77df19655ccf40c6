package io.warden.schema;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScramTest
{
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void pbkdf2MatchesTheRfc7914TestVector()
    {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1, dkLen=64); the first 32 bytes
        final byte[] salted = Scram.saltedPassword("passwd".toCharArray(),
            "salt".getBytes(StandardCharsets.US_ASCII), 1);
        assertArrayEquals(HexFormat.of().parseHex(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"), salted);
    }

    @Test
    void theRightPasswordProvesItself()
    {
        final byte[] salted = Scram.saltedPassword("s3cret".toCharArray(), SALT, Scram.MIN_ITERATIONS);
        final byte[] message = Scram.authMessage("alice", new byte[]{1, 2}, new byte[]{3, 4}, SALT, 1024);
        assertTrue(Scram.verify(Scram.storedKey(salted), message, Scram.clientProof(salted, message)));
    }

    @Test
    void aWrongPasswordOrAnotherChallengeDoesNot()
    {
        final byte[] salted = Scram.saltedPassword("s3cret".toCharArray(), SALT, Scram.MIN_ITERATIONS);
        final byte[] wrong = Scram.saltedPassword("guess".toCharArray(), SALT, Scram.MIN_ITERATIONS);
        final byte[] message = Scram.authMessage("alice", new byte[]{1, 2}, new byte[]{3, 4}, SALT, 1024);
        final byte[] replayed = Scram.authMessage("alice", new byte[]{1, 2}, new byte[]{3, 5}, SALT, 1024);
        final byte[] storedKey = Scram.storedKey(salted);
        assertFalse(Scram.verify(storedKey, message, Scram.clientProof(wrong, message)));
        assertFalse(Scram.verify(storedKey, replayed, Scram.clientProof(salted, message)));
        assertFalse(Scram.verify(storedKey, message, new byte[5]));
        assertFalse(Scram.verify(storedKey, message, null));
    }

    @Test
    void theStoredKeyIsNotTheProof()
    {
        final byte[] salted = Scram.saltedPassword("s3cret".toCharArray(), SALT, Scram.MIN_ITERATIONS);
        final byte[] message = Scram.authMessage("alice", new byte[]{1}, new byte[]{2}, SALT, 1024);
        final byte[] storedKey = Scram.storedKey(salted);
        assertFalse(Scram.verify(storedKey, message, storedKey));
        assertFalse(Scram.verify(storedKey, message, Scram.serverKey(salted)));
    }
}
