package io.warden.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class LocalAddressTest
{
    @Test
    void aGatewayOnLoopbackIsAnsweredOnLoopback()
    {
        assertEquals("127.0.0.1", LocalAddress.towards("127.0.0.1:7000"));
    }

    @Test
    void whatCannotBeResolvedFallsBackToLoopback()
    {
        assertEquals("127.0.0.1", LocalAddress.towards("no-port"));
        assertEquals("127.0.0.1", LocalAddress.towards("127.0.0.1:not-a-port"));
    }
}
