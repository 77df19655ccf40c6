package io.warden.node.domain.auth;

import io.warden.schema.Principals;
import io.warden.schema.Scram;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;

/**
 * The cell's users and roles and whether their permissions are enforced. Every change is validated whole before it
 * is made, so a refused one changes nothing; the last refusal's reason is kept for the answer
 * ({@link #lastDetail()}). Iteration is in name order, so snapshots and digests are canonical.
 * <p>
 * The role {@value Principals#ROOT} is built in and may do everything; authentication can be turned on only while a
 * user {@value Principals#ROOT} holds it, and while it is on that user cannot lose it.
 * <p>
 * Example:
 * <pre>{@code
 * auth.addUser("root", 4096, salt, storedKey, serverKey);
 * auth.grantRole("root", "root");
 * auth.enable();
 * boolean ok = auth.allows(userId, ResourceType.KEY, key, keyLength, Permission.WRITE);
 * }</pre>
 */
public final class AuthTable
{
    private final TreeMap<String, User> usersByName = new TreeMap<>();
    private final Long2ObjectHashMap<User> usersById = new Long2ObjectHashMap<>();
    private final TreeMap<String, Role> rolesByName = new TreeMap<>();
    private boolean enabled;
    private long nextUserId = 1;
    private String lastDetail = "";

    public boolean isEnabled()
    {
        return enabled;
    }

    /**
     * Nothing was ever set: no users, no roles, off, no user id handed out (snapshots then carry no auth records).
     */
    public boolean isPristine()
    {
        return !enabled && usersByName.isEmpty() && rolesByName.isEmpty() && nextUserId == 1;
    }

    public long nextUserId()
    {
        return nextUserId;
    }

    /**
     * Why the last change was refused (empty after one that was made).
     */
    public String lastDetail()
    {
        return lastDetail;
    }

    public User user(final String name)
    {
        return usersByName.get(name);
    }

    public User user(final long userId)
    {
        return usersById.get(userId);
    }

    public Role role(final String name)
    {
        return rolesByName.get(name);
    }

    /**
     * Users in name order.
     */
    public Collection<User> users()
    {
        return usersByName.values();
    }

    /**
     * Roles in name order (the built-in root role is not among them).
     */
    public Collection<Role> roles()
    {
        return rolesByName.values();
    }

    // ------------------------------------------------------------------------------------------------ users

    public ResultCode addUser(
        final String name, final int iterations, final byte[] salt, final byte[] storedKey, final byte[] serverKey)
    {
        if (!checkName(name, "user") || !checkCredential(iterations, salt, storedKey, serverKey))
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        if (usersByName.containsKey(name))
        {
            return refuse(ResultCode.INVALID_ARGUMENT, "user " + name + " already exists");
        }
        if (usersByName.size() >= WardenLimits.MAX_USERS)
        {
            return refuse(ResultCode.LIMIT_EXCEEDED, "the cell holds " + WardenLimits.MAX_USERS + " users already");
        }
        final User user = new User(nextUserId++, name);
        setCredential(user, iterations, salt, storedKey, serverKey);
        usersByName.put(name, user);
        usersById.put(user.userId, user);
        return ok();
    }

    public ResultCode deleteUser(final String name)
    {
        final User user = usersByName.get(name);
        if (user == null)
        {
            return refuse(ResultCode.NOT_FOUND, "no user " + name);
        }
        if (enabled && Principals.ROOT.equals(name))
        {
            return refuse(ResultCode.INVALID_ARGUMENT, "user root cannot be deleted while authentication is on");
        }
        usersByName.remove(name);
        usersById.remove(user.userId);
        return ok();
    }

    public ResultCode passwd(
        final String name, final int iterations, final byte[] salt, final byte[] storedKey, final byte[] serverKey)
    {
        final User user = usersByName.get(name);
        if (user == null)
        {
            return refuse(ResultCode.NOT_FOUND, "no user " + name);
        }
        if (!checkCredential(iterations, salt, storedKey, serverKey))
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        setCredential(user, iterations, salt, storedKey, serverKey);
        return ok();
    }

    public ResultCode grantRole(final String userName, final String roleName)
    {
        final User user = usersByName.get(userName);
        if (user == null)
        {
            return refuse(ResultCode.NOT_FOUND, "no user " + userName);
        }
        if (!Principals.ROOT.equals(roleName) && !rolesByName.containsKey(roleName))
        {
            return refuse(ResultCode.NOT_FOUND, "no role " + roleName);
        }
        if (!user.roles.contains(roleName) && user.roles.size() >= WardenLimits.MAX_ROLES_PER_USER)
        {
            return refuse(ResultCode.LIMIT_EXCEEDED, "user " + userName + " holds " +
                WardenLimits.MAX_ROLES_PER_USER + " roles already");
        }
        user.roles.add(roleName);
        return ok();
    }

