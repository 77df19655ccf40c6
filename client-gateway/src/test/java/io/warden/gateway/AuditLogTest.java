package io.warden.gateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class AuditLogTest
{
    @Test
    void aFloodIsCutToTheRateAndTheNextLineSaysHowManyWereLeftOut()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AuditLog audit = new AuditLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), 3);
        for (int i = 0; i < 100; i++)
        {
            audit.record(1_000 + i, "login refused", "connection " + i, "bad user or password");
        }
        assertEquals(AuditLog.MAX_LINES_PER_SECOND, audit.written());
        assertEquals(100 - AuditLog.MAX_LINES_PER_SECOND, audit.suppressed());
        audit.record(2_000_000_000L, "admin request", "connection 7 (cli, user root)", "template 304");
        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(AuditLog.MAX_LINES_PER_SECOND + 1, lines.size());
        assertEquals("warden-gateway-3 audit: login refused connection 0: bad user or password", lines.get(0));
        final String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith(
            "warden-gateway-3 audit: admin request connection 7 (cli, user root): template 304"), last);
        assertTrue(last.endsWith("(" + (100 - AuditLog.MAX_LINES_PER_SECOND) + " earlier events not logged)"), last);
        assertEquals(0, audit.suppressed());
    }
}
