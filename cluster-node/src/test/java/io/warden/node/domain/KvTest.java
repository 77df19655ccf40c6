package io.warden.node.domain;

import io.warden.node.domain.support.Bytes;
import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Entry;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.EventType;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

final class KvTest
{
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();
    private final long a = h.openSession(10_000);
    private final long b = h.openSession(20_000);

    private Entry entry(final String key)
    {
        return h.get(key).as(Reply.Get.class).entry();
    }

    @Test
    void putCreatesThenUpdatesWithVersionsAndRevisions()
    {
        final Reply created = h.put(a, "/config/limits", "v1");
        h.put(a, "/config/other", "o");
        final Reply updated = h.put(b, "/config/limits", "v2");

        assertEquals(new Reply.Put(ROUTE, created.correlationId(), ResultCode.OK, 1, 1, 1), created);
        assertEquals(new Reply.Put(ROUTE, updated.correlationId(), ResultCode.OK, 3, 1, 2), updated);
        final Reply got = h.get("/config/limits");
        assertEquals(
            new Reply.Get(ROUTE, got.correlationId(), ResultCode.OK, 3,
                new Entry("/config/limits", Bytes.of("v2"), 1, 3, 2, 0)),
            got);
    }

    @Test
    void getOfAMissingKeyIsNotFoundAtTheCurrentRevision()
    {
        h.put(a, "/k", "v");

        final Reply got = h.get("/missing");

        assertEquals(new Reply.Get(ROUTE, got.correlationId(), ResultCode.NOT_FOUND, 1, null), got);
    }

    @Test
    void deleteRemovesTheKeyAndARecreatedKeyStartsAfresh()
    {
        h.put(a, "/k", "v1");
        h.put(a, "/k", "v2");

        final Reply deleted = h.delete(a, "/k");
        final Reply again = h.delete(a, "/k");

        assertEquals(new Reply.Delete(ROUTE, deleted.correlationId(), ResultCode.OK, 3, 1), deleted);
        assertEquals(new Reply.Delete(ROUTE, again.correlationId(), ResultCode.OK, 3, 0), again);
        assertEquals(3, h.revision(), "deleting nothing takes no revision");
        assertEquals(ResultCode.NOT_FOUND, h.get("/k").code());

        h.put(a, "/k", "v3");
        assertEquals(new Entry("/k", Bytes.of("v3"), 4, 4, 1, 0), entry("/k"));
    }

    @Test
    void ephemeralKeysBelongToTheirSessionAndDieWithIt()
    {
        h.putEphemeral(a, "/svc/x", "addr");
        assertEquals(new Entry("/svc/x", Bytes.of("addr"), 1, 1, 1, a), entry("/svc/x"));
        h.put(a, "/svc/persistent", "p");

        h.closeSession(a);

        assertEquals(ResultCode.NOT_FOUND, h.get("/svc/x").code());
        assertEquals("p", entry("/svc/persistent").text());
        assertEquals(3, h.revision());
    }

    @Test
    void aPersistentPutTakesAKeyAwayFromItsOwner()
    {
        h.putEphemeral(a, "/svc/x", "mine");
        h.put(b, "/svc/x", "persistent now");

        assertEquals(new Entry("/svc/x", Bytes.of("persistent now"), 1, 2, 2, 0), entry("/svc/x"));
        h.closeSession(a);
        assertEquals("persistent now", entry("/svc/x").text());
    }

    @Test
    void anEphemeralPutMovesAKeyToAnotherSession()
    {
        h.putEphemeral(a, "/svc/x", "a");
        h.putEphemeral(b, "/svc/x", "b");

        h.closeSession(a);
        assertEquals(new Entry("/svc/x", Bytes.of("b"), 1, 2, 2, b), entry("/svc/x"));

        h.advance(20_000);
        assertEquals(ResultCode.NOT_FOUND, h.get("/svc/x").code());
    }

