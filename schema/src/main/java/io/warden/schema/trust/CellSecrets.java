package io.warden.schema.trust;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The cell's secrets, one list per role, read from a properties file that only its owner may read:
 * <pre>
 * # base64 of at least 32 random bytes each; during a rotation list old and new, comma-separated
 * gateway=q3J0...
 * operator=Zm9v...
 * </pre>
 * A node accepts every secret listed for a role; a client presents the first one of its role. Rotating without
 * downtime: list {@code old,new} on every node (nodes re-read the file at the next connect), give gateways and tools
 * {@code new} (they re-read it at every connect attempt), then list only {@code new} on the nodes.
 * <p>
 * Example:
 * <pre>{@code
 * CellSecrets secrets = CellSecrets.load(Path.of("run/cell.secret"));
 * byte[] mine = secrets.presented(CellSecrets.GATEWAY);
 * }</pre>
 */
public final class CellSecrets
{
    /** The role of a gateway: it may open and use sessions for its clients. */
    public static final String GATEWAY = "gateway";

    /** The role of an operator tool: it may also change limits and take snapshots. */
    public static final String OPERATOR = "operator";

    /** Fewest bytes a secret must have. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, List<byte[]>> byRole;

    private CellSecrets(final Map<String, List<byte[]>> byRole)
    {
        this.byRole = byRole;
    }

    /**
     * Read and check a secret file.
     *
     * @param file the file.
     * @return its secrets.
     * @throws IllegalStateException if the file is missing, readable by group or others, names an unknown role, or
     *                               holds a secret that is not base64 of at least {@link #MIN_SECRET_LENGTH} bytes.
     */
    public static CellSecrets load(final Path file)
    {
        requireOwnerOnly(file);
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the cell secret file " + file + ": " + ex, ex);
        }
        final Map<String, List<byte[]>> byRole = new LinkedHashMap<>();
        for (final String role : properties.stringPropertyNames())
        {
            if (!GATEWAY.equals(role) && !OPERATOR.equals(role))
            {
                throw new IllegalStateException(
                    file + ": unknown role '" + role + "' (the roles are " + GATEWAY + " and " + OPERATOR + ")");
            }
            final List<byte[]> secrets = new ArrayList<>();
            for (final String encoded : properties.getProperty(role).split(","))
            {
                secrets.add(decode(file, role, encoded.trim()));
            }
            byRole.put(role, List.copyOf(secrets));
        }
        return new CellSecrets(byRole);
    }

    /**
     * Refuse a file that group or others may read or write: the secret admits anyone to the cell.
     *
     * @param file the file.
     */
    public static void requireOwnerOnly(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalStateException("the cell secret file " + file + " does not exist (see README: Security)");
        }
        try
        {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            for (final PosixFilePermission permission : permissions)
            {
                if (GROUP_OR_OTHER.contains(permission))
                {
                    throw new IllegalStateException("the cell secret file " + file + " is " +
                        PosixFilePermissions.toString(permissions) + ": it must be readable by its owner only " +
                        "(chmod 600 " + file + ")");
                }
            }
        }
        catch (final UnsupportedOperationException ignore)
        {
            // not a POSIX file system: nothing to check
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the permissions of " + file + ": " + ex, ex);
        }
    }

    /**
     * The secrets a node accepts for a role: the newest rotation first, as listed.
     *
     * @param role {@link #GATEWAY} or {@link #OPERATOR}.
     * @return the secrets, empty when the role has none.
     */
    public List<byte[]> accepted(final String role)
    {
        return byRole.getOrDefault(role, List.of());
    }

    /**
     * The secret a client of this role presents: the first listed.
     *
     * @param role {@link #GATEWAY} or {@link #OPERATOR}.
     * @return the secret.
     * @throws IllegalStateException if the file has none for the role.
     */
    public byte[] presented(final String role)
    {
        final List<byte[]> secrets = accepted(role);
        if (secrets.isEmpty())
        {
            throw new IllegalStateException("the cell secret file holds no " + role + " secret");
        }
        return secrets.get(0);
    }

    /**
     * A fresh secret, base64 of {@link #MIN_SECRET_LENGTH} random bytes.
     *
     * @return the encoded secret.
     */
    public static String newSecret()
    {
        final byte[] bytes = new byte[MIN_SECRET_LENGTH];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Write a secret file readable by its owner only (tests and tools; the scripts write theirs with umask 077).
     *
     * @param file     the file, replaced if it exists.
     * @param gateway  encoded gateway secrets, comma-separated.
     * @param operator encoded operator secrets, comma-separated, or null for none.
     */
    public static void write(final Path file, final String gateway, final String operator)
    {
        final StringBuilder text = new StringBuilder("# Warden cell secrets (see README: Security)\n")
            .append(GATEWAY).append('=').append(gateway).append('\n');
        if (operator != null)
        {
            text.append(OPERATOR).append('=').append(operator).append('\n');
        }
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            final Path temporary = Files.createTempFile(parent, ".cell-secret", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write " + file + ": " + ex, ex);
        }
    }

    private static byte[] decode(final Path file, final String role, final String encoded)
    {
        final byte[] secret;
        try
        {
            secret = Base64.getDecoder().decode(encoded);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalStateException(file + ": a " + role + " secret is not base64", ex);
        }
        if (secret.length < MIN_SECRET_LENGTH)
        {
            throw new IllegalStateException(
                file + ": a " + role + " secret has " + secret.length + " bytes, fewer than " + MIN_SECRET_LENGTH);
        }
        return secret;
    }
}
