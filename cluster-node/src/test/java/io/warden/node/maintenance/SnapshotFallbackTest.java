package io.warden.node.maintenance;

import io.aeron.cluster.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SnapshotFallbackTest
{
    @TempDir
    File clusterDir;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

    private void write(final long... snapshotPositions)
    {
        try (RecordingLog log = new RecordingLog(clusterDir, true))
        {
            log.appendTerm(0, 0, 0, 0);
            long recordingId = 1;
            for (final long position : snapshotPositions)
            {
                log.appendSnapshot(recordingId++, 0, 0, position, 0, 0);
                log.appendSnapshot(recordingId++, 0, 0, position, 0, -1);
            }
        }
    }

    @Test
    void theLatestIsInvalidatedAndTheOneBeforeIsUsed()
    {
        write(1_000, 2_000);
        assertNull(SnapshotFallback.fallBack(2, clusterDir, new File("/data/archive"), "digest mismatch", out));

        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            assertEquals(1_000, log.getLatestSnapshot(0).logPosition);
            assertEquals(1_000, log.getLatestSnapshot(-1).logPosition);
        }
        final String line = said.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("/data/archive/3-*.rec") && line.contains("digest mismatch") &&
            line.contains("log position 1000"), line);
    }

    @Test
    void withoutAnOlderSnapshotTheNodeRefusesAndNamesTheFile()
    {
        write(2_000);
        final String refusal = SnapshotFallback.fallBack(2, clusterDir, new File("/data/archive"), "truncated", out);

        assertNotNull(refusal);
        assertTrue(refusal.contains("refuses to start") && refusal.contains("/data/archive/1-*.rec") &&
            refusal.contains("truncated"), refusal);
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            assertEquals(2_000, log.getLatestSnapshot(0).logPosition, "nothing is changed by a refusal");
        }
    }

    @Test
    void aFailureWithNoSnapshotListedIsARefusalToo()
    {
        write();
        assertNotNull(SnapshotFallback.fallBack(2, clusterDir, new File("/data/archive"), "odd", out));
    }
}
