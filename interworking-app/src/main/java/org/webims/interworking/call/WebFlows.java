package org.webims.interworking.call;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletMessage;

/**
 * Which answered calls ride on which web user's WebSocket connection (RFC 7118), by the client's
 * address and port: when that connection closes, the server cannot reach the client again (RFC 7118
 * §5: no inbound connection to a WebSocket client), so those calls end toward the IMS (decision 0091).
 * A call's session leaves its connection's set when the connection closes, or when found ended.
 */
final class WebFlows {

    /** The timer's info that ends a call whose web user's WebSocket closed. */
    record Closed(String client) implements Serializable {
    }

    private final Map<InetSocketAddress, Set<SipApplicationSession>> byClient = new ConcurrentHashMap<>();

    /** Notes that {@code message}'s call rides on the WebSocket connection it came over; others are ignored. */
    void track(SipServletMessage message) {
        InetSocketAddress client = clientOf(message);
        if (client == null) {
            return;
        }
        Set<SipApplicationSession> sessions = byClient.computeIfAbsent(client, c -> ConcurrentHashMap.newKeySet());
        sessions.removeIf(s -> !s.isValid()); // ended calls leave as new ones come
        sessions.add(message.getApplicationSession());
    }

    /** The live calls on the closed connection from {@code client}, forgotten here. */
    List<SipApplicationSession> closed(InetSocketAddress client) {
        Set<SipApplicationSession> sessions = byClient.remove(client);
        return sessions == null ? List.of() : sessions.stream().filter(SipApplicationSession::isValid).toList();
    }

    /** Connections with calls noted (some may have ended meanwhile). */
    int connections() {
        return byClient.size();
    }

    /** The client end of the WebSocket connection a message came over, or null for another transport. */
    static InetSocketAddress clientOf(SipServletMessage message) {
        String transport = message.getTransport();
        String address = message.getRemoteAddr();
        if (transport == null || address == null || !transport.toUpperCase(Locale.ROOT).startsWith("WS")) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(address), message.getRemotePort()); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