    @Test
    void deletePrefixRemovesEveryKeyUnderItInOneRevision()
    {
        h.put(a, "/p/a", "1");
        h.put(a, "/p/b/c", "2");
        h.put(a, "/p", "not under /p/");
        h.put(a, "/q", "3");
        h.watch(1, "/", true, false, 0);

        final Reply deleted = h.deletePrefix(a, "/p/");

        assertEquals(new Reply.Delete(ROUTE, deleted.correlationId(), ResultCode.OK, 5, 2), deleted);
        assertEquals(List.of("/p", "/q"), h.range("").as(Reply.Range.class).keys());
        final List<Change> changes = h.events().changes(ROUTE, 1);
        assertEquals(List.of("/p/a", "/p/b/c"), List.of(changes.get(0).key(), changes.get(1).key()));
        assertEquals(List.of(EventType.DELETE, EventType.DELETE), List.of(changes.get(0).type(), changes.get(1).type()));
        assertEquals(List.of(5L, 5L), List.of(changes.get(0).revision(), changes.get(1).revision()));
    }

    @Test
    void deletePrefixSkipsReservedKeys()
    {
        h.campaign(a, "e", "leader");
        h.put(a, "/x", "1");

        final Reply.Delete all = h.deletePrefix(b, "").as(Reply.Delete.class);

        assertEquals(1, all.deleted());
        assertEquals(List.of("/_warden/election/e"), h.range("").as(Reply.Range.class).keys());
        assertEquals(0, h.deletePrefix(b, "/_w").as(Reply.Delete.class).deleted(), "a prefix above the reserved space");
        assertEquals(List.of("/_warden/election/e"), h.range("").as(Reply.Range.class).keys());
    }

    @Test
    void createSequentialAppendsTheZeroPaddedRevision()
    {
        h.put(a, "/other", "x");

        final Reply first = h.createSequential(a, "/queue/job-", "one", false);
        h.put(a, "/other", "y");
        final Reply second = h.createSequential(b, "/queue/job-", "two", true);

        assertEquals(
            new Reply.Sequential(ROUTE, first.correlationId(), ResultCode.OK, 2, "/queue/job-0000000000000000002"),
            first);
        assertEquals(
            new Reply.Sequential(ROUTE, second.correlationId(), ResultCode.OK, 4, "/queue/job-0000000000000000004"),
            second);
        assertEquals(new Entry("/queue/job-0000000000000000004", Bytes.of("two"), 4, 4, 1, b),
            entry("/queue/job-0000000000000000004"));
        assertEquals("0000000000000000012", WardenStateMachine.sequentialSuffix(12));
        assertEquals(WardenLimits.SEQUENTIAL_DIGITS, WardenStateMachine.sequentialSuffix(Long.MAX_VALUE).length());
    }

    @Test
    void sequentialNamesSortInCreationOrder()
    {
        final List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            created.add(h.createSequential(a, "/q/", "item-" + i, false).as(Reply.Sequential.class).key());
        }

        assertEquals(created, h.range("/q/").as(Reply.Range.class).keys());
        assertEquals("/q/0000000000000000010", created.get(9));
    }

    @Test
    void ephemeralSequentialKeysDieWithTheirSession()
    {
        final String key = h.createSequential(a, "/members/m-", "a", true).as(Reply.Sequential.class).key();

        h.advance(10_000);

        assertEquals(ResultCode.NOT_FOUND, h.get(key).code());
    }

    @Test
    void createSequentialOntoAnExistingKeyFailsWithoutChange()
    {
        h.put(a, "/q/0000000000000000002", "squatter");
        final long revision = h.revision();

        final Reply reply = h.createSequential(a, "/q/", "x", false);

        assertEquals(new Reply.Sequential(ROUTE, reply.correlationId(), ResultCode.COMPARE_FAILED, revision, null), reply);
        assertEquals(revision, h.revision());
        assertEquals("squatter", entry("/q/0000000000000000002").text());
    }

    @Test
    void createSequentialChecksTheLengthOfTheWholeName()
    {
        final String prefix = "/" + "p".repeat(WardenLimits.MAX_KEY_LENGTH - WardenLimits.SEQUENTIAL_DIGITS - 1);
        final long digest = h.digest();

        assertEquals(ResultCode.KEY_TOO_LONG, h.createSequential(a, prefix + "x", "v", false).code());
        assertEquals(digest, h.digest());
        final String key = h.createSequential(a, prefix, "v", false).as(Reply.Sequential.class).key();
        assertEquals(WardenLimits.MAX_KEY_LENGTH, key.length());
    }

    @Test
    void emptyValuesAreValues()
    {
        h.put(a, "/empty", "");

        assertEquals(new Entry("/empty", Bytes.empty(), 1, 1, 1, 0), entry("/empty"));
        assertNull(h.get("/none").as(Reply.Get.class).entry());
    }
}
