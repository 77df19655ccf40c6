package io.warden.node.domain;

import io.warden.schema.WardenLimits;
import io.warden.schema.trust.CellProof;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Comparator;

/**
 * The open connections (Aeron cluster sessions) and whose they are: the principal the node's authenticator gave
 * each ({@code gateway:gateway-0}, {@code operator:limits-1}), as the log's session-open events carry it. Derived
 * state: rebuilt from the connections Aeron reports after a snapshot is loaded and from the opens and closes in the
 * log, so it is neither snapshotted nor part of the digest.
 * <p>
 * A principal is known to the replicated state by its {@linkplain #ownerOf key}, a fixed 64-bit hash of its name
 * (positive); a connection that never announced a principal (only in unit tests) is its own owner, with a negative
 * key. Of one principal's connections only the {@link WardenLimits#MAX_CONNECTIONS_PER_PRINCIPAL} oldest (lowest
 * ids, which Aeron assigns in order) are admitted: a pure function of the set of open connections, so a node that
 * rebuilt this from a snapshot agrees with one that saw every open.
 */
final class Routes
{
    private static final class Route
    {
        final long id;
        final long owner;
        final boolean operator;
        boolean admitted = true;

        Route(final long id, final long owner, final boolean operator)
        {
            this.id = id;
            this.owner = owner;
            this.operator = operator;
        }
    }

    private static final Comparator<Route> BY_ID = Comparator.comparingLong(route -> route.id);

    private final Long2ObjectHashMap<Route> byId = new Long2ObjectHashMap<>();
    private final ArrayList<Route> sameOwner = new ArrayList<>();

    /**
     * A connection opened (or is open after a snapshot was loaded).
     *
     * @return whether it is admitted (false: its principal has too many connections already).
     */
    boolean open(final long route, final byte[] encodedPrincipal)
    {
        final Route opened = new Route(route, keyOf(encodedPrincipal), CellProof.isOperator(encodedPrincipal));
        byId.put(route, opened);
        admit(opened.owner);
        return opened.admitted;
    }

    void remove(final long route)
    {
        final Route removed = byId.remove(route);
        if (removed != null)
        {
            admit(removed.owner);
        }
    }

    boolean isOperator(final long route)
    {
        final Route known = byId.get(route);
        return known != null && known.operator;
    }

    boolean isAdmitted(final long route)
    {
        final Route known = byId.get(route);
        return known == null || known.admitted;
    }

    /**
     * The owner key of the principal behind a connection: what a session it opens is owned by.
     */
    long ownerOf(final long route)
    {
        final Route known = byId.get(route);
        return known != null ? known.owner : -1 - route;
    }

    /**
     * A principal's key: FNV-1a over its bytes, made positive (0 is "no owner").
     */
    static long keyOf(final byte[] encodedPrincipal)
    {
        long hash = 0xcbf29ce484222325L;
        if (encodedPrincipal != null)
        {
            for (final byte b : encodedPrincipal)
            {
                hash ^= b & 0xFF;
                hash *= 0x100000001b3L;
            }
        }
        final long key = hash & Long.MAX_VALUE;
        return key == 0 ? 1 : key;
    }

    /**
     * Admit the oldest connections of a principal, up to the bound, and no others.
     */
    private void admit(final long owner)
    {
        sameOwner.clear();
        for (final Route route : byId.values())
        {
            if (route.owner == owner)
            {
                sameOwner.add(route);
            }
        }
        sameOwner.sort(BY_ID);
        for (int i = 0; i < sameOwner.size(); i++)
        {
            sameOwner.get(i).admitted = i < WardenLimits.MAX_CONNECTIONS_PER_PRINCIPAL;
        }
        sameOwner.clear();
    }
}
