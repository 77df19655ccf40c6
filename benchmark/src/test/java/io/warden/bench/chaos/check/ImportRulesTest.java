package io.warden.bench.chaos.check;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkers check histories; they do not produce them. Their sources import only the JDK, each other, and the two
 * plain records of the audit stream that the product's log replay produces ({@code io.warden.node.audit.AuditEvent}
 * and {@code Change}), which themselves import only the JDK.
 */
final class ImportRulesTest
{
    private static final Path SOURCES = Path.of("src/main/java/io/warden/bench/chaos");
    private static final List<String> CHECKED = List.of("check", "history");
    private static final List<String> AUDIT_RECORDS = List.of("AuditEvent", "Change");
    private static final Path AUDIT_SOURCES = Path.of("../cluster-node/src/main/java/io/warden/node/audit");

    @Test
    void checkersAndHistoryModelImportNoRuntimeCode() throws IOException
    {
        assertTrue(Files.isDirectory(SOURCES), "run from the benchmark module: " + SOURCES.toAbsolutePath());
        final List<String> bad = new ArrayList<>();
        int files = 0;
        for (final String dir : CHECKED)
        {
            files += scan(SOURCES.resolve(dir), bad);
        }
        assertTrue(files >= 20, "found " + files + " sources");
        assertEquals(List.of(), bad);
    }

    @Test
    void theAuditRecordsTheCheckersReadImportOnlyTheJdk() throws IOException
    {
        final List<String> bad = new ArrayList<>();
        for (final String record : AUDIT_RECORDS)
        {
            final Path file = AUDIT_SOURCES.resolve(record + ".java");
            assertTrue(Files.isRegularFile(file), file.toAbsolutePath().toString());
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                final String l = line.trim();
                if (l.startsWith("import ") && !l.startsWith("import java."))
                {
                    bad.add(record + ": " + l);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    private static int scan(final Path dir, final List<String> bad) throws IOException
    {
        int files = 0;
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path file : (Iterable<Path>)paths.filter(p -> p.toString().endsWith(".java"))::iterator)
            {
                files++;
                for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
                {
                    final String l = line.trim();
                    if (l.startsWith("import ") && !(l.startsWith("import java.") || l.startsWith("import static java.") ||
                        l.startsWith("import io.warden.bench.chaos.") || isAuditRecord(l)))
                    {
                        bad.add(SOURCES.relativize(file) + ": " + l);
                    }
                }
            }
        }
        return files;
    }

    private static boolean isAuditRecord(final String importLine)
    {
        return AUDIT_RECORDS.stream().anyMatch(r -> importLine.equals("import io.warden.node.audit." + r + ";"));
    }
}
