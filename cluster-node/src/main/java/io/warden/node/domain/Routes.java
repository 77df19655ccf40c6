package io.warden.node.domain;

import org.agrona.collections.LongHashSet;

/**
 * Which open connections (Aeron cluster sessions) are operators' (admin tools holding the cell's operator secret)
 * rather than gateways'. Derived state: rebuilt from the connections Aeron reports at start and opens and closes in
 * the log, so it is neither snapshotted nor part of the digest.
 */
final class Routes
{
    private final LongHashSet operators = new LongHashSet();

    void open(final long route, final boolean operator)
    {
        if (operator)
        {
            operators.add(route);
        }
        else
        {
            operators.remove(route);
        }
    }

    void remove(final long route)
    {
        operators.remove(route);
    }

    boolean isOperator(final long route)
    {
        return operators.contains(route);
    }
}
