package io.warden.gateway;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.warden.schema.MessageNames;
import io.warden.schema.ResultCodes;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Latency of every client request as the gateway sees it, from the frame in to the answer queued for the client,
 * by request type and result: {@code warden_gateway_request_duration_seconds}, a classic Prometheus histogram with
 * fixed buckets (its {@code _count} is the number of requests by type and result). Requests the gateway answers
 * itself (refused, rate limited, unreadable) are recorded with a duration of 0. The label lookup is cached per
 * (type, result), so a request costs one primitive-map lookup and one histogram observation, without allocation.
 * <pre>{@code
 * RequestLatency latency = new RequestLatency(registry);
 * latency.record(PutDecoder.TEMPLATE_ID, ResultCode.OK.value(), nowNs - request.createdNs); // agent thread
 * }</pre>
 */
final class RequestLatency
{
    /** Bucket bounds in seconds: 100 µs to 10 s, denser where a healthy cell answers (around a millisecond). */
    static final double[] BUCKETS_SECONDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

    private static final double NANOS_PER_SECOND = 1e9;

    private final Histogram histogram;
    private final Long2ObjectHashMap<DistributionDataPoint> byTypeAndResult = new Long2ObjectHashMap<>();

    RequestLatency(final PrometheusRegistry registry)
    {
        histogram = Histogram.builder()
            .name("warden_gateway_request_duration_seconds")
            .help("Client requests by type and result, from the request in to the answer out, at the gateway")
            .labelNames("type", "result")
            .classicOnly()
            .classicUpperBounds(BUCKETS_SECONDS)
            .withoutExemplars()
            .register(registry);
    }

    /**
     * @param templateId the request's template id.
     * @param code       the answer's {@code ResultCode} value, or {@link ResultCodes#NOT_A_RESPONSE}.
     * @param durationNs from the request in to the answer out.
     */
    void record(final int templateId, final int code, final long durationNs)
    {
        final long key = ((long)templateId << 32) | (code & 0xFFFF_FFFFL);
        DistributionDataPoint dataPoint = byTypeAndResult.get(key);
        if (null == dataPoint)
        {
            dataPoint = histogram.labelValues(MessageNames.of(templateId), ResultCodes.nameOf(code));
            byTypeAndResult.put(key, dataPoint);
        }
        dataPoint.observe(durationNs / NANOS_PER_SECOND);
    }
}
