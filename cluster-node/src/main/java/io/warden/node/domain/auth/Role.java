package io.warden.node.domain.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A named set of grants, in canonical order (resource, then prefix).
 */
public final class Role
{
    final String name;
    final ArrayList<Grant> grants = new ArrayList<>();

    Role(final String name)
    {
        this.name = name;
    }

    public String name()
    {
        return name;
    }

    public List<Grant> grants()
    {
        return grants;
    }
}
