package io.warden.node.snapshot;

import org.agrona.DirectBuffer;

/**
 * Where encoded snapshot records go: an Aeron snapshot publication, or memory in tests.
 */
@FunctionalInterface
public interface RecordSink
{
    void onRecord(DirectBuffer buffer, int offset, int length);
}
