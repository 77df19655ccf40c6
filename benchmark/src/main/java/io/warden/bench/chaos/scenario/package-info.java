/**
 * The scenarios of the fault-injection suite and their runner.
 * <ul>
 *     <li>Fast tier ({@link io.warden.bench.chaos.scenario.Scenarios#fastTier()}, run by {@code mvn verify} through
 *     {@code ChaosFastTierIT}): F0 checker self-test, F1 no fault, F2 leader kill in a lock storm, F3 follower kill
 *     and catch-up, F4 full restart from snapshot and from the log, F5 client paused past its lease with fencing and
 *     F5n the same without fencing (a negative control that must be caught), F6 partition isolating the leader with
 *     clients on both sides, F7 session expiry with a leader kill in the window, F8 watches across gateway and
 *     leader failover, F9 bad input.</li>
 *     <li>Soak tier ({@link io.warden.bench.chaos.scenario.Scenarios#soak(int)}, on demand:
 *     {@code scripts/warden-chaos.sh --soak}): rounds of a random combined nemesis (S1), 1,000 watchers across
 *     failovers (S2), leadership flapping while silent sessions must expire (S3).</li>
 *     <li>{@link io.warden.bench.chaos.scenario.ScenarioContext}: everything a run uses and the end-of-run checks
 *     every scenario shares; {@link io.warden.bench.chaos.scenario.ChaosRunner}: one line per scenario and
 *     {@code N passed, N failed}.</li>
 * </ul>
 * <p>
 * Thread: a scenario runs on one thread (its workloads start their own workers). Every scenario is seeded and
 * prints its seed; its faults follow a schedule drawn from that seed. Must not be imported by the control,
 * workload, check or history packages.
 */
package io.warden.bench.chaos.scenario;
