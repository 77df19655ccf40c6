package io.warden.node.domain.auth;

import io.warden.schema.Principals;
import io.warden.schema.Scram;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every permission path of the replicated auth table: grants by resource and prefix, names under a prefix, admin and
 * root, revocation, role deletion, and the rules that keep root able to get in.
 */
final class AuthTableTest
{
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = new byte[Scram.KEY_LENGTH];

    private final AuthTable auth = new AuthTable();

    private long addUser(final String name)
    {
        assertEquals(ResultCode.OK, auth.addUser(name, Scram.DEFAULT_ITERATIONS, SALT, KEY, KEY), auth.lastDetail());
        return auth.user(name).userId();
    }

    private boolean allows(final long userId, final ResourceType resource, final String name, final int permission)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return auth.allows(userId, resource, bytes, bytes.length, permission);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGrantCoversItsPrefixItsResourceAndItsPermissionsOnly()
    {
        final long alice = addUser("alice");
        auth.addRole("orders-rw");
        auth.grant("orders-rw", ResourceType.KEY, bytes("/orders/"), Permission.READ | Permission.WRITE);
        auth.grantRole("alice", "orders-rw");

        assertTrue(allows(alice, ResourceType.KEY, "/orders/1", Permission.READ));
        assertTrue(allows(alice, ResourceType.KEY, "/orders/", Permission.WRITE), "the prefix itself");
        assertFalse(allows(alice, ResourceType.KEY, "/orders", Permission.READ), "shorter than the prefix");
        assertFalse(allows(alice, ResourceType.KEY, "/payments/1", Permission.READ), "another prefix");
        assertFalse(allows(alice, ResourceType.KEY, "/orders/1", Permission.WATCH), "another permission");
        assertFalse(allows(alice, ResourceType.LOCK, "/orders/1", Permission.READ), "another resource");
        assertFalse(allows(alice, ResourceType.KEY, "/", Permission.READ), "a wider range than granted");
    }

    @Test
    void locksAndElectionsHaveTheirOwnPrefixes()
    {
        final long worker = addUser("worker");
        auth.addRole("jobs");
        auth.grant("jobs", ResourceType.LOCK, bytes("jobs/"), Permission.ACQUIRE);
        auth.grant("jobs", ResourceType.ELECTION, bytes("jobs-leader"), Permission.CAMPAIGN | Permission.READ);
        auth.grantRole("worker", "jobs");

        assertTrue(allows(worker, ResourceType.LOCK, "jobs/7", Permission.ACQUIRE));
        assertFalse(allows(worker, ResourceType.LOCK, "jobs/7", Permission.READ));
        assertTrue(allows(worker, ResourceType.ELECTION, "jobs-leader", Permission.CAMPAIGN));
        assertFalse(allows(worker, ResourceType.ELECTION, "other-leader", Permission.CAMPAIGN));
        assertFalse(allows(worker, ResourceType.KEY, "jobs/7", Permission.ACQUIRE));
    }

    @Test
    void rootAndAdminMayDoEverythingUnknownUsersNothing()
    {
        final long root = addUser(Principals.ROOT);
        auth.grantRole(Principals.ROOT, Principals.ROOT);
        final long ops = addUser("ops");
        auth.addRole("admins");
        auth.grant("admins", ResourceType.KEY, new byte[0], Permission.ADMIN);
        auth.grantRole("ops", "admins");
        final long narrow = addUser("narrow");
        auth.addRole("config-admin");
        auth.grant("config-admin", ResourceType.KEY, bytes("/config/"), Permission.ADMIN);
        auth.grantRole("narrow", "config-admin");

        assertTrue(allows(root, ResourceType.ELECTION, "anything", Permission.CAMPAIGN));
        assertTrue(auth.isAdmin(root));
        assertTrue(allows(ops, ResourceType.KEY, "/x", Permission.WRITE), "admin implies every permission");
        assertTrue(auth.isAdmin(ops));
        assertTrue(allows(narrow, ResourceType.KEY, "/config/a", Permission.WRITE));
        assertFalse(allows(narrow, ResourceType.KEY, "/other", Permission.READ));
        assertFalse(auth.isAdmin(narrow), "admin on a prefix is not admin of the cell");
        assertFalse(allows(99, ResourceType.KEY, "/x", Permission.READ), "an unknown user");
        assertFalse(allows(Principals.NO_USER, ResourceType.KEY, "/x", Permission.READ));
        assertFalse(auth.isAdmin(Principals.GATEWAY_ADMIN_USER));
    }

