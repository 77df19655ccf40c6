package io.warden.gateway;

import io.warden.schema.WardenLimits;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class LoginTokensTest
{
    private static final long TTL_NS = 1_000;

    @Test
    void aTokenLogsInItsUserUntilItExpires()
    {
        final LoginTokens tokens = new LoginTokens(TTL_NS);
        final String token = tokens.issue(7, "alice", 100);
        assertTrue(token.length() <= WardenLimits.MAX_TOKEN_LENGTH, token);
        final LoginTokens.Entry entry = tokens.lookup(token, 1_099);
        assertNotNull(entry);
        assertEquals(7, entry.userId);
        assertEquals("alice", entry.user);
        assertNull(tokens.lookup(token, 1_100), "expired");
        assertNull(tokens.lookup("", 200));
        assertNull(tokens.lookup("x".repeat(WardenLimits.MAX_TOKEN_LENGTH + 1), 200));
        assertNull(tokens.lookup(token + "x", 200));
    }

    @Test
    void tokensAreDistinctExpiredOnesGoAndTheOldestMakeRoom()
    {
        final LoginTokens tokens = new LoginTokens(TTL_NS);
        final Set<String> issued = new HashSet<>();
        for (int i = 0; i < 100; i++)
        {
            issued.add(tokens.issue(i, "u" + i, 0));
        }
        assertEquals(100, issued.size());
        tokens.issue(1, "late", 5_000);
        assertEquals(1, tokens.size(), "issuing drops the expired ones");

        final LoginTokens full = new LoginTokens(Long.MAX_VALUE / 4);
        final String first = full.issue(1, "first", 0);
        for (int i = 1; i < LoginTokens.MAX_TOKENS; i++)
        {
            full.issue(i, "u", i);
        }
        assertNotNull(full.lookup(first, 1));
        full.issue(99, "one more", LoginTokens.MAX_TOKENS);
        assertEquals(LoginTokens.MAX_TOKENS, full.size());
        assertNull(full.lookup(first, 1), "the oldest made room");
    }
}
