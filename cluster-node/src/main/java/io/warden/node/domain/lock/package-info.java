/**
 * Named locks with FIFO wait queues, exclusive and shared modes, fencing tokens, wait deadlines and lock-delay. The
 * same queue backs elections. A release wakes only the next eligible claims, never a herd.
 * <p>
 * Thread: the cluster service thread only. Must not import: Aeron, SBE codecs (generated enums allowed), clocks.
 */
package io.warden.node.domain.lock;
