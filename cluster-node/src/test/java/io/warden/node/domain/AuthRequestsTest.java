package io.warden.node.domain;

import io.warden.node.domain.auth.Permission;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.Principals;
import io.warden.schema.Scram;
import io.warden.schema.protocol.AuthListKind;
import io.warden.schema.protocol.ResourceType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users, roles and the switch through the state machine's requests: who may change them, what a login proves, and
 * that a refused change changes nothing.
 */
final class AuthRequestsTest
{
    private final Harness h = new Harness();

    private Harness asOperator()
    {
        return h.route(Harness.OPERATOR_ROUTE).asUser(Principals.NO_USER);
    }

    @Test
    void onlyAnAdministratorChangesUsersRolesAndTheSwitch()
    {
        final long digest = h.digest();
        h.route(Harness.DEFAULT_ROUTE).asUser(Principals.NO_USER);

        assertEquals(ResultCode.PERMISSION_DENIED, h.addUser("mallory", "pw").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.addRole("everything").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.authSwitch(true).code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.authList(AuthListKind.USERS, "").code());
        assertEquals(digest, h.digest());

        // while auth is off, a client that presented the gateway's admin credential administers
        h.asUser(Principals.GATEWAY_ADMIN_USER);
        assertEquals(ResultCode.OK, h.addUser("alice", "pw").code());
        assertNotEquals(digest, h.digest());
    }

    @Test
    void authCannotBeTurnedOnWithoutRootHoldingRoleRoot()
    {
        asOperator();
        final Reply.Admin refused = h.authSwitch(true).as(Reply.Admin.class);
        assertEquals(ResultCode.INVALID_ARGUMENT, refused.code());
        assertTrue(refused.detail().contains("root"), refused.detail());

        h.addUser(Principals.ROOT, "pw");
        assertEquals(ResultCode.INVALID_ARGUMENT, h.authSwitch(true).code());
        h.grantRole(Principals.ROOT, Principals.ROOT);
        assertEquals(ResultCode.OK, h.authSwitch(true).code());
        assertTrue(h.authList(AuthListKind.USERS, "").as(Reply.AuthList.class).enabled());
    }

    @Test
    void onceAuthIsOnOnlyAUserWithAdminAdministers()
    {
        final long root = h.enableAuthWithRoot();
        asOperator();
        h.addUser("alice", "alice-pw");
        final long alice = h.login("alice", "alice-pw").userId();

        h.route(Harness.DEFAULT_ROUTE).asUser(Principals.GATEWAY_ADMIN_USER);
        assertEquals(ResultCode.PERMISSION_DENIED, h.addUser("bob", "pw").code(),
            "the gateway's admin credential no longer administers once auth is on");
        h.asUser(alice);
        assertEquals(ResultCode.PERMISSION_DENIED, h.addRole("mine").code());
        assertEquals(ResultCode.PERMISSION_DENIED, h.grantRole("alice", Principals.ROOT).code());
        final Reply.AuthList denied = h.authList(AuthListKind.USERS, "").as(Reply.AuthList.class);
        assertEquals(ResultCode.PERMISSION_DENIED, denied.code());
        assertTrue(denied.enabled(), "whether auth is on is told to anyone");
        assertEquals(List.of(), denied.names());

        h.asUser(root);
        assertEquals(ResultCode.OK, h.addUser("bob", "pw").code());
        assertEquals(ResultCode.OK, h.addRole("ops").code());
        assertEquals(ResultCode.OK, h.grant("ops", ResourceType.KEY, "", Permission.ADMIN).code());
        assertEquals(ResultCode.OK, h.grantRole("alice", "ops").code());
        h.asUser(alice);
        assertEquals(ResultCode.OK, h.addUser("carol", "pw").code(), "admin on the empty key prefix administers");
    }

    @Test
    void rootCannotBeLockedOutWhileAuthIsOn()
    {
        final long root = h.enableAuthWithRoot();
        h.route(Harness.DEFAULT_ROUTE).asUser(root);
        assertEquals(ResultCode.INVALID_ARGUMENT, h.deleteUser(Principals.ROOT).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.revokeRole(Principals.ROOT, Principals.ROOT).code());
        assertEquals(ResultCode.OK, h.authSwitch(false).code());
        assertEquals(ResultCode.OK, h.revokeRole(Principals.ROOT, Principals.ROOT).code());
    }

    @Test
    void aLoginProvesThePasswordAndTheCellSignsItsAnswer()
    {
        asOperator();
        h.addUser("alice", "correct horse");
        final Reply.Authenticate ok = h.login("alice", "correct horse");
        assertEquals(ResultCode.OK, ok.code());
        assertTrue(ok.userId() > 0);

        final Reply.AuthBegin begin = h.authBegin("alice").as(Reply.AuthBegin.class);
        final byte[] message = Scram.authMessage("alice", bytes("c"), bytes("s"), begin.salt(), begin.iterations());
        final byte[] salted = Scram.saltedPassword("correct horse".toCharArray(), begin.salt(), begin.iterations());
        final Reply.Authenticate signed = h.authenticate("alice", message, Scram.clientProof(salted, message))
            .as(Reply.Authenticate.class);
        assertArrayEquals(Scram.serverSignature(Scram.serverKey(salted), message), signed.serverSignature());

        assertEquals(ResultCode.UNAUTHORISED, h.login("alice", "wrong").code());
        assertEquals(0, h.login("alice", "wrong").userId());
        assertEquals(ResultCode.UNAUTHORISED, h.login("nobody", "anything").code());
    }

