package org.webims.webrtc.iceservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** STUN and TURN URLs as RFC 7064 §3.1 and RFC 7065 §3.1 write them, and what they refuse. */
class IceServerUrlTest {

    @Test
    void takesTheFourSchemesWithDefaultPortsAndTransports() {
        assertEquals("stun:stun.example.net:3478", IceServerUrl.parse("stun:stun.example.net").toString());
        assertEquals("stuns:stun.example.net:5349", IceServerUrl.parse("STUNS:stun.example.net").toString());
        assertEquals("turn:192.0.2.7:3478?transport=udp", IceServerUrl.parse(" turn:192.0.2.7?transport=udp ").toString());
        assertEquals("turns:[2001:db8::7]:443?transport=tcp",
                IceServerUrl.parse("turns:[2001:db8::7]:443?transport=TCP").toString());
        assertTrue(IceServerUrl.parse("turn:t.example.net").isTurn());
        assertFalse(IceServerUrl.parse("stun:t.example.net").isTurn());
    }

    @Test
    void refusesWhatTheRfcsDoNotHaveSayingWhy() {
        for (String bad : List.of("http://example.net", "turn://t.example.net", "turn:user@t.example.net",
                "turn:t.example.net/path", "turn:", "turn:t.example.net:0", "turn:t.example.net:65536",
                "turn:t.example.net:34x", "turn:t.example.net?transport=sctp", "stun:s.example.net?transport=udp",
                "turn:[192.0.2.1]:3478", "turn:300.1.1.1", "turn:bad_host!", "stun:-lead.example.net")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IceServerUrl.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.strip()), e.getMessage());
        }
    }
}
