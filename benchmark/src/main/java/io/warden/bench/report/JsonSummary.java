package io.warden.bench.report;

import io.warden.bench.workload.WorkloadResult;
import io.warden.bench.workload.WorkloadSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: the run's settings and targets, then one object per target × workload (× variant) with
 * throughput, the primary operation's latency percentiles (ms), errors, parameters, the target's durability, every
 * operation's percentiles, derived metrics and notes.
 */
public final class JsonSummary
{
    private JsonSummary()
    {
    }

    /**
     * Render a run as JSON.
     *
     * @param summary the run.
     * @return JSON text.
     */
    public static String render(final RunSummary summary)
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", summary.startedAt());
        root.put("command", summary.command());
        root.put("settings", settings(summary.settings()));
        final List<Object> targets = new ArrayList<>();
        for (final RunSummary.TargetInfo target : summary.targets())
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", target.name());
            map.put("durability", target.durability());
            map.put("description", target.description());
            map.put("error", target.error());
            targets.add(map);
        }
        root.put("targets", targets);
        final List<Object> results = new ArrayList<>();
        for (final WorkloadResult result : summary.results())
        {
            results.add(result(result));
        }
        root.put("results", results);
        return JsonWriter.write(root);
    }

    /**
     * One result as a JSON-ready map.
     *
     * @param result the result.
     * @return the map.
     */
    public static Map<String, Object> result(final WorkloadResult result)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", result.target());
        map.put("workload", result.workload());
        map.put("variant", result.variant());
        map.put("durability", result.durability());
        map.put("skipped", result.skippedReason());
        map.put("parameters", result.parameters());
        map.put("primaryOp", result.primaryOp());
        map.put("throughput", result.throughputOpsPerSec());
        map.put("throughputUnit", result.throughputUnit());
        map.put("ops", result.ops());
        map.put("errors", result.errors());
        final LatencyStats primary = null != result.primaryOp() && result.histograms().containsKey(result.primaryOp()) ?
            LatencyStats.of(result.histograms().get(result.primaryOp())) : null;
        map.put("p50Ms", null == primary ? null : primary.p50Ms());
        map.put("p90Ms", null == primary ? null : primary.p90Ms());
        map.put("p99Ms", null == primary ? null : primary.p99Ms());
        map.put("p999Ms", null == primary ? null : primary.p999Ms());
        map.put("maxMs", null == primary ? null : primary.maxMs());
        final Map<String, Object> ops = new LinkedHashMap<>();
        for (final String op : SummaryTable.orderedOps(result))
        {
            final Map<String, Object> stats = LatencyStats.of(result.histograms().get(op)).toMap();
            stats.put("hgrm", result.histograms().get(op).getTotalCount() > 0 ?
                HgrmWriter.fileName(result.target(), result.key(), op) : null);
            ops.put(op, stats);
        }
        map.put("latencies", ops);
        map.put("metrics", result.metrics());
        map.put("notes", result.notes());
        return map;
    }

    private static Map<String, Object> settings(final WorkloadSettings settings)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("clients", settings.clients());
        map.put("durationMs", settings.durationMs());
        map.put("warmupMs", settings.warmupMs());
        map.put("mode", settings.mode());
        map.put("rateOpsPerSec", settings.rateOpsPerSec());
        map.put("watchers", java.util.Arrays.stream(settings.watcherCounts()).boxed().toList());
        map.put("watchUpdates", settings.watchUpdates());
        map.put("watchUpdateRateHz", settings.watchUpdateRateHz());
        map.put("ttlMs", settings.ttlMs());
        map.put("expiryTrials", settings.expiryTrials());
        map.put("failoverDurationMs", settings.failoverDurationMs());
        map.put("valueLength", settings.valueLength());
        return map;
    }
}
