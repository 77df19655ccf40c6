/**
 * The node's metrics as the service thread sees them: {@link io.warden.node.metrics.ServiceGauges} counts answers
 * and events by type and outcome as the state machine emits them ({@link io.warden.node.metrics.ResultTally}),
 * takes a census of the state ({@link io.warden.node.domain.WardenStateMachine#census}: table sizes and a pass over
 * the locks in use) and publishes all of it into Aeron counters of the node's CnC file, with the type ids of {@link io.warden.node.metrics.MetricCounters}. The node's
 * HTTP endpoint ({@code io.warden.node.endpoint}) and {@code AeronStat} read those counters from other threads and
 * processes; nothing here is ever read back by the state machine, so it cannot change what any node decides.
 * <p>
 * Thread: the clustered service thread only (from {@code WardenService} callbacks and {@code doBackgroundWork}).
 * Must not: mutate replicated state, offer, schedule timers, or read a clock other than the {@code nowNs} Aeron
 * passes to {@code doBackgroundWork}. Must not import: {@code io.warden.node.endpoint}, {@code io.warden.gateway}.
 */
package io.warden.node.metrics;
