package io.warden.node.domain;

import io.warden.node.domain.election.ElectionTable;
import io.warden.node.domain.support.Bytes;
import io.warden.node.domain.support.Change;
import io.warden.node.domain.support.Entry;
import io.warden.node.domain.support.Event;
import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.node.domain.support.TxnBuilder;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.CompareOp;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ElectionTest
{
    private static final String ELECTION = "payments";
    private static final String MIRROR = "/_warden/election/payments";
    private static final long ROUTE = Harness.DEFAULT_ROUTE;

    private final Harness h = new Harness();
    private final long a = h.openSession(10_000);
    private final long b = h.openSession(100_000);
    private final long c = h.openSession(100_000);

    private long elect(final long session, final String value)
    {
        final Reply.Election reply = h.campaign(session, ELECTION, value).as(Reply.Election.class);
        assertEquals(ResultCode.OK, reply.code());
        return reply.term();
    }

    private Entry mirror()
    {
        return h.get(MIRROR).as(Reply.Get.class).entry();
    }

    @Test
    void firstCandidateIsElectedWithATermThatIsARevision()
    {
        h.put(a, "/x", "1");

        final Reply campaign = h.campaign(a, ELECTION, "node-a");

        assertEquals(new Reply.Election(ROUTE, campaign.correlationId(), ResultCode.OK, 2), campaign);
        assertEquals(2, h.revision());
        assertEquals(ElectionTable.mirrorKeyName(ELECTION), MIRROR);
        assertEquals(new Entry(MIRROR, Bytes.of("node-a"), 2, 2, 1, a), mirror());
        final Reply leader = h.leader(ELECTION);
        assertEquals(
            new Reply.Leader(ROUTE, leader.correlationId(), ResultCode.OK, 2, a, 2, 0, Bytes.of("node-a")), leader);
    }

    @Test
    void laterCandidatesQueueInOrder()
    {
        final long term = elect(a, "node-a");

        final Reply.Election queued = h.campaign(b, ELECTION, "node-b").as(Reply.Election.class);
        h.campaign(c, ELECTION, "node-c");

        assertEquals(ResultCode.QUEUED, queued.code());
        assertEquals(0, queued.term());
        assertEquals(term, h.revision(), "queueing takes no revision");
        assertEquals(2, h.leader(ELECTION).as(Reply.Leader.class).candidates());
        assertEquals(ResultCode.ALREADY_HELD, h.campaign(a, ELECTION, "again").code());
        assertEquals(term, h.replies().last(Reply.Election.class).term());
        assertEquals(ResultCode.ALREADY_QUEUED, h.campaign(b, ELECTION, "again").code());
        assertEquals("node-a", mirror().text());
    }

    @Test
    void proclaimNeedsTheLeaderAndItsTerm()
    {
        final long term = elect(a, "v1");
        h.campaign(b, ELECTION, "b");

        final Reply proclaimed = h.proclaim(a, ELECTION, term, "v2");

        assertEquals(new Reply.Election(ROUTE, proclaimed.correlationId(), ResultCode.OK, term), proclaimed);
        final long revision = h.revision();
        assertEquals(term + 1, revision);
        assertEquals(new Entry(MIRROR, Bytes.of("v2"), term, revision, 2, a), mirror());
        final Reply.Leader leader = h.leader(ELECTION).as(Reply.Leader.class);
        assertEquals(Bytes.of("v2"), leader.value());
        assertEquals(revision, leader.revision());
        assertEquals(term, leader.term());

        final long revisionBefore = h.revision();
        assertEquals(ResultCode.STALE_FENCE, h.proclaim(a, ELECTION, term + 1, "v3").code());
        assertEquals(0, h.replies().last(Reply.Election.class).term());
        assertEquals(ResultCode.NOT_HOLDER, h.proclaim(b, ELECTION, term, "v3").code());
        assertEquals(ResultCode.NOT_HOLDER, h.proclaim(c, ELECTION, term, "v3").code());
        assertEquals(ResultCode.NOT_HOLDER, h.proclaim(a, "elsewhere", term, "v3").code());
        assertEquals(revisionBefore, h.revision());
        assertEquals("v2", mirror().text());
    }

    @Test
    void resignHandsOverToTheNextCandidateAndRecreatesTheMirror()
    {
        final long first = elect(a, "node-a");
        h.campaign(b, ELECTION, "node-b");
        final long seqB = h.lastSeq(b);
        h.campaign(c, ELECTION, "node-c");
        h.route(4).watch(1, MIRROR, false, true, 0);
        h.route(ROUTE);

        assertEquals(ResultCode.STALE_FENCE, h.resign(a, ELECTION, first + 1).code());
        assertEquals(ResultCode.OK, h.resign(a, ELECTION, first).code());

        final long second = h.revision();
        assertTrue(second > first);
        assertEquals(
            new Event.ElectionEnded(ROUTE, b, seqB, ResultCode.OK, second, ELECTION), h.events().electionEnded().get(0));
        assertEquals(new Entry(MIRROR, Bytes.of("node-b"), second, second, 1, b), mirror());
        final List<Change> changes = h.events().changes(4, 1);
        assertEquals(1, changes.size());
        assertEquals(second, changes.get(0).createRevision());
        assertEquals(1, changes.get(0).version());
        assertEquals(Bytes.of("node-a"), changes.get(0).prevValue());
        final Reply.Leader leader = h.leader(ELECTION).as(Reply.Leader.class);
        assertEquals(second, leader.term());
        assertEquals(b, leader.leaderSessionId());
        assertEquals(1, leader.candidates());
        assertEquals(ResultCode.NOT_HOLDER, h.proclaim(a, ELECTION, first, "stale").code());
    }

    @Test
    void withdrawingAQueuedCandidacyCancelsIt()
    {
        elect(a, "node-a");
        h.campaign(b, ELECTION, "node-b");
        final long seqB = h.lastSeq(b);
        final long revision = h.revision();

        assertEquals(ResultCode.OK, h.resign(b, ELECTION, 0).code());

        assertEquals(
            List.of(new Event.ElectionEnded(ROUTE, b, seqB, ResultCode.CANCELLED, 0, ELECTION)), h.events().all());
        assertEquals(0, h.leader(ELECTION).as(Reply.Leader.class).candidates());
        assertEquals(revision, h.revision());
        assertEquals(ResultCode.NOT_HOLDER, h.resign(b, ELECTION, 0).code());
    }

    @Test
    void lastLeaderResigningDeletesTheMirror()
    {
        final long term = elect(a, "node-a");

        h.resign(a, ELECTION, term);

        assertEquals(ResultCode.NOT_FOUND, h.get(MIRROR).code());
        final Reply.Leader leader = h.leader(ELECTION).as(Reply.Leader.class);
        assertEquals(ResultCode.NOT_FOUND, leader.code());
        assertEquals(term + 1, leader.revision());
        assertEquals(0, h.status().as(Reply.Status.class).counters().elections());
    }

    @Test
    void leaderExpiryHandsOverOnceToTheNextCandidate()
    {
        final long first = elect(a, "node-a");
        h.route(2);
        h.campaign(b, ELECTION, "node-b");
        final long seqB = h.lastSeq(b);
        h.route(ROUTE);
        h.watch(3, "/_warden/", true, false, 0);

        h.advance(10_000);

        final long second = h.revision();
        assertEquals(first + 1, second);
        assertEquals(
            List.of(new Event.ElectionEnded(2, b, seqB, ResultCode.OK, second, ELECTION)), h.events().electionEnded());
        assertEquals(List.of(new Event.SessionEnded(ROUTE, a, ResultCode.SESSION_EXPIRED)), h.events().sessionEnded());
        assertEquals(new Entry(MIRROR, Bytes.of("node-b"), second, second, 1, b), mirror());
        assertEquals(1, h.events().watchBatches().size());
        assertEquals(b, h.leader(ELECTION).as(Reply.Leader.class).leaderSessionId());
    }

    @Test
    void termsRiseAcrossLeadersAndShareTheRevisionWithLocks()
    {
        final long first = elect(a, "a");
        h.campaign(b, ELECTION, "b");
        final long lockToken = h.acquire(c, "/lock", 0).as(Reply.Lock.class).token();
        h.resign(a, ELECTION, first);
        final long second = h.leader(ELECTION).as(Reply.Leader.class).term();

        assertEquals(List.of(first, lockToken, second), List.of(first, first + 1, first + 2));
    }

    @Test
    void clientsCannotWriteReservedKeys()
    {
        elect(a, "node-a");
        final long digest = h.digest();

        assertEquals(ResultCode.RESERVED_KEY, h.put(b, MIRROR, "forged").code());
        assertEquals(ResultCode.RESERVED_KEY, h.putEphemeral(b, "/_warden/other", "x").code());
        assertEquals(ResultCode.RESERVED_KEY, h.delete(b, MIRROR).code());
        assertEquals(ResultCode.RESERVED_KEY, h.deletePrefix(b, "/_warden/").code());
        assertEquals(ResultCode.RESERVED_KEY, h.deletePrefix(b, "/_warden/election/").code());
        assertEquals(ResultCode.RESERVED_KEY, h.txn(b, TxnBuilder.txn().thenPut(MIRROR, "forged")).code());
        assertEquals(ResultCode.RESERVED_KEY, h.txn(b, TxnBuilder.txn().elseDelete(MIRROR)).code());
        assertEquals(ResultCode.RESERVED_KEY, h.createSequential(b, "/_warden/seq-", "x", false).code());
        assertEquals(digest, h.digest());

        // clients may read it, compare on it and delete around it
        assertEquals(
            ResultCode.OK,
            h.txn(b, TxnBuilder.txn().ifValue(MIRROR, CompareOp.EQUAL, "node-a")
                .thenPut("/seen", "yes")).code());
        assertEquals(ResultCode.OK, h.deletePrefix(b, "/").code());
        assertEquals(ResultCode.OK, h.deletePrefix(b, "").code());
        assertEquals("node-a", mirror().text());
        assertNull(h.get("/seen").as(Reply.Get.class).entry());
    }

    @Test
    void electionNamesMustFitUnderTheMirrorPrefix()
    {
        final int room = WardenLimits.MAX_KEY_LENGTH - WardenLimits.ELECTION_PREFIX.length();
        final long digest = h.digest();

        assertEquals(ResultCode.KEY_TOO_LONG, h.campaign(a, "e".repeat(room + 1), "v").code());
        assertEquals(ResultCode.INVALID_KEY, h.campaign(a, "", "v").code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.leader("e".repeat(room + 1)).code());
        assertEquals(digest, h.digest());

        assertEquals(ResultCode.OK, h.campaign(a, "e".repeat(room), "v").code());
        assertEquals(WardenLimits.MAX_KEY_LENGTH, h.range("/_warden/election/").as(Reply.Range.class)
            .keys().get(0).length());
    }

    @Test
    void campaignValueIsLimitedLikeAnyValue()
    {
        final long digest = h.digest();

        assertEquals(
            ResultCode.VALUE_TOO_LARGE,
            h.campaign(a, Key.of(ELECTION), new byte[WardenLimits.DEFAULT_MAX_VALUE_LENGTH + 1])
                .code());
        assertEquals(digest, h.digest());
    }
}
