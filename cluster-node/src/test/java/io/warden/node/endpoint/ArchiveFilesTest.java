package io.warden.node.endpoint;

import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ArchiveFilesTest
{
    @TempDir
    Path dir;

    @Test
    void readsTheRecordingIdOfSegmentFileNamesOnly()
    {
        assertEquals(12, ArchiveFiles.recordingIdOf("12-0.rec"));
        assertEquals(3, ArchiveFiles.recordingIdOf("3-134217728.rec"));
        assertEquals(-1, ArchiveFiles.recordingIdOf("archive.catalog"));
        assertEquals(-1, ArchiveFiles.recordingIdOf("archive-mark.dat"));
        assertEquals(-1, ArchiveFiles.recordingIdOf("-0.rec"));
        assertEquals(-1, ArchiveFiles.recordingIdOf("x-0.rec"));
        assertEquals(-1, ArchiveFiles.recordingIdOf("1-y.rec"));
        assertEquals(-1, ArchiveFiles.recordingIdOf("1-0.rec.tmp"));
    }

    @Test
    void splitsTheArchivesBytesIntoLogSnapshotsAndTheRest() throws IOException
    {
        Files.write(dir.resolve("0-0.rec"), new byte[1000]);
        Files.write(dir.resolve("0-1000.rec"), new byte[500]);
        Files.write(dir.resolve("1-0.rec"), new byte[70]);
        Files.write(dir.resolve("2-0.rec"), new byte[30]);
        Files.write(dir.resolve("archive.catalog"), new byte[8]);
        Files.createDirectory(dir.resolve("subdir"));

        final LongHashSet snapshots = new LongHashSet();
        snapshots.add(1);
        snapshots.add(2);

        assertEquals(new ArchiveFiles.Usage(1500, 100, 8), ArchiveFiles.usage(dir.toFile(), snapshots));
        assertEquals(new ArchiveFiles.Usage(0, 0, 0), ArchiveFiles.usage(dir.resolve("none").toFile(), snapshots));
    }
}
