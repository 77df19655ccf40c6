/**
 * The reports of a run: {@code summary.txt} ({@link io.warden.bench.report.SummaryTable}), {@code summary.json}
 * ({@link io.warden.bench.report.JsonSummary}), one {@code .hgrm} per histogram
 * ({@link io.warden.bench.report.HgrmWriter}) and a self-contained {@code report.html} with log-percentile charts
 * ({@link io.warden.bench.report.HtmlReport}), all written by {@link io.warden.bench.report.ReportWriter}.
 * <p>
 * Thread: the rig's main thread; pure functions of a {@link io.warden.bench.report.RunSummary}. Must not import:
 * targets or client libraries (reports only read results).
 */
package io.warden.bench.report;