    @Test
    void aProofForOneUserDoesNotLogInAnother()
    {
        asOperator();
        h.addUser("alice", "same");
        h.addUser("bob", "same");
        final Reply.AuthBegin begin = h.authBegin("alice").as(Reply.AuthBegin.class);
        final byte[] message = Scram.authMessage("alice", bytes("c"), bytes("s"), begin.salt(), begin.iterations());
        final byte[] proof = Scram.clientProof(
            Scram.saltedPassword("same".toCharArray(), begin.salt(), begin.iterations()), message);
        assertEquals(ResultCode.UNAUTHORISED, h.authenticate("bob", message, proof).code());
        assertEquals(ResultCode.UNAUTHORISED, h.authenticate("alice", message, new byte[3]).code());
    }

    @Test
    void anUnknownUserGetsAStableSaltThatLooksLikeARealOne()
    {
        asOperator();
        h.addUser("alice", "pw");
        final Reply.AuthBegin real = h.authBegin("alice").as(Reply.AuthBegin.class);
        final Reply.AuthBegin decoy = h.authBegin("eve").as(Reply.AuthBegin.class);
        final Reply.AuthBegin again = h.authBegin("eve").as(Reply.AuthBegin.class);
        assertEquals(ResultCode.OK, decoy.code());
        assertArrayEquals(decoy.salt(), again.salt());
        assertEquals(Scram.SALT_LENGTH, decoy.salt().length);
        assertEquals(Scram.DEFAULT_ITERATIONS, decoy.iterations());
        assertFalse(java.util.Arrays.equals(real.salt(), decoy.salt()));
        assertFalse(java.util.Arrays.equals(decoy.salt(), h.authBegin("mallory").as(Reply.AuthBegin.class).salt()));
    }

    @Test
    void aDeletedUserCanNeitherLogInNorAct()
    {
        final long root = h.enableAuthWithRoot();
        asOperator();
        h.addUser("alice", "pw");
        h.addRole("rw");
        h.grant("rw", ResourceType.KEY, "/a/", Permission.READ | Permission.WRITE);
        h.grantRole("alice", "rw");
        final long alice = h.login("alice", "pw").userId();
        h.route(Harness.DEFAULT_ROUTE).asUser(alice);
        final long session = h.openSession();
        assertEquals(ResultCode.OK, h.put(session, "/a/k", "v").code());

        h.asUser(root);
        assertEquals(ResultCode.OK, h.deleteUser("alice").code());
        h.asUser(alice);
        assertEquals(ResultCode.PERMISSION_DENIED, h.put(session, "/a/k", "w").code());
        assertEquals(ResultCode.UNAUTHORISED, h.login("alice", "pw").code());
    }

    @Test
    void aNewPasswordReplacesTheOld()
    {
        asOperator();
        h.addUser("alice", "old");
        assertEquals(ResultCode.OK, h.passwd("alice", "new").code());
        assertEquals(ResultCode.UNAUTHORISED, h.login("alice", "old").code());
        assertEquals(ResultCode.OK, h.login("alice", "new").code());
    }

    @Test
    void listingsShowUsersWithRolesAndRolesWithGrants()
    {
        asOperator();
        h.addUser("bob", "pw");
        h.addUser("alice", "pw");
        h.addRole("readers");
        h.grant("readers", ResourceType.KEY, "/config/", Permission.READ | Permission.WATCH);
        h.grant("readers", ResourceType.LOCK, "/locks/a", Permission.ACQUIRE);
        h.grantRole("alice", "readers");

        final Reply.AuthList users = h.authList(AuthListKind.USERS, "").as(Reply.AuthList.class);
        assertEquals(List.of("alice", "bob"), users.names());
        assertEquals(List.of("readers", ""), users.details());
        final Reply.AuthList roles = h.authList(AuthListKind.ROLES, "").as(Reply.AuthList.class);
        assertEquals(List.of(Principals.ROOT, "readers"), roles.names());
        assertEquals("KEY /config/ read,watch\nLOCK /locks/a lock", roles.details().get(1));
        assertEquals(List.of("alice"), h.authList(AuthListKind.USER, "alice").as(Reply.AuthList.class).names());
        assertEquals(ResultCode.NOT_FOUND, h.authList(AuthListKind.USER, "zed").code());
        assertEquals(ResultCode.NOT_FOUND, h.authList(AuthListKind.ROLE, "zed").code());
    }

    @Test
    void aRefusedChangeSaysWhyAndChangesNothing()
    {
        asOperator();
        h.addUser("alice", "pw");
        final long digest = h.digest();
        final Reply.Admin duplicate = h.addUser("alice", "other").as(Reply.Admin.class);
        assertEquals(ResultCode.INVALID_ARGUMENT, duplicate.code());
        assertTrue(duplicate.detail().contains("already exists"), duplicate.detail());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.addUser("with space", "pw").code());
        assertEquals(ResultCode.NOT_FOUND, h.grantRole("alice", "nope").code());
        assertEquals(ResultCode.NOT_FOUND, h.grant("nope", ResourceType.KEY, "/", Permission.READ).code());
        assertEquals(ResultCode.NOT_FOUND, h.deleteRole("nope").code());
        assertEquals(digest, h.digest());
        assertEquals(ResultCode.OK, h.login("alice", "pw").code());
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
