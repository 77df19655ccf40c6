package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ResponseHostDefaultTest
{
    @Test
    void anExplicitHostWinsAndTheDefaultFollowsTheFirstGateway()
    {
        assertEquals("10.0.0.9", new WardenClient.Context().responseHost("10.0.0.9").responseHost());
        assertEquals("127.0.0.1", new WardenClient.Context()
            .gatewayEndpoints(List.of("127.0.0.1:7000", "10.0.0.2:7000")).responseHost());
    }
}
