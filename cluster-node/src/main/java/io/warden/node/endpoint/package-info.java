/**
 * The node's metrics and probe endpoint: {@link io.warden.node.endpoint.NodeMetricsServer} serves Prometheus
 * {@code /metrics}, {@code /healthz} and {@code /readyz} on the host and port of the node's configuration. Every
 * figure comes from outside the state machine: Aeron counters in the node's CnC file (the consensus module's own,
 * and those the service publishes, {@link io.warden.node.metrics.MetricCounters}) read through a
 * {@code CountersReader} ({@link io.warden.node.endpoint.NodeCounters}), the node's {@code recording.log} and the
 * sizes of its archive's files ({@link io.warden.node.endpoint.ArchiveFiles}).
 * <p>
 * Thread: the exporter's HTTP threads; everything read is safe to read from any thread. Reading the wall clock and
 * files is allowed here (it decides nothing replicated). Must not import: {@code io.warden.node.domain}, and from
 * {@code io.warden.node.service} only counter type ids (the state machine is never touched from an HTTP thread).
 */
package io.warden.node.endpoint;
