package io.warden.node.fuzz;

import io.warden.schema.FuzzCorpus;
import io.warden.schema.RequestSamples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seed inputs of the fuzz targets (one valid frame of every request type, gateway requests included, and a
 * few damaged ones) into {@code src/test/resources/io/warden/node/fuzz/...Inputs/...}. They are the regression corpus
 * the normal build runs and the starting point of fuzzing. Run from cluster-node/ after changing the protocol (the
 * class path file comes from {@code mvn -pl cluster-node -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}):
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" io.warden.node.fuzz.FuzzSeeds
 * </pre>
 * The {@code v1-seed-*} files are the same seeds as written at protocol version 1, kept because a node still reads
 * version 1 frames.
 */
public final class FuzzSeeds
{
    private FuzzSeeds()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final List<byte[]> frames = frames();
        final List<byte[]> sequences = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++)
        {
            sequences.add(FuzzCorpus.sequence(frames.get(i), frames.get((i + 7) % frames.size())));
        }
        final Path base = Path.of("src/test/resources/io/warden/node/fuzz/CommandAdapterFuzzTestInputs");
        FuzzCorpus.writeSeeds(base.resolve("gatewayAndNodeAgreeOnWhatIsReadable"), frames);
        FuzzCorpus.writeSeeds(base.resolve("framesNeverEscapeAndBadOnesChangeNothing"), sequences);
        System.out.println(frames.size() + " seeds written under " + base.toAbsolutePath());
    }

    static List<byte[]> frames()
    {
        final List<byte[]> frames = new ArrayList<>(RequestSamples.clusterRequests());
        frames.addAll(RequestSamples.gatewayRequests());
        frames.add(FuzzCorpus.truncated(frames.get(13), 3));
        frames.add(FuzzCorpus.patched(frames.get(14), 6, 9));
        return frames;
    }
}
