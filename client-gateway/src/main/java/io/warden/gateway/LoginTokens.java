package io.warden.gateway;

import io.warden.schema.WardenLimits;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens a gateway issues at a successful login, so that a client reconnecting within the token's lifetime need not
 * prove its password again (like etcd's simple tokens: random, held in this gateway's memory only, good at this
 * gateway only, gone when it restarts). A token names the user id the cell gave the login; if the user is deleted
 * meanwhile, the cell refuses what the token's connection asks for. At most {@link #MAX_TOKENS}; the oldest go first.
 * <p>
 * Thread: the gateway agent's.
 * <p>
 * Example:
 * <pre>{@code
 * String token = tokens.issue(userId, "alice", nowNs);
 * LoginTokens.Entry entry = tokens.lookup(token, nowNs);   // null once expired
 * }</pre>
 */
final class LoginTokens
{
    static final int MAX_TOKENS = 16_384;
    private static final int TOKEN_BYTES = 24;

    /**
     * Whom a token logs in.
     */
    static final class Entry
    {
        final long userId;
        final String user;
        final long expiresNs;

        Entry(final long userId, final String user, final long expiresNs)
        {
            this.userId = userId;
            this.user = user;
            this.expiresNs = expiresNs;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final long ttlNs;
    // insertion order is expiry order (every token lives ttlNs), so the eldest is the first to evict
    private final LinkedHashMap<String, Entry> byToken = new LinkedHashMap<>();

    LoginTokens(final long ttlNs)
    {
        this.ttlNs = ttlNs;
    }

    /**
     * A new token for this login.
     */
    String issue(final long userId, final String user, final long nowNs)
    {
        expire(nowNs);
        while (byToken.size() >= MAX_TOKENS)
        {
            final Iterator<Map.Entry<String, Entry>> eldest = byToken.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        final byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Entry(userId, user, nowNs + ttlNs));
        return token;
    }

    /**
     * @return whom the token logs in, or null if it is unknown, expired or too long to be one of ours.
     */
    Entry lookup(final String token, final long nowNs)
    {
        if (token.isEmpty() || token.length() > WardenLimits.MAX_TOKEN_LENGTH)
        {
            return null;
        }
        final Entry entry = byToken.get(token);
        if (entry == null || nowNs - entry.expiresNs >= 0)
        {
            return null;
        }
        return entry;
    }

    int size()
    {
        return byToken.size();
    }

    private void expire(final long nowNs)
    {
        final Iterator<Entry> entries = byToken.values().iterator();
        while (entries.hasNext() && nowNs - entries.next().expiresNs >= 0)
        {
            entries.remove();
        }
    }
}
