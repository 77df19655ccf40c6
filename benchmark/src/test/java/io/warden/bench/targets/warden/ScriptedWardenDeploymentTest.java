package io.warden.bench.targets.warden;

import io.warden.bench.targets.TargetEnvironment;
import io.warden.node.launcher.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The private config copy of the scripted deployment: a requested file sync level reaches the nodes' layered
 * configuration (cluster, node, profile file) and nothing else of the profile changes; {@code durability()} states
 * the level the nodes resolve, not the one asked for. No process is started.
 */
final class ScriptedWardenDeploymentTest
{
    private static TargetEnvironment environment(final Path runDir)
    {
        return new TargetEnvironment(TargetEnvironment.findRepoDir(Path.of("").toAbsolutePath()), runDir, "");
    }

    private static NodeConfig resolvedNode(final Path runDir, final int member)
    {
        final Path config = runDir.resolve("warden").resolve("config");
        return NodeConfig.load(List.of(config.resolve("cluster.properties"),
            config.resolve("node-" + member + ".properties"), config.resolve("profile-ci.properties")),
            new Properties());
    }

    @Test
    void requestedLevelReachesEveryNodeAndTheDurabilityText(@TempDir final Path runDir) throws Exception
    {
        for (int level = 0; level <= 2; level++)
        {
            final Path dir = runDir.resolve("level-" + level);
            final ScriptedWardenDeployment deployment = new ScriptedWardenDeployment(environment(dir), level);
            deployment.writeConfig(null);
            for (int member = 0; member < 3; member++)
            {
                final NodeConfig node = resolvedNode(dir, member);
                assertEquals(level, node.fileSyncLevel());
                assertEquals("ci", node.profile());
            }
            final String durability = deployment.durability();
            assertTrue(durability.contains("warden.file.sync.level=" + level + " (set by the rig)"), durability);
            assertTrue(durability.contains(ScriptedWardenDeployment.syncMeaning(level)), durability);
        }
        assertTrue(ScriptedWardenDeployment.syncMeaning(0).contains("no fsync"));
        assertTrue(ScriptedWardenDeployment.syncMeaning(1).contains("force(false)"));
        assertTrue(ScriptedWardenDeployment.syncMeaning(2).contains("force(true)"));
    }

    @Test
    void withoutARequestTheProfilesLevelIsKeptAndStated(@TempDir final Path runDir) throws Exception
    {
        final ScriptedWardenDeployment deployment = new ScriptedWardenDeployment(environment(runDir));
        deployment.writeConfig(null);
        final int profileLevel = Integer.parseInt(NodeConfig.readProperties(
            environment(runDir).repoDir().resolve("config").resolve("profile-ci.properties"))
            .getProperty(NodeConfig.FILE_SYNC_LEVEL_PROP_NAME).trim());
        assertEquals(profileLevel, resolvedNode(runDir, 0).fileSyncLevel());
        assertTrue(deployment.durability().contains(
            "warden.file.sync.level=" + profileLevel + " (the ci profile's)"), deployment.durability());
    }

    @Test
    void nodeJavaOptionsThatOverrideTheLevelAreStatedOrRefused(@TempDir final Path runDir) throws Exception
    {
        final ScriptedWardenDeployment profileLevel = new ScriptedWardenDeployment(environment(runDir.resolve("a")));
        profileLevel.writeConfig("-Xmx1g -Dwarden.file.sync.level=2 -XX:+ExitOnOutOfMemoryError");
        assertTrue(profileLevel.durability().contains("warden.file.sync.level=2 (set by -D in WARDEN_JAVA_OPTS)"),
            profileLevel.durability());

        final ScriptedWardenDeployment requested = new ScriptedWardenDeployment(environment(runDir.resolve("b")), 1);
        assertThrows(IllegalStateException.class, () -> requested.writeConfig(" -Dwarden.file.sync.level=0"));
        assertThrows(IllegalArgumentException.class, () -> new ScriptedWardenDeployment(environment(runDir), 3));
    }

    @Test
    void systemPropertiesAreTheDashDOptions()
    {
        final Properties properties = ScriptedWardenDeployment.systemProperties(" -Xmx1g -Da=1  -Db -Dc=x=y -D ");
        assertEquals(3, properties.size());
        assertEquals("1", properties.getProperty("a"));
        assertEquals("", properties.getProperty("b"));
        assertEquals("x=y", properties.getProperty("c"));
        assertTrue(ScriptedWardenDeployment.systemProperties(null).isEmpty());
    }
}
