package io.warden.schema;

import io.warden.schema.protocol.FrameBatchEncoder;
import io.warden.schema.protocol.MessageHeaderDecoder;
import io.warden.schema.protocol.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
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
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

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
     * A well-formed frame as it is and damaged in the ways decoders get wrong: cut short (in its var data, in its
     * block, inside the header), a version from the future, an unknown template, a block length of 0, a trailing byte,
     * the first length after the block made huge (a var-data length or a group's entry length), a group of entries of
     * no bytes, and two flipped bits.
     */
    public static List<byte[]> variants(final byte[] frame)
    {
        final int blockEnd = HEADER + new MessageHeaderDecoder().wrap(new UnsafeBuffer(frame), 0).blockLength();
        final List<byte[]> variants = new ArrayList<>();
        variants.add(frame);
        variants.add(truncated(frame, 1));
        variants.add(truncated(frame, frame.length - blockEnd + 1));
        variants.add(truncated(frame, frame.length - HEADER + 2));
        variants.add(patched(frame, 6, 9));
        variants.add(patched(frame, 2, 250));
        variants.add(patched(frame, 0, 0));
        variants.add(Arrays.copyOf(frame, frame.length + 1));
        if (blockEnd + 1 < frame.length)
        {
            variants.add(patched(frame, blockEnd + 1, 0xFF));
            variants.add(patched(patched(frame, blockEnd, 0), blockEnd + 1, 0));
        }
        variants.add(bitFlipped(frame, 8 * HEADER + 3));
        variants.add(bitFlipped(frame, 8 * frame.length - 5));
        return variants;
    }

    /**
     * The seed inputs for a target that reads sequences: each of the frames' {@link #variants} as an input of its own,
     * then all the frames, well formed, in one input.
     */
    public static List<byte[]> seeds(final List<byte[]> frames)
    {
        final List<byte[]> inputs = new ArrayList<>();
        for (final byte[] frame : frames)
        {
            for (final byte[] variant : variants(frame))
            {
                inputs.add(sequence(variant));
            }
        }
        inputs.add(sequence(frames.toArray(new byte[0][])));
        return inputs;
    }

    /**
     * A {@code FrameBatch} of these frames, as a gateway sends several to one client: each an int32 length, then the
     * frame.
     */
    public static byte[] batch(final byte[]... frames)
    {
        final ExpandableArrayBuffer body = new ExpandableArrayBuffer(256);
        int position = 0;
        for (final byte[] frame : frames)
        {
            body.putInt(position, frame.length, ByteOrder.LITTLE_ENDIAN);
            body.putBytes(position + Integer.BYTES, frame);
            position += Integer.BYTES + frame.length;
        }
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(512);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new FrameBatchEncoder()
            .wrapAndApplyHeader(out, 0, new MessageHeaderEncoder())
            .putFrames(body, 0, position).encodedLength();
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Write {@code inputs} as {@code seed-00}, {@code seed-01}... (more digits for more than 100) into
     * {@code directory} (created if missing).
     */
    public static void writeSeeds(final Path directory, final List<byte[]> inputs) throws IOException
    {
        Files.createDirectories(directory);
        final String name = "seed-%0" + Math.max(2, String.valueOf(inputs.size() - 1).length()) + "d";
        for (int i = 0; i < inputs.size(); i++)
        {
            Files.write(directory.resolve(String.format(name, i)), inputs.get(i));
        }
    }
}