    public ResultCode revokeRole(final String userName, final String roleName)
    {
        final User user = usersByName.get(userName);
        if (user == null || !user.roles.contains(roleName))
        {
            return refuse(ResultCode.NOT_FOUND, "user " + userName + " does not hold role " + roleName);
        }
        if (enabled && Principals.ROOT.equals(userName) && Principals.ROOT.equals(roleName))
        {
            return refuse(ResultCode.INVALID_ARGUMENT, "user root keeps role root while authentication is on");
        }
        user.roles.remove(roleName);
        return ok();
    }

    // ------------------------------------------------------------------------------------------------ roles

    public ResultCode addRole(final String name)
    {
        if (!checkName(name, "role"))
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        if (Principals.ROOT.equals(name) || rolesByName.containsKey(name))
        {
            return refuse(ResultCode.INVALID_ARGUMENT, "role " + name + " already exists");
        }
        if (rolesByName.size() >= WardenLimits.MAX_ROLES)
        {
            return refuse(ResultCode.LIMIT_EXCEEDED, "the cell holds " + WardenLimits.MAX_ROLES + " roles already");
        }
        rolesByName.put(name, new Role(name));
        return ok();
    }

    public ResultCode deleteRole(final String name)
    {
        if (Principals.ROOT.equals(name))
        {
            return refuse(ResultCode.INVALID_ARGUMENT, "role root is built in");
        }
        if (rolesByName.remove(name) == null)
        {
            return refuse(ResultCode.NOT_FOUND, "no role " + name);
        }
        for (final User user : usersByName.values())
        {
            user.roles.remove(name);
        }
        return ok();
    }

    /**
     * Add permissions on a prefix to a role (merged with what it already has on that prefix).
     */
    public ResultCode grant(
        final String roleName, final ResourceType resource, final byte[] prefix, final int permissions)
    {
        final Role role = modifiableRole(roleName);
        if (role == null)
        {
            return ResultCode.NOT_FOUND;
        }
        if (!checkGrant(resource, prefix, permissions))
        {
            return ResultCode.INVALID_ARGUMENT;
        }
        final Grant existing = find(role, resource, prefix);
        if (existing != null)
        {
            existing.permissions |= permissions;
            return ok();
        }
        if (role.grants.size() >= WardenLimits.MAX_GRANTS_PER_ROLE)
        {
            return refuse(ResultCode.LIMIT_EXCEEDED, "role " + roleName + " holds " +
                WardenLimits.MAX_GRANTS_PER_ROLE + " grants already");
        }
        final Grant grant = new Grant(resource, prefix.clone(), permissions);
        int index = 0;
        while (index < role.grants.size() && Grant.compare(role.grants.get(index), grant) < 0)
        {
            index++;
        }
        role.grants.add(index, grant);
        return ok();
    }

    /**
     * Take permissions on a prefix away from a role (the grant goes when none are left).
     */
    public ResultCode revoke(
        final String roleName, final ResourceType resource, final byte[] prefix, final int permissions)
    {
        final Role role = modifiableRole(roleName);
        if (role == null)
        {
            return ResultCode.NOT_FOUND;
        }
        final Grant existing = resource == null || prefix == null ? null : find(role, resource, prefix);
        if (existing == null || (existing.permissions & permissions) == 0)
        {
            return refuse(ResultCode.NOT_FOUND, "role " + roleName + " has no such grant");
        }
        existing.permissions &= ~permissions;
        if (existing.permissions == 0)
        {
            role.grants.remove(existing);
        }
        return ok();
    }

    // ------------------------------------------------------------------------------------------------ switch

    public ResultCode enable()
    {
        final User root = usersByName.get(Principals.ROOT);
        if (root == null || !root.roles.contains(Principals.ROOT))
        {
            return refuse(ResultCode.INVALID_ARGUMENT,
                "authentication needs a user root holding role root first (warden user add root; " +
                "warden user grant-role root root)");
        }
        enabled = true;
        return ok();
    }

