package io.warden.bench.chaos.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one scenario run found, and its one-line summary: seed, operations ok/fail/unknown, faults by type,
 * recovery times, violations by kind, acknowledged writes lost, and the verdict.
 *
 * @param id          scenario id.
 * @param title       scenario name.
 * @param seed        the seed (rerun with it to reproduce).
 * @param status      PASSED, FAILED or SKIPPED.
 * @param opsOk       operations that completed ok.
 * @param opsFail     operations that definitely failed.
 * @param opsUnknown  operations with an unknown outcome.
 * @param faults      faults by type, such as {@code kill:1,restart:1}.
 * @param recovery    recovery times, such as {@code leader-kill:1630ms}.
 * @param violations  violation counts by invariant (for a negative control, the ones it expected).
 * @param lostAcked   acknowledged writes lost.
 * @param checks      what was checked and the counts, such as {@code lin=OK(812)}.
 * @param durationMs  wall time of the run.
 * @param reason      why it failed or was skipped, or null.
 * @param artifacts   where its history, audit and logs were kept, or null when deleted.
 * @param details     the first violation messages, for the report.
 */
public record ScenarioResult(
    String id,
    String title,
    long seed,
    Status status,
    long opsOk,
    long opsFail,
    long opsUnknown,
    String faults,
    String recovery,
    Map<String, Integer> violations,
    long lostAcked,
    String checks,
    long durationMs,
    String reason,
    String artifacts,
    List<String> details)
{
    /** The verdict of a run. */
    public enum Status
    {
        /** Every check held (or, for a negative control, the expected violation was caught). */
        PASSED,
        /** A check failed, the run broke, or a negative control caught nothing. */
        FAILED,
        /** The host cannot run it (for example no root for iptables); neither passed nor failed. */
        SKIPPED
    }

    /**
     * Copies the maps.
     */
    public ScenarioResult
    {
        violations = new TreeMap<>(violations);
        details = List.copyOf(details);
    }

    /**
     * Violations by kind as {@code L5:1,W3:2}, or {@code none}.
     *
     * @return the summary.
     */
    public String violationSummary()
    {
        if (violations.isEmpty())
        {
            return "none";
        }
        final StringBuilder sb = new StringBuilder();
        violations.forEach((kind, count) -> sb.append(sb.length() == 0 ? "" : ",").append(kind).append(':')
            .append(count));
        return sb.toString();
    }

    /**
     * The one line this run prints.
     *
     * @return the line.
     */
    public String line()
    {
        if (status == Status.SKIPPED)
        {
            return String.format("%-4s %-32s seed=%d SKIPPED: %s", id, title, seed, reason);
        }
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %-32s seed=%d ops ok=%d fail=%d unknown=%d faults=%s recovery=%s " +
            "violations=%s lost_acked=%d %s time=%.1fs %s",
            id, title, seed, opsOk, opsFail, opsUnknown, faults, recovery, violationSummary(), lostAcked, checks,
            durationMs / 1000.0, status));
        if (null != reason)
        {
            sb.append(" (").append(reason).append(')');
        }
        return sb.toString();
    }

    /**
     * The run as key-value pairs, for a machine-readable summary.
     *
     * @return the fields.
     */
    public Map<String, Object> fields()
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("title", title);
        fields.put("seed", seed);
        fields.put("status", status.name());
        fields.put("opsOk", opsOk);
        fields.put("opsFail", opsFail);
        fields.put("opsUnknown", opsUnknown);
        fields.put("faults", faults);
        fields.put("recovery", recovery);
        fields.put("violations", violationSummary());
        fields.put("lostAcked", lostAcked);
        fields.put("checks", checks);
        fields.put("durationMs", durationMs);
        fields.put("reason", reason);
        fields.put("artifacts", artifacts);
        return fields;
    }
}
