package io.warden.bench.targets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a target finds the repository (scripts and config), where it keeps its processes' data, logs and pid files,
 * and how it starts a JVM of its own (the rig's classpath and the flags every Agrona JVM needs).
 *
 * @param repoDir   the Warden repository root (holds {@code scripts/} and {@code config/}).
 * @param runDir    directory for the targets' data, logs and pid files (e.g. {@code run/bench}).
 * @param classpath classpath of the rig (the shaded bench jar, or the test classpath).
 */
public record TargetEnvironment(Path repoDir, Path runDir, String classpath)
{
    /** JVM flags every JVM that touches Agrona needs. */
    public static final List<String> AGRONA_JVM_FLAGS = List.of(
        "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED");

    /**
     * The environment of this JVM: the repository found from the working directory upwards, {@code run/bench}
     * inside it, and this JVM's classpath.
     *
     * @return the environment.
     */
    public static TargetEnvironment fromWorkingDirectory()
    {
        final Path repo = findRepoDir(Path.of("").toAbsolutePath());
        return new TargetEnvironment(repo, repo.resolve("run").resolve("bench"), System.getProperty("java.class.path"));
    }

    /**
     * The repository root at or above a directory: the first one holding {@code scripts/warden-cluster.sh}.
     *
     * @param start where to start looking.
     * @return the repository root.
     * @throws IllegalStateException if there is none.
     */
    public static Path findRepoDir(final Path start)
    {
        for (Path dir = start.toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve("scripts").resolve("warden-cluster.sh")))
            {
                return dir;
            }
        }

        throw new IllegalStateException("no Warden repository (scripts/warden-cluster.sh) at or above " + start);
    }

    /**
     * The java binary of this JVM.
     *
     * @return path to {@code java}.
     */
    public static String javaBinary()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A command line that runs a main class of the rig's classpath in a new JVM with the Agrona flags, exiting on
     * OutOfMemoryError.
     *
     * @param jvmOptions extra JVM options (heap, system properties).
     * @param mainClass  main class.
     * @param args       program arguments.
     * @return the command.
     */
    public List<String> javaCommand(final List<String> jvmOptions, final String mainClass, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(AGRONA_JVM_FLAGS);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * A script under the repository's {@code scripts/}.
     *
     * @param name script file name.
     * @return its path.
     */
    public Path script(final String name)
    {
        return repoDir.resolve("scripts").resolve(name);
    }
}
