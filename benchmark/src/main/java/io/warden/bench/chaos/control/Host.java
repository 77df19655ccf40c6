package io.warden.bench.chaos.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this machine offers the harness: whether it runs as root (needed for per-process uids and iptables), where
 * {@code iptables}, {@code setpriv} and {@code java} are, and where the repository's built jars are.
 * Found once per JVM; immutable.
 */
public final class Host
{
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin");
    /** Where Debian's and Ubuntu's {@code libfaketime} package puts the preload library, and other common places. */
    private static final List<String> LIBFAKETIME = List.of(
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1",
        "/usr/local/lib/faketime/libfaketime.so.1",
        "/usr/lib64/faketime/libfaketime.so.1");
    private static volatile Host instance;

    private final boolean isRoot;
    private final String iptables;
    private final String setpriv;
    private final String kill;
    private final String javaBinary;
    private final Path repoRoot;
    private final String libfaketime;

    private Host()
    {
        isRoot = uid() == 0;
        iptables = find("iptables");
        setpriv = find("setpriv");
        kill = null != find("kill") ? find("kill") : "kill";
        javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        repoRoot = findRepoRoot();
        libfaketime = LIBFAKETIME.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst().orElse(null);
    }

    /**
     * The facts of this machine, found on first use.
     *
     * @return the host.
     */
    public static Host current()
    {
        Host host = instance;
        if (null == host)
        {
            synchronized (Host.class)
            {
                host = instance;
                if (null == host)
                {
                    host = new Host();
                    instance = host;
                }
            }
        }
        return host;
    }

    /**
     * Does this JVM run as root?
     *
     * @return true for uid 0.
     */
    public boolean isRoot()
    {
        return isRoot;
    }

    /**
     * The {@code iptables} binary.
     *
     * @return its path, or null when not installed.
     */
    public String iptables()
    {
        return iptables;
    }

    /**
     * The {@code setpriv} binary (util-linux), used to give each process its own uid.
     *
     * @return its path, or null when not installed.
     */
    public String setpriv()
    {
        return setpriv;
    }

    /**
     * The {@code kill} binary, for SIGSTOP and SIGCONT (Java has no API for them).
     *
     * @return its path.
     */
    public String kill()
    {
        return kill;
    }

    /**
     * Can every process run under its own uid (root and {@code setpriv})? Partitions need it: on loopback every
     * packet leaves from 127.0.0.1, so iptables tells processes apart by their owner uid.
     *
     * @return true when processes get their own uids.
     */
    public boolean perProcessUids()
    {
        return isRoot && null != setpriv;
    }

    /**
     * Why network faults cannot run here, or null when they can.
     *
     * @return the reason, or null.
     */
    public String networkFaultsUnavailableReason()
    {
        if (!isRoot)
        {
            return "not root (uid " + uid() + "): iptables rules need root";
        }
        if (null == iptables)
        {
            return "iptables is not installed (.ci/run installs it: apt-get install iptables)";
        }
        if (null == setpriv)
        {
            return "setpriv (util-linux) is not installed: processes cannot get their own uids";
        }
        return null;
    }

    /**
     * The {@code libfaketime} preload library, which steps the wall clock of one process for real (its
     * {@code clock_gettime(CLOCK_REALTIME)} and {@code gettimeofday}) while {@code CLOCK_MONOTONIC} stays true.
     *
     * @return its path, or null when not installed ({@code apt-get install libfaketime}).
     */
    public String libfaketime()
    {
        return libfaketime;
    }

    /**
     * The java launcher of this JVM.
     *
     * @return its path.
     */
    public String javaBinary()
    {
        return javaBinary;
    }

    /**
     * The repository root: the directory holding {@code cluster-node/target/warden-node.jar}.
     *
     * @return the root.
     */
    public Path repoRoot()
    {
        return repoRoot;
    }

    /**
     * The shaded node jar.
     *
     * @return {@code cluster-node/target/warden-node.jar}.
     */
    public Path nodeJar()
    {
        return repoRoot.resolve("cluster-node/target/warden-node.jar");
    }

