package io.warden.node.domain.auth;

import io.warden.node.domain.Request;
import io.warden.node.domain.port.Replies;
import io.warden.schema.Principals;
import io.warden.schema.Scram;
import io.warden.schema.protocol.AuthListKind;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.RoleOp;
import io.warden.schema.protocol.UserOp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The requests that manage and use the cell's users and roles: the admin changes (UserChange, RoleChange, AuthSwitch),
 * the listing (AuthList), and a gateway's login of a client (AuthBegin, Authenticate). Everything here is a pure
 * function of the table and the request, so every node answers alike; the only cryptography is a few HMACs and
 * hashes ({@link Scram#verify}), never PBKDF2, which the client pays for.
 * <p>
 * Example (what the state machine does with a decoded UserChange):
 * <pre>{@code
 * authRequests.onUserChange(request, isAdministrator(request), UserOp.ADD, "alice", "", 4096, salt, stored, server);
 * }</pre>
 */
public final class AuthRequests
{
    private static final byte[] DECOY = "warden-decoy|".getBytes(StandardCharsets.US_ASCII);

    private final AuthTable auth;
    private final Replies replies;
    private final List<String> names = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    public AuthRequests(final AuthTable auth, final Replies replies)
    {
        this.auth = auth;
        this.replies = replies;
    }

    /**
     * Add, delete, re-password a user or grant or revoke it a role; only an administrator may.
     */
    public void onUserChange(
        final Request request,
        final boolean administrator,
        final UserOp op,
        final String user,
        final String role,
        final int iterations,
        final byte[] salt,
        final byte[] storedKey,
        final byte[] serverKey)
    {
        if (!administrator)
        {
            replies.admin(request, ResultCode.PERMISSION_DENIED, "user changes need the admin permission");
            return;
        }
        final ResultCode code;
        switch (op)
        {
            case ADD:
                code = auth.addUser(user, iterations, salt, storedKey, serverKey);
                break;
            case DELETE:
                code = auth.deleteUser(user);
                break;
            case PASSWD:
                code = auth.passwd(user, iterations, salt, storedKey, serverKey);
                break;
            case GRANT_ROLE:
                code = auth.grantRole(user, role);
                break;
            case REVOKE_ROLE:
                code = auth.revokeRole(user, role);
                break;
            default:
                code = ResultCode.INVALID_ARGUMENT;
                break;
        }
        replies.admin(request, code, code == ResultCode.OK ? "" : auth.lastDetail());
    }

    /**
     * Add or delete a role, or grant or revoke it permissions on a prefix; only an administrator may.
     */
    public void onRoleChange(
        final Request request,
        final boolean administrator,
        final RoleOp op,
        final String role,
        final ResourceType resource,
        final int permissions,
        final byte[] prefix)
    {
        if (!administrator)
        {
            replies.admin(request, ResultCode.PERMISSION_DENIED, "role changes need the admin permission");
            return;
        }
        final ResultCode code;
        switch (op)
        {
            case ADD:
                code = auth.addRole(role);
                break;
            case DELETE:
                code = auth.deleteRole(role);
                break;
            case GRANT:
                code = auth.grant(role, resource, prefix, permissions);
                break;
            case REVOKE:
                code = auth.revoke(role, resource, prefix, permissions);
                break;
            default:
                code = ResultCode.INVALID_ARGUMENT;
                break;
        }
        replies.admin(request, code, code == ResultCode.OK ? "" : auth.lastDetail());
    }

    /**
     * Turn authentication on (needs user root with role root) or off; only an administrator may.
     */
    public void onAuthSwitch(final Request request, final boolean administrator, final boolean enable)
    {
        if (!administrator)
        {
            replies.admin(request, ResultCode.PERMISSION_DENIED, "auth enable and disable need the admin permission");
            return;
        }
        final ResultCode code = enable ? auth.enable() : auth.disable();
        replies.admin(request, code, code == ResultCode.OK ? (enable ? "authentication on" : "authentication off") :
            auth.lastDetail());
    }

    /**
     * Users or roles, or one of them. Whether authentication is on is told to anyone (like {@code etcdctl auth
     * status}); the items only to an administrator.
     */
    public void onAuthList(
        final Request request, final boolean administrator, final AuthListKind kind, final String name)
    {
        names.clear();
        details.clear();
        if (!administrator)
        {
            replies.authList(request, ResultCode.PERMISSION_DENIED, auth.isEnabled(), names, details);
            return;
        }
        ResultCode code = ResultCode.OK;
        switch (kind)
        {
            case USERS:
                for (final User user : auth.users())
                {
                    addUser(user);
                }
                break;
            case ROLES:
                addRootRole();
                for (final Role role : auth.roles())
                {
                    addRole(role);
                }
                break;
            case USER:
                final User user = auth.user(name);
                if (user == null)
                {
                    code = ResultCode.NOT_FOUND;
                }
                else
                {
                    addUser(user);
                }
                break;
            case ROLE:
                final Role role = auth.role(name);
                if (Principals.ROOT.equals(name))
                {
                    addRootRole();
                }
                else if (role == null)
                {
                    code = ResultCode.NOT_FOUND;
                }
                else
                {
                    addRole(role);
                }
                break;
            default:
                code = ResultCode.INVALID_ARGUMENT;
                break;
        }
        replies.authList(request, code, auth.isEnabled(), names, details);
    }

    private void addUser(final User user)
    {
        names.add(user.name());
        details.add(String.join(",", user.roles()));
    }

    private void addRootRole()
    {
        names.add(Principals.ROOT);
        details.add("KEY  " + Permission.describe(Permission.ALL) + " (built in)");
    }

    private void addRole(final Role role)
    {
        final StringBuilder text = new StringBuilder();
        for (final Grant grant : role.grants())
        {
            text.append(text.length() == 0 ? "" : "\n").append(grant.resource()).append(' ')
                .append(new String(grant.prefix(), StandardCharsets.UTF_8)).append(' ')
                .append(Permission.describe(grant.permissions()));
        }
        names.add(role.name());
        details.add(text.toString());
    }

    /**
     * A user's salt and iterations, for the gateway to challenge its client with. An unknown user gets a salt made
     * up from its name and a secret of the cell (the server key of the first user by name), so that the answer does
     * not tell whether the user exists, and asking again gives the same salt.
     */
    public void onAuthBegin(final Request request, final String name)
    {
        final User user = auth.user(name);
        if (user != null)
        {
            replies.authBegin(request, ResultCode.OK, user.iterations(), user.salt());
            return;
        }
        replies.authBegin(request, ResultCode.OK, Scram.DEFAULT_ITERATIONS, decoySalt(name));
    }

    private byte[] decoySalt(final String name)
    {
        final byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        final byte[] message = Arrays.copyOf(DECOY, DECOY.length + nameBytes.length);
        System.arraycopy(nameBytes, 0, message, DECOY.length, nameBytes.length);
        final User first = auth.users().isEmpty() ? null : auth.users().iterator().next();
        final byte[] key = first == null ? DECOY : first.serverKey();
        return Arrays.copyOf(Scram.hmac(key, message), Scram.SALT_LENGTH);
    }

    /**
     * Check a client's proof: OK with its user id and the server signature, or UNAUTHORISED (for an unknown user,
     * a wrong password, or an auth message that names another user).
     */
    public void onAuthenticate(final Request request, final String name, final byte[] authMessage, final byte[] proof)
    {
        final User user = auth.user(name);
        if (user == null || !namesUser(authMessage, name) || !Scram.verify(user.storedKey(), authMessage, proof))
        {
            replies.authenticate(request, ResultCode.UNAUTHORISED, 0, null);
            return;
        }
        replies.authenticate(
            request, ResultCode.OK, user.userId(), Scram.serverSignature(user.serverKey(), authMessage));
    }

    /**
     * Does the auth message start with this user's name ({@link Scram#authMessage} puts it first, length-prefixed)?
     */
    private static boolean namesUser(final byte[] authMessage, final String name)
    {
        final byte[] expected = name.getBytes(StandardCharsets.UTF_8);
        if (authMessage.length < 4 + expected.length)
        {
            return false;
        }
        final int length = ((authMessage[0] & 0xFF) << 24) | ((authMessage[1] & 0xFF) << 16) |
            ((authMessage[2] & 0xFF) << 8) | (authMessage[3] & 0xFF);
        return length == expected.length && Arrays.equals(authMessage, 4, 4 + length, expected, 0, length);
    }
}
