package io.warden.schema.trust;

import io.aeron.security.CredentialsSupplier;

import java.nio.file.Path;

/**
 * What a gateway or an operator tool hands {@code AeronCluster.Context.credentialsSupplier}: its hello at connect, and
 * the answer to the node's challenge, computed with the first secret of its role in the cell's secret file. The file
 * is read at every challenge, so a gateway picks up a rotated secret at its next connect without a restart.
 * <p>
 * Example:
 * <pre>{@code
 * new AeronCluster.Context()
 *     .credentialsSupplier(new CellCredentials(Path.of("run/cell.secret"), CellSecrets.GATEWAY, "gateway-0"));
 * }</pre>
 */
public final class CellCredentials implements CredentialsSupplier
{
    private final Path secretFile;
    private final String role;
    private final String name;

    /**
     * @param secretFile the cell's secret file.
     * @param role       {@link CellSecrets#GATEWAY} or {@link CellSecrets#OPERATOR}.
     * @param name       the name the connection goes by ([A-Za-z0-9._-], at most 64).
     */
    public CellCredentials(final Path secretFile, final String role, final String name)
    {
        CellProof.hello(role, name);
        this.secretFile = secretFile;
        this.role = role;
        this.name = name;
    }

    /**
     * {@inheritDoc}
     */
    public byte[] encodedCredentials()
    {
        return CellProof.hello(role, name);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] onChallenge(final byte[] encodedChallenge)
    {
        return CellProof.answer(CellSecrets.load(secretFile).presented(role), role, name, encodedChallenge);
    }

    /**
     * @return {@code role:name}.
     */
    public String principal()
    {
        return CellProof.principal(role, name);
    }
}
