package org.webims.webrtc.iceservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RTCIceServer array (W3C webrtc-pc §4.2.1) written for browsers. */
class IceServersJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noServersIsAnEmptyArray() {
        assertEquals("[]", IceServers.NONE.json(null));
    }

    @Test
    void stunUrlsGoWithoutAndTurnUrlsWithTheIssuedCredential() throws Exception {
        IceServers servers = new IceServers(List.of(IceServerUrl.parse("stun:s.example.net")),
                List.of(IceServerUrl.parse("turn:t.example.net?transport=udp"), IceServerUrl.parse("turns:t.example.net:443")),
                new TurnRestCredentials("north-wind-secret", Duration.ofDays(1), TurnRestCredentialsTest.AT_1700000000));
        JsonNode json = JSON.readTree(servers.json("alice"));
        assertEquals(2, json.size());
        assertEquals("[\"stun:s.example.net:3478\"]", json.get(0).get("urls").toString());
        assertEquals(1, json.get(0).size(), "a STUN entry has no credential");
        assertEquals("[\"turn:t.example.net:3478?transport=udp\",\"turns:t.example.net:443\"]",
                json.get(1).get("urls").toString());
        assertEquals("1700086400:alice", json.get(1).get("username").asText());
        assertEquals("B4h6iVPKLBEfsWdDRuUeZl3vUbo=", json.get(1).get("credential").asText());
    }

    @Test
    void staticCredentialsAreHandedOutAsConfigured() throws Exception {
        IceServers servers = new IceServers(List.of(), List.of(IceServerUrl.parse("turn:t.example.net")),
                TurnCredentials.fixed("carrier", "pa\"ss"));
        JsonNode json = JSON.readTree(servers.json(null));
        assertEquals("carrier", json.get(0).get("username").asText());
        assertEquals("pa\"ss", json.get(0).get("credential").asText());
    }

    @Test
    void aUserNameThatCouldBreakTheTurnUsernameIsRefused() {
        IceServers servers = new IceServers(List.of(), List.of(IceServerUrl.parse("turn:t.example.net")),
                TurnCredentials.fixed("u", "p"));
        for (String bad : List.of("", "a:b", "a b", "x".repeat(65), "<script>")) {
            assertThrows(IllegalArgumentException.class, () -> servers.json(bad), bad);
        }
    }

    @Test
    void turnUrlsWithoutCredentialsOrCredentialsWithoutTurnUrlsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new IceServers(List.of(), List.of(IceServerUrl.parse("turn:t.example.net")), null));
        assertThrows(IllegalArgumentException.class,
                () -> new IceServers(List.of(), List.of(), TurnCredentials.fixed("u", "p")));
        assertThrows(IllegalArgumentException.class,
                () -> new IceServers(List.of(IceServerUrl.parse("turn:t.example.net")), List.of(), null));
    }
}
