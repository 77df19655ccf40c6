package io.warden.node.domain.auth;

import io.warden.schema.protocol.ResourceType;

import java.util.Arrays;

/**
 * Permissions on every key, lock name or election that starts with a prefix (the empty prefix: all of them).
 */
public final class Grant
{
    final ResourceType resource;
    final byte[] prefix;
    int permissions;

    Grant(final ResourceType resource, final byte[] prefix, final int permissions)
    {
        this.resource = resource;
        this.prefix = prefix;
        this.permissions = permissions;
    }

    public ResourceType resource()
    {
        return resource;
    }

    public byte[] prefix()
    {
        return prefix;
    }

    /**
     * @return a mask of {@link Permission} bits.
     */
    public int permissions()
    {
        return permissions;
    }

    /**
     * Does this grant cover a name, or every name under a prefix?
     */
    boolean covers(final ResourceType resource, final byte[] name, final int length)
    {
        if (this.resource != resource || prefix.length > length)
        {
            return false;
        }
        return Arrays.equals(prefix, 0, prefix.length, name, 0, prefix.length);
    }

    boolean isFor(final ResourceType resource, final byte[] prefix)
    {
        return this.resource == resource && Arrays.equals(this.prefix, prefix);
    }

    /**
     * Canonical order: resource, then prefix bytes.
     */
    static int compare(final Grant a, final Grant b)
    {
        final int byResource = Integer.compare(a.resource.ordinal(), b.resource.ordinal());
        return byResource != 0 ? byResource : Arrays.compareUnsigned(a.prefix, b.prefix);
    }
}
