import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Appends 4 KiB blocks to a file and forces after each, as the archive recorder does at sync level 1 or 2. */
public final class FsyncProbe
{
    public static void main(final String[] args) throws Exception
    {
        final Path file = Path.of(args[0]);
        final int count = Integer.parseInt(args[1]);
        for (final boolean metadata : new boolean[]{false, true})
        {
            Files.deleteIfExists(file);
            final long[] ns = new long[count];
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); FileChannel channel = raf.getChannel())
            {
                final boolean isSized = args.length > 2 && "sized".equals(args[2]);
                if (isSized)
                {
                    raf.setLength(16L << 20); // like an archive segment file: full length up front, sparse
                }
                final ByteBuffer block = ByteBuffer.allocateDirect(4096);
                for (int i = 0; i < count; i++)
                {
                    block.clear();
                    final long start = System.nanoTime();
                    channel.write(block);
                    channel.force(metadata);
                    ns[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(ns);
            System.out.printf((args.length > 2 ? args[2] + " file, " : "") + "force(%s) after each 4 KiB append, %d times: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, " +
                "max %.3f ms, mean %.3f ms%n", metadata, count, ns[count / 2] / 1e6, ns[count * 9 / 10] / 1e6,
                ns[count * 99 / 100] / 1e6, ns[count - 1] / 1e6, Arrays.stream(ns).average().orElse(0) / 1e6);
        }
        Files.deleteIfExists(file);
    }
}
