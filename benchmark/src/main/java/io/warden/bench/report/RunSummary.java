package io.warden.bench.report;

import io.warden.bench.workload.WorkloadResult;
import io.warden.bench.workload.WorkloadSettings;

import java.util.List;

/**
 * Everything one rig run produced, as the report writers read it.
 *
 * @param startedAt ISO-8601 start time.
 * @param command   the command line, for the record.
 * @param settings  workload settings.
 * @param targets   the targets, in run order.
 * @param results   every result, in run order.
 */
public record RunSummary(
    String startedAt, String command, WorkloadSettings settings, List<TargetInfo> targets, List<WorkloadResult> results)
{
    /**
     * One target as the report shows it.
     *
     * @param name        target name.
     * @param durability  what an acknowledged write means there.
     * @param description version and layout.
     * @param error       why it could not be started or stopped cleanly, or null.
     */
    public record TargetInfo(String name, String durability, String description, String error)
    {
    }
}
