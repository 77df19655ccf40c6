package io.warden.client;

import io.warden.schema.Scram;
import io.warden.schema.protocol.AuthListKind;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.RoleOp;
import io.warden.schema.protocol.UserOp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The cell's users, roles and permissions, and its authentication switch ({@link WardenClient#auth()}), as etcd's
 * {@code user}, {@code role} and {@code auth} commands manage them. A password is salted and hashed here
 * (PBKDF2-HMAC-SHA-256, {@link Scram#DEFAULT_ITERATIONS} iterations) and only the derived keys travel, so no password
 * is ever in the log. Permissions are granted to roles on a prefix of keys, lock names or election names; users hold
 * roles; the built-in role {@code root} holds everything. Authentication can be turned on once user {@code root}
 * holds role {@code root}.
 * <p>
 * Every change answers with the cell's verdict: the future fails with a {@link WardenException} whose code says why
 * ({@code PERMISSION_DENIED} without the admin permission, {@code NOT_FOUND}, {@code INVALID_ARGUMENT} with a
 * sentence), and a refused change changes nothing.
 * <pre>{@code
 * WardenAuth auth = admin.auth();
 * admin.await(auth.addUser("root", rootPassword));
 * admin.await(auth.grantRole("root", "root"));
 * admin.await(auth.addUser("billing", billingPassword));
 * admin.await(auth.addRole("billing-rw"));
 * admin.await(auth.grant("billing-rw", ResourceType.KEY, "/billing/",
 *     EnumSet.of(WardenAuth.Permission.READ, WardenAuth.Permission.WRITE, WardenAuth.Permission.WATCH)));
 * admin.await(auth.grantRole("billing", "billing-rw"));
 * admin.await(auth.enable());
 * }</pre>
 */
public final class WardenAuth
{
    /**
     * What a grant allows on its prefix.
     */
    public enum Permission
    {
        /** Get, range, txn compares; describe a lock, check a fence; read an election's leader; a watch's events. */
        READ(1),
        /** Put, delete, delete-by-prefix, sequential keys, txn puts and deletes; proclaim. */
        WRITE(1 << 1),
        /** Acquire and release a lock. */
        LOCK(1 << 2),
        /** Campaign and resign in an election. */
        ELECT(1 << 3),
        /** Watch. */
        WATCH(1 << 4),
        /** Everything; on the empty key prefix also users, roles, auth and limits. */
        ADMIN(1 << 5);

        final int bit;

        Permission(final int bit)
        {
            this.bit = bit;
        }

        /**
         * The permission named as etcdctl-style text: read, write, readwrite, lock, elect, watch, admin.
         * <pre>{@code Set<WardenAuth.Permission> p = WardenAuth.Permission.parse("read,watch"); }</pre>
         *
         * @param text comma-separated names.
         * @return the permissions.
         */
        public static Set<Permission> parse(final String text)
        {
            final java.util.EnumSet<Permission> permissions = java.util.EnumSet.noneOf(Permission.class);
            for (final String part : text.split(","))
            {
                final String name = part.trim().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("readwrite"))
                {
                    permissions.add(READ);
                    permissions.add(WRITE);
                }
                else if (!name.isEmpty())
                {
                    permissions.add(valueOf(name.toUpperCase(java.util.Locale.ROOT)));
                }
            }
            if (permissions.isEmpty())
            {
                throw new IllegalArgumentException("no permission in '" + text + "'");
            }
            return permissions;
        }
    }

    private final WardenClient client;

    WardenAuth(final WardenClient client)
    {
        this.client = client;
    }

    /**
     * Add a user with a password.
     * <pre>{@code client.await(client.auth().addUser("alice", password)); }</pre>
     *
     * @param user     1 to 64 printable ASCII characters, no spaces or commas.
     * @param password the password (hashed here, never sent).
     * @return completes when the cell has the user.
     */
    public CompletableFuture<String> addUser(final String user, final char[] password)
    {
        return credential(UserOp.ADD, user, password);
    }

    /**
     * Give a user a new password.
     * <pre>{@code client.await(client.auth().changePassword("alice", newPassword)); }</pre>
     *
     * @param user     the user.
     * @param password the new password.
     * @return completes when the cell has it.
     */
    public CompletableFuture<String> changePassword(final String user, final char[] password)
    {
        return credential(UserOp.PASSWD, user, password);
    }

    private CompletableFuture<String> credential(final UserOp op, final String user, final char[] password)
    {
        final byte[] salt = Scram.newSalt();
        final byte[] salted = Scram.saltedPassword(password, salt, Scram.DEFAULT_ITERATIONS);
        final byte[] storedKey = Scram.storedKey(salted);
        final byte[] serverKey = Scram.serverKey(salted);
        return admin((writer, buffer) -> writer.userChange(
            buffer, 0, op, user, null, Scram.DEFAULT_ITERATIONS, salt, storedKey, serverKey));
    }

    /**
     * Delete a user (root cannot be deleted while authentication is on).
     * <pre>{@code client.await(client.auth().deleteUser("alice")); }</pre>
     *
     * @param user the user.
     * @return completes when the user is gone.
     */
    public CompletableFuture<String> deleteUser(final String user)
    {
        return admin((writer, buffer) -> writer.userChange(buffer, 0, UserOp.DELETE, user, null, 0, null, null, null));
    }

    /**
     * Give a user a role.
     * <pre>{@code client.await(client.auth().grantRole("alice", "config-reader")); }</pre>
     *
     * @param user the user.
     * @param role the role ({@code root} for everything).
     * @return completes when the user holds it.
     */
    public CompletableFuture<String> grantRole(final String user, final String role)
    {
        return admin((writer, buffer) ->
            writer.userChange(buffer, 0, UserOp.GRANT_ROLE, user, role, 0, null, null, null));
    }

    /**
     * Take a role from a user.
     * <pre>{@code client.await(client.auth().revokeRole("alice", "config-reader")); }</pre>
     *
     * @param user the user.
     * @param role the role.
     * @return completes when the user no longer holds it.
     */
    public CompletableFuture<String> revokeRole(final String user, final String role)
    {
        return admin((writer, buffer) ->
            writer.userChange(buffer, 0, UserOp.REVOKE_ROLE, user, role, 0, null, null, null));
    }

    /**
     * Add a role with no permissions.
     * <pre>{@code client.await(client.auth().addRole("config-reader")); }</pre>
     *
     * @param role the role.
     * @return completes when the cell has it.
     */
    public CompletableFuture<String> addRole(final String role)
    {
        return admin((writer, buffer) -> writer.roleChange(buffer, 0, RoleOp.ADD, role, ResourceType.KEY, 0, null));
    }

    /**
     * Delete a role (users holding it lose it).
     * <pre>{@code client.await(client.auth().deleteRole("config-reader")); }</pre>
     *
     * @param role the role.
     * @return completes when it is gone.
     */
    public CompletableFuture<String> deleteRole(final String role)
    {
        return admin((writer, buffer) -> writer.roleChange(buffer, 0, RoleOp.DELETE, role, ResourceType.KEY, 0, null));
    }

    /**
     * Let a role do these things to every key, lock or election whose name starts with the prefix.
     * <pre>{@code client.await(client.auth().grant("r", ResourceType.LOCK, "/locks/b/", EnumSet.of(LOCK))); }</pre>
     *
     * @param role        the role.
     * @param resource    keys, lock names or election names.
     * @param prefix      the prefix (empty for all).
     * @param permissions what it may do.
     * @return completes when the role holds the grant.
     */
    public CompletableFuture<String> grant(
        final String role, final ResourceType resource, final String prefix, final Set<Permission> permissions)
    {
        final int bits = bits(permissions);
        return admin((writer, buffer) -> writer.roleChange(buffer, 0, RoleOp.GRANT, role, resource, bits, prefix));
    }

    /**
     * Take permissions on a prefix from a role.
     * <pre>{@code client.await(client.auth().revoke("r", ResourceType.KEY, "/config/", EnumSet.of(WRITE))); }</pre>
     *
     * @param role        the role.
     * @param resource    keys, lock names or election names.
     * @param prefix      the prefix of the grant.
     * @param permissions what to take away.
     * @return completes when they are gone.
     */
    public CompletableFuture<String> revoke(
        final String role, final ResourceType resource, final String prefix, final Set<Permission> permissions)
    {
        final int bits = bits(permissions);
        return admin((writer, buffer) -> writer.roleChange(buffer, 0, RoleOp.REVOKE, role, resource, bits, prefix));
    }

    /**
     * Turn authentication and permission checks on (needs user root holding role root).
     * <pre>{@code client.await(client.auth().enable()); }</pre>
     *
     * @return completes when they are on.
     */
    public CompletableFuture<String> enable()
    {
        return admin((writer, buffer) -> writer.authSwitch(buffer, 0, true));
    }

    /**
     * Turn authentication and permission checks off.
     * <pre>{@code client.await(client.auth().disable()); }</pre>
     *
     * @return completes when they are off.
     */
    public CompletableFuture<String> disable()
    {
        return admin((writer, buffer) -> writer.authSwitch(buffer, 0, false));
    }

    /**
     * Whether authentication is on (anyone may ask).
     * <pre>{@code boolean on = client.await(client.auth().status()).enabled(); }</pre>
     *
     * @return the listing, with items only for an administrator.
     */
    public CompletableFuture<AuthListing> status()
    {
        return list(AuthListKind.USERS, "", true);
    }

    /**
     * Every user with its roles.
     * <pre>{@code AuthListing users = client.await(client.auth().users()); }</pre>
     *
     * @return the users in name order.
     */
    public CompletableFuture<AuthListing> users()
    {
        return list(AuthListKind.USERS, "", false);
    }

    /**
     * Every role with its permissions (the built-in root first).
     * <pre>{@code AuthListing roles = client.await(client.auth().roles()); }</pre>
     *
     * @return the roles in name order.
     */
    public CompletableFuture<AuthListing> roles()
    {
        return list(AuthListKind.ROLES, "", false);
    }

    /**
     * One user with its roles (fails NOT_FOUND when there is none).
     * <pre>{@code AuthListing alice = client.await(client.auth().user("alice")); }</pre>
     *
     * @param user the user.
     * @return a listing of one.
     */
    public CompletableFuture<AuthListing> user(final String user)
    {
        return list(AuthListKind.USER, user, false);
    }

    /**
     * One role with its permissions (fails NOT_FOUND when there is none).
     * <pre>{@code AuthListing role = client.await(client.auth().role("config-reader")); }</pre>
     *
     * @param role the role.
     * @return a listing of one.
     */
    public CompletableFuture<AuthListing> role(final String role)
    {
        return list(AuthListKind.ROLE, role, false);
    }

    private CompletableFuture<AuthListing> list(final AuthListKind kind, final String name, final boolean statusOnly)
    {
        final Op op = new Op(Op.Kind.AUTH_LIST, new CompletableFuture<>());
        op.flag = statusOnly;
        op.encoding = (writer, buffer) -> writer.authList(buffer, 0, kind, name);
        return client.submit(op);
    }

    private CompletableFuture<String> admin(final Op.Encoding encoding)
    {
        final Op op = new Op(Op.Kind.ADMIN, new CompletableFuture<>());
        op.encoding = encoding;
        return client.submit(op);
    }

    private static int bits(final Set<Permission> permissions)
    {
        int bits = 0;
        for (final Permission permission : permissions)
        {
            bits |= permission.bit;
        }
        return bits;
    }
}
