package org.webims.interworking.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A closed WebSocket connection takes the bindings it carried with it (decision 0091, RFC 7118 §5):
 * those whose contact the container pointed at that connection's client address and port, and no other.
 */
class RegistrationsDropConnectionTest {

    static final long LATER = System.nanoTime() + 3_600_000_000_000L;

    static Binding binding(String contactUri, String instance) {
        return new Binding("<" + contactUri + ">", contactUri, instance, instance == null ? 0 : 1, LATER);
    }

    @Test
    void theConnectionsBindingsGoAndOthersStay() throws Exception {
        Registrations r = new Registrations();
        r.update("alice", List.of(binding("sip:k3j@127.0.0.1:50001;transport=ws", "<urn:uuid:a>"),
                binding("sip:x8q@127.0.0.1:50002;transport=ws", "<urn:uuid:b>")), List.of(), false);
        r.update("bob", List.of(binding("sip:bob@127.0.0.1:50001;transport=ws;ob", null)), List.of(), false);
        r.update("carol", List.of(binding("sip:carol@[::1]:50003;transport=ws", null)), List.of(), false);

        assertEquals(2, r.dropConnection(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 50001)));
        assertEquals(1, r.bindings("alice").size(), "alice's other tab stays");
        assertTrue(r.bindings("alice").get(0).contactUri().contains(":50002"));
        assertFalse(r.isRegistered("bob"), "bob's only binding went");
        assertEquals(1, r.dropConnection(new InetSocketAddress(InetAddress.getByName("0:0:0:0:0:0:0:1"), 50003)),
                "an IPv6 contact matches its connection written another way");
        assertEquals(0, r.dropConnection(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 50002)),
                "another address, same port: nothing");
        assertEquals(1, r.users());
    }

    @Test
    void aContactWithoutAPortOrOnANameIsNotTheConnections() throws Exception {
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5060);
        assertFalse(binding("sip:a@127.0.0.1;transport=ws", null).reachedThrough(client), "no port written");
        assertFalse(binding("sip:a@localhost:5060", null).reachedThrough(client), "a name is never looked up");
        assertTrue(binding("sips:a@127.0.0.1:5060;transport=wss", null).reachedThrough(client));
    }
}
