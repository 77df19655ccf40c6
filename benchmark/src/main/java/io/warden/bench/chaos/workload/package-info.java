/**
 * The clients of the fault-injection suite: they drive Warden through its real client and gateway (or, for bad
 * input, through raw frames) and record every operation as invoke and complete with ok, fail or unknown.
 * <ul>
 *     <li>{@link io.warden.bench.chaos.workload.ClientPool}: harness clients on one media driver;
 *     {@link io.warden.bench.chaos.workload.RemoteClient} and {@link io.warden.bench.chaos.workload.RemoteClientMain}:
 *     a client in a JVM of its own, so that the client itself can be paused or killed.</li>
 *     <li>{@link io.warden.bench.chaos.workload.KvWorkload} (registers: get, put, compare-and-swap),
 *     {@link io.warden.bench.chaos.workload.LockWorkload} (acquire, write to a
 *     {@link io.warden.bench.chaos.workload.FencedResource} with the token, release; fenced or not),
 *     {@link io.warden.bench.chaos.workload.RecordedWatcher} (a watch stream as it was delivered), driven by
 *     {@link io.warden.bench.chaos.workload.RequestLoop}s that stop by themselves.</li>
 *     <li>{@link io.warden.bench.chaos.workload.RawFrameClient} (the gateway protocol by hand) and
 *     {@link io.warden.bench.chaos.workload.RawClusterClient} (a cluster session of its own, past the gateway), for
 *     malformed, oversized and unauthorised input.</li>
 * </ul>
 * <p>
 * Thread: workloads and recorders are safe for the loop's worker threads; raw clients belong to one thread.
 * Must not import the scenario package, nor the node's internals (a workload sees only what a client sees).
 */
package io.warden.bench.chaos.workload;
