package io.warden.bench.targets;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 3-member peer cluster run by one of the repository's scripts ({@code scripts/zookeeper-ensemble.sh},
 * {@code scripts/etcd-cluster.sh}), which start members in the background, record their pids and stop, kill or
 * restart them by pid. This class only runs the script's commands and reads their answers.
 */
public final class ScriptCluster
{
    /** How long a start or restart may take. */
    public static final long START_TIMEOUT_MS = 180_000;
    /** How long a stop, leader query or kill may take. */
    public static final long COMMAND_TIMEOUT_MS = 60_000;

    private static final Pattern LEADER = Pattern.compile("leader: member (\\d+)");

    private final TargetEnvironment environment;
    private final String script;
    private final Map<String, String> env;
    private final java.nio.file.Path runDir;

    /**
     * A cluster run by a script.
     *
     * @param environment repository and run directory.
     * @param script      script file name under {@code scripts/}.
     * @param env         environment variables for the script (run dir, classpath, ports).
     * @param runDir      the script's run directory, holding {@code member-N.pid}.
     */
    public ScriptCluster(
        final TargetEnvironment environment,
        final String script,
        final Map<String, String> env,
        final java.nio.file.Path runDir)
    {
        this.environment = environment;
        this.script = script;
        this.env = Map.copyOf(env);
        this.runDir = runDir;
    }

    /**
     * Run one command of the script.
     *
     * @param timeoutMs how long it may take.
     * @param args      command and arguments.
     * @return its outcome (not checked).
     */
    public Processes.Outcome run(final long timeoutMs, final String... args)
    {
        final List<String> command = new java.util.ArrayList<>();
        command.add("bash");
        command.add(environment.script(script).toString());
        command.addAll(List.of(args));
        return Processes.run(command, env, environment.repoDir(), timeoutMs);
    }

    /**
     * Start all members (fresh data) and wait until they serve.
     *
     * @return the script's output.
     */
    public String start()
    {
        return run(START_TIMEOUT_MS, "start").check(script + " start").output();
    }

    /**
     * Stop every member by pid. Never throws.
     *
     * @return the script's output.
     */
    public String stop()
    {
        try
        {
            return run(COMMAND_TIMEOUT_MS, "stop").output();
        }
        catch (final RuntimeException ex)
        {
            return "stop failed: " + ex;
        }
    }

    /**
     * The leader's member number.
     *
     * @return member number, or -1 if there is none.
     */
    public int leader()
    {
        final Processes.Outcome outcome = run(COMMAND_TIMEOUT_MS, "leader");
        final Matcher matcher = LEADER.matcher(outcome.output());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /**
     * SIGKILL the leader from this JVM, by the pid the script recorded (the script's own {@code kill-member} does
     * the same by hand), timing the kill.
     *
     * @return the member killed and when.
     */
    public KilledMember killLeader()
    {
        final int leader = leader();
        if (leader < 0)
        {
            throw new IllegalStateException(script + ": no leader to kill");
        }
        return Processes.killRecorded(runDir.resolve("member-" + leader + ".pid"), leader, 10_000);
    }

    /**
     * Start one member again on its data and wait until it serves.
     *
     * @param member member number.
     */
    public void startMember(final int member)
    {
        run(START_TIMEOUT_MS, "start-member", Integer.toString(member)).check(script + " start-member " + member);
    }

    /**
     * One line of the script's output for a query command ({@code connect-string}, {@code endpoints}).
     *
     * @param command the command.
     * @return its output, trimmed.
     */
    public String query(final String command)
    {
        return run(COMMAND_TIMEOUT_MS, command).check(script + " " + command).output().trim();
    }
}
