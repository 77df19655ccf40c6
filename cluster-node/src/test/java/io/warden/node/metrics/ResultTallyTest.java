package io.warden.node.metrics;

import io.warden.node.domain.Key;
import io.warden.node.domain.Request;
import io.warden.node.service.EgressResponder;
import io.warden.schema.protocol.ErrorResponseDecoder;
import io.warden.schema.protocol.LockEventDecoder;
import io.warden.schema.protocol.ProgressDecoder;
import io.warden.schema.protocol.PutDecoder;
import io.warden.schema.protocol.ResultCode;
import io.warden.schema.protocol.SessionEventDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ResultTallyTest
{
    private final ResultTally requests = new ResultTally(MetricCounters.REQUESTS_TYPE_ID, "requests", 0);
    private final ResultTally events = new ResultTally(MetricCounters.EVENTS_TYPE_ID, "events", 0);
    private final EgressResponder responder =
        new EgressResponder((route, buffer, offset, length) -> { }, 64 * 1024, requests, events);

    @Test
    void countsEveryAnswerByRequestTypeAndTheResultItCarries()
    {
        final Request put = new Request().set(PutDecoder.TEMPLATE_ID, 1, 10, 5, 1, 0);
        responder.put(put, ResultCode.OK, 7, 7, 1);
        responder.put(put, ResultCode.OK, 8, 7, 2);
        responder.reject(put, ResultCode.QUOTA_EXCEEDED);
        responder.progress(new Request().set(ProgressDecoder.TEMPLATE_ID, 1, 11, 0, 0, 0), 8);
        responder.error(1, 12, ResultCode.MALFORMED, 99);

        assertEquals(2, requests.countOf(PutDecoder.TEMPLATE_ID, ResultCode.OK.value()));
        assertEquals(1, requests.countOf(PutDecoder.TEMPLATE_ID, ResultCode.QUOTA_EXCEEDED.value()));
        assertEquals(1, requests.countOf(ProgressDecoder.TEMPLATE_ID, ResultCode.OK.value()));
        assertEquals(1, requests.countOf(99, ResultCode.MALFORMED.value()), "an unknown request is counted by its id");
        assertEquals(0, requests.countOf(ErrorResponseDecoder.TEMPLATE_ID, ResultCode.MALFORMED.value()));
    }

    @Test
    void countsEventsByTypeAndCode()
    {
        responder.lockEnded(1, 5, 3, ResultCode.OK, 42, Key.of("/locks/a"));
        responder.lockEnded(1, 5, 4, ResultCode.TIMED_OUT, 0, Key.of("/locks/a"));
        responder.sessionEnded(0, 5, ResultCode.SESSION_EXPIRED);

        assertEquals(1, events.countOf(LockEventDecoder.TEMPLATE_ID, ResultCode.OK.value()));
        assertEquals(1, events.countOf(LockEventDecoder.TEMPLATE_ID, ResultCode.TIMED_OUT.value()));
        assertEquals(1, events.countOf(SessionEventDecoder.TEMPLATE_ID, ResultCode.SESSION_EXPIRED.value()));
        assertEquals(0, requests.countOf(LockEventDecoder.TEMPLATE_ID, ResultCode.OK.value()));
    }
}
