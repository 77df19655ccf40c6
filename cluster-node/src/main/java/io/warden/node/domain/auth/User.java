package io.warden.node.domain.auth;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user as the cell keeps it: its SCRAM-SHA-256 credential (never the password) and its roles, sorted.
 */
public final class User
{
    final long userId;
    final String name;
    int iterations;
    byte[] salt;
    byte[] storedKey;
    byte[] serverKey;
    final TreeSet<String> roles = new TreeSet<>();

    User(final long userId, final String name)
    {
        this.userId = userId;
        this.name = name;
    }

    public long userId()
    {
        return userId;
    }

    public String name()
    {
        return name;
    }

    public int iterations()
    {
        return iterations;
    }

    public byte[] salt()
    {
        return salt;
    }

    public byte[] storedKey()
    {
        return storedKey;
    }

    public byte[] serverKey()
    {
        return serverKey;
    }

    public Set<String> roles()
    {
        return Collections.unmodifiableSet(roles);
    }
}
