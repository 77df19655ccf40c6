package io.warden.client;

import java.util.List;

/**
 * Users with their roles, or roles with their permissions, and whether the cell's authentication is on: the answer
 * to the listings of {@link WardenAuth}.
 * <pre>{@code
 * AuthListing users = client.await(client.auth().users());
 * users.items().forEach(item -> System.out.println(item.name() + " " + item.detail()));
 * }</pre>
 */
public final class AuthListing
{
    /**
     * One user (detail: its roles, comma-separated) or role (detail: one {@code RESOURCE prefix perm,perm} per line).
     *
     * @param name   the user or role.
     * @param detail what it holds.
     */
    public record Item(String name, String detail)
    {
    }

    private final boolean enabled;
    private final List<Item> items;

    /**
     * A listing (built by the client; public for test doubles).
     * <pre>{@code AuthListing listing = new AuthListing(true, List.of(new AuthListing.Item("root", "root"))); }</pre>
     *
     * @param enabled whether authentication is on.
     * @param items   the users or roles, in name order.
     */
    public AuthListing(final boolean enabled, final List<Item> items)
    {
        this.enabled = enabled;
        this.items = List.copyOf(items);
    }

    /**
     * Whether authentication and permission checks are on.
     * <pre>{@code boolean on = listing.enabled(); }</pre>
     *
     * @return true when on.
     */
    public boolean enabled()
    {
        return enabled;
    }

    /**
     * The users or roles, in name order.
     * <pre>{@code List<AuthListing.Item> items = listing.items(); }</pre>
     *
     * @return the items (read-only).
     */
    public List<Item> items()
    {
        return items;
    }

    @Override
    public String toString()
    {
        return "AuthListing{enabled=" + enabled + ", items=" + items + '}';
    }
}
