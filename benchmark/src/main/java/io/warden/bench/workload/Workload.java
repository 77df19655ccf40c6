package io.warden.bench.workload;

import io.warden.bench.targets.Capability;

import java.util.List;
import java.util.Set;

/**
 * One kind of load, run against one started target. Implementations are stateless between runs and run on the
 * rig's main thread, starting their own client threads through {@link WorkloadContext}.
 */
public interface Workload
{
    /**
     * Name as given to {@code --workloads}.
     *
     * @return the name, e.g. {@code kv-put}.
     */
    String name();

    /**
     * What the target must be able to do.
     *
     * @return required capabilities.
     */
    Set<Capability> requires();

    /**
     * Run against the context's target, which is started, and leave it running and usable.
     *
     * @param context target, settings, progress.
     * @return one result, or one per variant.
     * @throws Exception if the workload cannot complete; the rig records the failure and goes on.
     */
    List<WorkloadResult> run(WorkloadContext context) throws Exception;
}
