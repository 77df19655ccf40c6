package io.warden.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The input format of the fuzz targets that read several frames from one input, and the writing of seed corpora for
 * Jazzer ({@code <TestClass>Inputs/<method>/} under a test resources folder), shared by every module's seeds helper.
 * <p>
 * A sequence is frames one after the other, each preceded by its length as two little-endian bytes; a length running
 * past the input takes what is left, so every input is a valid sequence and the fuzzer never wastes a run on framing.
 */
public final class FuzzCorpus
{
    private FuzzCorpus()
    {
    }

    /**
     * Cut a fuzz input into at most {@code maxFrames} frames.
     */
    public static List<byte[]> frames(final byte[] data, final int maxFrames)
    {
        final List<byte[]> frames = new ArrayList<>();
        int position = 0;
        while (frames.size() < maxFrames && position + 2 <= data.length)
        {
            final int length = Math.min((data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8,
                data.length - position - 2);
            frames.add(Arrays.copyOfRange(data, position + 2, position + 2 + length));
            position += 2 + length;
        }
        return frames;
    }

    /**
     * The input that {@link #frames} reads back as these frames (each shorter than 64 KiB).
     */
    public static byte[] sequence(final byte[]... frames)
    {
        int length = 0;
        for (final byte[] frame : frames)
        {
            length += 2 + frame.length;
        }
        final byte[] sequence = new byte[length];
        int position = 0;
        for (final byte[] frame : frames)
        {
            sequence[position] = (byte)frame.length;
            sequence[position + 1] = (byte)(frame.length >> 8);
            System.arraycopy(frame, 0, sequence, position + 2, frame.length);
            position += 2 + frame.length;
        }
        return sequence;
    }

    /**
     * The frame without its last {@code drop} bytes.
     */
    public static byte[] truncated(final byte[] frame, final int drop)
    {
        return Arrays.copyOf(frame, Math.max(0, frame.length - drop));
    }

    /**
     * The frame with one byte replaced.
     */
    public static byte[] patched(final byte[] frame, final int index, final int value)
    {
        final byte[] copy = frame.clone();
        copy[index] = (byte)value;
        return copy;
    }

    /**
     * The frame with one bit flipped (bit {@code bit % 8} of byte {@code bit / 8}, wrapping around the frame).
     */
    public static byte[] bitFlipped(final byte[] frame, final int bit)
    {
        final byte[] copy = frame.clone();
        final int index = (bit / 8) % copy.length;
        copy[index] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    /**
     * Write {@code inputs} as {@code seed-00}, {@code seed-01}... into {@code directory} (created if missing).
     */
    public static void writeSeeds(final Path directory, final List<byte[]> inputs) throws IOException
    {
        Files.createDirectories(directory);
        for (int i = 0; i < inputs.size(); i++)
        {
            Files.write(directory.resolve(String.format("seed-%02d", i)), inputs.get(i));
        }
    }
}