    /**
     * The shaded gateway jar.
     *
     * @return {@code client-gateway/target/warden.jar}.
     */
    public Path gatewayJar()
    {
        return repoRoot.resolve("client-gateway/target/warden.jar");
    }

    /**
     * Are the node and gateway jars built from the same protocol schema as this harness? A harness whose schema
     * classes came from elsewhere (say, a newer snapshot in the local Maven repository when only the benchmark
     * module was built) misreads the nodes' logs and reports nonsense, so a run refuses to start instead.
     *
     * @return null when the schema classes are byte for byte the same, else what differs.
     */
    public String schemaMismatch()
    {
        final String prefix = "io/warden/schema/";
        final long harness;
        try
        {
            harness = harnessSchemaDigest(prefix);
        }
        catch (final IOException | RuntimeException ex)
        {
            return "cannot read the harness's own schema classes: " + ex;
        }
        for (final Path jar : List.of(nodeJar(), gatewayJar()))
        {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile()))
            {
                final java.util.TreeMap<String, byte[]> classes = new java.util.TreeMap<>();
                for (final java.util.jar.JarEntry entry : java.util.Collections.list(file.entries()))
                {
                    if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class"))
                    {
                        classes.put(entry.getName(), file.getInputStream(entry).readAllBytes());
                    }
                }
                if (digest(classes) != harness)
                {
                    return jar + " was built from another protocol schema than this harness (rebuild both from " +
                        "one tree, e.g. mvn package -pl benchmark -am)";
                }
            }
            catch (final IOException ex)
            {
                return "cannot read " + jar + ": " + ex;
            }
        }
        return null;
    }

    private static long harnessSchemaDigest(final String prefix) throws IOException
    {
        final java.net.URL url = Host.class.getClassLoader().getResource(prefix + "FrameCheck.class");
        if (null == url)
        {
            throw new IOException("no " + prefix + "FrameCheck.class on the classpath");
        }
        final java.util.TreeMap<String, byte[]> classes = new java.util.TreeMap<>();
        final String location = url.toString();
        if (location.startsWith("jar:file:"))
        {
            final String jarPath = java.net.URLDecoder.decode(
                location.substring("jar:file:".length(), location.indexOf("!/")), java.nio.charset.StandardCharsets.UTF_8);
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jarPath))
            {
                for (final java.util.jar.JarEntry entry : java.util.Collections.list(file.entries()))
                {
                    if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class"))
                    {
                        classes.put(entry.getName(), file.getInputStream(entry).readAllBytes());
                    }
                }
            }
        }
        else
        {
            final Path root;
            try
            {
                root = Path.of(url.toURI()).getParent().getParent().getParent().getParent();
            }
            catch (final java.net.URISyntaxException ex)
            {
                throw new IOException(ex);
            }
            try (java.util.stream.Stream<Path> files = Files.walk(root.resolve(prefix)))
            {
                for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".class"))::iterator)
                {
                    classes.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return digest(classes);
    }

    private static long digest(final java.util.SortedMap<String, byte[]> classes)
    {
        final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        classes.forEach((name, bytes) ->
        {
            crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            crc.update(bytes);
        });
        return crc.getValue() ^ ((long)classes.size() << 32);
    }

    private static int uid()
    {
        try
        {
            return (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException ex)
        {
            return -1;
        }
    }

    private static String find(final String name)
    {
        for (final String dir : SBIN)
        {
            final Path path = Path.of(dir, name);
            if (Files.isExecutable(path))
            {
                return path.toString();
            }
        }
        final String pathEnv = System.getenv("PATH");
        if (null != pathEnv)
        {
            for (final String dir : pathEnv.split(":"))
            {
                final Path path = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(path))
                {
                    return path.toString();
                }
            }
        }
        return null;
    }

    private static Path findRepoRoot()
    {
        final String configured = System.getProperty("warden.repo.root");
        if (null != configured)
        {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            if (Files.isDirectory(dir.resolve("cluster-node")) && Files.isDirectory(dir.resolve("client-gateway")))
            {
                return dir;
            }
            dir = dir.getParent();
        }
        return Path.of("").toAbsolutePath();
    }
}
