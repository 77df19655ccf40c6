package io.warden.bench;

import io.warden.bench.targets.Target;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.bench.targets.warden.ScriptedWardenDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Target selection by name: every known name makes a target that reports that name (results of several Warden
 * configurations in one run stay apart), {@code warden-syncN} asks for level N and {@code warden} for the profile's,
 * and the rig refuses names it does not know before starting anything. Nothing is started here.
 */
final class TargetsTest
{
    @Test
    void everyKnownNameMakesATargetOfThatName(@TempDir final Path runDir)
    {
        final TargetEnvironment environment = new TargetEnvironment(
            TargetEnvironment.findRepoDir(Path.of("").toAbsolutePath()), runDir, "");
        for (final String name : Targets.NAMES)
        {
            final Target target = Targets.create(name, environment);
            assertEquals(name, target.name());
        }
        assertThrows(IllegalArgumentException.class, () -> Targets.create("warden-sync3", environment));
    }

    @Test
    void wardenSyncNamesSelectTheirLevelAndWardenTheProfiles()
    {
        assertEquals(ScriptedWardenDeployment.PROFILE_FILE_SYNC_LEVEL, Targets.wardenFileSyncLevel("warden"));
        assertEquals(0, Targets.wardenFileSyncLevel("warden-sync0"));
        assertEquals(1, Targets.wardenFileSyncLevel("warden-sync1"));
        assertEquals(2, Targets.wardenFileSyncLevel("warden-sync2"));
        for (final String name : List.of("warden-sync3", "warden-sync", "warden-sync-1", "Warden-sync1", "etcd"))
        {
            assertThrows(IllegalArgumentException.class, () -> Targets.wardenFileSyncLevel(name), name);
        }
    }

    @Test
    void rigRefusesAnUnknownTargetWithExitStatusTwo()
    {
        final CommandLine commandLine = new CommandLine(new LoadRig());
        assertEquals(2, commandLine.execute("--targets", "warden-sync1,warden-sync9", "--workloads", "kv-put"));
    }
}
