/**
 * History checkers of the fault-injection suite: they read recorded histories ({@code io.warden.bench.chaos.history})
 * and say whether the system behaved, never how it was driven.
 * <ul>
 *     <li>{@link io.warden.bench.chaos.check.LinearizabilityChecker}: Wing–Gong–Lowe search with memoization,
 *     P-compositionality and a budget (verdict LINEARIZABLE, NOT_LINEARIZABLE with an explanation, or UNKNOWN),
 *     against a {@link io.warden.bench.chaos.check.Model}: {@link io.warden.bench.chaos.check.CasRegisterModel},
 *     {@link io.warden.bench.chaos.check.KvModel}, {@link io.warden.bench.chaos.check.WardenKvModel}. Validated on
 *     Porcupine's golden fixtures.</li>
 *     <li>Polynomial safety checkers returning a {@link io.warden.bench.chaos.check.SafetyReport}:
 *     {@link io.warden.bench.chaos.check.LockSafetyChecker} (L1–L7),
 *     {@link io.warden.bench.chaos.check.SessionChecker} (S1–S4, judged on the harness clock through a
 *     {@link io.warden.bench.chaos.check.TimeMap}) and
 *     {@link io.warden.bench.chaos.check.WatchChecker} (W1–W5).</li>
 * </ul>
 * <p>
 * Thread: each check runs on its caller's thread; checkers and models are immutable and may be shared.
 * Must not import: Aeron, Agrona, or any {@code io.warden} runtime code (node, gateway, client, schema) — the
 * checkers check histories, they do not produce them — and nothing outside the JDK and the history package.
 */
package io.warden.bench.chaos.check;
