/**
 * The thin Aeron Cluster adapter around the domain: {@link io.warden.node.service.WardenService} (lifecycle and
 * wiring), {@link io.warden.node.service.CommandAdapter} (SBE frames in, domain calls out),
 * {@link io.warden.node.service.EgressResponder} (domain replies and events out as SBE frames), and the Aeron-backed
 * ports for egress and timers.
 * <p>
 * Thread: the clustered service thread. Must not: read clocks other than the log timestamp, branch state on the
 * node's role or on offer results, throw from message handling (bad input is answered with a result code).
 */
package io.warden.node.service;