    public ResultCode disable()
    {
        enabled = false;
        return ok();
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * May this user do this to this name (or to every name under this prefix)? An unknown user may not; one holding
     * role root, or the admin permission on the covering prefix, may do anything.
     */
    public boolean allows(
        final long userId, final ResourceType resource, final byte[] name, final int length, final int permission)
    {
        final User user = usersById.get(userId);
        if (user == null)
        {
            return false;
        }
        for (final String roleName : user.roles)
        {
            if (Principals.ROOT.equals(roleName))
            {
                return true;
            }
            final Role role = rolesByName.get(roleName);
            if (role != null)
            {
                for (int i = 0, n = role.grants.size(); i < n; i++)
                {
                    final Grant grant = role.grants.get(i);
                    if ((grant.permissions & (permission | Permission.ADMIN)) != 0 &&
                        grant.covers(resource, name, length))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * May this user manage users, roles, auth and limits? Role root, or admin on the empty key prefix.
     */
    public boolean isAdmin(final long userId)
    {
        final User user = usersById.get(userId);
        return user != null && hasAdminEverywhere(user);
    }

    // ------------------------------------------------------------------------------------------------ restore

    /**
     * Restore the switch and the id counter from a snapshot.
     */
    public void restore(final boolean enabled, final long nextUserId)
    {
        this.enabled = enabled;
        this.nextUserId = nextUserId;
    }

    /**
     * Restore one user from a snapshot.
     */
    public User restoreUser(
        final long userId,
        final String name,
        final int iterations,
        final byte[] salt,
        final byte[] storedKey,
        final byte[] serverKey,
        final String[] roles)
    {
        final User user = new User(userId, name);
        setCredential(user, iterations, salt, storedKey, serverKey);
        Collections.addAll(user.roles, roles);
        usersByName.put(name, user);
        usersById.put(userId, user);
        return user;
    }

    /**
     * Restore one role from a snapshot (its grants follow with {@link #restoreGrant}).
     */
    public void restoreRole(final String name)
    {
        rolesByName.put(name, new Role(name));
    }

    public void restoreGrant(
        final String roleName, final ResourceType resource, final byte[] prefix, final int permissions)
    {
        rolesByName.get(roleName).grants.add(new Grant(resource, prefix, permissions));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private boolean hasAdminEverywhere(final User user)
    {
        if (user.roles.contains(Principals.ROOT))
        {
            return true;
        }
        for (final String roleName : user.roles)
        {
            final Role role = rolesByName.get(roleName);
            if (role != null)
            {
                for (final Grant grant : role.grants)
                {
                    if (grant.resource == ResourceType.KEY && grant.prefix.length == 0 &&
                        (grant.permissions & Permission.ADMIN) != 0)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private Role modifiableRole(final String name)
    {
        if (Principals.ROOT.equals(name))
        {
            refuse(ResultCode.NOT_FOUND, "role root is built in and holds every permission");
            return null;
        }
        final Role role = rolesByName.get(name);
        if (role == null)
        {
            refuse(ResultCode.NOT_FOUND, "no role " + name);
        }
        return role;
    }

    private static Grant find(final Role role, final ResourceType resource, final byte[] prefix)
    {
        for (final Grant grant : role.grants)
        {
            if (grant.isFor(resource, prefix))
            {
                return grant;
            }
        }
        return null;
    }

    private boolean checkName(final String name, final String what)
    {
        final byte[] bytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        boolean printable = bytes.length > 0 && bytes.length <= WardenLimits.MAX_AUTH_NAME_LENGTH;
        for (int i = 0; printable && i < bytes.length; i++)
        {
            printable = bytes[i] > 0x20 && bytes[i] < 0x7F && bytes[i] != ',';
        }
        if (!printable)
        {
            refuse(ResultCode.INVALID_ARGUMENT, "a " + what + " name is 1 to " + WardenLimits.MAX_AUTH_NAME_LENGTH +
                " printable ASCII characters without spaces or commas");
        }
        return printable;
    }

    private boolean checkCredential(
        final int iterations, final byte[] salt, final byte[] storedKey, final byte[] serverKey)
    {
        final boolean valid = iterations >= Scram.MIN_ITERATIONS && iterations <= Scram.MAX_ITERATIONS &&
            salt != null && salt.length >= 8 && salt.length <= 64 &&
            storedKey != null && storedKey.length == Scram.KEY_LENGTH &&
            serverKey != null && serverKey.length == Scram.KEY_LENGTH;
        if (!valid)
        {
            refuse(ResultCode.INVALID_ARGUMENT, "a credential is " + Scram.MIN_ITERATIONS + " to " +
                Scram.MAX_ITERATIONS + " PBKDF2 iterations, an 8 to 64 byte salt and two " + Scram.KEY_LENGTH +
                " byte keys");
        }
        return valid;
    }

    private boolean checkGrant(final ResourceType resource, final byte[] prefix, final int permissions)
    {
        final boolean valid = resource != null && resource != ResourceType.NULL_VAL && prefix != null &&
            prefix.length <= WardenLimits.MAX_KEY_LENGTH && permissions != 0 && (permissions & ~Permission.ALL) == 0;
        if (!valid)
        {
            refuse(ResultCode.INVALID_ARGUMENT, "a grant names KEY, LOCK or ELECTION, a prefix of at most " +
                WardenLimits.MAX_KEY_LENGTH + " bytes and at least one permission");
        }
        return valid;
    }

    private static void setCredential(
        final User user, final int iterations, final byte[] salt, final byte[] storedKey, final byte[] serverKey)
    {
        user.iterations = iterations;
        user.salt = salt.clone();
        user.storedKey = storedKey.clone();
        user.serverKey = serverKey.clone();
    }

    private ResultCode refuse(final ResultCode code, final String detail)
    {
        lastDetail = detail;
        return code;
    }

    private ResultCode ok()
    {
        lastDetail = "";
        return ResultCode.OK;
    }
}
