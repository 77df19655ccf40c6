package io.warden.gateway;

import io.warden.schema.FuzzCorpus;
import io.warden.schema.RequestSamples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seed inputs of {@link GatewayFrameFuzzTest} into
 * {@code src/test/resources/io/warden/gateway/GatewayFrameFuzzTestInputs/...}: every client request, well formed and
 * damaged (cut short, a bad version, template or block length, a length field pointing past the frame, a group with
 * empty entries, a trailing byte, flipped bits), a {@code FrameBatch} (which a client may not send), and all the
 * well-formed frames in one input. They are the regression corpus of the normal build and where fuzzing starts. Run
 * from client-gateway/ after changing the protocol (the class path file comes from {@code mvn -pl client-gateway -am
 * test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}):
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" io.warden.gateway.GatewayFuzzSeeds
 * </pre>
 */
public final class GatewayFuzzSeeds
{
    private GatewayFuzzSeeds()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final List<byte[]> frames = new ArrayList<>(RequestSamples.clusterRequests());
        frames.addAll(RequestSamples.gatewayRequests());
        frames.add(FuzzCorpus.batch(frames.get(13), frames.get(14)));

        final List<byte[]> inputs = FuzzCorpus.seeds(frames);
        final Path directory = Path.of(
            "src/test/resources/io/warden/gateway/GatewayFrameFuzzTestInputs/everyFrameIsRefusedOrForwardedIntact");
        FuzzCorpus.writeSeeds(directory, inputs);
        System.out.println(inputs.size() + " seeds written under " + directory.toAbsolutePath());
    }
}
