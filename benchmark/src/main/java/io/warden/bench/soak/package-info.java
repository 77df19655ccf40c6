/**
 * Long runs that measure how Warden behaves over time rather than how fast it is:
 * {@link io.warden.bench.soak.DiskSoak} writes millions of puts through a running cell and samples every node's disk
 * use, to show that automatic snapshots and purging keep it bounded. Thread: the caller's, plus the client's.
 */
package io.warden.bench.soak;
