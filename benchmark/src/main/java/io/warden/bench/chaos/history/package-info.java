/**
 * The history model of the fault-injection suite: what the clients, the committed log and the protected resources
 * did during a run, as plain immutable records that the checkers in {@code io.warden.bench.chaos.check} read.
 * <ul>
 *     <li>{@link io.warden.bench.chaos.history.Op}: one client call with its interval and
 *     {@link io.warden.bench.chaos.history.Outcome} (OK, FAIL, or UNKNOWN with return time +infinity), recorded by
 *     {@link io.warden.bench.chaos.history.HistoryRecorder} and stored as JSON lines by
 *     {@link io.warden.bench.chaos.history.JsonlHistory}; {@link io.warden.bench.chaos.history.JepsenLogs} reads
 *     the Jepsen logs of the golden fixtures into the same form.</li>
 *     <li>{@link io.warden.node.audit.AuditEvent}: the state machine's audit stream (sessions, grants,
 *     releases, ephemeral keys) in log order; {@link io.warden.bench.chaos.history.Acquisition}: acquires as the
 *     clients saw them; {@link io.warden.bench.chaos.history.FencedWrite}: writes as a fenced resource decided
 *     them.</li>
 *     <li>{@link io.warden.bench.chaos.history.LeaseClaim}, {@link io.warden.bench.chaos.history.SafeClaim} and
 *     {@link io.warden.bench.chaos.history.Silence}: what clients' evidence said about their leases and locks, and when
 *     the harness stopped a client, on the harness clock.</li>
 *     <li>{@link io.warden.node.audit.Change}, {@link io.warden.bench.chaos.history.WatcherHistory} and
 *     {@link io.warden.bench.chaos.history.WatchRecord}: the committed changes and what each watcher received.</li>
 * </ul>
 * <p>
 * Thread: {@link io.warden.bench.chaos.history.HistoryRecorder} is safe for many client threads at once; everything
 * else is immutable or used by one thread. Must not import: Aeron, Agrona, or any {@code io.warden} runtime code
 * (node, gateway, client, schema) other than the plain records of the audit stream ({@code io.warden.node.audit}'s
 * {@code AuditEvent} and {@code Change}, which the product's log replay produces). Histories are produced elsewhere
 * and converted into these records; this package only describes them.
 */
package io.warden.bench.chaos.history;
