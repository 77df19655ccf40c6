package io.warden.node.domain;

import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.LimitsSpec;
import io.warden.schema.Principals;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.ConfigureLimitsDecoder;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session belongs to the gateway principal that opened it or last resumed it with its secret; requests for it from
 * another gateway's connections are refused with SESSION_NOT_OWNED and change nothing. Limits change only for an
 * operator. A principal's connections past the bound are not served.
 */
final class OwnershipTest
{
    private static final long GATEWAY_A = 1;
    private static final long GATEWAY_A_AGAIN = 2;
    private static final long GATEWAY_B = 7;
    private static final String LOCK = "/locks/victim";

    private final Harness h = new Harness();

    private long victim;
    private long token;

    private void openVictimThroughGatewayA()
    {
        h.routeOpened(GATEWAY_A, "gateway:gateway-a");
        h.routeOpened(GATEWAY_A_AGAIN, "gateway:gateway-a");
        h.routeOpened(GATEWAY_B, "gateway:gateway-b");
        h.route(GATEWAY_A);
        victim = h.openSession(60_000);
        token = h.acquire(victim, LOCK, 0).as(Reply.Lock.class).token();
        assertEquals(ResultCode.OK, h.put(victim, "/victim/key", "v").code());
    }

    @Test
    void anotherGatewaysRequestsForTheSessionAreRefusedAndChangeNothing()
    {
        openVictimThroughGatewayA();
        final long digest = h.digest();
        h.route(GATEWAY_B);

        assertEquals(ResultCode.SESSION_NOT_OWNED, h.release(victim, LOCK, token).code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.closeSession(victim).code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.put(victim, "/victim/key", "stolen").code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.deletePrefix(victim, "/").code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.acquire(victim, "/locks/other", 0).code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.campaign(victim, "/elections/e", "x").code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.lockStatus(victim, LOCK).code());

        assertEquals(digest, h.digest(), "no refused request changed the replicated state");
        assertEquals(token, h.route(GATEWAY_A).lockStatus(victim, LOCK).as(Reply.Lock.class).token());
    }

    @Test
    void aKeepAliveBatchRenewsOnlyTheSessionsItsGatewayOwns()
    {
        openVictimThroughGatewayA();
        h.route(GATEWAY_B);
        final long own = h.openSession(60_000);

        final Reply.KeepAlive answer = h.keepAlive(own, victim).as(Reply.KeepAlive.class);

        assertEquals(ResultCode.OK, answer.code());
        assertEquals(List.of(victim), answer.failedSessionIds());
        assertEquals(List.of(ResultCode.SESSION_NOT_OWNED), answer.failureCodes());
        h.advance(60_001);
        h.fireDueTimers();
        assertEquals(ResultCode.SESSION_EXPIRED, h.route(GATEWAY_A).lockStatus(victim, LOCK).code(),
            "the batch did not keep the victim alive: it expired one TTL after it was last renewed by its owner");
    }

    @Test
    void anotherConnectionOfTheSameGatewayMayUseTheSession()
    {
        openVictimThroughGatewayA();
        h.route(GATEWAY_A_AGAIN);

        assertEquals(ResultCode.OK, h.put(victim, "/victim/key", "after a reconnect").code());
        assertEquals(ResultCode.OK, h.keepAlive(victim).code());
        assertEquals(List.of(), h.keepAlive(victim).as(Reply.KeepAlive.class).failedSessionIds());
        assertEquals(ResultCode.OK, h.release(victim, LOCK, token).code());
    }

    @Test
    void resumingWithTheSecretMovesTheSessionToTheNewGateway()
    {
        openVictimThroughGatewayA();
        h.route(GATEWAY_B);
        assertEquals(ResultCode.UNAUTHORISED, h.resumeSession(victim, h.secretOf(victim) + 1).code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.put(victim, "/victim/key", "no").code());

        assertEquals(ResultCode.OK, h.resumeSession(victim, h.secretOf(victim)).code());

        assertEquals(ResultCode.OK, h.put(victim, "/victim/key", "moved").code());
        assertEquals(ResultCode.SESSION_NOT_OWNED, h.route(GATEWAY_A).put(victim, "/victim/key", "old").code());
    }

    @Test
    void limitsChangeOnlyForAnOperatorOrAGatewaysAdminCredential()
    {
        h.routeOpened(GATEWAY_B, "gateway:gateway-b");
        h.route(GATEWAY_B);
        final LimitsSpec smaller = new LimitsSpec().maxValueLength(1000);

        assertEquals(ResultCode.PERMISSION_DENIED, h.configureLimitsFromRoute(smaller).code());
        assertEquals(ResultCode.OK, h.configureLimits(smaller).code());

        final Request onBehalfOfAdmin = new Request().set(ConfigureLimitsDecoder.TEMPLATE_ID, GATEWAY_B, 99, 0, 0, 0);
        onBehalfOfAdmin.userId = Principals.GATEWAY_ADMIN_USER;
        h.machine().onConfigureLimits(onBehalfOfAdmin, new LimitsSpec().maxValueLength(2000));
        assertEquals(ResultCode.OK, h.replies().last().code());
        assertEquals(2000, h.status().as(Reply.Status.class).counters().maxValueLength());
    }

    @Test
    void aPrincipalsConnectionsPastTheBoundAreNotServedUntilAnOlderOneCloses()
    {
        final int bound = WardenLimits.MAX_CONNECTIONS_PER_PRINCIPAL;
        for (int i = 0; i < bound; i++)
        {
            assertTrue(h.routeOpened(100 + i, "gateway:greedy"));
        }
        assertFalse(h.routeOpened(100 + bound, "gateway:greedy"));
        assertTrue(h.routeOpened(200, "gateway:modest"), "another principal is not crowded out");
        assertFalse(h.machine().isRouteAdmitted(100 + bound));

        h.routeClosed(100);

        assertTrue(h.machine().isRouteAdmitted(100 + bound));
        assertTrue(h.machine().isRouteAdmitted(101));
    }
}
