package io.warden.schema;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The SCRAM-SHA-256 arithmetic (RFC 5802, RFC 7677) Warden's client, CLI, gateway and nodes share, so that a password
 * never leaves the client: the CLI stores only {@code storedKey} and {@code serverKey} (salted with PBKDF2), the client
 * proves it knows the password by answering a challenge, and a node checks the proof with two HMACs and a hash,
 * deterministically.
 * <p>
 * Example (what {@code warden user add} and a client's connect do):
 * <pre>{@code
 * byte[] salt = Scram.newSalt();
 * byte[] salted = Scram.saltedPassword("s3cret".toCharArray(), salt, Scram.DEFAULT_ITERATIONS);
 * byte[] storedKey = Scram.storedKey(salted);                  // kept by the cell
 * byte[] message = Scram.authMessage("alice", clientNonce, serverNonce, salt, Scram.DEFAULT_ITERATIONS);
 * byte[] proof = Scram.clientProof(salted, message);           // sent by the client
 * boolean ok = Scram.verify(storedKey, message, proof);        // checked by a node
 * }</pre>
 */
public final class Scram
{
    /** PBKDF2 iterations for new credentials: SCRAM's customary minimum is 4096. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** Fewest iterations a node accepts for a credential. */
    public static final int MIN_ITERATIONS = 1024;
    /** Most iterations a node accepts (each connect costs the client this many HMACs). */
    public static final int MAX_ITERATIONS = 1 << 20;
    /** Bytes of a salt and of a nonce. */
    public static final int SALT_LENGTH = 16;
    public static final int NONCE_LENGTH = 18;
    /** Bytes of a SHA-256 digest, HMAC-SHA-256 output, stored key, server key and proof. */
    public static final int KEY_LENGTH = 32;

    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram()
    {
    }

    /**
     * Fresh random salt (client or CLI side only; never on a node's apply path).
     */
    public static byte[] newSalt()
    {
        return random(SALT_LENGTH);
    }

    /**
     * Fresh random nonce (client and gateway side only).
     */
    public static byte[] newNonce()
    {
        return random(NONCE_LENGTH);
    }

    private static byte[] random(final int length)
    {
        final byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * PBKDF2-HMAC-SHA-256 of the password: the secret both keys derive from. Costly on purpose.
     */
    public static byte[] saltedPassword(final char[] password, final byte[] salt, final int iterations)
    {
        try
        {
            final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_LENGTH * 8);
            try
            {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            }
            finally
            {
                spec.clearPassword();
            }
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", ex);
        }
    }

    public static byte[] clientKey(final byte[] saltedPassword)
    {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    /**
     * SHA-256 of the client key: what the cell keeps to check proofs with (it cannot be used to log in).
     */
    public static byte[] storedKey(final byte[] saltedPassword)
    {
        return sha256(clientKey(saltedPassword));
    }

    /**
     * HMAC of the salted password with "Server Key": what the cell signs its answer with.
     */
    public static byte[] serverKey(final byte[] saltedPassword)
    {
        return hmac(saltedPassword, SERVER_KEY);
    }

    /**
     * The bytes a proof signs: the user, both nonces, the salt and the iteration count, so a proof is good for one
     * challenge only.
     */
    public static byte[] authMessage(
        final String user, final byte[] clientNonce, final byte[] serverNonce, final byte[] salt, final int iterations)
    {
        final byte[] name = user.getBytes(StandardCharsets.UTF_8);
        final byte[] message = new byte[4 + name.length + 4 + clientNonce.length + 4 + serverNonce.length + 4 +
            salt.length + 4];
        int at = put(message, 0, name);
        at = put(message, at, clientNonce);
        at = put(message, at, serverNonce);
        at = put(message, at, salt);
        putInt(message, at, iterations);
        return message;
    }

    private static int put(final byte[] target, final int at, final byte[] field)
    {
        putInt(target, at, field.length);
        System.arraycopy(field, 0, target, at + 4, field.length);
        return at + 4 + field.length;
    }

    private static void putInt(final byte[] target, final int at, final int value)
    {
        target[at] = (byte)(value >>> 24);
        target[at + 1] = (byte)(value >>> 16);
        target[at + 2] = (byte)(value >>> 8);
        target[at + 3] = (byte)value;
    }

    /**
     * The client's proof: client key XOR HMAC(stored key, auth message).
     */
    public static byte[] clientProof(final byte[] saltedPassword, final byte[] authMessage)
    {
        final byte[] clientKey = clientKey(saltedPassword);
        final byte[] signature = hmac(sha256(clientKey), authMessage);
        for (int i = 0; i < KEY_LENGTH; i++)
        {
            signature[i] ^= clientKey[i];
        }
        return signature;
    }

    /**
     * Does this proof show knowledge of the password behind {@code storedKey}? Constant time in the proof's content.
     */
    public static boolean verify(final byte[] storedKey, final byte[] authMessage, final byte[] proof)
    {
        if (proof == null || proof.length != KEY_LENGTH || storedKey == null || storedKey.length != KEY_LENGTH)
        {
            return false;
        }
        final byte[] clientKey = hmac(storedKey, authMessage);
        for (int i = 0; i < KEY_LENGTH; i++)
        {
            clientKey[i] ^= proof[i];
        }
        return MessageDigest.isEqual(sha256(clientKey), storedKey);
    }

    /**
     * The server's signature over the auth message, which a client may check to know the cell held its credential.
     */
    public static byte[] serverSignature(final byte[] serverKey, final byte[] authMessage)
    {
        return hmac(serverKey, authMessage);
    }

    public static byte[] hmac(final byte[] key, final byte[] message)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", ex);
        }
    }

    public static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}