    @Test
    void revokingPermissionsRolesAndRolesThemselves()
    {
        final long bob = addUser("bob");
        auth.addRole("rw");
        auth.grant("rw", ResourceType.KEY, bytes("/b/"), Permission.READ | Permission.WRITE);
        auth.grantRole("bob", "rw");

        assertEquals(ResultCode.OK, auth.revoke("rw", ResourceType.KEY, bytes("/b/"), Permission.WRITE));
        assertTrue(allows(bob, ResourceType.KEY, "/b/1", Permission.READ));
        assertFalse(allows(bob, ResourceType.KEY, "/b/1", Permission.WRITE));
        assertEquals(ResultCode.NOT_FOUND, auth.revoke("rw", ResourceType.KEY, bytes("/b/"), Permission.WRITE));

        assertEquals(ResultCode.OK, auth.revokeRole("bob", "rw"));
        assertFalse(allows(bob, ResourceType.KEY, "/b/1", Permission.READ));

        auth.grantRole("bob", "rw");
        assertEquals(ResultCode.OK, auth.deleteRole("rw"));
        assertFalse(allows(bob, ResourceType.KEY, "/b/1", Permission.READ));
        assertTrue(auth.user("bob").roles().isEmpty(), "a deleted role leaves every user");
    }

    @Test
    void grantsMergeOnOnePrefixAndStayInCanonicalOrder()
    {
        auth.addRole("r");
        auth.grant("r", ResourceType.LOCK, bytes("b"), Permission.ACQUIRE);
        auth.grant("r", ResourceType.KEY, bytes("/z"), Permission.READ);
        auth.grant("r", ResourceType.KEY, bytes("/a"), Permission.READ);
        auth.grant("r", ResourceType.KEY, bytes("/a"), Permission.WATCH);

        final java.util.List<Grant> grants = auth.role("r").grants();
        assertEquals(3, grants.size());
        assertEquals("/a", new String(grants.get(0).prefix(), StandardCharsets.UTF_8));
        assertEquals(Permission.READ | Permission.WATCH, grants.get(0).permissions());
        assertEquals("/z", new String(grants.get(1).prefix(), StandardCharsets.UTF_8));
        assertEquals(ResourceType.LOCK, grants.get(2).resource());
    }

    @Test
    void authenticationTurnsOnOnlyWithARootUserAndRootStaysReachable()
    {
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.enable());
        addUser(Principals.ROOT);
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.enable(), "root must hold role root");
        auth.grantRole(Principals.ROOT, Principals.ROOT);
        assertEquals(ResultCode.OK, auth.enable());
        assertTrue(auth.isEnabled());

        assertEquals(ResultCode.INVALID_ARGUMENT, auth.revokeRole(Principals.ROOT, Principals.ROOT));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.deleteUser(Principals.ROOT));
        assertEquals(ResultCode.NOT_FOUND, auth.grant(Principals.ROOT, ResourceType.KEY, bytes("/"), Permission.READ));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.deleteRole(Principals.ROOT));

        assertEquals(ResultCode.OK, auth.disable());
        assertEquals(ResultCode.OK, auth.deleteUser(Principals.ROOT));
    }

    @Test
    void badInputIsRefusedWithAReasonAndChangesNothing()
    {
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.addUser("has space", 4096, SALT, KEY, KEY));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.addUser("a,b", 4096, SALT, KEY, KEY));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.addUser("x".repeat(65), 4096, SALT, KEY, KEY));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.addUser("weak", 10, SALT, KEY, KEY));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.addUser("short", 4096, SALT, new byte[3], KEY));
        assertTrue(auth.users().isEmpty());
        addUser("carol");
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.addUser("carol", 4096, SALT, KEY, KEY));
        assertTrue(auth.lastDetail().contains("already exists"), auth.lastDetail());
        assertEquals(ResultCode.NOT_FOUND, auth.grantRole("carol", "missing"));
        assertEquals(ResultCode.NOT_FOUND, auth.grantRole("nobody", Principals.ROOT));
        auth.addRole("r");
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.grant("r", ResourceType.KEY, bytes("/"), 0));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.grant("r", ResourceType.KEY, bytes("/"), 1 << 7));
        assertEquals(ResultCode.INVALID_ARGUMENT, auth.grant("r", ResourceType.NULL_VAL, bytes("/"), 1));
        assertEquals(ResultCode.INVALID_ARGUMENT,
            auth.grant("r", ResourceType.KEY, new byte[WardenLimits.MAX_KEY_LENGTH + 1], 1));
        assertTrue(auth.role("r").grants().isEmpty());
        assertEquals(2, auth.nextUserId(), "refused adds took no user id");
    }
}
