package io.warden.bench.chaos.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Porcupine golden fixtures are: the shared directory when this machine has it, else the copy in the
 * test resources (so a fresh CI machine runs the same checks).
 */
final class Fixtures
{
    static final Path SHARED = Path.of("/work/shared/linearizability-fixtures/porcupine");
    private static final String RESOURCE = "/linearizability-fixtures/porcupine";

    private Fixtures()
    {
    }

    static Path root()
    {
        return Files.isDirectory(SHARED) ? SHARED : resourceCopy();
    }

    /**
     * @return the copy of the fixtures in the test resources.
     */
    static Path resourceCopy()
    {
        final URL url = Fixtures.class.getResource(RESOURCE);
        if (url == null)
        {
            throw new IllegalStateException("no fixtures on the classpath at " + RESOURCE);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return file name to expected verdict (true = linearizable), in file order; rows marked {@code n/a} (no
     * verdict) are left out.
     */
    static Map<String, Boolean> verdicts(final Path csv)
    {
        try
        {
            final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            final Map<String, Boolean> verdicts = new LinkedHashMap<>();
            for (final String line : lines.subList(1, lines.size()))
            {
                if (line.isBlank())
                {
                    continue;
                }
                final String[] fields = line.split(",");
                final String verdict = fields[1].trim();
                if (verdict.equals("true") || verdict.equals("false"))
                {
                    verdicts.put(fields[0].trim(), Boolean.parseBoolean(verdict));
                }
                else if (!verdict.startsWith("n/a"))
                {
                    throw new IllegalStateException("bad verdict line in " + csv + ": " + line);
                }
            }
            return verdicts;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
