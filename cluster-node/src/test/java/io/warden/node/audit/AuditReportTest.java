package io.warden.node.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report over an audit stream: who held a lock at a time (an exclusive holder, several shared ones, nobody
 * between a release and the next grant), and which events each filter selects.
 */
final class AuditReportTest
{
    private static final List<AuditEvent> AUDIT = List.of(
        new AuditEvent.SessionOpened(100, 1_000, 7, 10_000),
        new AuditEvent.SessionOpened(200, 1_000, 8, 10_000),
        new AuditEvent.Granted(300, 2_000, "orders", 7, 11, true),
        new AuditEvent.Released(400, 3_000, "orders", 7, 11, AuditEvent.Cause.CLIENT),
        new AuditEvent.Granted(500, 4_000, "reports", 7, 12, false),
        new AuditEvent.Granted(600, 4_500, "reports", 8, 13, false),
        new AuditEvent.Released(700, 5_000, "reports", 7, 12, AuditEvent.Cause.SESSION_END),
        new AuditEvent.SessionEnded(700, 5_000, 7, AuditEvent.EndCause.EXPIRED));
    private static final List<AuditEvent.KeyChanged> KEYS = List.of(
        new AuditEvent.KeyChanged(350, 2_500, "/config/a", 14, Change.Type.PUT, 8),
        new AuditEvent.KeyChanged(650, 4_600, "/other", 15, Change.Type.DELETE, 7));

    private final AuditReport report = new AuditReport(AUDIT, KEYS);

    @Test
    void holdersAtATime()
    {
        assertEquals(List.of(), report.holdersAt("orders", 1_999));
        assertEquals(List.of(AUDIT.get(2)), report.holdersAt("orders", 2_000), "granted at that very time");
        assertEquals(List.of(AUDIT.get(2)), report.holdersAt("orders", 2_999));
        assertEquals(List.of(), report.holdersAt("orders", 3_000), "released at that time");
        assertEquals(List.of(AUDIT.get(4), AUDIT.get(5)), report.holdersAt("reports", 4_700), "two shared holders");
        assertEquals(List.of(AUDIT.get(5)), report.holdersAt("reports", 6_000));
    }

    @Test
    void filtersSelectInLogOrder()
    {
        assertEquals(List.of(AUDIT.get(2), AUDIT.get(3)), report.select(AuditReport.Filter.lock("orders")));
        assertEquals(List.of(KEYS.get(0)), report.select(new AuditReport.Filter(null, "/config/", 0, false)));
        final List<AuditEvent> seven = report.select(new AuditReport.Filter(null, null, 7, false));
        assertEquals(List.of(AUDIT.get(0), AUDIT.get(2), AUDIT.get(3), AUDIT.get(4), KEYS.get(1), AUDIT.get(6),
            AUDIT.get(7)), seven);
        assertEquals(10, report.select(AuditReport.Filter.everything()).size());
    }

    @Test
    void linesNameWhatHappenedAndJsonEscapes()
    {
        assertEquals("1970-01-01T00:00:02Z pos 300 GRANT   lock orders session 7 token 11 exclusive",
            AuditReport.text(AUDIT.get(2)));
        assertTrue(AuditReport.text(AUDIT.get(6)).endsWith("(its session ended)"));
        final String json = AuditReport.json(new AuditEvent.Granted(1, 2, "a \"quoted\" lock", 3, 4, false));
        assertEquals("{\"timeMs\":2,\"time\":\"1970-01-01T00:00:00.002Z\",\"position\":1,\"event\":\"grant\"," +
            "\"lock\":\"a \\\"quoted\\\" lock\",\"session\":3,\"token\":4,\"exclusive\":false}", json);
    }
}
