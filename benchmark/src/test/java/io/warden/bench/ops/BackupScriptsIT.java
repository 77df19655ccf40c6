package io.warden.bench.ops;

import io.warden.bench.chaos.control.RunLayout;
import io.warden.bench.targets.Processes;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.bench.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The backup and restore scripts as the README has an operator run them, against a cell started by
 * {@code scripts/warden-cluster.sh} (with a private copy of {@code config/} and its own run directory, so a
 * developer's {@code run/} is never touched): keys written with the CLI, a snapshot with the ClusterTool wrapper,
 * {@code scripts/warden-backup.sh} run until it holds the snapshot, the cell stopped and every node's data deleted,
 * {@code scripts/warden-restore.sh} for each node (and refused for a node that already holds data), the cell started
 * again: every key is back.
 */
final class BackupScriptsIT
{
    private static final long COMMAND_TIMEOUT_MS = 180_000;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aCellDestroyedAfterItsBackupComesBackWithTheScripts() throws Exception
    {
        final Path repo = TargetEnvironment.fromWorkingDirectory().repoDir();
        final Path base = Files.createDirectories(repo.resolve("benchmark/target/backup-scripts"));
        RunLayout.deleteRecursively(base);
        final Path config = Files.createDirectories(base.resolve("config"));
        final Path run = Files.createDirectories(base.resolve("run"));
        final String shm = "/dev/shm/warden-backup-scripts-" + ProcessHandle.current().pid();
        writeConfig(repo, config, base, shm);
        final Map<String, String> env = Map.of(
            "WARDEN_CONFIG_DIR", config.toString(),
            "WARDEN_RUN_DIR", run.toString(),
            "JAVA", TargetEnvironment.javaBinary());
        Process backup = null;
        try
        {
            script(repo, env, "warden-cluster.sh", "start", "--profile", "ci");
            for (int i = 0; i < 20; i++)
            {
                cli(repo, env, "put", "/ops/k" + i, "v" + i);
            }
            final String leader = script(repo, env, "warden-cluster.sh", "leader")
                .replaceAll("(?s).*leader: node (\\d+).*", "$1");
            assertTrue(script(repo, env, "warden-clustertool.sh", leader, "snapshot").contains("applied successfully"));
            final String twentyPuts = cli(repo, env, "status").replaceAll("(?s).*revision\\s+(\\d+).*", "$1");
            cli(repo, env, "put", "/ops/after-snapshot", "yes");

            final Path backupLog = base.resolve("backup.log");
            final List<String> command = new ArrayList<>(List.of("bash",
                repo.resolve("scripts/warden-backup.sh").toString(), config.resolve("backup.properties").toString()));
            final ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(backupLog.toFile());
            builder.environment().putAll(env);
            backup = builder.start();
            LogLines.await(backupLog, "backup holds the snapshots at log positions [", backup, 120);
            Thread.sleep(2_000);
            backup.destroy();
            assertTrue(backup.waitFor(30, TimeUnit.SECONDS), "the backup stops on SIGTERM");
            // 143 is the JVM's status after SIGTERM (systemd counts it a clean stop); what matters is the clean close
            assertTrue(0 == backup.exitValue() || 143 == backup.exitValue(), "exit " + backup.exitValue());
            assertTrue(Files.readString(backupLog).contains("backup stopped"), Files.readString(backupLog));
            backup = null;

            script(repo, env, "warden-cluster.sh", "stop");
            for (int id = 0; id < 3; id++)
            {
                RunLayout.deleteRecursively(base.resolve("node-" + id));
            }
            final long restoreNs = System.nanoTime();
            for (int id = 0; id < 3; id++)
            {
                assertTrue(script(repo, env, "warden-restore.sh", base.resolve("backup").toString(),
                    Integer.toString(id)).contains("restored"));
            }
            System.out.println("[BackupScriptsIT] three nodes restored by the script in " +
                (System.nanoTime() - restoreNs) / 1_000_000 + " ms");
            final Processes.Outcome again = Processes.run(List.of("bash", repo.resolve("scripts/warden-restore.sh")
                .toString(), base.resolve("backup").toString(), "0"), env, repo, COMMAND_TIMEOUT_MS);
            assertEquals(1, again.exitCode(), "a node that holds data is refused: " + again.output());
            assertTrue(again.output().contains("never overwrites"), again.output());

            script(repo, env, "warden-cluster.sh", "start", "--profile", "ci");
            for (int i = 0; i < 20; i++)
            {
                assertEquals("v" + i, cli(repo, env, "get", "/ops/k" + i).trim());
            }
            assertEquals("yes", cli(repo, env, "get", "/ops/after-snapshot").trim(), "the log after the snapshot too");
            final String audited = script(repo, env, "warden", "audit", "--key", "/ops/after-snapshot",
                base.resolve("node-0").toString());
            assertTrue(audited.matches("(?s).*PUT +key /ops/after-snapshot revision \\d+ session \\d+.*"),
                "warden audit reads a restored node's files: " + audited);

            // point in time by revision: the cell as it was after the twenty puts, before /ops/after-snapshot
            script(repo, env, "warden-cluster.sh", "stop");
            for (int id = 0; id < 3; id++)
            {
                RunLayout.deleteRecursively(base.resolve("node-" + id));
                assertTrue(script(repo, env, "warden-restore.sh", "--to-revision", twentyPuts,
                    base.resolve("backup").toString(), Integer.toString(id)).contains("restored"));
            }
            script(repo, env, "warden-cluster.sh", "start", "--profile", "ci");
            assertEquals("v19", cli(repo, env, "get", "/ops/k19").trim());
            assertTrue(cli(repo, env, "status").contains("revision        " + twentyPuts + "\n"),
                "the cell is at revision " + twentyPuts);
            final Processes.Outcome missing = Processes.run(List.of("bash", repo.resolve("scripts/warden").toString(),
                "get", "/ops/after-snapshot"), env, repo, COMMAND_TIMEOUT_MS);
            assertTrue(0 != missing.exitCode() && missing.output().toLowerCase().contains("not found"),
                "written after the revision: " + missing.output());
        }
        finally
        {
            if (null != backup)
            {
                backup.destroyForcibly();
            }
            Processes.run(List.of("bash", repo.resolve("scripts/warden-cluster.sh").toString(), "stop"), env, repo,
                COMMAND_TIMEOUT_MS);
            RunLayout.deleteRecursively(Path.of(shm));
        }
    }

    private static void writeConfig(final Path repo, final Path config, final Path base, final String shm)
        throws IOException
    {
        try (var files = Files.list(repo.resolve("config")))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (file.getFileName().toString().endsWith(".properties"))
                {
                    Files.copy(file, config.resolve(file.getFileName()));
                }
            }
        }
        for (int id = 0; id < 3; id++)
        {
            final Path node = base.resolve("node-" + id);
            Files.writeString(config.resolve("node-" + id + ".properties"), "warden.node.id=" + id + "\n" +
                "warden.node.dir=" + node + "\nwarden.node.cluster.dir=" + node.resolve("cluster") + "\n" +
                "warden.node.archive.dir=" + node.resolve("archive") + "\nwarden.node.aeron.dir=" + shm + "/node-" +
                id + "\n", StandardCharsets.UTF_8);
        }
        final Path gateway = config.resolve("gateway.properties");
        Files.writeString(gateway, Files.readString(gateway).replaceAll("(?m)^warden\\.gateway\\.aeron\\.dir=.*$",
            "warden.gateway.aeron.dir=" + shm + "/gateway-0"), StandardCharsets.UTF_8);
        Files.writeString(config.resolve("backup.properties"), Files.readString(config.resolve("backup.properties"))
            .replaceAll("(?m)^warden\\.backup\\.dir=.*$", "warden.backup.dir=" + base.resolve("backup"))
            .replaceAll("(?m)^warden\\.backup\\.aeron\\.dir=.*$", "warden.backup.aeron.dir=" + shm + "/backup")
            .replaceAll("(?m)^warden\\.backup\\.source=.*$", "warden.backup.source=any"), StandardCharsets.UTF_8);
    }

    private static String script(final Path repo, final Map<String, String> env, final String name,
        final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("bash", repo.resolve("scripts/" + name).toString()));
        command.addAll(List.of(args));
        final Processes.Outcome outcome = Processes.run(command, env, repo, COMMAND_TIMEOUT_MS);
        if (0 != outcome.exitCode())
        {
            fail(name + " " + String.join(" ", args) + " exited " + outcome.exitCode() + ": " + outcome.output());
        }
        return outcome.output();
    }

    private static String cli(final Path repo, final Map<String, String> env, final String... args)
        throws InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("bash", repo.resolve("scripts/warden").toString()));
        command.addAll(List.of(args));
        Processes.Outcome outcome = null;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            outcome = Processes.run(command, env, repo, COMMAND_TIMEOUT_MS);
            if (0 == outcome.exitCode())
            {
                return outcome.output();
            }
            Thread.sleep(500);
        }
        return fail("warden " + String.join(" ", args) + ": " + outcome.output());
    }
}
