package org.webims.sip.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The proxy session id travels in a Record-Route URI parameter and must come back unchanged. */
class ProxyRouteTest {
    @Test
    void sessionIdSurvivesTheRouteParameterEncoding() {
        String id = "my app-1;x7 ü";
        String encoded = ProxyRoute.encode(id);
        assertTrue(encoded.matches("[A-Za-z0-9._%-]+"), encoded);
        assertEquals(id, ProxyRoute.decode(encoded));
    }

    @Test
    void malformedParameterNamesNoSession() {
        assertNull(ProxyRoute.decode("abc%4"));
        assertNull(ProxyRoute.decode("a+b"));
    }
}
