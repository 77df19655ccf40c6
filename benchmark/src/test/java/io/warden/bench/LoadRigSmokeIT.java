package io.warden.bench;

import io.warden.bench.report.ReportWriter;
import io.warden.bench.report.RunSummary;
import io.warden.bench.targets.TargetEnvironment;
import io.warden.bench.targets.warden.EmbeddedWardenDeployment;
import io.warden.bench.targets.warden.WardenTarget;
import io.warden.bench.workload.Progress;
import io.warden.bench.workload.WorkloadResult;
import io.warden.bench.workload.WorkloadSettings;
import io.warden.bench.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rig's own smoke test, so it cannot rot: every workload for a couple of seconds, 3 clients, watch-fanout with 100
 * watchers, against the {@code warden} target embedded in this JVM (TestCluster + gateway; the session-expiry
 * holder is a real child JVM), then checks that every output exists and holds sane numbers: operations done, no
 * errors where no fault was injected, no safety violation, nothing lost in failover.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
final class LoadRigSmokeIT
{
    @Test
    void everyWorkloadRunsAgainstEmbeddedWardenAndWritesSaneReports(@TempDir final Path out) throws Exception
    {
        final WorkloadSettings settings = new WorkloadSettings()
            .clients(3)
            .durationMs(2_000)
            .warmupMs(500)
            .watcherCounts(100)
            .minWatchConnections(2)
            .watchUpdates(10)
            .watchUpdateRateHz(20)
            .ttlMs(1_000)
            .expiryTrials(1)
            .failoverDurationMs(6_000);
        final TargetEnvironment working = TargetEnvironment.fromWorkingDirectory();
        final TargetEnvironment environment = new TargetEnvironment(working.repoDir(),
            Path.of("target", "bench-it").toAbsolutePath(), working.classpath());
        final EmbeddedWardenDeployment deployment = new EmbeddedWardenDeployment();

        final RunSummary summary;
        try (Progress progress = new Progress(System.err, 1_000))
        {
            summary = new Rig(settings, environment, out, progress)
                .command("LoadRigSmokeIT")
                .run(List.of(() -> new WardenTarget(deployment)), Workloads.byNames(List.of("all")));
        }

        assertEquals(0, deployment.serviceErrors(), "service errors on the embedded nodes");
        final Map<String, WorkloadResult> byKey = summary.results().stream()
            .collect(Collectors.toMap(WorkloadResult::key, result -> result));
        assertEquals(List.of("lock-uncontended", "lock-contended", "kv-put", "kv-get-linearizable",
            "watch-fanout-100", "session-expiry", "mixed", "failover"),
            summary.results().stream().map(WorkloadResult::key).toList());
        for (final WorkloadResult result : summary.results())
        {
            assertFalse(result.isSkipped(), result + ": " + result.skippedReason());
            assertTrue(result.ops() > 0, result + " did nothing");
            assertNotNull(result.histograms().get(result.primaryOp()), result + " has no primary histogram");
            assertTrue(result.histograms().get(result.primaryOp()).getValueAtPercentile(50) > 0, result + " p50");
            if (!"failover".equals(result.workload()))
            {
                assertEquals(0, result.errors(), result + " errors, notes " + result.notes());
            }
            assertTrue(result.durability().contains("majority"), result.durability());
        }

        assertEquals(0L, byKey.get("lock-contended").metrics().get("exclusionViolations"));
        assertEquals(0L, byKey.get("lock-contended").metrics().get("tokenViolations"));
        assertTrue(byKey.get("lock-contended").metrics().get("grantsPerSec").doubleValue() > 0);
        final WorkloadResult watch = byKey.get("watch-fanout-100");
        assertEquals(0L, watch.metrics().get("missedUpdates"), "missed watch updates");
        assertEquals(100L * 10, watch.ops(), "deliveries");
        final WorkloadResult expiry = byKey.get("session-expiry");
        assertEquals(0L, expiry.metrics().get("exclusionViolations"));
        assertEquals(0L, expiry.metrics().get("tokenViolations"));
        assertTrue(expiry.metrics().get("takeoverMinMs").doubleValue() > 0);
        final WorkloadResult failover = byKey.get("failover");
        assertEquals(0L, failover.metrics().get("lostWrites"), "acknowledged writes lost: " + failover.notes());
        assertEquals(0, failover.metrics().get("unrecoveredClients").intValue(), failover.notes().toString());
        assertTrue(failover.metrics().get("recoveryMs").doubleValue() > 0);

        final String text = Files.readString(out.resolve(ReportWriter.SUMMARY_TXT), StandardCharsets.UTF_8);
        assertTrue(text.contains("kv-put") && text.contains("majority"), text);
        final String json = Files.readString(out.resolve(ReportWriter.SUMMARY_JSON), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"workload\": \"failover\"") && json.contains("\"p999Ms\""), json);
        final String html = Files.readString(out.resolve(ReportWriter.REPORT_HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg") && html.contains("watch-fanout-100") && !html.contains("<script"));
        for (final String file : List.of("warden-kv-put-put.hgrm", "warden-lock-uncontended-cycle.hgrm",
            "warden-watch-fanout-100-notify.hgrm", "warden-watch-fanout-100-write.hgrm",
            "warden-session-expiry-takeover.hgrm", "warden-failover-put.hgrm"))
        {
            final String hgrm = Files.readString(out.resolve(file), StandardCharsets.US_ASCII);
            assertTrue(hgrm.contains("Percentile") && hgrm.contains("#[Max"), file + ":\n" + hgrm);
        }
    }

    @Test
    void theAuthenticatedTargetLogsItsClientsInAndRunsWithoutErrors(@TempDir final Path out) throws Exception
    {
        final WorkloadSettings settings = new WorkloadSettings().clients(2).durationMs(1_500).warmupMs(300)
            .ttlMs(1_000).expiryTrials(1);
        final TargetEnvironment working = TargetEnvironment.fromWorkingDirectory();
        final TargetEnvironment environment = new TargetEnvironment(working.repoDir(),
            Path.of("target", "bench-it-auth").toAbsolutePath(), working.classpath());
        final EmbeddedWardenDeployment deployment = new EmbeddedWardenDeployment();
        final RunSummary summary;
        try (Progress progress = new Progress(System.err, 1_000))
        {
            summary = new Rig(settings, environment, out, progress)
                .command("LoadRigSmokeIT auth")
                .run(List.of(() -> new WardenTarget(Targets.WARDEN_AUTH_NAME, deployment, true)),
                    Workloads.byNames(List.of("kv-put", "lock-uncontended", "session-expiry")));
        }
        assertEquals(0, deployment.serviceErrors(), "service errors on the embedded nodes");
        assertEquals(List.of("lock-uncontended", "kv-put", "session-expiry"),
            summary.results().stream().map(WorkloadResult::key).toList());
        for (final WorkloadResult result : summary.results())
        {
            assertEquals(Targets.WARDEN_AUTH_NAME, result.target());
            assertFalse(result.isSkipped(), result + ": " + result.skippedReason());
            assertTrue(result.ops() > 0, result + " did nothing");
            assertEquals(0, result.errors(), result + " errors, notes " + result.notes());
        }
    }
}
