package io.warden.bench.chaos.scenario;

/**
 * One row of the fault matrix: a workload, the faults injected into it, and the invariants checked afterwards.
 * A scenario drives everything through its {@link ScenarioContext} (cluster, clients, firewall, recorders,
 * checks), which cleans up whatever happens; it reports problems as violations and throws only when it could not
 * run at all ({@link ScenarioContext#skip(String)} when the host lacks what it needs).
 */
public interface Scenario
{
    /**
     * Its id in the matrix, such as {@code F2}.
     *
     * @return the id.
     */
    String id();

    /**
     * A short name, such as {@code leader-kill-lock-storm}.
     *
     * @return the name.
     */
    String title();

    /**
     * Run it.
     *
     * @param ctx the run's context.
     * @throws Exception when it could not run.
     */
    void run(ScenarioContext ctx) throws Exception;
}
