package io.warden.bench.workload;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one workload (or one variant of it, such as {@code watch-fanout} with 1,000 watchers) measured against one
 * target: a histogram of latencies in nanoseconds per operation, throughput of the primary operation, errors,
 * derived metrics (grants/s, takeover time, missed updates, ...), the parameters it ran with and the target's
 * durability setting. Filled by the workload, then read by the report writers; not thread-safe.
 */
public final class WorkloadResult
{
    private final String target;
    private final String workload;
    private final String variant;
    private final String durability;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final Map<String, Number> metrics = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private String primaryOp;
    private String throughputUnit = "ops/s";
    private double throughputOpsPerSec;
    private long ops;
    private long errors;
    private String skippedReason;

    /**
     * An empty result.
     *
     * @param target     target name.
     * @param workload   workload name.
     * @param variant    variant (e.g. {@code 1000-watchers}), or null.
     * @param durability the target's durability description.
     */
    public WorkloadResult(final String target, final String workload, final String variant, final String durability)
    {
        this.target = target;
        this.workload = workload;
        this.variant = variant;
        this.durability = durability;
    }

    /**
     * A result for a workload the target cannot run.
     *
     * @param target     target name.
     * @param workload   workload name.
     * @param durability the target's durability description.
     * @param reason     why it was skipped.
     * @return the result.
     */
    public static WorkloadResult skipped(
        final String target, final String workload, final String durability, final String reason)
    {
        final WorkloadResult result = new WorkloadResult(target, workload, null, durability);
        result.skippedReason = reason;
        return result;
    }

    /**
     * Target name.
     *
     * @return the target.
     */
    public String target()
    {
        return target;
    }

    /**
     * Workload name.
     *
     * @return the workload.
     */
    public String workload()
    {
        return workload;
    }

    /**
     * Variant, or null.
     *
     * @return the variant.
     */
    public String variant()
    {
        return variant;
    }

    /**
     * Workload and variant: {@code kv-get} or {@code watch-fanout-1000}. Results of different targets with the same
     * key are compared in one chart.
     *
     * @return the key.
     */
    public String key()
    {
        return null == variant ? workload : workload + "-" + variant;
    }

    /**
     * The target's durability description.
     *
     * @return durability.
     */
    public String durability()
    {
        return durability;
    }

    /**
     * Parameters the workload ran with (clients, durations, mode, ...), in insertion order.
     *
     * @return mutable parameters.
     */
    public Map<String, Object> parameters()
    {
        return parameters;
    }

    /**
     * Add a parameter.
     *
     * @param name  name.
     * @param value value (a number, string or boolean).
     * @return this.
     */
    public WorkloadResult parameter(final String name, final Object value)
    {
        parameters.put(name, value);
        return this;
    }

    /**
     * Latency histograms (nanoseconds) by operation.
     *
     * @return mutable histograms.
     */
    public Map<String, Histogram> histograms()
    {
        return histograms;
    }

    /**
     * Add histograms.
     *
     * @param byOp histograms by operation name.
     * @return this.
     */
    public WorkloadResult histograms(final Map<String, Histogram> byOp)
    {
        histograms.putAll(byOp);
        return this;
    }

    /**
     * Derived metrics (grants/s, fairness, takeover ms, missed updates, ...), in insertion order.
     *
     * @return mutable metrics.
     */
    public Map<String, Number> metrics()
    {
        return metrics;
    }

    /**
     * Add a metric.
     *
     * @param name  name with its unit as suffix ({@code takeoverMaxMs}).
     * @param value value.
     * @return this.
     */
    public WorkloadResult metric(final String name, final Number value)
    {
        metrics.put(name, value);
        return this;
    }

    /**
     * Free-text remarks (error samples, approximations).
     *
     * @return unmodifiable notes.
     */
    public List<String> notes()
    {
        return Collections.unmodifiableList(notes);
    }

    /**
     * Add a remark.
     *
     * @param note text.
     * @return this.
     */
    public WorkloadResult note(final String note)
    {
        notes.add(note);
        return this;
    }

    /**
     * The operation the throughput counts and the summary shows first.
     *
     * @return operation name, or null.
     */
    public String primaryOp()
    {
        return primaryOp;
    }

    /**
     * Set the primary operation.
     *
     * @param primaryOp operation name.
     * @return this.
     */
    public WorkloadResult primaryOp(final String primaryOp)
    {
        this.primaryOp = primaryOp;
        return this;
    }

    /**
     * Successful primary operations per second in the measured window.
     *
     * @return throughput.
     */
    public double throughputOpsPerSec()
    {
        return throughputOpsPerSec;
    }

    /**
     * What the throughput counts ({@code ops/s}, {@code cycles/s}, {@code grants/s}, {@code deliveries/s}).
     *
     * @return unit.
     */
    public String throughputUnit()
    {
        return throughputUnit;
    }

    /**
     * Set the throughput.
     *
     * @param throughput value.
     * @param unit       unit.
     * @return this.
     */
    public WorkloadResult throughput(final double throughput, final String unit)
    {
        this.throughputOpsPerSec = throughput;
        this.throughputUnit = unit;
        return this;
    }

    /**
     * Successful primary operations in the measured window.
     *
     * @return count.
     */
    public long ops()
    {
        return ops;
    }

    /**
     * Set the operation count.
     *
     * @param ops count.
     * @return this.
     */
    public WorkloadResult ops(final long ops)
    {
        this.ops = ops;
        return this;
    }

    /**
     * Failed operations in the measured window.
     *
     * @return count.
     */
    public long errors()
    {
        return errors;
    }

    /**
     * Add failed operations.
     *
     * @param errors count to add.
     * @return this.
     */
    public WorkloadResult addErrors(final long errors)
    {
        this.errors += errors;
        return this;
    }

    /**
     * Why the workload did not run, or null if it ran.
     *
     * @return the reason.
     */
    public String skippedReason()
    {
        return skippedReason;
    }

    /**
     * Whether the workload did not run.
     *
     * @return true if skipped.
     */
    public boolean isSkipped()
    {
        return null != skippedReason;
    }

    /**
     * Mark as failed: the workload could not complete (the reason is kept like a skip reason, prefixed).
     *
     * @param reason what went wrong.
     * @return this.
     */
    public WorkloadResult failed(final String reason)
    {
        this.skippedReason = "failed: " + reason;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "WorkloadResult{" + target + " " + key() + ", ops=" + ops + ", errors=" + errors +
            (isSkipped() ? ", skipped=" + skippedReason : "") + "}";
    }
}
