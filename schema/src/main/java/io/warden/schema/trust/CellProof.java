package io.warden.schema.trust;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The challenge-response by which a gateway or an operator tool proves to a node that it holds the cell's secret for
 * its role, without sending the secret: it says who it is ({@link #hello}), the node sends random bytes, and it
 * answers with {@code HMAC-SHA256(secret, "warden-cell/1|role|name|" + challenge)} ({@link #answer}). The principal
 * the node then gives the connection is {@code role:name} ({@link #principal}); the cluster log carries it, so every
 * node knows which connection is whose.
 * <p>
 * Example (both sides):
 * <pre>{@code
 * byte[] hello = CellProof.hello(CellSecrets.GATEWAY, "gateway-0");
 * CellProof.Identity who = CellProof.parseHello(hello);          // node
 * byte[] challenge = CellProof.newChallenge();                    // node
 * byte[] answer = CellProof.answer(secret, who.role(), who.name(), challenge);   // client
 * boolean ok = CellProof.verify(secrets.accepted(who.role()), who, challenge, answer);   // node
 * }</pre>
 */
public final class CellProof
{
    /** Bytes of a node's challenge. */
    public static final int CHALLENGE_LENGTH = 32;

    /** Longest name a connection may give itself. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final String PREFIX = "warden-cell/1";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Who a connection says it is.
     *
     * @param role {@link CellSecrets#GATEWAY} or {@link CellSecrets#OPERATOR}.
     * @param name its name, such as {@code gateway-0}.
     */
    public record Identity(String role, String name)
    {
        /**
         * @return {@code role:name}, the principal a node gives the connection.
         */
        public String principal()
        {
            return CellProof.principal(role, name);
        }
    }

    private CellProof()
    {
    }

    /**
     * The credentials a client sends with its connect request.
     *
     * @param role its role.
     * @param name its name.
     * @return {@code warden-cell/1 role name} in UTF-8.
     */
    public static byte[] hello(final String role, final String name)
    {
        checkIdentity(role, name);
        return (PREFIX + ' ' + role + ' ' + name).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parse what a client sent with its connect request.
     *
     * @param credentials the bytes, possibly null or hostile.
     * @return who it says it is, or null if the bytes are not a well-formed hello.
     */
    public static Identity parseHello(final byte[] credentials)
    {
        if (credentials == null || credentials.length > PREFIX.length() + MAX_NAME_LENGTH + 16)
        {
            return null;
        }
        final String[] parts = new String(credentials, StandardCharsets.US_ASCII).split(" ", -1);
        if (parts.length != 3 || !PREFIX.equals(parts[0]) || !isRole(parts[1]) || !NAME.matcher(parts[2]).matches())
        {
            return null;
        }
        return new Identity(parts[1], parts[2]);
    }

    /**
     * @return {@link #CHALLENGE_LENGTH} random bytes.
     */
    public static byte[] newChallenge()
    {
        final byte[] challenge = new byte[CHALLENGE_LENGTH];
        RANDOM.nextBytes(challenge);
        return challenge;
    }

    /**
     * A client's answer to a challenge.
     *
     * @param secret    the secret of its role.
     * @param role      its role.
     * @param name      its name.
     * @param challenge what the node sent.
     * @return the HMAC.
     */
    public static byte[] answer(final byte[] secret, final String role, final String name, final byte[] challenge)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((PREFIX + '|' + role + '|' + name + '|').getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(challenge);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    /**
     * Does the answer prove one of the accepted secrets? Compares in constant time.
     *
     * @param accepted  the secrets the node accepts for the identity's role.
     * @param identity  who the client said it is.
     * @param challenge what the node sent.
     * @param answer    what the client answered, possibly null or hostile.
     * @return whether one of the secrets produces the answer.
     */
    public static boolean verify(
        final List<byte[]> accepted, final Identity identity, final byte[] challenge, final byte[] answer)
    {
        boolean matched = false;
        if (answer != null)
        {
            for (final byte[] secret : accepted)
            {
                matched |= MessageDigest.isEqual(answer(secret, identity.role(), identity.name(), challenge), answer);
            }
        }
        return matched;
    }

    /**
     * @param role its role.
     * @param name its name.
     * @return {@code role:name}.
     */
    public static String principal(final String role, final String name)
    {
        return role + ':' + name;
    }

    /**
     * Is this principal (as the log carries it) an operator's?
     *
     * @param encodedPrincipal the principal bytes Aeron recorded for a connection, possibly null or empty.
     * @return whether it starts with {@code operator:}.
     */
    public static boolean isOperator(final byte[] encodedPrincipal)
    {
        final byte[] prefix = (CellSecrets.OPERATOR + ':').getBytes(StandardCharsets.US_ASCII);
        if (encodedPrincipal == null || encodedPrincipal.length <= prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (encodedPrincipal[i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isRole(final String role)
    {
        return CellSecrets.GATEWAY.equals(role) || CellSecrets.OPERATOR.equals(role);
    }

    private static void checkIdentity(final String role, final String name)
    {
        if (!isRole(role) || name == null || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("role must be " + CellSecrets.GATEWAY + " or " + CellSecrets.OPERATOR +
                " and the name 1 to " + MAX_NAME_LENGTH + " of [A-Za-z0-9._-]: " + role + ", " + name);
        }
    }
}
