package io.warden.node.domain.kv;

import java.util.ArrayList;

/**
 * The changes made by the command being applied, in the order they were made. Watches are told about them when the
 * command ends, then they move to the history.
 */
public final class ChangeList
{
    private final ArrayList<ChangeEvent> events = new ArrayList<>();

    public int size()
    {
        return events.size();
    }

    public ChangeEvent get(final int index)
    {
        return events.get(index);
    }

    public boolean isEmpty()
    {
        return events.isEmpty();
    }

    void add(final ChangeEvent event)
    {
        events.add(event);
    }

    public void clear()
    {
        events.clear();
    }
}
