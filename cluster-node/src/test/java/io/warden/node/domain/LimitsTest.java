package io.warden.node.domain;

import io.warden.node.domain.support.Harness;
import io.warden.node.domain.support.Reply;
import io.warden.schema.WardenLimits;
import io.warden.schema.protocol.LockMode;
import io.warden.schema.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class LimitsTest
{
    private static final int MAX_VALUE = WardenLimits.DEFAULT_MAX_VALUE_LENGTH;

    private final Harness h = new Harness();
    private final long s = h.openSession(100_000);

    private static Key bytesKey(final int... bytes)
    {
        final byte[] key = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            key[i] = (byte)bytes[i];
        }
        return Key.copyOf(key, 0, key.length);
    }

    private static Key keyOfLength(final int length)
    {
        return Key.of("/" + "k".repeat(length - 1));
    }

    @Test
    void keysLongerThanTheLimitAreRefused()
    {
        final long digest = h.digest();

        assertEquals(ResultCode.KEY_TOO_LONG,
            h.put(s, keyOfLength(WardenLimits.MAX_KEY_LENGTH + 1), new byte[1], false).code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.get(keyOfLength(WardenLimits.MAX_KEY_LENGTH + 1)).code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.delete(s, keyOfLength(WardenLimits.MAX_KEY_LENGTH + 1), false).code());
        assertEquals(ResultCode.KEY_TOO_LONG, h.delete(s, keyOfLength(WardenLimits.MAX_KEY_LENGTH + 1), true).code());
        assertEquals(digest, h.digest());

        assertEquals(ResultCode.OK, h.put(s, keyOfLength(WardenLimits.MAX_KEY_LENGTH), new byte[1], false).code());
    }

    @Test
    void keysThatAreNotWellFormedUtf8AreRefused()
    {
        final long digest = h.digest();
        final List<Key> malformed = List.of(
            bytesKey('/', 0xC0, 0x80),
            bytesKey('/', 0x80),
            bytesKey('/', 0xE2, 0x82),
            bytesKey('/', 0xED, 0xA0, 0x80),
            bytesKey('/', 0xF4, 0x90, 0x80, 0x80),
            bytesKey('/', 0xFF));

        for (final Key key : malformed)
        {
            assertEquals(ResultCode.INVALID_KEY, h.put(s, key, new byte[1], false).code(), key::toString);
            assertEquals(ResultCode.INVALID_KEY, h.get(key).code(), key::toString);
            assertEquals(ResultCode.INVALID_KEY, h.delete(s, key, true).code(), key::toString);
            assertEquals(ResultCode.INVALID_KEY, h.acquire(s, key, LockMode.EXCLUSIVE, 0, 0).code(), key::toString);
            assertEquals(ResultCode.INVALID_KEY, h.createSequential(s, key, new byte[0], false).code(), key::toString);
            assertEquals(ResultCode.INVALID_KEY, h.campaign(s, key, new byte[0]).code(), key::toString);
        }
        assertEquals(digest, h.digest());

        assertEquals(ResultCode.OK, h.put(s, bytesKey('/', 0xF0, 0x9F, 0x94, 0x92), new byte[1], false).code());
    }

    @Test
    void emptyKeysAreRefusedWhereAKeyIsNeeded()
    {
        final long digest = h.digest();

        assertEquals(ResultCode.INVALID_KEY, h.put(s, "", "v").code());
        assertEquals(ResultCode.INVALID_KEY, h.get("").code());
        assertEquals(ResultCode.INVALID_KEY, h.delete(s, "").code());
        assertEquals(ResultCode.INVALID_KEY, h.acquire(s, "", 0).code());
        assertEquals(ResultCode.INVALID_KEY, h.describeLock("").code());
        assertEquals(ResultCode.INVALID_KEY, h.checkFence("", 1).code());
        assertEquals(ResultCode.INVALID_KEY, h.lockStatus(s, "").code());
        assertEquals(ResultCode.INVALID_KEY, h.leader("").code());
        assertEquals(ResultCode.INVALID_KEY, h.proclaim(s, "", 1, "v").code());
        assertEquals(ResultCode.INVALID_KEY, h.resign(s, "", 1).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void valuesOverTheLimitAreRefusedUntilTheLimitIsRaised()
    {
        final long digest = h.digest();
        final Key key = Key.of("/v");

        assertEquals(ResultCode.VALUE_TOO_LARGE, h.put(s, key, new byte[MAX_VALUE + 1], false).code());
        assertEquals(ResultCode.VALUE_TOO_LARGE, h.createSequential(s, key, new byte[MAX_VALUE + 1], false).code());
        assertEquals(ResultCode.VALUE_TOO_LARGE, h.campaign(s, key, new byte[MAX_VALUE + 1]).code());
        assertEquals(digest, h.digest());
        assertEquals(ResultCode.OK, h.put(s, key, new byte[MAX_VALUE], false).code());

        final Reply.Counters raised = h.configureLimits(WardenLimits.MAX_VALUE_LENGTH_CEILING, 0, 0)
            .as(Reply.Status.class).counters();

        assertEquals(WardenLimits.MAX_VALUE_LENGTH_CEILING, raised.maxValueLength());
        assertEquals(WardenLimits.DEFAULT_HISTORY_MAX_EVENTS, raised.historyMaxEvents(), "0 leaves a limit as it is");
        assertEquals(ResultCode.OK, h.put(s, key, new byte[MAX_VALUE + 1], false).code());
        assertEquals(ResultCode.OK,
            h.put(s, key, new byte[WardenLimits.MAX_VALUE_LENGTH_CEILING], false).code());
        final long raisedDigest = h.digest();
        assertEquals(ResultCode.VALUE_TOO_LARGE,
            h.put(s, key, new byte[WardenLimits.MAX_VALUE_LENGTH_CEILING + 1], false).code());
        assertEquals(raisedDigest, h.digest());
    }

    @Test
    void proclaimedValuesAreLimitedToo()
    {
        final long term = h.campaign(s, "e", "v").as(Reply.Election.class).term();
        final long digest = h.digest();

        assertEquals(ResultCode.VALUE_TOO_LARGE, h.proclaim(s, "e", term, new byte[MAX_VALUE + 1]).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void limitsOutsideTheirBoundsAreRefused()
    {
        final long digest = h.digest();

        assertEquals(ResultCode.INVALID_ARGUMENT,
            h.configureLimits(WardenLimits.MAX_VALUE_LENGTH_CEILING + 1, 0, 0).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.configureLimits(-1, 0, 0).code());
        assertEquals(ResultCode.INVALID_ARGUMENT,
            h.configureLimits(0, WardenLimits.MAX_HISTORY_MAX_EVENTS + 1, 0).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.configureLimits(0, 0, WardenLimits.MAX_HISTORY_MAX_BYTES + 1).code());
        assertEquals(ResultCode.INVALID_ARGUMENT, h.configureLimits(0, -1, -1).code());
        assertEquals(digest, h.digest());
    }

    @Test
    void locksPerSessionAreLimited()
    {
        for (int i = 0; i < WardenLimits.MAX_LOCKS_PER_SESSION; i++)
        {
            assertEquals(ResultCode.OK, h.acquire(s, "/l/" + i, 0).code());
        }
        final long digest = h.digest();

        final Reply.Refused refused = h.acquire(s, "/l/over", 0).as(Reply.Refused.class);
        assertEquals(ResultCode.QUOTA_EXCEEDED, refused.code());
        assertEquals(WardenLimits.MAX_LOCKS_PER_SESSION, refused.limit());
        assertEquals(WardenLimits.MAX_LOCKS_PER_SESSION, refused.usage());
        assertEquals("locks of session " + s + " would be exceeded: 10000 of 10000 in use, this request needs 1 more",
            refused.detail());
        assertEquals(digest, h.digest());
        assertEquals(ResultCode.OK, h.campaign(s, "/l/over", "v").code(), "elections are counted apart from locks");
        h.release(s, "/l/0", h.lockStatus(s, "/l/0").as(Reply.Lock.class).token());
        assertEquals(ResultCode.OK, h.acquire(s, "/l/over", 0).code());
        assertEquals(ResultCode.ALREADY_HELD, h.acquire(s, "/l/1", 0).code(), "a lock already held is not a new one");
    }

    @Test
    void readsChangeNothing()
    {
        h.put(s, "/k", "v");
        h.acquire(s, "/lock", 0);
        h.campaign(s, "e", "v");
        final long digest = h.digest();

        h.get("/k");
        h.get("/missing");
        h.range("");
        h.range("/", "/a", 1, 1);
        h.describeLock("/lock");
        h.checkFence("/lock", 2);
        h.lockStatus(s, "/lock");
        h.leader("e");
        h.leader("none");
        h.progress();
        h.status();
        h.cancelWatch(12);

        assertEquals(digest, h.digest());
        assertTrue(h.events().isEmpty());
    }
}
